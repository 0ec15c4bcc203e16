import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PlanActivities } from '../activities/plan.ts';
import type { TaskActivities } from '../activities/task.ts';
import { WorkingCalendar, addDays, atVietnamTime, parseDate, vietnamDate } from '../calendar.ts';
import { now } from './clock.ts';
import { commandEventId, refuse } from './commands.ts';
import {
  ActorFailure,
  COMMITTEE_ROLES,
  PLAN_PHASES,
  calendarChangedSignal,
  PlanFailure,
  claimsReach,
  type ActorClaim,
  advancePhaseUpdate,
  planDueDateBounds,
  bulkAssignUpdate,
  issuePlanUpdate,
  planStateQuery,
  schedulePhasesUpdate,
  type AdvancePhaseInput,
  type BulkAssignInput,
  type IssuePlanInput,
  type SchedulePhasesInput,
  type PhaseSchedule,
  type PlanState,
  type PlanStatus,
  type PlanWorkflowInput,
} from '../contracts.ts';

const activities = proxyActivities<PlanActivities & Pick<TaskActivities, 'loadHolidays'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// The fan-out heartbeats after every chunk; a worker that dies mid-batch is noticed within
// the heartbeat timeout and the batch resumes on another worker from the rows already marked.
const fanOut = proxyActivities<Pick<PlanActivities, 'startTaskWorkflows'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// Closing tells every unfinished task, in heartbeating batches, resumable the same way.
const closing = proxyActivities<Pick<PlanActivities, 'closeUnfinishedTasks'>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** The phase each schedule date opens, in order. */
const PHASE_STARTS: [keyof PhaseSchedule, PlanStatus][] = [
  ['assessmentOpens', 'ASSESSMENT'],
  ['appraisalOpens', 'APPRAISAL'],
  ['publishedOn', 'PUBLISHED'],
  ['closesOn', 'CLOSED'],
];

const nextPhase = (status: PlanStatus): PlanStatus | undefined =>
  PLAN_PHASES[PLAN_PHASES.indexOf(status) + 1];

const STALE_REMINDER_MS = 24 * 60 * 60 * 1000;

interface Timer {
  at: number;
  fire: () => Promise<void>;
}

/**
 * The life of a reform plan: DRAFT until issued; issuing starts one task workflow per task, in
 * heartbeating batches; then the reporting periods (units asked to report before each closes,
 * completion snapshot at close); then the year-end phases ASSESSMENT → APPRAISAL → PUBLISHED →
 * CLOSED on their dates, which the steering committee can move by Update.
 */
export async function planWorkflow(input: PlanWorkflowInput): Promise<PlanState> {
  const { workflowId } = workflowInfo();
  const batch = input.fanOutBatch ?? 500;
  const reminderDays = input.reportReminderWorkingDays ?? 5;
  const historyLimit = input.historyLimit ?? 2000;
  // Handlers are registered before the plan is loaded (an Update may arrive with the start);
  // they wait for `loaded`, and validators let everything through until then.
  let loaded = input.carried !== undefined;
  const state: PlanState = input.carried ?? {
    planId: input.planId,
    year: 0,
    title: '',
    status: 'DRAFT',
    issuing: { done: 0, total: 0, running: false },
    periods: [],
    schedule: { assessmentOpens: '', appraisalOpens: '', publishedOn: '', closesOn: '' },
    phaseReminders: [],
    commandCount: 0,
  };
  let busy = false;
  // Set by commands: tasks to start, or dates that moved.
  let fanOutWanted = state.issuing.running;
  let replan = false;
  let issuedBy: string | null = null;

  const command = async <T>(run: (eventId: string) => Promise<T>): Promise<T> => {
    await condition(() => loaded && !busy);
    busy = true;
    try {
      const number = state.commandCount + 1;
      const result = await run(commandEventId(number));
      state.commandCount = number;
      return result;
    } finally {
      busy = false;
    }
  };

  setHandler(planStateQuery, () => state);
  // The administrator changed the holidays: the period reminders are counted again (the loop
  // reloads the calendar on `replan`; a reminder already sent is marked and not sent again).
  // Behind patched(): a plan that got the signal before it had a handler replays unchanged.
  setHandler(calendarChangedSignal, () => {
    if (patched('plan-replans-on-calendar-change')) replan = true;
  });

  /**
   * The committee's commands: a STEERING claim must reach the plan's issuing unit. Checked in the
   * validators only (validators do not run on replay, and authority does not change while a
   * command waits); the write activity checks the same against the database.
   */
  const authorize = (c: { actorRoles: ActorClaim[] }) => {
    const issuingUnit = { id: state.issuingUnitId ?? '', path: state.issuingUnitPath ?? null };
    if (!claimsReach(c.actorRoles, COMMITTEE_ROLES, issuingUnit)) {
      refuse(
        ActorFailure.NotAllowed,
        "Only the steering committee over the plan's issuing unit can do this.",
      );
    }
  };

  const validateIssue = () => {
    if (loaded && state.status !== 'DRAFT')
      refuse(PlanFailure.WrongStatus, `The plan is already ${state.status}.`);
  };
  setHandler(
    issuePlanUpdate,
    ({ actorId }) =>
      command(async (eventId) => {
        validateIssue();
        if ((await activities.countOpenTasks(state.planId)) === 0) {
          refuse(PlanFailure.NoTasks, 'A plan needs at least one task before it is issued.');
        }
        const total = await activities.recordPlanIssued({ eventId, planId: state.planId, actorId });
        state.status = 'ISSUED';
        state.issuing = { done: 0, total, running: true };
        // Periods that closed before the plan was issued get neither reminders nor snapshots.
        const today = vietnamDate(now());
        for (const period of state.periods) {
          if (period.endsOn < today) Object.assign(period, { reminded: true, closed: true });
        }
        issuedBy = actorId;
        fanOutWanted = true;
        return state;
      }),
    {
      validator: (c: IssuePlanInput) => {
        authorize(c);
        validateIssue();
      },
    },
  );

  setHandler(
    bulkAssignUpdate,
    (c) =>
      command(async (eventId) => {
        const taskIds = await activities.createBulkTasks({ ...c, eventId, planId: state.planId });
        if (taskIds.length === 0) refuse(PlanFailure.NoUnits, `No ${c.level} unit lies under that parent.`);
        if (state.status !== 'DRAFT') {
          state.issuing.total += taskIds.length;
          state.issuing.running = true;
          issuedBy = c.actorId;
          fanOutWanted = true;
        }
        return { taskIds, state };
      }),
    {
      validator: (c: BulkAssignInput) => {
        authorize(c);
        if (loaded && state.status !== 'DRAFT' && state.status !== 'ISSUED') {
          refuse(PlanFailure.WrongStatus, `Tasks cannot be added to a plan that is ${state.status}.`);
        }
        if (!c.title.trim()) refuse(PlanFailure.InvalidInput, 'title is required.');
        if (!/^[0-9a-f-]{36}$/i.test(c.requestId))
          refuse(PlanFailure.InvalidInput, 'requestId must be a UUID.');
        try {
          parseDate(c.dueDate);
        } catch {
          refuse(PlanFailure.InvalidInput, 'dueDate must be a date written YYYY-MM-DD.');
        }
        if (c.dueDate < vietnamDate(now())) refuse(PlanFailure.InvalidInput, 'dueDate lies in the past.');
        if (loaded) {
          const [earliest, latest] = planDueDateBounds(state.year, state.schedule.appraisalOpens);
          if (c.dueDate < earliest || c.dueDate > latest) {
            refuse(PlanFailure.InvalidInput, `dueDate must lie from ${earliest} to ${latest}.`);
          }
        }
      },
    },
  );

  /** The schedule after `changes`, refused when out of order or moving a phase already begun. */
  const mergedSchedule = (changes: Partial<PhaseSchedule>): PhaseSchedule => {
    const merged = { ...state.schedule, ...changes };
    const today = vietnamDate(now());
    const current = PLAN_PHASES.indexOf(state.status);
    let previous = '';
    for (const [key, phase] of PHASE_STARTS) {
      try {
        parseDate(merged[key]);
      } catch {
        refuse(PlanFailure.BadSchedule, `${key} must be a date written YYYY-MM-DD.`);
      }
      if (merged[key] <= previous)
        refuse(PlanFailure.BadSchedule, `${key} must come after the phase before it.`);
      previous = merged[key];
      const begun = PLAN_PHASES.indexOf(phase) <= current;
      if (changes[key] !== undefined && changes[key] !== state.schedule[key]) {
        if (begun) refuse(PlanFailure.BadSchedule, `${phase} has already begun; its date cannot move.`);
        if (merged[key] < today) refuse(PlanFailure.BadSchedule, `${key} cannot lie in the past.`);
      }
    }
    return merged;
  };
  setHandler(
    schedulePhasesUpdate,
    (c) =>
      command(async (eventId) => {
        const schedule = mergedSchedule(c.schedule);
        await activities.recordPhaseSchedule({ eventId, planId: state.planId, actorId: c.actorId, schedule });
        state.schedule = schedule;
        replan = true;
        return state;
      }),
    {
      validator: (c: SchedulePhasesInput) => {
        authorize(c);
        if (loaded) mergedSchedule(c.schedule);
      },
    },
  );

  const validateAdvance = (from: PlanStatus) => {
    if (!loaded) return;
    if (from !== state.status) refuse(PlanFailure.WrongStatus, `The plan is ${state.status}, not ${from}.`);
    if (state.status === 'DRAFT' || !nextPhase(state.status)) {
      refuse(PlanFailure.WrongStatus, `A plan that is ${state.status} has no next phase to move to.`);
    }
  };
  setHandler(
    advancePhaseUpdate,
    (c) =>
      command(async (eventId) => {
        validateAdvance(c.from);
        const to = nextPhase(state.status)!;
        await activities.recordPlanPhase({
          eventId,
          planId: state.planId,
          status: to,
          actorId: c.actorId,
          byCommand: true,
        });
        state.status = to;
        replan = true;
        return state;
      }),
    {
      validator: (c: AdvancePhaseInput) => {
        authorize(c);
        validateAdvance(c.from);
      },
    },
  );

  if (!loaded) {
    const plan = await activities.loadPlan(input.planId);
    Object.assign(state, {
      year: plan.year,
      title: plan.title,
      status: plan.status,
      issuing: { done: 0, total: 0, running: plan.status !== 'DRAFT' },
      periods: plan.periods,
      schedule: plan.schedule,
      issuingUnitId: plan.issuingUnitId,
      issuingUnitPath: plan.issuingUnitPath,
    } satisfies Partial<PlanState>);
    fanOutWanted = state.issuing.running;
    loaded = true;
  }
  await condition(() => state.status !== 'DRAFT');
  let calendar = new WorkingCalendar(await activities.loadHolidays());

  /** Every timer still ahead for the plan, earliest first. */
  const timers = (): Timer[] => {
    const list: Timer[] = [];
    for (const period of state.periods) {
      if (!period.reminded) {
        const on = calendar.addWorkingDays(calendar.previousWorkingDay(period.endsOn), -reminderDays);
        list.push({
          at: atVietnamTime(on, 8).getTime(),
          fire: async () => {
            // A reminder for a date long gone (a plan taken over late) would only be noise.
            if (now() - atVietnamTime(on, 8).getTime() > STALE_REMINDER_MS) {
              period.reminded = true;
              return;
            }
            await activities.requestPeriodReports({
              eventId: `${workflowId}:period:${period.number}:reminder`,
              planId: state.planId,
              period,
            });
            period.reminded = true;
          },
        });
      }
      if (!period.closed) {
        list.push({
          at: atVietnamTime(addDays(period.endsOn, 1), 0).getTime(),
          fire: async () => {
            await activities.snapshotPeriod({
              eventId: `${workflowId}:period:${period.number}:close`,
              planId: state.planId,
              period,
            });
            period.closed = period.reminded = true;
          },
        });
      }
    }
    const upcoming = PHASE_STARTS.find(([, phase]) => phase === nextPhase(state.status));
    // Reminder before the self-assessment and the appraisal close.
    const ending = state.status;
    if (
      upcoming &&
      (ending === 'ASSESSMENT' || ending === 'APPRAISAL') &&
      !state.phaseReminders.includes(ending)
    ) {
      const endsOn = addDays(state.schedule[upcoming[0]], -1);
      const on = calendar.addWorkingDays(calendar.previousWorkingDay(endsOn), -reminderDays);
      const at = atVietnamTime(on, 8).getTime();
      list.push({
        at,
        fire: async () => {
          if (now() - at <= STALE_REMINDER_MS) {
            await activities.remindPhaseEnding({
              eventId: `${workflowId}:phase:${ending}:ending:${endsOn}`,
              planId: state.planId,
              phase: ending,
              endsOn,
            });
          }
          state.phaseReminders.push(ending);
        },
      });
    }
    if (upcoming) {
      const [key, phase] = upcoming;
      list.push({
        at: atVietnamTime(state.schedule[key], 0).getTime(),
        fire: async () => {
          await activities.recordPlanPhase({
            eventId: `${workflowId}:phase:${phase}:${state.schedule[key]}`,
            planId: state.planId,
            status: phase,
            actorId: null,
          });
          state.status = phase;
        },
      });
    }
    return list.sort((a, b) => a.at - b.at);
  };

  while (state.status !== 'CLOSED') {
    if (fanOutWanted) {
      fanOutWanted = false;
      for (;;) {
        const result = await fanOut.startTaskWorkflows({
          planId: state.planId,
          actorId: issuedBy,
          limit: batch,
        });
        state.issuing = { done: result.done, total: result.total, running: result.remaining };
        if (!result.remaining) break;
      }
      continue;
    }
    if (workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested) {
      await condition(() => !busy && allHandlersFinished());
      return continueAsNew<typeof planWorkflow>({ ...input, carried: state });
    }
    const [next] = timers();
    const wait = next ? next.at - now() : undefined;
    if (!next || (wait !== undefined && wait > 0)) {
      const woken = await condition(() => fanOutWanted || replan, wait);
      if (woken) {
        if (replan) {
          replan = false;
          calendar = new WorkingCalendar(await activities.loadHolidays());
        }
        continue;
      }
    }
    await condition(() => !busy);
    busy = true;
    try {
      // A command may have moved the dates meanwhile: fire only what is still due.
      const [due] = timers();
      if (due && due.at <= now()) await due.fire();
    } finally {
      busy = false;
    }
  }
  // CLOSED, on its date or by advancePhase: the unfinished tasks become NOT_COMPLETED and stop
  // escalating (docs/plan-closing.md). Histories recorded before this ended here without it.
  if (patched('plan-closes-unfinished-tasks')) {
    await condition(() => !busy);
    await closing.closeUnfinishedTasks({ eventId: `${workflowId}:closed:unfinished`, planId: state.planId });
  }
  await condition(allHandlersFinished);
  return state;
}
