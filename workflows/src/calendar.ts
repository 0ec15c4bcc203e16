// The working-day calendar: Monday to Friday, minus the public holidays of the Holiday table.
// Pure and deterministic (it runs inside workflow code): calendar dates are 'YYYY-MM-DD'
// strings meaning a day in Vietnam (UTC+7, no daylight saving); instants are epoch ms / Date.

export type CalendarDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid calendar date; throws a RangeError naming a bad one. */
function dayNumber(date: CalendarDate): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`"${date}" is not a calendar date written YYYY-MM-DD.`);
}

const fromDayNumber = (days: number): CalendarDate => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** `date` itself when it is a real date written YYYY-MM-DD; otherwise a RangeError. */
export function parseDate(date: CalendarDate): CalendarDate {
  dayNumber(date);
  return date;
}

/** The calendar date `days` days after `date` (before it when negative). */
export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  fromDayNumber(dayNumber(date) + days);

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: CalendarDate): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

/** Negative, zero or positive as `a` is before, on or after `b`. */
export const compareDates = (a: CalendarDate, b: CalendarDate): number => dayNumber(a) - dayNumber(b);

/** The day in Vietnam at an instant. */
export const vietnamDate = (instant: Date | number): CalendarDate =>
  new Date((typeof instant === 'number' ? instant : instant.getTime()) + VIETNAM_OFFSET_MS)
    .toISOString()
    .slice(0, 10);

/** The instant of a wall-clock time in Vietnam on `date` (08:00 Vietnam = 01:00 UTC). */
export const atVietnamTime = (date: CalendarDate, hour: number, minute = 0): Date =>
  new Date(dayNumber(date) * DAY_MS + (hour * 60 + minute) * 60 * 1000 - VIETNAM_OFFSET_MS);

export class WorkingCalendar {
  private readonly holidays: Set<CalendarDate>;

  constructor(holidays: Iterable<CalendarDate>) {
    this.holidays = new Set([...holidays].map(parseDate));
  }

  /** Monday to Friday and not a public holiday. */
  isWorkingDay(date: CalendarDate): boolean {
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(date);
  }

  /** `date` when it is a working day, else the first working day after it. */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** `date` when it is a working day, else the last working day before it. */
  previousWorkingDay(date: CalendarDate): CalendarDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /**
   * The working day `n` working days after `date` (before it when `n` is negative), counting
   * from `date` itself; with n = 0, `date` or the next working day.
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    if (n === 0) return this.nextWorkingDay(date);
    const step = n > 0 ? 1 : -1;
    let day = date;
    for (let left = Math.abs(n); left > 0;) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /** Working days in (from, to]; negative when `to` is before `from`. */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    const sign = compareDates(to, from) >= 0 ? 1 : -1;
    const [start, end] = sign > 0 ? [from, to] : [to, from];
    let count = 0;
    for (let day = addDays(start, 1); compareDates(day, end) <= 0; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return sign * count;
  }
}
