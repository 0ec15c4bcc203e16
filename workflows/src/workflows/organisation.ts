import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { OrganisationActivities } from '../activities/organisation.ts';
import { unitMergerStateQuery, type UnitMergerInput, type UnitMergerState } from '../contracts.ts';

const activities = proxyActivities<OrganisationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const moves = proxyActivities<OrganisationActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Merges unit A into unit B: records the merger (A keeps its history and rows, and is marked
 * merged into B), then moves every open task and corrective action of A to B through their
 * own workflows' reassign Updates, so each lifecycle re-plans its timers and tells B.
 */
export async function unitMergerWorkflow(input: UnitMergerInput): Promise<UnitMergerState> {
  const state: UnitMergerState = {
    fromUnitId: input.fromUnitId,
    toUnitId: input.toUnitId,
    recorded: false,
    tasksMoved: 0,
    correctiveMoved: 0,
    done: false,
  };
  setHandler(unitMergerStateQuery, () => state);
  await activities.recordUnitMerger({ ...input, eventId: `${workflowInfo().workflowId}:recorded` });
  state.recorded = true;
  for (;;) {
    const moved = await moves.moveOpenWork({ ...input, limit: 500 });
    state.tasksMoved += moved.tasks;
    state.correctiveMoved += moved.corrective;
    if (!moved.remaining) break;
  }
  state.done = true;
  return state;
}
