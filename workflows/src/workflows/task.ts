import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import {
  TaskFailure,
  reportProgressUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  type AssignTaskInput,
  type ReportProgressInput,
  type TaskState,
  type TaskStatus,
} from '../contracts.ts';

const { recordTaskAssigned, recordProgress } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // A database outage only delays the write: keep retrying, the writes are idempotent.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const CLOSED: readonly TaskStatus[] = ['COMPLETED', 'CANCELLED'];
const REPORTABLE: readonly TaskStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

export function validateProgress(state: TaskState, command: ReportProgressInput): void {
  if (!REPORTABLE.includes(state.status)) {
    throw ApplicationFailure.nonRetryable(
      `Progress cannot be reported on a task that is ${state.status}.`,
      TaskFailure.WrongStatus,
    );
  }
  if (!Number.isInteger(command.percent) || command.percent < 0 || command.percent > 100) {
    throw ApplicationFailure.nonRetryable(
      'percent must be a whole number from 0 to 100.',
      TaskFailure.InvalidInput,
    );
  }
  if (command.percent < state.progress && !command.reason?.trim()) {
    throw ApplicationFailure.nonRetryable(
      `Progress would go down from ${state.progress} % to ${command.percent} %: give a reason.`,
      TaskFailure.ProgressBackwards,
    );
  }
}

/** The life of one task: assigned to a unit, reported on, until it is closed. */
export async function taskWorkflow(input: AssignTaskInput): Promise<TaskState> {
  const { workflowId } = workflowInfo();
  const state: TaskState = {
    taskId: input.taskId,
    status: 'ASSIGNED',
    progress: 0,
    dueDate: input.dueDate,
    assigneeUnitId: input.assigneeUnitId,
    reportCount: 0,
  };
  let recorded = false;
  // Commands run one at a time so each sees the state the previous one left.
  let busy = false;

  setHandler(taskStateQuery, () => state);
  setHandler(taskRecordedUpdate, async () => {
    await condition(() => recorded);
    return state;
  });
  setHandler(
    reportProgressUpdate,
    async (command) => {
      await condition(() => recorded && !busy);
      busy = true;
      try {
        validateProgress(state, command);
        const number = state.reportCount + 1;
        const status: TaskStatus = 'IN_PROGRESS';
        await recordProgress({
          eventId: `${workflowId}:progress:${number}`,
          taskId: state.taskId,
          actorId: command.actorId,
          percent: command.percent,
          indicatorValue: command.indicatorValue ?? null,
          note: command.note ?? '',
          reason: command.reason ?? null,
          status,
        });
        state.reportCount = number;
        state.progress = command.percent;
        state.status = status;
        return { ...state };
      } finally {
        busy = false;
      }
    },
    { validator: (command: ReportProgressInput) => validateProgress(state, command) },
  );

  await recordTaskAssigned({ eventId: `${workflowId}:assigned`, ...input });
  recorded = true;

  await condition(() => CLOSED.includes(state.status));
  await condition(allHandlersFinished);
  return state;
}
