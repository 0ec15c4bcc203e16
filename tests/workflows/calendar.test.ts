// The working-day calendar that workflows count deadlines with, checked against the real days
// off of Vietnamese civil servants in 2025–2026.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_OFFSETS,
  WorkingCalendar,
  addDays,
  calendarEntry,
  atVietnamTime,
  compareDates,
  dayOfWeek,
  escalationDates,
  formatDate,
  nextEscalation,
  parseDate,
  reminderDates,
  vietnamDate,
} from '../../workflows/src/calendar.ts';

// Weekdays (and weekend days that are holidays themselves) off for civil servants, from the
// Labour Code 2019 art. 111–112 and the government's yearly decisions.
const HOLIDAYS = [
  // 2025 (Công văn 8726/VPCP-KGVX): Tết break 25/1–2/2, 30/4–4/5 with Friday 2/5 swapped
  // for Saturday 26/4, National Day 1–2/9.
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07', // Giỗ Tổ Hùng Vương
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  // 2026: 1/1 plus Friday 2/1 swapped for Saturday 10/1 (Công văn 12729/VPCP-KGVX); Tết
  // break 14–22/2; Giỗ Tổ on Sunday 26/4 made up on Monday 27/4; 30/4, 1/5; 2/9.
  '2026-01-01',
  '2026-01-02',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-26',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-02',
];

/** The Saturdays worked in exchange for the swapped days off above (26/4/2025, 10/1/2026). */
const SWAPPED_SATURDAYS = ['W:2025-04-26', 'W:2026-01-10'];

const calendar = new WorkingCalendar(HOLIDAYS);

/** Every date from `first` to `last` inclusive. */
function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let day = first; compareDates(day, last) <= 0; day = addDays(day, 1)) dates.push(day);
  return dates;
}

/** Deterministic pseudo-random numbers in [0, 1) for the brute-force comparisons. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The obvious day-by-day implementations, to check the fast ones against. */
const naive = (entries: Set<string>) => {
  const weekend = (date: string) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
  const working = (date: string) =>
    weekend(date) ? entries.has(`W:${date}`) && !entries.has(date) : !entries.has(date);
  return {
    working,
    addWorkingDays(date: string, n: number): string {
      if (n === 0) {
        let day = date;
        while (!working(day)) day = addDays(day, 1);
        return day;
      }
      let day = date;
      for (let left = Math.abs(n); left > 0;) {
        day = addDays(day, Math.sign(n));
        if (working(day)) left -= 1;
      }
      return day;
    },
    between(from: string, to: string): number {
      const [start, end, sign] = compareDates(to, from) >= 0 ? [from, to, 1] : [to, from, -1];
      let count = 0;
      for (let day = addDays(start, 1); compareDates(day, end) <= 0; day = addDays(day, 1)) {
        if (working(day)) count += 1;
      }
      return count === 0 ? 0 : sign * count;
    },
  };
};

describe('calendar dates', () => {
  it('accepts real dates, including 29 February of a leap year', () => {
    expect(parseDate('2025-01-29')).toBe('2025-01-29');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
  });

  it.each([
    '2025-02-30',
    '2025-2-3',
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '0000-01-01',
    '',
    ' 2025-02-03',
    '2025-02-03T00:00:00Z',
    '03/02/2025',
  ])('rejects %j with a RangeError that names it', (bad) => {
    expect(() => parseDate(bad)).toThrow(RangeError);
    expect(() => parseDate(bad)).toThrow(`"${bad}" is not a calendar date written YYYY-MM-DD.`);
  });

  it('rejects a value that is not a string at all (untyped input)', () => {
    expect(() => parseDate(20250203 as unknown as string)).toThrow(
      new RangeError('20250203 is not a calendar date written YYYY-MM-DD.'),
    );
    expect(() => parseDate(null as unknown as string)).toThrow(RangeError);
  });

  it('every operation taking a date rejects a bad one', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow('"2025-02-30"');
    expect(() => dayOfWeek('2025-2-3')).toThrow('"2025-2-3"');
    expect(() => compareDates('2025-01-01', '2025-1-1')).toThrow('"2025-1-1"');
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow('"2025-02-30"');
    expect(() => calendar.addWorkingDays('2026-02-29', 1)).toThrow('"2026-02-29"');
    expect(() => atVietnamTime('2025-2-3', 8)).toThrow('"2025-2-3"');
    expect(() => new WorkingCalendar(['2025-01-01', '2025-9-2'])).toThrow('"2025-9-2"');
  });

  it('formats a year, month and day, and refuses a day that does not exist', () => {
    expect(formatDate(2026, 2, 17)).toBe('2026-02-17');
    expect(formatDate(2025, 1, 1)).toBe('2025-01-01');
    expect(() => formatDate(2025, 2, 29)).toThrow('"2025-02-29"');
    expect(() => formatDate(2025, 1, 1.5)).toThrow(RangeError);
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2025-01-29', 365)).toBe('2026-01-29');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
    expect(() => addDays('2025-06-15', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('agrees with the JavaScript Date for every day from 1900 to 2100', () => {
    const start = Date.UTC(1900, 0, 1);
    let date = '1900-01-01';
    for (let ms = start; ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const expected = new Date(ms).toISOString().slice(0, 10);
      if (date !== expected || dayOfWeek(date) !== new Date(ms).getUTCDay()) {
        expect({ date, weekday: dayOfWeek(date) }).toEqual({
          date: expected,
          weekday: new Date(ms).getUTCDay(),
        });
      }
      date = addDays(date, 1);
    }
  });

  it('knows the weekday and the order of dates', () => {
    expect(dayOfWeek('2025-01-29')).toBe(3); // lunar New Year 2025, a Wednesday
    expect(dayOfWeek('2026-02-17')).toBe(2); // lunar New Year 2026, a Tuesday
    expect(dayOfWeek('2025-03-15')).toBe(6);
    expect(dayOfWeek('2025-03-16')).toBe(0);
    expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(compareDates('2026-01-01', '2025-01-01')).toBe(365);
    expect(compareDates('2025-05-05', '2025-05-05')).toBe(0);
  });
});

describe('Vietnam time', () => {
  it('23:30 UTC is already the next day in Vietnam', () => {
    expect(vietnamDate(new Date('2025-01-28T23:30:00Z'))).toBe('2025-01-29');
    expect(vietnamDate(Date.UTC(2025, 11, 31, 23, 30))).toBe('2026-01-01');
  });

  it('the Vietnamese day changes at 17:00 UTC', () => {
    expect(vietnamDate(Date.UTC(2025, 0, 28, 16, 59, 59, 999))).toBe('2025-01-28');
    expect(vietnamDate(Date.UTC(2025, 0, 28, 17, 0))).toBe('2025-01-29');
    expect(vietnamDate(Date.UTC(1969, 11, 31, 17, 0))).toBe('1970-01-01');
    expect(vietnamDate(Date.UTC(1969, 11, 31, 16, 59))).toBe('1969-12-31');
  });

  it('08:00 in Vietnam is 01:00 UTC; midnight is 17:00 UTC the day before', () => {
    expect(atVietnamTime('2026-02-23', 8).toISOString()).toBe('2026-02-23T01:00:00.000Z');
    expect(atVietnamTime('2026-02-23', 0).toISOString()).toBe('2026-02-22T17:00:00.000Z');
    expect(atVietnamTime('2026-01-01', 7, 30).toISOString()).toBe('2026-01-01T00:30:00.000Z');
    expect(atVietnamTime('2025-12-31', 23, 59).toISOString()).toBe('2025-12-31T16:59:00.000Z');
  });

  it('every wall-clock hour of a day maps back to that day', () => {
    for (let hour = 0; hour < 24; hour++) {
      expect(vietnamDate(atVietnamTime('2025-01-29', hour, 59))).toBe('2025-01-29');
    }
  });

  it('refuses an impossible time or instant', () => {
    expect(() => atVietnamTime('2025-01-29', 24)).toThrow(RangeError);
    expect(() => atVietnamTime('2025-01-29', 8.5)).toThrow(RangeError);
    expect(() => atVietnamTime('2025-01-29', 8, 60)).toThrow(RangeError);
    expect(() => vietnamDate(new Date('not a date'))).toThrow(RangeError);
    expect(() => vietnamDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('working days with the real Vietnamese holidays', () => {
  it('weekends, Tết and public holidays are not working days', () => {
    for (const day of datesFrom('2025-01-25', '2025-02-02')) expect(calendar.isWorkingDay(day)).toBe(false);
    for (const day of datesFrom('2026-02-14', '2026-02-22')) expect(calendar.isWorkingDay(day)).toBe(false);
    expect(calendar.isWorkingDay('2025-01-24')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    expect(calendar.isWorkingDay('2025-04-30')).toBe(false);
    expect(calendar.isWorkingDay('2025-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2025-09-03')).toBe(true);
    expect(calendar.isWorkingDay('2025-03-15')).toBe(false); // a plain Saturday
  });

  it('adding working days across Tết skips the whole break', () => {
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(calendar.addWorkingDays('2025-01-22', 5)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(calendar.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    // Ten working days from the Friday before Tết 2026 take three weeks of calendar.
    expect(calendar.addWorkingDays('2026-02-13', 10)).toBe('2026-03-06');
  });

  it('crosses the year end: with the 2026 swap work resumes on Monday 5 January', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(calendar.addWorkingDays('2026-01-05', -1)).toBe('2025-12-31');
    expect(calendar.workingDaysBetween('2025-12-31', '2026-01-05')).toBe(1);
  });

  it('crosses the year end: with only New Year’s Day off, 31 December + 1 is 2 January', () => {
    const statutoryOnly = new WorkingCalendar(['2026-01-01']);
    expect(statutoryOnly.addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
    expect(statutoryOnly.addWorkingDays('2026-01-02', -1)).toBe('2025-12-31');
    expect(statutoryOnly.workingDaysBetween('2025-12-31', '2026-01-02')).toBe(1);
  });

  it('steps backwards with a negative count', () => {
    expect(calendar.addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(calendar.addWorkingDays('2025-05-05', -3)).toBe('2025-04-25');
    expect(calendar.addWorkingDays('2026-02-23', -5)).toBe('2026-02-09');
  });

  it('counts from the given day even when it is not a working day', () => {
    expect(calendar.addWorkingDays('2025-03-15', 1)).toBe('2025-03-17'); // Saturday → Monday
    expect(calendar.addWorkingDays('2025-03-15', -1)).toBe('2025-03-14'); // Saturday → Friday
    expect(calendar.addWorkingDays('2025-01-29', 1)).toBe('2025-02-03'); // lunar New Year's Day
    expect(calendar.addWorkingDays('2025-01-29', -1)).toBe('2025-01-24');
  });

  it('adding zero keeps a working day and moves any other to the next working day', () => {
    expect(calendar.addWorkingDays('2025-03-14', 0)).toBe('2025-03-14');
    expect(calendar.addWorkingDays('2025-03-15', 0)).toBe('2025-03-17');
    expect(calendar.addWorkingDays('2025-04-30', 0)).toBe('2025-05-05');
  });

  it('finds the same-or-next and same-or-previous working day', () => {
    expect(calendar.nextWorkingDay('2025-04-30')).toBe('2025-05-05');
    expect(calendar.nextWorkingDay('2025-05-05')).toBe('2025-05-05');
    expect(calendar.previousWorkingDay('2025-05-04')).toBe('2025-04-29');
    expect(calendar.previousWorkingDay('2026-02-22')).toBe('2026-02-13');
    expect(calendar.previousWorkingDay('2026-02-13')).toBe('2026-02-13');
  });

  it('counts working days in (from, to], with the sign of the direction', () => {
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(calendar.workingDaysBetween('2025-02-03', '2025-01-24')).toBe(-1);
    expect(calendar.workingDaysBetween('2025-03-14', '2025-03-14')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-14', '2025-03-17')).toBe(1);
    // 2025 has 261 weekdays, 12 of them holidays.
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(249);
    expect(calendar.workingDaysBetween('2025-12-31', '2024-12-31')).toBe(-249);
  });

  it('workingDaysBetween is antisymmetric and undoes addWorkingDays', () => {
    const random = seeded(7);
    const days = datesFrom('2024-12-01', '2027-01-31');
    for (let i = 0; i < 2000; i++) {
      const a = days[Math.floor(random() * days.length)]!;
      const b = days[Math.floor(random() * days.length)]!;
      expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a)).toBe(0);
      const n = Math.floor(random() * 121) - 60;
      const working = calendar.nextWorkingDay(a);
      expect(calendar.workingDaysBetween(working, calendar.addWorkingDays(working, n))).toBe(n);
    }
  });

  it.each([
    ['the real 2025–2026 holidays', HOLIDAYS, false],
    ['a third of all days off at random', [], false],
    ['the real holidays and their swapped working Saturdays', [...HOLIDAYS, ...SWAPPED_SATURDAYS], false],
    ['random days off and a third of the weekend days worked', [], true],
  ])('gives the same answers as counting day by day, with %s', (_name, given, workWeekends) => {
    const days = datesFrom('2024-12-01', '2027-01-31');
    const random = seeded(42);
    const holidays =
      given.length > 0
        ? given
        : days.flatMap((day) => {
            const off = random() < 0.33 ? [day] : [];
            const isWeekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
            return workWeekends && isWeekend && random() < 0.33 ? [...off, `W:${day}`] : off;
          });
    const fast = new WorkingCalendar(holidays);
    const slow = naive(new Set(holidays));
    for (const day of days) {
      expect(fast.isWorkingDay(day)).toBe(slow.working(day));
      for (const n of [-23, -6, -5, -1, 0, 1, 2, 5, 6, 23]) {
        if (fast.addWorkingDays(day, n) !== slow.addWorkingDays(day, n)) {
          expect({ day, n, got: fast.addWorkingDays(day, n) }).toEqual({
            day,
            n,
            got: slow.addWorkingDays(day, n),
          });
        }
      }
    }
    for (let i = 0; i < 1500; i++) {
      const a = days[Math.floor(random() * days.length)]!;
      const b = days[Math.floor(random() * days.length)]!;
      expect(fast.workingDaysBetween(a, b)).toBe(slow.between(a, b));
    }
  });

  it('steps a whole year of working days and back in one call', () => {
    const lastOf2025 = calendar.addWorkingDays('2024-12-31', 249);
    expect(lastOf2025).toBe('2025-12-31');
    expect(calendar.addWorkingDays(lastOf2025, -249)).toBe('2024-12-31');
    expect(calendar.addWorkingDays('2025-01-01', 100_000)).toMatch(/^2\d{3}-\d{2}-\d{2}$/);
  });

  it('counts a swapped working Saturday as a working day, in every operation', () => {
    // 2026: Friday 2/1 off, worked on Saturday 10/1 (Công văn 12729/VPCP-KGVX).
    const swapped = new WorkingCalendar([...HOLIDAYS, calendarEntry('2026-01-10', 'WORKING_DAY')]);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(false);
    expect(swapped.isWorkingDay('2026-01-10')).toBe(true);
    expect(swapped.isWorkingDay('2026-01-11')).toBe(false); // the Sunday stays a rest day
    expect(swapped.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    expect(swapped.addWorkingDays('2026-01-12', -1)).toBe('2026-01-10');
    expect(swapped.nextWorkingDay('2026-01-10')).toBe('2026-01-10');
    expect(swapped.previousWorkingDay('2026-01-11')).toBe('2026-01-10');
    expect(swapped.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(2);
    expect(calendar.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(1);
    // A reminder 1 working day before a Monday due date goes out on the working Saturday.
    expect(reminderDates('2026-01-12', [1], swapped)).toEqual(['2026-01-10']);
    // A weekend day listed as a holiday too stays a day off; a working-day entry on a weekday changes nothing.
    expect(new WorkingCalendar(['W:2026-01-10', '2026-01-10']).isWorkingDay('2026-01-10')).toBe(false);
    expect(new WorkingCalendar(['W:2026-01-07']).isWorkingDay('2026-01-07')).toBe(true);
    expect(() => new WorkingCalendar(['W:2026-02-30'])).toThrow(RangeError);
  });

  it('ignores duplicate and weekend holidays, and refuses a fractional step', () => {
    const noisy = new WorkingCalendar([...HOLIDAYS, ...HOLIDAYS, '2025-03-15', '2025-03-16']);
    expect(noisy.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(249);
    expect(() => calendar.addWorkingDays('2025-03-14', 1.5)).toThrow(RangeError);
  });

  it('with no holidays, only weekends are skipped', () => {
    const weekendsOnly = new WorkingCalendar([]);
    expect(weekendsOnly.addWorkingDays('2025-01-24', 1)).toBe('2025-01-27');
    expect(weekendsOnly.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261);
  });
});

describe('reminder dates', () => {
  it('5 working days before a due date just after Tết falls before the break', () => {
    expect(reminderDates('2025-02-04', [5, 1], calendar)).toEqual(['2025-01-21', '2025-02-03']);
    expect(reminderDates('2025-02-03', [5, 1], calendar)).toEqual(['2025-01-20', '2025-01-24']);
    expect(reminderDates('2026-02-24', [5, 1], calendar)).toEqual(['2026-02-10', '2026-02-23']);
  });

  it('a due date on a Saturday counts back from the Friday before', () => {
    expect(reminderDates('2025-03-15', [5, 1], calendar)).toEqual(['2025-03-07', '2025-03-13']);
    expect(reminderDates('2025-03-15', [0], calendar)).toEqual(['2025-03-14']);
  });

  it('a due date on a holiday counts back from the last working day before it', () => {
    // 2 September 2025 is National Day (1–2 September off): the last working day is Friday 29 August.
    expect(reminderDates('2025-09-02', [5, 1], calendar)).toEqual(['2025-08-22', '2025-08-28']);
  });

  it('uses 5 and 1 working days by default, sorted and without duplicates', () => {
    expect(DEFAULT_REMINDER_OFFSETS).toEqual([5, 1]);
    expect(reminderDates('2025-02-04', undefined, calendar)).toEqual(['2025-01-21', '2025-02-03']);
    expect(reminderDates('2025-02-04', [1, 10, 5, 1], calendar)).toEqual([
      '2025-01-14',
      '2025-01-21',
      '2025-02-03',
    ]);
    expect(reminderDates('2025-02-04', [], calendar)).toEqual([]);
  });

  it('refuses a negative or fractional offset', () => {
    expect(() => reminderDates('2025-02-04', [-1], calendar)).toThrow(RangeError);
    expect(() => reminderDates('2025-02-04', [1.5], calendar)).toThrow(RangeError);
  });
});

describe('escalation dates', () => {
  const weekly = { afterWorkingDays: 5, repeatEveryDays: 7 };

  it('first N working days after the due date, then weekly, moved off holidays', () => {
    // Due Wednesday 16 April 2025: first escalation Wednesday 23 April; the repeat on 30 April
    // (Reunification Day) moves past 1–2 May and the weekend to Monday 5 May.
    expect(escalationDates('2025-04-16', { ...weekly, until: '2025-05-14' }, calendar)).toEqual([
      '2025-04-23',
      '2025-05-05',
      '2025-05-07',
      '2025-05-14',
    ]);
  });

  it('repeats that Tết pushes onto the same day fire once', () => {
    // First escalation Monday 9 February 2026; the repeat of 16 February (Tết) moves to
    // Monday 23 February, the day the next repeat is due anyway.
    expect(escalationDates('2026-02-02', { ...weekly, until: '2026-03-09' }, calendar)).toEqual([
      '2026-02-09',
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
    ]);
  });

  it('a due date on a Saturday counts from that Saturday: the first escalation is the next Friday', () => {
    expect(nextEscalation('2025-03-15', null, weekly, calendar)).toEqual({ date: '2025-03-21', repeat: 0 });
  });

  it('a due date just before Tết escalates after the break', () => {
    expect(nextEscalation('2025-01-22', null, weekly, calendar)).toEqual({ date: '2025-02-05', repeat: 0 });
  });

  it('finds the next escalation after a given day without walking the schedule', () => {
    const due = '2026-02-02';
    expect(nextEscalation(due, '2026-01-15', weekly, calendar)).toEqual({ date: '2026-02-09', repeat: 0 });
    expect(nextEscalation(due, '2026-02-09', weekly, calendar)).toEqual({ date: '2026-02-23', repeat: 2 });
    expect(nextEscalation(due, '2026-02-18', weekly, calendar)).toEqual({ date: '2026-02-23', repeat: 2 });
    expect(nextEscalation(due, '2026-02-23', weekly, calendar)).toEqual({ date: '2026-03-02', repeat: 3 });
    // Months later it is still one step: 9 February + 45 weeks = Monday 21 December 2026.
    expect(nextEscalation(due, '2026-12-20', weekly, calendar)).toEqual({ date: '2026-12-21', repeat: 45 });
  });

  it('stops after `until`', () => {
    expect(
      nextEscalation('2025-04-16', '2025-05-07', { ...weekly, until: '2025-05-13' }, calendar),
    ).toBeNull();
    expect(nextEscalation('2025-04-16', null, { ...weekly, until: '2025-04-22' }, calendar)).toBeNull();
    expect(escalationDates('2025-04-16', { ...weekly, until: '2025-04-22' }, calendar)).toEqual([]);
    expect(escalationDates('2025-04-16', { ...weekly, until: '2025-04-23' }, calendar)).toEqual([
      '2025-04-23',
    ]);
  });

  it('with zero working days the first escalation is the due date itself, or the next working day', () => {
    const now = { afterWorkingDays: 0, repeatEveryDays: 7 };
    expect(nextEscalation('2025-03-14', null, now, calendar)).toEqual({ date: '2025-03-14', repeat: 0 });
    expect(nextEscalation('2025-03-15', null, now, calendar)).toEqual({ date: '2025-03-17', repeat: 0 });
  });

  it('from an instant: an escalation due today at 08:00 is still ahead at 07:00', () => {
    const due = '2025-04-16';
    const sevenAm = atVietnamTime('2025-05-05', 7).getTime();
    const today = vietnamDate(sevenAm);
    const sendTimePassed = sevenAm >= atVietnamTime(today, 8).getTime();
    const after = sendTimePassed ? today : addDays(today, -1);
    expect(nextEscalation(due, after, weekly, calendar)?.date).toBe('2025-05-05');
    expect(nextEscalation(due, today, weekly, calendar)?.date).toBe('2025-05-07');
  });

  it('agrees with listing every repeat and moving it, for due dates all over 2025–2026', () => {
    const random = seeded(3);
    const dues = datesFrom('2024-12-01', '2026-12-31');
    for (let i = 0; i < 150; i++) {
      const due = dues[Math.floor(random() * dues.length)]!;
      const options = {
        afterWorkingDays: Math.floor(random() * 11),
        repeatEveryDays: 1 + Math.floor(random() * 14),
        until: addDays(due, 120),
      };
      const first = calendar.addWorkingDays(due, options.afterWorkingDays);
      const expected = new Set<string>();
      for (let k = 0; compareDates(addDays(first, k * options.repeatEveryDays), options.until) <= 0; k++) {
        const on = calendar.nextWorkingDay(addDays(first, k * options.repeatEveryDays));
        if (compareDates(on, options.until) <= 0) expected.add(on);
      }
      expect(escalationDates(due, options, calendar)).toEqual([...expected]);
    }
  });

  it('refuses options that make no sense', () => {
    expect(() =>
      nextEscalation('2025-04-16', null, { afterWorkingDays: -1, repeatEveryDays: 7 }, calendar),
    ).toThrow(RangeError);
    expect(() =>
      nextEscalation('2025-04-16', null, { afterWorkingDays: 5, repeatEveryDays: 0 }, calendar),
    ).toThrow(RangeError);
    expect(() =>
      escalationDates('2025-04-16', { afterWorkingDays: 5, repeatEveryDays: 7, until: '2025-5-1' }, calendar),
    ).toThrow('"2025-5-1"');
  });
});
