import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CorrectiveActivities } from '../activities/corrective.ts';
import type { InspectionActivities } from '../activities/inspection.ts';
import type { TaskActivities } from '../activities/task.ts';
import { WorkingCalendar, parseDate, vietnamDate } from '../calendar.ts';
import {
  ActorFailure,
  CORRECTIVE_COMMITTEE_ROLES,
  CORRECTIVE_REASSIGN_ROLES,
  CorrectiveFailure,
  DEFAULT_REINSPECT_AFTER_WORKING_DAYS,
  OPEN_CORRECTIVE_STATUSES,
  calendarChangedSignal,
  cancelCorrectiveUpdate,
  correctiveRecordedUpdate,
  correctiveStateQuery,
  decideCorrectiveExtensionUpdate,
  defaultCorrectionWorkingDays,
  reassignCorrectiveUpdate,
  rejectCorrectionUpdate,
  requestCorrectiveExtensionUpdate,
  submitCorrectionUpdate,
  verifyCorrectionUpdate,
  claimsReach,
  type ActorClaim,
  type ActorRole,
  type CorrectiveState,
  type CorrectiveStatus,
  type OpenCorrectiveInput,
} from '../contracts.ts';
import { now } from './clock.ts';
import { commandEventId, refuse, registerCommand, type Lock } from './commands.ts';
import {
  checkPolicy,
  cursorAfterCalendarChange,
  defaultDeadlinePolicy,
  escalationLevelAfter,
  upcomingDeadlineEvent,
} from './deadlines.ts';

const activities = proxyActivities<
  CorrectiveActivities &
    Pick<InspectionActivities, 'startInspectionWorkflow'> &
    Pick<TaskActivities, 'loadHolidays'>
>({
  startToCloseTimeout: '30 seconds',
  // A database outage only delays the write: keep retrying, the writes are idempotent.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Start input; `carried` is the state handed over by continueAsNew. */
export interface CorrectiveWorkflowInput extends OpenCorrectiveInput {
  carried?: CorrectiveState;
  /** History length after which the workflow continues as new (default 1,000 events). */
  historyLimit?: number;
}

function validDate(value: string, field: string): string {
  try {
    return parseDate(value);
  } catch {
    return refuse(CorrectiveFailure.InvalidInput, `${field} must be a date written YYYY-MM-DD.`);
  }
}

/**
 * The life of one corrective action: OPEN → SUBMITTED (the responsible unit reports its remedy)
 * → VERIFIED by an inspector (optionally with a follow-up inspection), or rejected back to OPEN
 * for another round with a new due date; CANCELLED by the steering committee. Reminders before
 * the due date, the overdue notice and escalation to the steering committee, in working days,
 * run on the deadline timers shared with tasks.
 */
export async function correctiveWorkflow(input: CorrectiveWorkflowInput): Promise<CorrectiveState> {
  const { workflowId } = workflowInfo();
  const policy = { ...defaultDeadlinePolicy, ...input.deadlines };
  checkPolicy(policy);
  const correctionDays = { ...defaultCorrectionWorkingDays, ...input.correctionWorkingDays };
  const historyLimit = input.historyLimit ?? 1000;
  const state: CorrectiveState = input.carried ?? {
    correctiveActionId: input.correctiveActionId,
    findingId: input.findingId,
    inspectionId: input.inspectionId,
    status: 'OPEN',
    responsibleUnitId: input.responsibleUnitId,
    dueDate: input.dueDate,
    round: 1,
    escalationLevel: 0,
    inspectorIds: [...input.inspectorIds],
    extension: null,
    lastRejection: null,
    reinspect: false,
    reinspectionId: null,
    commandCount: 0,
    deadlineCursor: 0,
  };
  let recorded = input.carried !== undefined;
  let calendar = new WorkingCalendar([]);
  // Commands and deadline events run one at a time, each seeing the state the last one left.
  const lock: Lock = { busy: false };
  const commands = { state, lock, ready: () => recorded };
  // Set by commands that move the due date or the unit, so the timers are planned again.
  let replan = false;
  const isOpen = () => OPEN_CORRECTIVE_STATUSES.includes(state.status);
  const today = () => vietnamDate(now());

  const requireStatus = (allowed: readonly CorrectiveStatus[], what: string) => {
    if (!allowed.includes(state.status)) {
      refuse(CorrectiveFailure.WrongStatus, `A corrective action that is ${state.status} cannot be ${what}.`);
    }
  };
  const requireUnit = (actorUnitIds: string[]) => {
    if (!Array.isArray(actorUnitIds) || !actorUnitIds.includes(state.responsibleUnitId)) {
      refuse(CorrectiveFailure.WrongUnit, 'Only the unit responsible for the correction can do this.');
    }
  };
  const requireInspector = (actorId: string) => {
    if (!state.inspectorIds.includes(actorId)) {
      refuse(
        CorrectiveFailure.NotAnInspector,
        'Only the inspectors of the inspection can verify a correction.',
      );
    }
  };
  const requireText = (value: string | null | undefined, field: string, type: string) => {
    if (!value?.trim()) refuse(type, `${field} is required.`);
  };
  /** A date strictly after today (Vietnam time). */
  const futureDate = (value: string, field: string) => {
    const date = validDate(value, field);
    if (date <= today()) refuse(CorrectiveFailure.InvalidInput, `${field} must be after today.`);
    return date;
  };

  const command = <Arg>(
    update: UpdateDefinition<CorrectiveState, [Arg]>,
    validate: (arg: Arg) => void,
    run: (arg: Arg, number: number) => Promise<void>,
    authorize?: (arg: Arg) => void,
  ) => registerCommand(commands, update, validate, (arg, _eventId, number) => run(arg, number), authorize);
  /**
   * Decisions on the action need a claimed role that may take them. The roles only: the state
   * does not know the responsible unit's path; the write activity checks the scope in the database.
   */
  const decision =
    (roles: readonly ActorRole[]) =>
    (c: { actorRoles: ActorClaim[] }): void => {
      if (!claimsReach(c.actorRoles, roles, { id: '', path: null })) {
        refuse(ActorFailure.NotAllowed, `Only ${roles.join(', ')} can decide on a corrective action.`);
      }
    };
  const commandEvent = (number: number, name: string) => `${commandEventId(number)}:${name}`;

  setHandler(correctiveStateQuery, () => state);
  // Set by the calendarChanged signal: the loop reloads the Holiday table and re-plans its timers.
  // Behind patched(): a workflow that got the signal before it had a handler (the SDK buffered
  // it) replays without the marker, so the late handler does nothing there.
  let calendarChanged = false;
  setHandler(calendarChangedSignal, () => {
    if (isOpen() && patched('corrective-replans-on-calendar-change')) calendarChanged = true;
  });
  setHandler(correctiveRecordedUpdate, async () => {
    await condition(() => recorded);
    return state;
  });

  command(
    submitCorrectionUpdate,
    (c) => {
      requireStatus(['OPEN'], 'submitted');
      requireUnit(c.actorUnitIds);
      requireText(c.remedy, 'remedy', CorrectiveFailure.InvalidInput);
    },
    async (c, number) => {
      await activities.recordCorrectionSubmitted({
        eventId: commandEvent(number, 'round:submitted'),
        correctiveActionId: state.correctiveActionId,
        actorId: c.actorId,
        round: state.round,
        remedy: c.remedy.trim(),
        evidenceIds: c.evidenceIds ?? [],
      });
      state.status = 'SUBMITTED';
      state.lastRejection = null;
    },
  );

  command(
    verifyCorrectionUpdate,
    (c) => {
      requireStatus(['SUBMITTED'], 'verified');
      requireInspector(c.actorId);
      if (c.reinspectOn) {
        if (!c.reinspect) refuse(CorrectiveFailure.InvalidInput, 'reinspectOn needs reinspect: true.');
        futureDate(c.reinspectOn, 'reinspectOn');
      }
    },
    async (c, number) => {
      const reinspect = c.reinspect === true;
      const reinspectionId = reinspect ? uuid4() : null;
      const reinspectOn = reinspect
        ? (c.reinspectOn ?? calendar.addWorkingDays(today(), DEFAULT_REINSPECT_AFTER_WORKING_DAYS))
        : null;
      await activities.recordCorrectionVerified({
        eventId: commandEvent(number, 'round:verified'),
        correctiveActionId: state.correctiveActionId,
        actorId: c.actorId,
        round: state.round,
        note: c.note ?? null,
        reinspect,
        reinspectionId,
        reinspectOn,
      });
      if (reinspectionId && reinspectOn) {
        // The follow-up is an ordinary announced inspection of the (current) responsible unit, led
        // by the verifying inspector, started through the client like any other inspection.
        const others = state.inspectorIds.filter((id) => id !== c.actorId);
        await activities.startInspectionWorkflow({
          inspectionId: reinspectionId,
          kind: 'ANNOUNCED',
          targetUnitId: state.responsibleUnitId,
          title: `Tái kiểm tra: ${input.title}`.slice(0, 200),
          scheduledOn: reinspectOn,
          inspectors: [{ userId: c.actorId, lead: true }, ...others.map((userId) => ({ userId }))],
          checklist: [input.title || 'Kết quả khắc phục'],
          actorId: c.actorId,
          ...(input.correctionWorkingDays ? { correctionWorkingDays: input.correctionWorkingDays } : {}),
          ...(input.deadlines ? { correctiveDeadlines: input.deadlines } : {}),
        });
      }
      Object.assign(state, {
        status: 'VERIFIED',
        reinspect,
        reinspectionId,
        escalationLevel: 0,
      } satisfies Partial<CorrectiveState>);
    },
  );

  command(
    rejectCorrectionUpdate,
    (c) => {
      requireStatus(['SUBMITTED'], 'rejected');
      requireInspector(c.actorId);
      requireText(c.reason, 'reason', CorrectiveFailure.ReasonRequired);
      if (c.dueDate) futureDate(c.dueDate, 'dueDate');
    },
    async (c, number) => {
      const dueDate = c.dueDate ?? calendar.addWorkingDays(today(), correctionDays[input.severity]);
      await activities.recordCorrectionRejected({
        eventId: commandEvent(number, 'round:rejected'),
        correctiveActionId: state.correctiveActionId,
        actorId: c.actorId,
        round: state.round,
        reason: c.reason.trim(),
        dueDate,
      });
      Object.assign(state, {
        status: 'OPEN',
        round: state.round + 1,
        dueDate,
        escalationLevel: 0,
        extension: null,
        lastRejection: c.reason.trim(),
        deadlineCursor: now(),
      } satisfies Partial<CorrectiveState>);
      replan = true;
    },
  );

  command(
    requestCorrectiveExtensionUpdate,
    (c) => {
      requireStatus(['OPEN'], 'extended');
      requireUnit(c.actorUnitIds);
      if (state.extension) {
        refuse(CorrectiveFailure.ExtensionPending, 'An extension request is already waiting.');
      }
      const requested = validDate(c.requestedDueDate, 'requestedDueDate');
      if (requested <= state.dueDate) {
        refuse(
          CorrectiveFailure.ExtensionNotLater,
          `The new due date must be after the current one (${state.dueDate}).`,
        );
      }
      requireText(c.reason, 'reason', CorrectiveFailure.ReasonRequired);
    },
    async (c, number) => {
      await activities.recordCorrectiveExtensionRequest({
        eventId: commandEvent(number, 'extensionRequested'),
        correctiveActionId: state.correctiveActionId,
        actorId: c.actorId,
        requestedDueDate: c.requestedDueDate,
        reason: c.reason,
      });
      state.extension = { requestedDueDate: c.requestedDueDate, reason: c.reason, requestedById: c.actorId };
    },
  );

  command(
    decideCorrectiveExtensionUpdate,
    () => {
      requireStatus(OPEN_CORRECTIVE_STATUSES, 'extended');
      if (!state.extension) refuse(CorrectiveFailure.NoExtensionPending, 'No extension request is waiting.');
    },
    async (c, number) => {
      await activities.recordCorrectiveExtensionDecision({
        eventId: commandEvent(number, c.grant ? 'extensionGranted' : 'extensionRefused'),
        correctiveActionId: state.correctiveActionId,
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
    decision(CORRECTIVE_COMMITTEE_ROLES),
  );

  command(
    reassignCorrectiveUpdate,
    (c) => {
      requireStatus(OPEN_CORRECTIVE_STATUSES, 'reassigned');
      if (!c.toUnitId?.trim() || c.toUnitId === state.responsibleUnitId) {
        refuse(CorrectiveFailure.WrongUnit, 'The corrective action is already with that unit.');
      }
      requireText(c.reason, 'reason', CorrectiveFailure.ReasonRequired);
    },
    async (c, number) => {
      await activities.recordCorrectiveReassigned({
        eventId: commandEvent(number, 'reassigned'),
        correctiveActionId: state.correctiveActionId,
        actorId: c.actorId,
        toUnitId: c.toUnitId,
        reason: c.reason,
      });
      Object.assign(state, {
        responsibleUnitId: c.toUnitId,
        escalationLevel: 0,
        extension: null,
        deadlineCursor: now(),
      } satisfies Partial<CorrectiveState>);
      replan = true;
    },
    decision(CORRECTIVE_REASSIGN_ROLES),
  );

  command(
    cancelCorrectiveUpdate,
    (c) => {
      requireStatus(OPEN_CORRECTIVE_STATUSES, 'cancelled');
      requireText(c.reason, 'reason', CorrectiveFailure.ReasonRequired);
    },
    async (c, number) => {
      await activities.recordCorrectiveCancelled({
        eventId: commandEvent(number, 'cancelled'),
        correctiveActionId: state.correctiveActionId,
        actorId: c.actorId,
        reason: c.reason,
      });
      state.status = 'CANCELLED';
      state.extension = null;
    },
    decision(CORRECTIVE_COMMITTEE_ROLES),
  );

  calendar = new WorkingCalendar(await activities.loadHolidays());
  if (!recorded) {
    // The row usually exists already (written with the inspection's close): the workflow adopts it.
    const row = await activities.recordCorrectiveOpened({ ...input, eventId: `${workflowId}:opened` });
    Object.assign(state, row);
    recorded = true;
    state.deadlineCursor = now();
  }

  // The deadline timers: sleep until the next reminder / overdue notice / escalation, unless a
  // command closes the action or moves its due date or unit first.
  while (isOpen()) {
    if (workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested) {
      await condition(() => !lock.busy && allHandlersFinished());
      return continueAsNew<typeof correctiveWorkflow>({ ...input, carried: state });
    }
    if (replan) {
      replan = false;
      // Holidays the administrator added since are picked up when the timers are re-planned.
      calendar = new WorkingCalendar(await activities.loadHolidays());
    }
    if (calendarChanged) {
      // The administrator changed the holidays: as in the task workflow, the events already sent
      // keep the cursor past them on their new dates; the others take their new dates.
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
      continue;
    }
    const event = upcomingDeadlineEvent(state.dueDate, state.deadlineCursor, now(), policy, calendar);
    const wait = event.at - now();
    const interrupted = wait > 0 && (await condition(() => !isOpen() || replan || calendarChanged, wait));
    if (interrupted) continue;
    await condition(() => !lock.busy);
    // A command released in the same pass may have taken the lock first.
    if (lock.busy || !isOpen() || replan || calendarChanged) continue;
    lock.busy = true;
    try {
      // A remedy waiting for verification is the inspectors' move: no reminders meanwhile.
      if (state.status !== 'SUBMITTED') {
        const escalationLevel = escalationLevelAfter(event, state.escalationLevel);
        await activities.recordCorrectiveDeadline({
          eventId: `${workflowId}:deadline:${state.commandCount}:${event.kind}:${event.on}`,
          correctiveActionId: state.correctiveActionId,
          actorId: null,
          event,
          escalationLevel,
        });
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
