// The administrator's command to workflows (part of WorkflowCommands in temporal.ts): a unit merger.
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  TASK_QUEUE,
  unitMergerStateQuery,
  unitMergerWorkflowId,
  type UnitMergerInput,
  type UnitMergerState,
} from '../../workflows/src/contracts.ts';
import { MergerFailure } from '../../workflows/src/activities/organisation.ts';
import { asDomainError } from './temporal.ts';
import { AdminRefusedError } from './services/admin-errors.ts';

/** How long mergeUnits waits for the merger before answering with its state so far. */
const MERGER_WAIT_MS = 20_000;

export interface AdminCommands {
  /** Starts (or finds) the merger of `fromUnitId` and waits a little for it to finish. */
  mergeUnits(input: UnitMergerInput): Promise<UnitMergerState>;
}

/** The ApplicationFailure behind a failed workflow (directly or through its activity). */
function refusal(error: Error): ApplicationFailure | undefined {
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    if (cause instanceof ApplicationFailure) return cause;
    cause = cause.cause;
  }
  return undefined;
}

export function adminCommands(client: Client, taskQueue = TASK_QUEUE): AdminCommands {
  return {
    async mergeUnits(input) {
      try {
        const handle = await client.workflow.start('unitMergerWorkflow', {
          taskQueue,
          workflowId: unitMergerWorkflowId(input.fromUnitId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        // Polled (its status, then its query) rather than awaiting its result while it runs:
        // waiting on a result lets a time-skipping test server jump the clock (and every task's
        // timers) ahead. A query sent before the workflow's first task has run can fail: retried.
        const deadline = Date.now() + MERGER_WAIT_MS;
        let state: UnitMergerState = {
          fromUnitId: input.fromUnitId,
          toUnitId: input.toUnitId,
          recorded: false,
          tasksMoved: 0,
          correctiveMoved: 0,
          done: false,
        };
        for (;;) {
          const { status } = await handle.describe();
          // Failed: its result throws the refusal, mapped below. (A finished one answers its query.)
          if (status.name !== 'RUNNING' && status.name !== 'COMPLETED') await handle.result();
          state = await handle.query(unitMergerStateQuery).catch(() => state);
          if (state.done || Date.now() >= deadline) return state;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } catch (error) {
        if (error instanceof WorkflowFailedError && refusal(error)?.type === MergerFailure.InvalidMerger) {
          throw new AdminRefusedError('adm.mergeRefused', 'INVALID_MERGER', 'toUnitId');
        }
        throw asDomainError(error);
      }
    },
  };
}
