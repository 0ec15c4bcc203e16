// The task lifecycle's contract: ID, inputs, updates and queries.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** One workflow per task; deriving the ID from the task makes every start idempotent. */
export const taskWorkflowId = (taskId: string): string => `task-${taskId}`;

export type TaskStatus =
  'ASSIGNED' | 'ACCEPTED' | 'IN_PROGRESS' | 'SUBMITTED' | 'RETURNED' | 'COMPLETED' | 'CANCELLED';

/** Stable failure types; the API maps each to a typed GraphQL error. */
export const TaskFailure = {
  /** The command does not apply in the task's current status. */
  WrongStatus: 'TaskWrongStatus',
  /** A field of the command is out of range; the message names it. */
  InvalidInput: 'TaskInvalidInput',
  /** Progress may only go down with a stated reason. */
  ProgressBackwards: 'TaskProgressBackwards',
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
}

export interface TaskState {
  taskId: string;
  status: TaskStatus;
  progress: number;
  dueDate: string;
  assigneeUnitId: string;
  /** Progress reports accepted so far; numbers the next report's event ID. */
  reportCount: number;
}

export interface ReportProgressInput {
  actorId: string;
  /** 0–100. */
  percent: number;
  indicatorValue?: string | null;
  note?: string;
  /** Required when percent is lower than the current progress. */
  reason?: string | null;
}

/** Resolves once the task's row is in PostgreSQL, so a caller can read it right away. */
export const taskRecordedUpdate = defineUpdate<TaskState>('taskRecorded');
export const reportProgressUpdate = defineUpdate<TaskState, [ReportProgressInput]>('reportProgress');
export const taskStateQuery = defineQuery<TaskState>('taskState');
