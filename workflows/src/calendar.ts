// The working-day calendar: Monday to Friday, minus the public holidays of the Holiday table.
//
// Pure and deterministic: it runs inside workflow code, so it imports nothing, never reads the
// clock and never asks the host for a time zone. Calendar dates are 'YYYY-MM-DD' strings
// meaning a day in Vietnam (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving); instants
// are epoch milliseconds or Dates, in UTC.
//
// Internally a date is a day number (days since 1970-01-01) computed with plain integer
// arithmetic, so every operation is O(1) or O(log holidays): counting or stepping working
// days across a whole year never walks it day by day.

/** A day in Vietnam written 'YYYY-MM-DD' (e.g. '2026-02-17', lunar New Year 2026). */
export type CalendarDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day number of Monday 1969-12-29, the origin from which weekdays are indexed. */
const MONDAY_ZERO = -3;
/** Day numbers of 0001-01-01 and 9999-12-31: the dates that can be written YYYY-MM-DD. */
const FIRST_DAY = -719162;
const LAST_DAY = 2932896;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of daysFromCivil (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const describe = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

/** Day number of a valid calendar date; throws a RangeError naming a bad one. */
function dayNumber(date: CalendarDate): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return daysFromCivil(year, month, day);
    }
  }
  throw new RangeError(`${describe(date)} is not a calendar date written YYYY-MM-DD.`);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The calendar date of a day number; a RangeError outside the years 0001–9999. */
function fromDayNumber(days: number): CalendarDate {
  if (!Number.isSafeInteger(days) || days < FIRST_DAY || days > LAST_DAY) {
    throw new RangeError('The date falls outside the years 0001–9999.');
  }
  const [year, month, day] = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 0 = Sunday … 6 = Saturday, of a day number. */
const weekdayOf = (days: number): number => (((days + 4) % 7) + 7) % 7;

/** How many Mondays–Fridays come before `days` counted from MONDAY_ZERO (negative before it). */
function weekdayIndex(days: number): number {
  const offset = days - MONDAY_ZERO;
  const weeks = Math.floor(offset / 7);
  return weeks * 5 + Math.min(offset - weeks * 7, 5);
}

/** The Monday–Friday whose weekdayIndex is `index` (the inverse of weekdayIndex). */
function weekdayAt(index: number): number {
  const weeks = Math.floor(index / 5);
  return MONDAY_ZERO + weeks * 7 + (index - weeks * 5);
}

function checkWholeNumber(value: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${String(value)}.`);
  }
}

/** `date` itself when it is a real date written YYYY-MM-DD; otherwise a RangeError naming it. */
export function parseDate(date: CalendarDate): CalendarDate {
  dayNumber(date);
  return date;
}

/**
 * Whether `value` is a real date written YYYY-MM-DD: '2027-02-30' and '2026-13-01' are not (a
 * Date would quietly roll them over into March and into the next year).
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  try {
    dayNumber(value as CalendarDate);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of a year, month (1–12) and day of month; a RangeError if there is none. */
export function formatDate(year: number, month: number, day: number): CalendarDate {
  return parseDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** The calendar date `days` days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  checkWholeNumber(days, 'days', -Number.MAX_SAFE_INTEGER);
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday, 1 = Monday … 6 = Saturday. */
export const dayOfWeek = (date: CalendarDate): number => weekdayOf(dayNumber(date));

/** Negative, zero or positive as `a` is before, on or after `b` (the difference in days). */
export const compareDates = (a: CalendarDate, b: CalendarDate): number => dayNumber(a) - dayNumber(b);

/** The day in Vietnam at an instant: its UTC time plus 7 hours (23:30 UTC is tomorrow there). */
export function vietnamDate(instant: Date | number): CalendarDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${String(instant)} is not a valid instant.`);
  return fromDayNumber(Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS));
}

/**
 * The instant of a wall-clock time in Vietnam on `date`: hour 0–23, minute 0–59
 * (08:00 in Vietnam is 01:00 UTC the same day; 00:00 is 17:00 UTC the day before).
 */
export function atVietnamTime(date: CalendarDate, hour: number, minute = 0): Date {
  checkWholeNumber(hour, 'hour', 0, 23);
  checkWholeNumber(minute, 'minute', 0, 59);
  return new Date(dayNumber(date) * DAY_MS + (hour * 60 + minute) * 60 * 1000 - VIETNAM_OFFSET_MS);
}

/**
 * How a swapped working day (a Saturday or Sunday the government made a working day, in
 * exchange for a weekday off, to bridge a holiday: hoán đổi ngày làm việc) is written among the
 * holiday dates a WorkingCalendar is built from: 'W:2026-01-10'.
 *
 * Why an entry in the same list and not a second list or a new activity: the workflows'
 * activity `loadHolidays()` returns string[] and its results are recorded in every running
 * workflow's history. Histories recorded before working days existed hold only plain dates, which
 * this class reads exactly as before, so they replay unchanged (tests/workflows/replay.test.ts);
 * a new activity would have needed `patched()` at every call site in four workflows. The prefix
 * can never be mistaken for a date, and the Holiday table only gets WORKING_DAY rows from this
 * version on, so no older code ever receives one.
 */
export const WORKING_DAY_PREFIX = 'W:';

/** The calendar entry of a Holiday row: its date, or 'W:' + date for a swapped working day. */
export const calendarEntry = (date: CalendarDate, kind: 'HOLIDAY' | 'WORKING_DAY'): string =>
  kind === 'WORKING_DAY' ? `${WORKING_DAY_PREFIX}${date}` : date;

const isWeekend = (days: number): boolean => weekdayOf(days) === 0 || weekdayOf(days) === 6;

/**
 * Working days: Monday to Friday, except the given holidays, plus the weekend days swapped to be
 * worked (entries 'W:YYYY-MM-DD', see WORKING_DAY_PREFIX). Build a new one whenever the Holiday
 * table may have changed; it is cheap.
 */
export class WorkingCalendar {
  /** Every holiday, as a day number. */
  private readonly holidays: Set<number>;
  /** The holidays that fall on Monday–Friday, ascending: the ones that remove a working day. */
  private readonly weekdayHolidays: number[];
  /** Saturdays and Sundays worked in exchange for a day off, ascending (never a holiday too). */
  private readonly workingWeekendDays: number[];
  private readonly workingWeekendSet: Set<number>;

  /**
   * `entries`: holidays as 'YYYY-MM-DD' dates and swapped working days as 'W:YYYY-MM-DD'.
   * Duplicates, holidays on a weekend and working days on a weekday are harmless (a weekend day
   * listed both ways stays a day off); a bad date throws.
   */
  constructor(entries: Iterable<string>) {
    const holidays: number[] = [];
    const working: number[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string' && entry.startsWith(WORKING_DAY_PREFIX)) {
        working.push(dayNumber(entry.slice(WORKING_DAY_PREFIX.length)));
      } else holidays.push(dayNumber(entry));
    }
    this.holidays = new Set(holidays);
    this.weekdayHolidays = [...this.holidays].filter((days) => !isWeekend(days)).sort((a, b) => a - b);
    this.workingWeekendSet = new Set(working.filter((days) => isWeekend(days) && !this.holidays.has(days)));
    this.workingWeekendDays = [...this.workingWeekendSet].sort((a, b) => a - b);
  }

  /** Monday to Friday and not a holiday, or a weekend day swapped to be worked. */
  isWorkingDay(date: CalendarDate): boolean {
    return this.isWorking(dayNumber(date));
  }

  /** `date` when it is a working day, else the first working day after it. */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    return fromDayNumber(this.forward(dayNumber(date) - 1, 1));
  }

  /** `date` when it is a working day, else the last working day before it. */
  previousWorkingDay(date: CalendarDate): CalendarDate {
    return fromDayNumber(this.backward(dayNumber(date) + 1, 1));
  }

  /**
   * The working day `n` working days after `date` (before it when `n` is negative), counting
   * from `date` itself whether or not it is a working day: from Saturday, +1 is Monday and -1
   * is Friday. With n = 0: `date` when it is a working day, else the next working day.
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    checkWholeNumber(n, 'n', -Number.MAX_SAFE_INTEGER);
    const days = dayNumber(date);
    if (n === 0) return fromDayNumber(this.forward(days - 1, 1));
    return fromDayNumber(n > 0 ? this.forward(days, n) : this.backward(days, -n));
  }

  /**
   * The number of working days in (from, to]: `from` excluded, `to` included; negative (the
   * same count) when `to` is before `from`. E.g. Friday → next Monday = 1.
   */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    const [a, b] = [dayNumber(from), dayNumber(to)];
    return b >= a ? this.workingIn(a + 1, b) : 0 - this.workingIn(b + 1, a); // never -0
  }

  private isWorking(days: number): boolean {
    return isWeekend(days) ? this.workingWeekendSet.has(days) : !this.holidays.has(days);
  }

  /** Working days in [first, last]: weekdays, minus weekday holidays, plus swapped weekend days. */
  private workingIn(first: number, last: number): number {
    if (last < first) return 0;
    return (
      weekdayIndex(last + 1) -
      weekdayIndex(first) -
      countIn(this.weekdayHolidays, first, last) +
      countIn(this.workingWeekendDays, first, last)
    );
  }

  /**
   * The `n`-th working day after day `days` (n ≥ 1): the first day d with n working days in
   * (days, d], found by bisection between the next day and the (n + h)-th weekday, h being the
   * number of weekday holidays (m weekdays always hold at least m − h working days; the count
   * only grows, by one on each working day). O(log(distance) · log(holidays)).
   */
  private forward(days: number, n: number): number {
    const base = weekdayIndex(days + 1);
    let low = days + 1;
    let high = weekdayAt(base + n + this.weekdayHolidays.length - 1);
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (this.workingIn(days + 1, middle) >= n) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The `n`-th working day before day `days` (n ≥ 1); the mirror image of forward(). */
  private backward(days: number, n: number): number {
    const base = weekdayIndex(days);
    let low = weekdayAt(base - n - this.weekdayHolidays.length);
    let high = days - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.workingIn(middle, days - 1) >= n) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** How many of the ascending day numbers `sorted` lie in [first, last]. */
function countIn(sorted: readonly number[], first: number, last: number): number {
  return last < first ? 0 : lowerBound(sorted, last + 1) - lowerBound(sorted, first);
}

/** How many of the ascending day numbers `sorted` are below `days`. */
function lowerBound(sorted: readonly number[], days: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < days) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Reminders go out 5 working days and 1 working day before the due date unless told otherwise. */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [5, 1];

/**
 * The dates reminders fire on, ascending and without duplicates: for each offset (whole
 * number of working days, ≥ 0), that many working days before `due`. When `due` is not a
 * working day the count starts from the last working day before it (a Saturday due date
 * behaves like the Friday before; offset 0 is that Friday). Pass `undefined` for the defaults.
 */
export function reminderDates(
  due: CalendarDate,
  offsets: readonly number[] = DEFAULT_REMINDER_OFFSETS,
  calendar: WorkingCalendar,
): CalendarDate[] {
  for (const offset of offsets) checkWholeNumber(offset, 'A reminder offset', 0);
  const lastWorkingDay = calendar.previousWorkingDay(due);
  const dates = new Set(offsets.map((offset) => calendar.addWorkingDays(lastWorkingDay, -offset)));
  return [...dates].sort(compareDates);
}

/** When escalations after a due date fire. */
export interface EscalationOptions {
  /** Working days after the due date of the first escalation (≥ 0; 0 = the due date if working). */
  afterWorkingDays: number;
  /** Calendar days between repeats (≥ 1, e.g. 7), counted from the first escalation's date. */
  repeatEveryDays: number;
  /** The last date an escalation may fire on (inclusive); none after it. Optional for nextEscalation. */
  until?: CalendarDate;
}

/**
 * One escalation: the day it fires and which repeat it is (0 = the first escalation; for a day
 * that several moved repeats landed on, the last of them: whole periods since the first one).
 */
export interface Escalation {
  date: CalendarDate;
  repeat: number;
}

function checkEscalationOptions(options: EscalationOptions): void {
  checkWholeNumber(options.afterWorkingDays, 'afterWorkingDays', 0);
  checkWholeNumber(options.repeatEveryDays, 'repeatEveryDays', 1);
  if (options.until !== undefined) parseDate(options.until);
}

/**
 * Repeat `repeat` of the escalation schedule: the first escalation `afterWorkingDays` working
 * days after `due` (counted like addWorkingDays, so a weekend due date counts from the Friday),
 * then every `repeatEveryDays` calendar days after that first date, each moved to the next
 * working day when it falls on a weekend or holiday.
 */
function escalationOn(
  due: CalendarDate,
  repeat: number,
  options: EscalationOptions,
  calendar: WorkingCalendar,
): CalendarDate {
  const first = calendar.addWorkingDays(due, options.afterWorkingDays);
  return calendar.nextWorkingDay(addDays(first, repeat * options.repeatEveryDays));
}

/**
 * The first escalation that fires strictly after the date `after` (null: the very first one),
 * or null when it would fall after `options.until`. O(1) in the distance from the due date, so
 * a workflow can call it at every wake-up. Two repeats moved onto the same working day (e.g. a
 * weekly repeat on the first day of Tết and the next one both land on the day work resumes)
 * fire once: asking again after that day skips to the following one.
 *
 * From an instant: if today's send time (vietnamDate(now), at the workflow's hour) is still
 * ahead pass addDays(today, -1), else pass today.
 */
export function nextEscalation(
  due: CalendarDate,
  after: CalendarDate | null,
  options: EscalationOptions,
  calendar: WorkingCalendar,
): Escalation | null {
  checkEscalationOptions(options);
  const first = calendar.addWorkingDays(due, options.afterWorkingDays);
  let repeat = 0;
  if (after !== null && compareDates(first, after) <= 0) {
    // Repeat k is scheduled for first + k·period and moved forward at most to the next working
    // day, so the answer is the last repeat scheduled on or before `after` (if it was moved
    // past `after`) or the one after it.
    repeat = Math.floor(compareDates(after, first) / options.repeatEveryDays);
    if (compareDates(escalationOn(due, repeat, options, calendar), after) <= 0) repeat += 1;
  }
  const date = escalationOn(due, repeat, options, calendar);
  if (options.until !== undefined && compareDates(date, options.until) > 0) return null;
  return { date, repeat: Math.floor(compareDates(date, first) / options.repeatEveryDays) };
}

/**
 * Every escalation date from the first one up to `options.until` (inclusive), ascending and
 * without duplicates: nextEscalation applied until it returns null.
 */
export function escalationDates(
  due: CalendarDate,
  options: EscalationOptions & { until: CalendarDate },
  calendar: WorkingCalendar,
): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (
    let next = nextEscalation(due, null, options, calendar);
    next;
    next = nextEscalation(due, next.date, options, calendar)
  ) {
    dates.push(next.date);
  }
  return dates;
}
