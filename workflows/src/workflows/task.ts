import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { TaskActivities } from '../activities/task.ts';
import { WorkingCalendar, parseDate } from '../calendar.ts';
import { now } from './clock.ts';
import { refuse, registerCommand, type Lock } from './commands.ts';
import {
  ActorFailure,
  COMMITTEE_ROLES,
  OPEN_TASK_STATUSES,
  REASSIGN_ROLES,
  TaskFailure,
  claimsReach,
  type ActorClaim,
  type ActorRole,
  acceptTaskUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  calendarChangedSignal,
  planClosedSignal,
  reassignTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  reviewTaskUpdate,
  submitTaskUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  type AssignTaskInput,
  type ReportProgressInput,
  type TaskState,
  type TaskStatus,
} from '../contracts.ts';
import {
  checkPolicy,
  cursorAfterCalendarChange,
  defaultDeadlinePolicy,
  escalationLevelAfter,
  upcomingDeadlineEvent,
} from './deadlines.ts';

const activities = proxyActivities<TaskActivities>({
  startToCloseTimeout: '30 seconds',
  // A database outage only delays the write: keep retrying, the writes are idempotent.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Start input; `carried` is the state handed over by continueAsNew. */
export interface TaskWorkflowInput extends AssignTaskInput {
  carried?: TaskState;
  /** History length after which the workflow continues as new (default 1,000 events). */
  historyLimit?: number;
}

const REPORTABLE: readonly TaskStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];
const SUBMITTABLE: readonly TaskStatus[] = ['ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

function requireStatus(state: TaskState, allowed: readonly TaskStatus[], what: string): void {
  if (!allowed.includes(state.status)) {
    refuse(TaskFailure.WrongStatus, `A task that is ${state.status} cannot be ${what}.`);
  }
}

function requireAssignee(state: TaskState, actorUnitIds: string[]): void {
  if (!actorUnitIds.includes(state.assigneeUnitId)) {
    refuse(TaskFailure.WrongUnit, 'Only the unit the task is assigned to can do this.');
  }
}

function requireText(
  value: string | null | undefined,
  field: string,
  type: string = TaskFailure.InvalidInput,
) {
  if (!value?.trim()) refuse(type, `${field} is required.`);
}

export function validateProgress(state: TaskState, command: ReportProgressInput): void {
  requireStatus(state, REPORTABLE, 'reported on');
  requireAssignee(state, command.actorUnitIds);
  if (!Number.isInteger(command.percent) || command.percent < 0 || command.percent > 100) {
    refuse(TaskFailure.InvalidInput, 'percent must be a whole number from 0 to 100.');
  }
  if (command.percent < state.progress && !command.reason?.trim()) {
    refuse(
      TaskFailure.ProgressBackwards,
      `Progress would go down from ${state.progress} % to ${command.percent} %: give a reason.`,
    );
  }
}

function validDate(value: string, field: string): string {
  try {
    return parseDate(value);
  } catch {
    return refuse(TaskFailure.InvalidInput, `${field} must be a date written YYYY-MM-DD.`);
  }
}

/**
 * The life of one task: ASSIGNED → ACCEPTED → IN_PROGRESS → SUBMITTED → COMPLETED, or
 * RETURNED back to work, or CANCELLED, or NOT_COMPLETED when its plan closes first; reminders before the due date and escalation after it,
 * in working days. Every command is an Update whose validator refuses it before it enters
 * history; every change is projected to PostgreSQL by an idempotent activity.
 */
export async function taskWorkflow(input: TaskWorkflowInput): Promise<TaskState> {
  const { workflowId } = workflowInfo();
  const policy = { ...defaultDeadlinePolicy, ...input.deadlines };
  checkPolicy(policy);
  const historyLimit = input.historyLimit ?? 1000;
  // A start with a date that does not exist fails the workflow at once, with a stable type: the
  // assignment activity could never write it, and would otherwise be retried for ever.
  if (!input.carried) validDate(input.dueDate, 'dueDate');
  const state: TaskState = input.carried ?? {
    taskId: input.taskId,
    status: 'ASSIGNED',
    progress: 0,
    dueDate: input.dueDate,
    assigneeUnitId: input.assigneeUnitId,
    responsibleUserId: null,
    reportCount: 0,
    escalationLevel: 0,
    commandCount: 0,
    extension: null,
    deadlineCursor: 0,
    progressBeforeSubmit: 0,
  };
  let recorded = input.carried !== undefined;
  // Commands and deadline events run one at a time, each seeing the state the last one left.
  const lock: Lock = { busy: false };
  const commands = { state, lock, ready: () => recorded };
  // Set by commands that move the due date or the assignee, so the timers are planned again.
  let replan = false;
  const isOpen = () => OPEN_TASK_STATUSES.includes(state.status);

  const command = <Arg>(
    update: UpdateDefinition<TaskState, [Arg]>,
    validate: (arg: Arg) => void,
    run: (arg: Arg, eventId: string) => Promise<void>,
    authorize?: (arg: Arg) => void,
  ) => registerCommand(commands, update, validate, run, authorize);
  /** The committee's commands: a claimed role must reach the plan's issuing unit. */
  const committee =
    (roles: readonly ActorRole[]) =>
    (c: { actorRoles: ActorClaim[] }): void => {
      const issuingUnit = { id: state.issuingUnitId ?? '', path: state.issuingUnitPath ?? null };
      if (!claimsReach(c.actorRoles, roles, issuingUnit)) {
        refuse(
          ActorFailure.NotAllowed,
          `Only ${roles.join(' or ')} over the plan's issuing unit can do this.`,
        );
      }
    };

  // Set when the plan has closed (its signal, or a deadline event that found the plan CLOSED):
  // the loop below records the task NOT_COMPLETED and the workflow ends.
  let planClosed = false;

  setHandler(taskStateQuery, () => state);
  setHandler(planClosedSignal, () => {
    // A repeated signal, or one for a task already finished, changes nothing.
    if (isOpen()) planClosed = true;
  });
  // Set by the calendarChanged signal: the loop reloads the Holiday table and re-plans its timers.
  // Behind patched(): a workflow that got the signal before it had a handler (the SDK buffered
  // it) replays without the marker, so the late handler does nothing there.
  let calendarChanged = false;
  setHandler(calendarChangedSignal, () => {
    if (isOpen() && patched('task-replans-on-calendar-change')) calendarChanged = true;
  });
  setHandler(taskRecordedUpdate, async () => {
    await condition(() => recorded);
    return state;
  });

  command(
    acceptTaskUpdate,
    (c) => {
      requireStatus(state, ['ASSIGNED'], 'accepted');
      requireAssignee(state, c.actorUnitIds);
      requireText(c.responsibleUserId, 'responsibleUserId');
    },
    async (c, eventId) => {
      await activities.recordTaskAccepted({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        responsibleUserId: c.responsibleUserId,
      });
      state.status = 'ACCEPTED';
      state.responsibleUserId = c.responsibleUserId;
    },
  );

  command(
    reportProgressUpdate,
    (c) => validateProgress(state, c),
    async (c, eventId) => {
      // A report on a task nobody accepted yet accepts it, naming the reporter.
      const responsibleUserId = state.status === 'ASSIGNED' ? c.actorId : null;
      await activities.recordProgress({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        requestId: c.requestId ?? null,
        percent: c.percent,
        indicatorValue: c.indicatorValue ?? null,
        note: c.note ?? '',
        reason: c.reason ?? null,
        evidenceIds: c.evidenceIds ?? [],
        status: 'IN_PROGRESS',
        isCompletion: false,
        responsibleUserId,
      });
      state.reportCount += 1;
      state.progress = c.percent;
      state.status = 'IN_PROGRESS';
      state.responsibleUserId ??= responsibleUserId;
    },
  );

  command(
    submitTaskUpdate,
    (c) => {
      requireStatus(state, SUBMITTABLE, 'submitted');
      requireAssignee(state, c.actorUnitIds);
      requireText(c.note, 'note');
    },
    async (c, eventId) => {
      await activities.recordProgress({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        percent: 100,
        indicatorValue: c.indicatorValue ?? null,
        requestId: null,
        note: c.note,
        reason: null,
        evidenceIds: c.evidenceIds ?? [],
        status: 'SUBMITTED',
        isCompletion: true,
        responsibleUserId: null,
      });
      state.reportCount += 1;
      state.progressBeforeSubmit = state.progress;
      state.progress = 100;
      state.status = 'SUBMITTED';
    },
  );

  command(
    reviewTaskUpdate,
    (c) => {
      requireStatus(state, ['SUBMITTED'], 'reviewed');
      if (c.outcome !== 'ACCEPT' && c.outcome !== 'RETURN') {
        refuse(TaskFailure.InvalidInput, 'outcome must be ACCEPT or RETURN.');
      }
      if (c.outcome === 'RETURN') requireText(c.reason, 'reason', TaskFailure.ReasonRequired);
    },
    async (c, eventId) => {
      const accepted = c.outcome === 'ACCEPT';
      const progress = accepted ? 100 : state.progressBeforeSubmit;
      await activities.recordReview({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        outcome: c.outcome,
        reason: c.reason ?? null,
        progress,
      });
      state.status = accepted ? 'COMPLETED' : 'RETURNED';
      state.progress = progress;
      if (accepted) state.escalationLevel = 0;
    },
    committee(COMMITTEE_ROLES),
  );

  command(
    requestExtensionUpdate,
    (c) => {
      requireStatus(state, REPORTABLE, 'extended');
      requireAssignee(state, c.actorUnitIds);
      if (state.extension) refuse(TaskFailure.ExtensionPending, 'An extension request is already waiting.');
      const requested = validDate(c.requestedDueDate, 'requestedDueDate');
      if (requested <= state.dueDate) {
        refuse(
          TaskFailure.ExtensionNotLater,
          `The new due date must be after the current one (${state.dueDate}).`,
        );
      }
      requireText(c.reason, 'reason', TaskFailure.ReasonRequired);
    },
    async (c, eventId) => {
      await activities.recordExtensionRequest({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        requestedDueDate: c.requestedDueDate,
        reason: c.reason,
      });
      state.extension = { requestedDueDate: c.requestedDueDate, reason: c.reason, requestedById: c.actorId };
    },
  );

  command(
    decideExtensionUpdate,
    () => {
      if (!state.extension) refuse(TaskFailure.NoExtensionPending, 'No extension request is waiting.');
    },
    async (c, eventId) => {
      await activities.recordExtensionDecision({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        grant: c.grant,
        note: c.note ?? null,
      });
      if (c.grant && state.extension) {
        state.dueDate = state.extension.requestedDueDate;
        state.escalationLevel = 0;
        state.deadlineCursor = now();
        replan = true;
      }
      state.extension = null;
    },
    committee(COMMITTEE_ROLES),
  );

  command(
    reassignTaskUpdate,
    (c) => {
      requireStatus(state, OPEN_TASK_STATUSES, 'reassigned');
      if (c.toUnitId === state.assigneeUnitId) {
        refuse(TaskFailure.WrongUnit, 'The task is already assigned to that unit.');
      }
      requireText(c.reason, 'reason', TaskFailure.ReasonRequired);
    },
    async (c, eventId) => {
      await activities.recordReassignment({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        toUnitId: c.toUnitId,
        reason: c.reason,
      });
      Object.assign(state, {
        assigneeUnitId: c.toUnitId,
        status: 'ASSIGNED',
        responsibleUserId: null,
        escalationLevel: 0,
        extension: null,
        deadlineCursor: now(),
      } satisfies Partial<TaskState>);
      replan = true;
    },
    committee(REASSIGN_ROLES),
  );

  command(
    cancelTaskUpdate,
    (c) => {
      requireStatus(state, OPEN_TASK_STATUSES, 'cancelled');
      requireText(c.reason, 'reason', TaskFailure.ReasonRequired);
    },
    async (c, eventId) => {
      await activities.recordTaskCancelled({
        eventId,
        taskId: state.taskId,
        actorId: c.actorId,
        reason: c.reason,
      });
      state.status = 'CANCELLED';
    },
    committee(COMMITTEE_ROLES),
  );

  if (!recorded) {
    // The row may already exist (a draft plan's task, demo data): the workflow takes it over.
    const { adopted, ...row } = await activities.recordTaskAssigned({
      eventId: `${workflowId}:assigned`,
      ...input,
    });
    Object.assign(state, row);
    recorded = true;
    // A new task starts its timers now; a task taken over from an existing row catches up on
    // the latest deadline event it missed (see below).
    state.deadlineCursor = adopted ? 0 : now();
  }

  // The deadline timers: sleep until the next reminder / overdue notice / escalation, unless a
  // command closes the task or moves its due date or assignee first.
  let calendar = new WorkingCalendar(await activities.loadHolidays());
  /**
   * The plan has closed: the task becomes NOT_COMPLETED with the progress it had (a completion
   * report still waiting for review does not count), its timers stop, the workflow ends.
   * Histories recorded before this existed never reach it (no planClosed signal, no deadline
   * event that found the plan closed); the marker names the change (docs/plan-closing.md).
   */
  const closeWithPlan = async () => {
    patched('task-closes-with-plan');
    // A command released in the same pass may take the lock first: wait for it to finish.
    do {
      await condition(() => !lock.busy);
    } while (lock.busy);
    if (!isOpen()) return;
    lock.busy = true;
    try {
      const progress = state.status === 'SUBMITTED' ? state.progressBeforeSubmit : state.progress;
      await activities.recordTaskNotCompleted({
        eventId: `${workflowId}:plan-closed`,
        taskId: state.taskId,
        progress,
      });
      Object.assign(state, {
        status: 'NOT_COMPLETED',
        progress,
        extension: null,
      } satisfies Partial<TaskState>);
    } finally {
      lock.busy = false;
    }
  };

  /**
   * The administrator changed the holidays: reload them and move the cursor past the events
   * already sent, whose dates the new calendar may have moved (cursorAfterCalendarChange), so
   * none goes out twice; the others take their new dates. Under the lock, so a command that
   * moves the due date or the cursor is not interleaved with it.
   */
  const replanForCalendar = async () => {
    do {
      await condition(() => !lock.busy);
    } while (lock.busy);
    lock.busy = true;
    try {
      calendarChanged = false;
      const fresh = new WorkingCalendar(await activities.loadHolidays());
      state.deadlineCursor = cursorAfterCalendarChange(
        state.dueDate,
        state.deadlineCursor,
        policy,
        calendar,
        fresh,
      );
      calendar = fresh;
    } finally {
      lock.busy = false;
    }
  };

  while (isOpen()) {
    if (planClosed) {
      await closeWithPlan();
      continue;
    }
    if (calendarChanged) {
      await replanForCalendar();
      continue;
    }
    if (workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested) {
      await condition(() => !lock.busy && allHandlersFinished());
      return continueAsNew<typeof taskWorkflow>({ ...input, carried: state });
    }
    const event = upcomingDeadlineEvent(state.dueDate, state.deadlineCursor, now(), policy, calendar);
    const wait = event.at - now();
    const interrupted =
      wait > 0 && (await condition(() => !isOpen() || replan || planClosed || calendarChanged, wait));
    if (interrupted) {
      if (replan) {
        replan = false;
        // Holidays the administrator added since are picked up when the timers are re-planned.
        calendar = new WorkingCalendar(await activities.loadHolidays());
      }
      continue;
    }
    await condition(() => !lock.busy);
    // A command released in the same pass may have taken the lock first.
    if (lock.busy || !isOpen() || replan || planClosed || calendarChanged) continue;
    lock.busy = true;
    try {
      // A task waiting for review is the committee's move: no reminders to the unit meanwhile.
      if (state.status !== 'SUBMITTED') {
        const escalationLevel = escalationLevelAfter(event, state.escalationLevel);
        const written = await activities.recordDeadlineEvent({
          eventId: `${workflowId}:deadline:${state.commandCount}:${event.kind}:${event.on}`,
          taskId: state.taskId,
          actorId: null,
          event,
          escalationLevel,
        });
        // Histories recorded before the activity answered hold no result here (undefined).
        if (written?.planClosed) {
          planClosed = true;
          continue;
        }
        state.escalationLevel = escalationLevel;
      }
      state.deadlineCursor = event.at;
    } finally {
      lock.busy = false;
    }
  }
  await condition(allHandlersFinished);
  return state;
}
