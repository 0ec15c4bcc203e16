// Changes to the unit tree that move living work: a merger of one unit into another.
import { defineQuery } from '@temporalio/workflow';

/** One merger per merged unit: starting it twice finds the first. */
export const unitMergerWorkflowId = (fromUnitId: string): string => `merger-${fromUnitId}`;

export interface UnitMergerInput {
  fromUnitId: string;
  toUnitId: string;
  actorId: string;
  /** E.g. the resolution that merged the communes. */
  reason: string;
}

export interface UnitMergerState {
  fromUnitId: string;
  toUnitId: string;
  recorded: boolean;
  /** Open tasks moved to the successor so far. */
  tasksMoved: number;
  /** Open corrective actions moved so far. */
  correctiveMoved: number;
  done: boolean;
}

export const unitMergerStateQuery = defineQuery<UnitMergerState>('unitMergerState');

/** Task statuses a merger moves to the successor: work not yet closed. */
export const MERGER_OPEN_TASK_STATUSES = [
  'ASSIGNED',
  'ACCEPTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'RETURNED',
] as const;
/** Corrective-action statuses a merger moves (REJECTED is listed for rows written before rounds). */
export const MERGER_OPEN_CORRECTIVE_STATUSES = ['OPEN', 'SUBMITTED', 'REJECTED'] as const;

/**
 * What a merger of `fromUnitId` moves, as Prisma filters: the activity that moves the work and
 * the administrator's preview of it select with these same rules.
 */
export const mergerSelection = (fromUnitId: string) => ({
  tasks: { assigneeUnitId: fromUnitId, status: { in: [...MERGER_OPEN_TASK_STATUSES] } },
  corrective: { responsibleUnitId: fromUnitId, status: { in: [...MERGER_OPEN_CORRECTIVE_STATUSES] } },
  /** Role assignments on the merged unit: each is given again on the successor (the old one stays). */
  roles: { unitId: fromUnitId },
});
