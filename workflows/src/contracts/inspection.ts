// The inspection lifecycle's contract: ID, inputs, updates and queries.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { compareDates, parseDate } from '../calendar.ts';
import type { DeadlinePolicy } from '../workflows/deadlines.ts';
import type { ActorClaim, ActorRole } from './common.ts';

/** Who may cancel an inspection: the committee or an inspector over the target's parent unit. */
export const INSPECTION_CANCEL_ROLES: readonly ActorRole[] = ['STEERING', 'INSPECTOR'];

/** One workflow per inspection; deriving the ID from the inspection makes every start idempotent. */
export const inspectionWorkflowId = (inspectionId: string): string => `inspection-${inspectionId}`;

export type InspectionKind = 'ANNOUNCED' | 'SURPRISE' | 'SELF';
export type InspectionStatus = 'PLANNED' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';
export type ChecklistResult = 'PASS' | 'FAIL' | 'NOT_APPLICABLE';
export type FindingSeverity = 'INFO' | 'MINOR' | 'MAJOR' | 'CRITICAL';
/** The severities that may require correction (INFO never does). */
export type CorrectableSeverity = Exclude<FindingSeverity, 'INFO'>;

export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['INFO', 'MINOR', 'MAJOR', 'CRITICAL'];
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['PASS', 'FAIL', 'NOT_APPLICABLE'];

/** Working days a unit has to correct a finding, counted from the day the inspection closes. */
export const defaultCorrectionWorkingDays: Record<CorrectableSeverity, number> = {
  CRITICAL: 5,
  MAJOR: 10,
  MINOR: 20,
};

/** The hour (Vietnam time) at which an inspection starts on its day: 08:00 = 01:00 UTC. */
export const INSPECTION_START_HOUR = 8;

/** Longest window a surprise inspection may pick its day in. */
export const MAX_SURPRISE_WINDOW_DAYS = 366;

/** Stable failure types; the API maps each to a typed GraphQL error. */
export const InspectionFailure = {
  /** The command does not apply in the inspection's current status. */
  WrongStatus: 'InspectionWrongStatus',
  /** Only the inspection's own inspectors may do this. */
  NotAnInspector: 'InspectionNotAnInspector',
  /** A field of the command (or of the start input) is out of range; the message names it. */
  InvalidInput: 'InspectionInvalidInput',
  /** A cancellation needs its reason. */
  ReasonRequired: 'InspectionReasonRequired',
  /**
   * A checklist result made on a value that is no longer the item's: someone recorded another
   * result or note since. The failure's details hold the item's current `ChecklistItemValue`.
   */
  ChecklistItemChanged: 'InspectionChecklistItemChanged',
} as const;

export interface InspectorInput {
  userId: string;
  /** The lead inspector; at most one. */
  lead?: boolean;
}

/** Start input of `inspection-<id>`, the API's "schedule an inspection" command. */
export interface PlanInspectionInput {
  inspectionId: string;
  kind: InspectionKind;
  targetUnitId: string;
  title: string;
  /**
   * ANNOUNCED / SELF: the day it happens, known to the target unit. SURPRISE: leave it out and
   * the workflow picks a working day inside the window (an inspector may fix it by Update).
   */
  scheduledOn?: string | null;
  /** SURPRISE: the window, e.g. a quarter. Defaults to scheduledOn for the other kinds. */
  windowStart?: string | null;
  windowEnd?: string | null;
  inspectors: InspectorInput[];
  /** The checklist, in order. */
  checklist: string[];
  /** The steering member who scheduled it. */
  actorId: string;
  /** Working days to correct a finding by severity; defaults CRITICAL 5, MAJOR 10, MINOR 20. */
  correctionWorkingDays?: Partial<Record<CorrectableSeverity, number>>;
  /** Reminder and escalation timing of the corrective actions closing starts. */
  correctiveDeadlines?: Partial<DeadlinePolicy>;
  /** The checklist template its items were copied from, if any (kept on the row only). */
  templateId?: string | null;
}

export interface ChecklistItemState {
  id: string;
  text: string;
  result: ChecklistResult | null;
  note: string | null;
}

export interface FindingState {
  id: string;
  severity: FindingSeverity;
  description: string;
  requiresCorrection: boolean;
  checklistItemId: string | null;
  criterionId: string | null;
  recordedById: string;
}

/** A corrective-action workflow started when the inspection closed. */
export interface StartedCorrective {
  correctiveActionId: string;
  findingId: string;
  workflowId: string;
  severity: CorrectableSeverity;
  dueDate: string;
}

export interface InspectionState {
  inspectionId: string;
  kind: InspectionKind;
  status: InspectionStatus;
  targetUnitId: string;
  windowStart: string;
  windowEnd: string;
  scheduledOn: string;
  /** False for a surprise inspection until it starts. */
  visibleToTarget: boolean;
  inspectorIds: string[];
  checklist: ChecklistItemState[];
  findings: FindingState[];
  corrective: StartedCorrective[];
  /** Every command recorded so far; numbers the next command's event ID. */
  commandCount: number;
}

interface InspectorCommand {
  /** Must be one of the inspection's inspectors. */
  actorId: string;
}

export interface ScheduleInspectionInput extends InspectorCommand {
  /** The new day; for a surprise inspection a working day inside its window. */
  date: string;
}

export type StartInspectionInput = InspectorCommand;

/** A checklist item's result and note (its photos only add up, so they never conflict). */
export interface ChecklistItemValue {
  result: ChecklistResult | null;
  note: string | null;
}

export interface RecordChecklistResultInput extends InspectorCommand {
  checklistItemId: string;
  result: ChecklistResult;
  note?: string | null;
  /** Photos of the item: the actor's own uploads for this inspection, not attached yet. */
  evidenceIds?: string[];
  /**
   * The item's value the inspector saw when making the change (an offline device's page, or
   * its own earlier change of the item). Given, the change is refused with ChecklistItemChanged
   * when the item holds neither this value nor the change's own: someone else recorded another
   * meanwhile, and overwriting it would lose their work. Left out: no check (older clients,
   * histories recorded before).
   */
  base?: ChecklistItemValue | null;
}

/** A note as the inspection keeps it: blank is none. */
const keptNote = (note: string | null | undefined): string | null => (note?.trim() ? note.trim() : null);

/** Whether two checklist values are the same (notes compared as kept, surrounding blanks aside). */
export const sameChecklistValue = (a: ChecklistItemValue, b: ChecklistItemValue): boolean =>
  (a.result ?? null) === (b.result ?? null) && keptNote(a.note) === keptNote(b.note);

/**
 * The compare-and-set rule of an offline change: null when it may be applied to an item holding
 * `current`, else the value that stands in its way (`current`). No base: always applied (as
 * before the rule). The item still holding the base, or holding the change's own value already
 * (the same change arriving again, or the same values recorded by someone else), is applied.
 */
export function checklistConflict(
  current: ChecklistItemValue,
  change: Pick<RecordChecklistResultInput, 'result' | 'note' | 'base'>,
): ChecklistItemValue | null {
  if (!change.base) return null;
  if (sameChecklistValue(current, change.base)) return null;
  if (sameChecklistValue(current, { result: change.result, note: change.note ?? null })) return null;
  return { result: current.result, note: current.note };
}

export interface RecordFindingInput extends InspectorCommand {
  /**
   * The finding's ID, chosen by the client (an offline device's change ID): sent again, even
   * under another request ID, it is recognised and nothing is recorded twice. Left out, the
   * workflow draws one.
   */
  findingId?: string | null;
  severity: FindingSeverity;
  description: string;
  requiresCorrection: boolean;
  criterionId?: string | null;
  checklistItemId?: string | null;
  evidenceIds?: string[];
}

export interface CloseInspectionInput extends InspectorCommand {
  note?: string | null;
}

export interface CancelInspectionInput {
  /** A steering member or an inspector over the target's parent unit. */
  actorId: string;
  /** The actor's role claims; the validator refuses the command without STEERING or INSPECTOR. */
  actorRoles: ActorClaim[];
  reason: string;
}

/**
 * Checks a start input; returns a message naming the first bad field, or null. Pure: the API
 * runs it before starting the workflow, the workflow again before writing anything.
 */
export function inspectionInputProblem(input: PlanInspectionInput): string | null {
  const date = (value: string | null | undefined, field: string): string | null => {
    if (value === null || value === undefined) return null;
    try {
      return parseDate(value);
    } catch {
      throw new RangeError(`${field} must be a date written YYYY-MM-DD.`);
    }
  };
  try {
    if (!input.inspectionId?.trim()) return 'inspectionId is required.';
    if (!['ANNOUNCED', 'SURPRISE', 'SELF'].includes(input.kind)) {
      return 'kind must be ANNOUNCED, SURPRISE or SELF.';
    }
    if (!input.targetUnitId?.trim()) return 'targetUnitId is required.';
    if (!input.title?.trim()) return 'title is required.';
    if (!input.actorId?.trim()) return 'actorId is required.';
    const scheduledOn = date(input.scheduledOn, 'scheduledOn');
    const windowStart = date(input.windowStart, 'windowStart');
    const windowEnd = date(input.windowEnd, 'windowEnd');
    if (input.kind === 'SURPRISE') {
      if (!windowStart || !windowEnd) return 'A surprise inspection needs windowStart and windowEnd.';
      if (compareDates(windowEnd, windowStart) < 0) return 'windowEnd must not be before windowStart.';
      if (compareDates(windowEnd, windowStart) >= MAX_SURPRISE_WINDOW_DAYS) {
        return `A surprise window may span at most ${MAX_SURPRISE_WINDOW_DAYS} days.`;
      }
      if (
        scheduledOn &&
        (compareDates(scheduledOn, windowStart) < 0 || compareDates(scheduledOn, windowEnd) > 0)
      ) {
        return 'scheduledOn must lie inside the window.';
      }
    } else if (!scheduledOn) {
      return `An ${input.kind === 'SELF' ? 'self' : 'announced'} inspection needs scheduledOn.`;
    }
    if (!Array.isArray(input.inspectors) || input.inspectors.length === 0) {
      return 'At least one inspector is required.';
    }
    const ids = input.inspectors.map((inspector) => inspector.userId);
    if (ids.some((id) => !id?.trim())) return 'Every inspector needs a userId.';
    if (new Set(ids).size !== ids.length) return 'An inspector is listed twice.';
    if (input.inspectors.filter((inspector) => inspector.lead).length > 1) {
      return 'At most one inspector leads.';
    }
    if (!Array.isArray(input.checklist) || input.checklist.some((item) => !item?.trim())) {
      return 'Every checklist item needs its text.';
    }
    for (const [severity, days] of Object.entries(input.correctionWorkingDays ?? {})) {
      if (!Number.isInteger(days) || days < 1 || days > 250) {
        return `correctionWorkingDays.${severity} must be a whole number of working days from 1 to 250.`;
      }
    }
    return null;
  } catch (error) {
    return error instanceof RangeError ? error.message : String(error);
  }
}

/** Resolves once the inspection's row is in PostgreSQL, so a caller can read it right away. */
export const inspectionRecordedUpdate = defineUpdate<InspectionState>('inspectionRecorded');
export const scheduleInspectionUpdate = defineUpdate<InspectionState, [ScheduleInspectionInput]>('schedule');
export const startInspectionUpdate = defineUpdate<InspectionState, [StartInspectionInput]>('start');
export const recordChecklistResultUpdate = defineUpdate<InspectionState, [RecordChecklistResultInput]>(
  'recordChecklistResult',
);
export const recordFindingUpdate = defineUpdate<InspectionState, [RecordFindingInput]>('recordFinding');
export const closeInspectionUpdate = defineUpdate<InspectionState, [CloseInspectionInput]>('close');
export const cancelInspectionUpdate = defineUpdate<InspectionState, [CancelInspectionInput]>('cancel');
export const inspectionStateQuery = defineQuery<InspectionState>('inspectionState');
