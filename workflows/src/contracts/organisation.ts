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
