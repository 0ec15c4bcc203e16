// The task lifecycle's contract: ID, inputs, updates and queries.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeadlinePolicy } from '../workflows/deadlines.ts';
import type { ActorClaim } from './common.ts';

/** One workflow per task; deriving the ID from the task makes every start idempotent. */
export const taskWorkflowId = (taskId: string): string => `task-${taskId}`;

/**
 * NOT_COMPLETED: the plan closed while the task was still open (docs/plan-closing.md); the task
 * keeps the progress it had and its workflow ends.
 */
export type TaskStatus =
  | 'ASSIGNED'
  | 'ACCEPTED'
  | 'IN_PROGRESS'
  | 'SUBMITTED'
  | 'RETURNED'
  | 'COMPLETED'
  | 'CANCELLED'
  | 'NOT_COMPLETED';

export const OPEN_TASK_STATUSES: readonly TaskStatus[] = [
  'ASSIGNED',
  'ACCEPTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'RETURNED',
];

/** Stable failure types; the API maps each to a typed GraphQL error. */
export const TaskFailure = {
  /** The command does not apply in the task's current status. */
  WrongStatus: 'TaskWrongStatus',
  /** A field of the command is out of range; the message names it. */
  InvalidInput: 'TaskInvalidInput',
  /** The task has no running workflow (finished, or never started): it takes no more commands. */
  NotRunning: 'TaskNotRunning',
  /** A report with this requestId was recorded already (by a client not using it as Update ID). */
  DuplicateRequest: 'TaskDuplicateRequest',
  /** Progress may only go down with a stated reason. */
  ProgressBackwards: 'TaskProgressBackwards',
  /** The command comes from a unit the task is not assigned to (or reassigns to the same unit). */
  WrongUnit: 'TaskWrongUnit',
  /** An extension must move the due date later than the current one. */
  ExtensionNotLater: 'TaskExtensionNotLater',
  /** An extension request is already waiting, or none is waiting to be decided. */
  ExtensionPending: 'TaskExtensionPending',
  NoExtensionPending: 'TaskNoExtensionPending',
  /** A return or cancellation needs its reason. */
  ReasonRequired: 'TaskReasonRequired',
} as const;

export interface AssignTaskInput {
  taskId: string;
  planId: string;
  areaId: string;
  criterionId: string | null;
  assigneeUnitId: string;
  title: string;
  description: string;
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
  weight: number;
  indicatorTarget: string | null;
  /** The steering member who assigned it. */
  actorId: string;
  /** Reminder and escalation timing; the defaults are 5 and 1 working days, level 2 after 5. */
  deadlines?: Partial<DeadlinePolicy>;
}

export interface PendingExtension {
  requestedDueDate: string;
  reason: string;
  requestedById: string;
}

export interface TaskState {
  taskId: string;
  status: TaskStatus;
  progress: number;
  dueDate: string;
  assigneeUnitId: string;
  responsibleUserId: string | null;
  /** Progress reports accepted so far; numbers the next report's event ID. */
  reportCount: number;
  /** 0 none, 1 overdue (unit head told), 2 escalated to the steering committee. */
  escalationLevel: number;
  /** Every command recorded so far; numbers the next command's event ID. */
  commandCount: number;
  extension: PendingExtension | null;
  /** Epoch ms of the last deadline event fired for the current due date. */
  deadlineCursor: number;
  /** Progress before the completion report, restored when the report is returned. */
  progressBeforeSubmit: number;
  /** The plan's issuing unit, whose committee commands the task (absent in older runs). */
  issuingUnitId?: string;
  issuingUnitPath?: string;
}

/** Commands from the assignee unit carry the units the actor belongs to. */
interface UnitCommand {
  actorId: string;
  actorUnitIds: string[];
}

export interface AcceptTaskInput extends UnitCommand {
  /** The official who will carry the task out. */
  responsibleUserId: string;
}

export interface ReportProgressInput extends UnitCommand {
  /**
   * The client's ID for this report (a UUID per form). The API also sends it as the Update's ID,
   * so the report's event ID, and with it the ledger, is the same however often it is retried.
   */
  requestId?: string | null;
  /** 0–100. */
  percent: number;
  indicatorValue?: string | null;
  note?: string;
  /** Required when percent is lower than the current progress. */
  reason?: string | null;
  evidenceIds?: string[];
}

export interface SubmitTaskInput extends UnitCommand {
  note: string;
  indicatorValue?: string | null;
  evidenceIds?: string[];
}

/**
 * Commands of the steering committee carry the actor's role claims: the validator refuses the
 * command unless one reaches the plan's issuing unit (ActorFailure.NotAllowed).
 */
interface CommitteeCommand {
  actorId: string;
  actorRoles: ActorClaim[];
}

export interface ReviewTaskInput extends CommitteeCommand {
  outcome: 'ACCEPT' | 'RETURN';
  /** Required when returning. */
  reason?: string | null;
}

export interface RequestExtensionInput extends UnitCommand {
  requestedDueDate: string;
  reason: string;
}

export interface DecideExtensionInput extends CommitteeCommand {
  grant: boolean;
  note?: string | null;
}

export interface ReassignTaskInput extends CommitteeCommand {
  toUnitId: string;
  reason: string;
}

export interface CancelTaskInput extends CommitteeCommand {
  reason: string;
}

/** Resolves once the task's row is in PostgreSQL, so a caller can read it right away. */
export const taskRecordedUpdate = defineUpdate<TaskState>('taskRecorded');
export const acceptTaskUpdate = defineUpdate<TaskState, [AcceptTaskInput]>('accept');
export const reportProgressUpdate = defineUpdate<TaskState, [ReportProgressInput]>('reportProgress');
export const submitTaskUpdate = defineUpdate<TaskState, [SubmitTaskInput]>('submit');
export const reviewTaskUpdate = defineUpdate<TaskState, [ReviewTaskInput]>('review');
export const requestExtensionUpdate = defineUpdate<TaskState, [RequestExtensionInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<TaskState, [DecideExtensionInput]>('decideExtension');
export const reassignTaskUpdate = defineUpdate<TaskState, [ReassignTaskInput]>('reassign');
export const cancelTaskUpdate = defineUpdate<TaskState, [CancelTaskInput]>('cancel');
export const taskStateQuery = defineQuery<TaskState>('taskState');

/**
 * The task's plan has closed (sent by the plan workflow's closing activity): an open task is
 * recorded NOT_COMPLETED, its reminders and escalations stop and its workflow ends. A signal, not
 * an Update, so the sender never waits on the task, and a task that has already finished simply
 * has nothing to receive it. Repeating it changes nothing.
 */
export const planClosedSignal = defineSignal<[PlanClosedInput]>('planClosed');

export interface PlanClosedInput {
  planId: string;
}
