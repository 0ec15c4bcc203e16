// The corrective-action lifecycle's contract: ID, inputs, updates and queries.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeadlinePolicy } from '../workflows/deadlines.ts';
import type { ActorClaim, ActorRole } from './common.ts';
import type { CorrectableSeverity } from './inspection.ts';

/**
 * Who decides on a corrective action (extensions, cancellation): the steering committee or an
 * inspector reaching the responsible unit; reassignment also the administrator (unit mergers).
 */
export const CORRECTIVE_COMMITTEE_ROLES: readonly ActorRole[] = ['STEERING', 'INSPECTOR'];
export const CORRECTIVE_REASSIGN_ROLES: readonly ActorRole[] = ['STEERING', 'INSPECTOR', 'ADMIN'];

/** Decisions on the action carry the actor's role claims, which the validator checks. */
interface DecisionCommand {
  actorId: string;
  actorRoles: ActorClaim[];
}

/** One workflow per corrective action; deriving the ID from the action makes every start idempotent. */
export const correctiveWorkflowId = (correctiveActionId: string): string =>
  `corrective-${correctiveActionId}`;

/**
 * OPEN → SUBMITTED → VERIFIED, or back to OPEN (next round, new due date) when the inspector
 * rejects the remedy; CANCELLED by the steering committee. A rejection shows as the round's
 * verdict (CorrectiveRound.verdict RETURNED) and the `corrective.rejected` audit event.
 */
export type CorrectiveStatus = 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'CANCELLED';

export const OPEN_CORRECTIVE_STATUSES: readonly CorrectiveStatus[] = ['OPEN', 'SUBMITTED'];

/** Working days after verification at which a follow-up inspection takes place by default. */
export const DEFAULT_REINSPECT_AFTER_WORKING_DAYS = 10;

/** Stable failure types; the API maps each to a typed GraphQL error. */
export const CorrectiveFailure = {
  /** The command does not apply in the action's current status. */
  WrongStatus: 'CorrectiveWrongStatus',
  /** A field of the command is out of range; the message names it. */
  InvalidInput: 'CorrectiveInvalidInput',
  /** The command comes from a unit that is not responsible (or reassigns to the same unit). */
  WrongUnit: 'CorrectiveWrongUnit',
  /** Verifying or rejecting is for the inspectors of the inspection that found it. */
  NotAnInspector: 'CorrectiveNotAnInspector',
  /** An extension must move the due date later than the current one. */
  ExtensionNotLater: 'CorrectiveExtensionNotLater',
  /** An extension request is already waiting, or none is waiting to be decided. */
  ExtensionPending: 'CorrectiveExtensionPending',
  NoExtensionPending: 'CorrectiveNoExtensionPending',
  /** A rejection, extension request, reassignment or cancellation needs its reason. */
  ReasonRequired: 'CorrectiveReasonRequired',
} as const;

/** Start input of `corrective-<id>`; closing an inspection starts one per finding to correct. */
export interface OpenCorrectiveInput {
  correctiveActionId: string;
  findingId: string;
  inspectionId: string;
  responsibleUnitId: string;
  severity: CorrectableSeverity;
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
  /** The finding's description, shortened: titles the follow-up inspection. */
  title: string;
  /** The inspectors of the inspection: they verify or reject the remedy. */
  inspectorIds: string[];
  /** The inspector who closed the inspection. */
  actorId: string;
  /** Working days the unit gets again after a rejection, by severity (the inspection's policy). */
  correctionWorkingDays?: Partial<Record<CorrectableSeverity, number>>;
  /** Reminder and escalation timing; defaults as for tasks (5 and 1 working days, level 2 after 5). */
  deadlines?: Partial<DeadlinePolicy>;
}

export interface PendingCorrectiveExtension {
  requestedDueDate: string;
  reason: string;
  requestedById: string;
}

export interface CorrectiveState {
  correctiveActionId: string;
  findingId: string;
  inspectionId: string;
  status: CorrectiveStatus;
  responsibleUnitId: string;
  dueDate: string;
  /** The round of submission and verification under way, from 1. */
  round: number;
  /** 0 none, 1 overdue (unit told), 2 escalated to the steering committee. */
  escalationLevel: number;
  inspectorIds: string[];
  extension: PendingCorrectiveExtension | null;
  /** The reason the last remedy was rejected, until the next submission. */
  lastRejection: string | null;
  reinspect: boolean;
  /** The follow-up inspection started on verification, if any. */
  reinspectionId: string | null;
  /** Every command recorded so far; numbers the next command's event ID. */
  commandCount: number;
  /** Epoch ms of the last deadline event fired for the current due date. */
  deadlineCursor: number;
}

/** Commands from the responsible unit carry the units the actor belongs to. */
interface UnitCommand {
  actorId: string;
  actorUnitIds: string[];
}

export interface SubmitCorrectionInput extends UnitCommand {
  /** What the unit did. */
  remedy: string;
  evidenceIds?: string[];
}

export interface VerifyCorrectionInput {
  /** One of the inspection's inspectors. */
  actorId: string;
  note?: string | null;
  /** Start a follow-up ANNOUNCED inspection of the unit. */
  reinspect?: boolean;
  /** Its day; default DEFAULT_REINSPECT_AFTER_WORKING_DAYS working days after verification. */
  reinspectOn?: string | null;
}

export interface RejectCorrectionInput {
  /** One of the inspection's inspectors. */
  actorId: string;
  reason: string;
  /** The next round's due date; default the severity's working days from today. */
  dueDate?: string | null;
}

export interface RequestCorrectiveExtensionInput extends UnitCommand {
  requestedDueDate: string;
  reason: string;
}

export interface DecideCorrectiveExtensionInput extends DecisionCommand {
  grant: boolean;
  note?: string | null;
}

/** Also sent by the unit-merger workflow, by name ('reassign'). */
export interface ReassignCorrectiveInput extends DecisionCommand {
  toUnitId: string;
  reason: string;
}

export interface CancelCorrectiveInput extends DecisionCommand {
  reason: string;
}

/** Resolves once the action's row is in PostgreSQL, so a caller can read it right away. */
export const correctiveRecordedUpdate = defineUpdate<CorrectiveState>('correctiveRecorded');
export const submitCorrectionUpdate = defineUpdate<CorrectiveState, [SubmitCorrectionInput]>('submit');
export const verifyCorrectionUpdate = defineUpdate<CorrectiveState, [VerifyCorrectionInput]>('verify');
export const rejectCorrectionUpdate = defineUpdate<CorrectiveState, [RejectCorrectionInput]>('reject');
export const requestCorrectiveExtensionUpdate = defineUpdate<
  CorrectiveState,
  [RequestCorrectiveExtensionInput]
>('requestExtension');
export const decideCorrectiveExtensionUpdate = defineUpdate<
  CorrectiveState,
  [DecideCorrectiveExtensionInput]
>('decideExtension');
export const reassignCorrectiveUpdate = defineUpdate<CorrectiveState, [ReassignCorrectiveInput]>('reassign');
export const cancelCorrectiveUpdate = defineUpdate<CorrectiveState, [CancelCorrectiveInput]>('cancel');
export const correctiveStateQuery = defineQuery<CorrectiveState>('correctiveState');
