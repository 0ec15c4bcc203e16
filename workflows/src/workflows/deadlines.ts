// The deadline timers shared by tasks and corrective actions: reminders before the due date,
// the overdue notice, then escalation to the steering committee and weekly repeats, all on
// working days. Pure functions plus one loop step; runs inside workflow code.
import { WorkingCalendar, addDays, atVietnamTime } from '../calendar.ts';

export interface DeadlinePolicy {
  /** Working days before the due date on which a reminder goes out (default 5 and 1). */
  reminderOffsets: number[];
  /** Working days after the due date before the steering committee is told (level 2). */
  escalateAfterWorkingDays: number;
  /** Calendar days between repeated escalations (moved to the next working day). */
  repeatEveryDays: number;
  /** Hour of the day, Vietnam time, at which reminders and escalations go out. */
  hour: number;
}

export const defaultDeadlinePolicy: DeadlinePolicy = {
  reminderOffsets: [5, 1],
  escalateAfterWorkingDays: 5,
  repeatEveryDays: 7,
  hour: 8,
};

export type DeadlineEvent =
  | { kind: 'reminder'; on: string; at: number; workingDaysLeft: number }
  /** The due date has passed: level 1, the unit head is told. */
  | { kind: 'overdue'; on: string; at: number }
  /** Level 2: the steering committee is told; `repeat` counts the weekly repeats (0 first). */
  | { kind: 'escalation'; on: string; at: number; repeat: number; workingDaysLate: number };

/** Throws a clear error for a policy that would loop or fire nonsense. */
export function checkPolicy(policy: DeadlinePolicy): void {
  const offsets = policy.reminderOffsets;
  if (offsets.some((offset) => !Number.isInteger(offset) || offset < 1 || offset > 60)) {
    throw new RangeError('reminderOffsets must be whole numbers of working days from 1 to 60.');
  }
  if (!Number.isInteger(policy.escalateAfterWorkingDays) || policy.escalateAfterWorkingDays < 0) {
    throw new RangeError('escalateAfterWorkingDays must be a whole number, 0 or more.');
  }
  if (!Number.isInteger(policy.repeatEveryDays) || policy.repeatEveryDays < 1) {
    throw new RangeError('repeatEveryDays must be a whole number of days, 1 or more.');
  }
  if (!Number.isInteger(policy.hour) || policy.hour < 0 || policy.hour > 23) {
    throw new RangeError('hour must be from 0 to 23 (Vietnam time).');
  }
}

/**
 * The first deadline event for `dueDate` that fires strictly after `afterMs` (epoch ms), or
 * null when none does (never: escalations repeat until the work is closed). The sequence is:
 * the reminders (offsets counted back from the last working day on or before the due date),
 * the overdue notice at midnight after the due date, the first escalation
 * `escalateAfterWorkingDays` working days after the due date, then one every
 * `repeatEveryDays`, each moved to the next working day.
 */
export function nextDeadlineEvent(
  dueDate: string,
  afterMs: number,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): DeadlineEvent {
  const lastWorkingDay = calendar.previousWorkingDay(dueDate);
  const reminders = [...new Set(policy.reminderOffsets)]
    .sort((a, b) => b - a)
    .map((offset) => {
      const on = calendar.addWorkingDays(lastWorkingDay, -offset);
      return {
        kind: 'reminder' as const,
        on,
        at: atVietnamTime(on, policy.hour).getTime(),
        workingDaysLeft: offset,
      };
    });
  for (const reminder of reminders) if (reminder.at > afterMs) return reminder;

  const overdueOn = addDays(dueDate, 1);
  const overdue = { kind: 'overdue' as const, on: overdueOn, at: atVietnamTime(overdueOn, 0).getTime() };
  if (overdue.at > afterMs) return overdue;

  const escalation = escalations(dueDate, policy, calendar);
  // Jump straight to the repeat that is due, instead of walking a year of weeks.
  let repeat =
    afterMs < escalation.firstAt
      ? 0
      : Math.max(0, Math.floor((afterMs - escalation.firstAt) / escalation.period) - 1);
  for (;;) {
    const candidate = escalation.at(repeat);
    if (candidate.at > afterMs) return candidate;
    repeat += 1;
  }
}

/** The escalation sequence of a due date: the first, then one every repeatEveryDays. */
function escalations(dueDate: string, policy: DeadlinePolicy, calendar: WorkingCalendar) {
  const first = calendar.addWorkingDays(dueDate, policy.escalateAfterWorkingDays);
  return {
    firstAt: atVietnamTime(first, policy.hour).getTime(),
    period: policy.repeatEveryDays * 24 * 60 * 60 * 1000,
    at(repeat: number): DeadlineEvent & { kind: 'escalation' } {
      const on = calendar.nextWorkingDay(addDays(first, repeat * policy.repeatEveryDays));
      return {
        kind: 'escalation',
        on,
        at: atVietnamTime(on, policy.hour).getTime(),
        repeat,
        workingDaysLate: calendar.workingDaysBetween(dueDate, on),
      };
    },
  };
}

/**
 * The last deadline event for `dueDate` at or before `atMs`, or null when none has come yet:
 * what a workflow that was not running (a worker down for days, a task taken over from old
 * data) fires once to catch up, instead of every reminder and weekly repeat it missed.
 */
export function latestDeadlineEvent(
  dueDate: string,
  atMs: number,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): DeadlineEvent | null {
  const escalation = escalations(dueDate, policy, calendar);
  if (atMs >= escalation.firstAt) {
    let repeat = Math.floor((atMs - escalation.firstAt) / escalation.period) + 1;
    while (repeat > 0 && escalation.at(repeat).at > atMs) repeat -= 1;
    return escalation.at(repeat);
  }
  let latest: DeadlineEvent | null = null;
  for (let event = nextDeadlineEvent(dueDate, -1, policy, calendar); event.at <= atMs;) {
    latest = event;
    event = nextDeadlineEvent(dueDate, event.at, policy, calendar);
  }
  return latest;
}

/**
 * The deadline event to wait for next: the first after `cursorMs` or, when that one has
 * already come due (a worker down for days, work taken over from old data), the latest that
 * has come due by `nowMs`, so a late workflow fires once instead of every event it missed.
 */
export function upcomingDeadlineEvent(
  dueDate: string,
  cursorMs: number,
  nowMs: number,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): DeadlineEvent {
  const next = nextDeadlineEvent(dueDate, cursorMs, policy, calendar);
  if (next.at > nowMs) return next;
  const latest = latestDeadlineEvent(dueDate, nowMs, policy, calendar);
  return latest && latest.at > next.at ? latest : next;
}

/** Task.escalationLevel / CorrectiveAction.escalationLevel after `event`. */
export const escalationLevelAfter = (event: DeadlineEvent, current: number): number =>
  event.kind === 'overdue' ? Math.max(current, 1) : event.kind === 'escalation' ? 2 : current;

/**
 * The deadline cursor after the working-day calendar changed (a holiday or a swapped working day
 * added or removed): the events already sent, by the old calendar, must not go out again on
 * their new dates. The last event sent by `cursorMs` under `before` is found, and the cursor
 * moves to that same event (same reminder offset, same escalation repeat) under `after` if it now
 * falls later. The events before it in the sequence went out before it, so nothing is skipped
 * that was not sent. Events not sent yet simply take their new dates: a reminder due on a day
 * that became a holiday moves to the working day before, and fires at once if that is past.
 */
export function cursorAfterCalendarChange(
  dueDate: string,
  cursorMs: number,
  policy: DeadlinePolicy,
  before: WorkingCalendar,
  after: WorkingCalendar,
): number {
  const sent = latestDeadlineEvent(dueDate, cursorMs, policy, before);
  if (!sent) return cursorMs;
  let on: string;
  if (sent.kind === 'reminder') {
    on = after.addWorkingDays(after.previousWorkingDay(dueDate), -sent.workingDaysLeft);
  } else if (sent.kind === 'escalation') {
    on = escalations(dueDate, policy, after).at(sent.repeat).on;
  } else {
    return cursorMs; // the overdue notice goes by the due date alone
  }
  return Math.max(cursorMs, atVietnamTime(on, policy.hour).getTime());
}
