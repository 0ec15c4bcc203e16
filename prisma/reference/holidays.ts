// Days off for civil servants (cán bộ, công chức, viên chức: Monday–Friday offices) in
// 2024–2027, for the working-day calendar. Reference data: written on every start, never
// over an administrator's edits.
//
// Legal basis: Bộ luật Lao động 2019 (Luật số 45/2019/QH14)
// - Điều 112 khoản 1: Tết Dương lịch 1 ngày (1/1); Tết Âm lịch 5 ngày; Ngày Chiến thắng
//   1 ngày (30/4); Ngày Quốc tế lao động 1 ngày (1/5); Quốc khánh 2 ngày (2/9 and one
//   adjacent day before or after); Giỗ Tổ Hùng Vương 1 ngày (10/3 âm lịch).
// - Điều 112 khoản 3: the Prime Minister fixes the Tết days and the National Day's
//   adjacent day each year.
// - Điều 111 khoản 3: a holiday falling on a weekly rest day (Saturday/Sunday) is made
//   up on the next working day (nghỉ bù).
// On top of that the government sometimes swaps a working day between a holiday and a
// weekend for a Saturday (hoán đổi ngày làm việc). The swapped weekday is listed below as a
// HOLIDAY, and the Saturday worked in exchange as a WORKING_DAY (the calendar counts it as a
// working day). Weekend days that are themselves holidays are listed too (harmless: the
// calendar skips weekends anyway); plain weekend days inside a long break are not.
//
// From 2028 on only what the Labour Code fixes by date is listed: 1/1, 30/4, 1/5 and 2/9,
// each made up on the next working day when it falls on a Saturday or Sunday (Điều 111
// khoản 3). Tết, Giỗ Tổ Hùng Vương (lunar dates), the National Day's adjacent day and any
// swap are decided each year by the Prime Minister: the administrator adds them on the
// Holidays page (/admin/holidays) when the notice is out.
//
// Lunar dates (Tết, 10/3 âm lịch) were checked against Hồ Ngọc Đức's algorithm for the
// Vietnamese calendar (UTC+7): Tết 10/2/2024, 29/1/2025, 17/2/2026, 6/2/2027; Giỗ Tổ
// 18/4/2024, 7/4/2025, 26/4/2026, 16/4/2027.
//
// Not yet law (check when the Labour Code is amended): Nghị quyết 80-NQ/TW (01/2026) and
// Nghị quyết 30/NQ-CP (02/2026) make 24/11, Ngày Văn hóa Việt Nam, a paid day off once
// Điều 112 is amended (Tue 24/11/2026, Wed 24/11/2027). It is not listed.
import type { PrismaClient } from '../client.ts';

export interface HolidaySeed {
  /** Calendar date, YYYY-MM-DD (Asia/Ho_Chi_Minh). */
  date: string;
  nameVi: string;
  nameEn: string;
  /** HOLIDAY unless given: WORKING_DAY for a weekend day worked in exchange for a day off. */
  kind?: 'HOLIDAY' | 'WORKING_DAY';
}

/** A Saturday worked in exchange for the weekday off named by `forVi` / `forEn`. */
const workedSaturday = (date: string, forVi: string, forEn: string): HolidaySeed => ({
  date,
  kind: 'WORKING_DAY',
  nameVi: `Làm bù (hoán đổi ${forVi})`,
  nameEn: `Working Saturday (swapped for ${forEn})`,
});

const newYear = (year: number): HolidaySeed => ({
  date: `${year}-01-01`,
  nameVi: 'Tết Dương lịch',
  nameEn: "New Year's Day",
});

/** One day of the Tết break, named by its lunar date. */
const tet = (date: string, yearVi: string, lunarVi: string, lunarEn: string): HolidaySeed => ({
  date,
  nameVi: `Nghỉ Tết Nguyên đán ${yearVi} (${lunarVi})`,
  nameEn: `Lunar New Year (Tết) holiday, ${lunarEn}`,
});

const hungKings = (date: string): HolidaySeed => ({
  date,
  nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  nameEn: "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
});

const victoryDay = (year: number): HolidaySeed => ({
  date: `${year}-04-30`,
  nameVi: 'Ngày Chiến thắng (30/4)',
  nameEn: 'Reunification Day (30 April)',
});

const labourDay = (year: number): HolidaySeed => ({
  date: `${year}-05-01`,
  nameVi: 'Ngày Quốc tế Lao động (1/5)',
  nameEn: 'International Labour Day (1 May)',
});

const nationalDay = (year: number): HolidaySeed => ({
  date: `${year}-09-02`,
  nameVi: 'Quốc khánh (2/9)',
  nameEn: 'National Day (2 September)',
});

const nationalDayAdjacent = (date: string): HolidaySeed => ({
  date,
  nameVi: 'Nghỉ lễ Quốc khánh (ngày liền kề 2/9)',
  nameEn: 'National Day holiday (day adjacent to 2 September)',
});

export const vietnamHolidays: HolidaySeed[] = [
  // ── 2024 ──────────────────────────────────────────────────────────────────────────────
  // Tết and National Day: Công văn 8662/VPCP-KGVX of 3/11/2023 (the Prime Minister agreed
  // to Tết 8–14/2/2024 and National Day 31/8–3/9/2024, i.e. 2/9 Monday + 3/9 Tuesday).
  // 30/4–1/5: Công văn 2450/VPCP-KGVX of 12/4/2024 swapped Monday 29/4 for Saturday 4/5.
  newYear(2024),
  tet('2024-02-08', 'Giáp Thìn', '29 tháng Chạp', '29th day of the 12th lunar month'),
  tet('2024-02-09', 'Giáp Thìn', '30 tháng Chạp', '30th day of the 12th lunar month'),
  tet('2024-02-10', 'Giáp Thìn', 'mùng 1 tháng Giêng', "lunar New Year's Day"),
  tet('2024-02-11', 'Giáp Thìn', 'mùng 2 tháng Giêng', '2nd day of the 1st lunar month'),
  tet('2024-02-12', 'Giáp Thìn', 'mùng 3 tháng Giêng', '3rd day of the 1st lunar month'),
  tet('2024-02-13', 'Giáp Thìn', 'mùng 4 tháng Giêng', '4th day of the 1st lunar month'),
  tet('2024-02-14', 'Giáp Thìn', 'mùng 5 tháng Giêng', '5th day of the 1st lunar month'),
  hungKings('2024-04-18'),
  {
    date: '2024-04-29',
    nameVi: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 4/5/2024)',
    nameEn: 'Swapped day off for 30 April–1 May (worked on Saturday 4 May 2024)',
  },
  workedSaturday('2024-05-04', 'ngày 29/4/2024', 'Monday 29 April 2024'),
  victoryDay(2024),
  labourDay(2024),
  nationalDay(2024),
  nationalDayAdjacent('2024-09-03'),

  // ── 2025 ──────────────────────────────────────────────────────────────────────────────
  // Công văn 8726/VPCP-KGVX of 26/11/2024: Tết 25/1–2/2/2025 (weekdays 27–31/1, i.e.
  // 28 tháng Chạp to mùng 3); 30/4–1/5 break 30/4–4/5 with Friday 2/5 swapped for
  // Saturday 26/4; National Day 30/8–2/9/2025, i.e. 1/9 Monday + 2/9 Tuesday.
  newYear(2025),
  tet('2025-01-27', 'Ất Tỵ', '28 tháng Chạp', '28th day of the 12th lunar month'),
  tet('2025-01-28', 'Ất Tỵ', '29 tháng Chạp', '29th day of the 12th lunar month'),
  tet('2025-01-29', 'Ất Tỵ', 'mùng 1 tháng Giêng', "lunar New Year's Day"),
  tet('2025-01-30', 'Ất Tỵ', 'mùng 2 tháng Giêng', '2nd day of the 1st lunar month'),
  tet('2025-01-31', 'Ất Tỵ', 'mùng 3 tháng Giêng', '3rd day of the 1st lunar month'),
  hungKings('2025-04-07'),
  victoryDay(2025),
  labourDay(2025),
  {
    date: '2025-05-02',
    nameVi: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)',
    nameEn: 'Swapped day off for 30 April–1 May (worked on Saturday 26 April 2025)',
  },
  workedSaturday('2025-04-26', 'ngày 2/5/2025', 'Friday 2 May 2025'),
  nationalDayAdjacent('2025-09-01'),
  nationalDay(2025),

  // ── 2026 ──────────────────────────────────────────────────────────────────────────────
  // Tết Dương lịch: Công văn 12729/VPCP-KGVX of 25/12/2025 swapped Friday 2/1 for
  // Saturday 10/1/2026 (break 1–4/1).
  // Tết: Thông báo 9441/TB-BNV of 16/10/2025 (Bộ Nội vụ): 16/2 (29 tháng Chạp) to 20/2
  // (mùng 4), 14–22/2/2026 with the two weekends.
  // Giỗ Tổ falls on Sunday 26/4: made up on Monday 27/4 (Điều 111 khoản 3).
  // National Day: 2/9 is a Wednesday, so neither adjacent day joins a weekend. Picked per
  // the rule (Điều 112 khoản 1 điểm đ, one adjacent day): Tuesday 1/9, the day before.
  // The same notice 9441/TB-BNV also set the 2026 National Day break; its text was not at
  // hand when this was written, so an administrator should check the adjacent day (and
  // any swap) against it.
  newYear(2026),
  {
    date: '2026-01-02',
    nameVi: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)',
    nameEn: "Swapped day off for New Year's Day (worked on Saturday 10 January 2026)",
  },
  workedSaturday('2026-01-10', 'ngày 2/1/2026', 'Friday 2 January 2026'),
  tet('2026-02-16', 'Bính Ngọ', '29 tháng Chạp', '29th day of the 12th lunar month'),
  tet('2026-02-17', 'Bính Ngọ', 'mùng 1 tháng Giêng', "lunar New Year's Day"),
  tet('2026-02-18', 'Bính Ngọ', 'mùng 2 tháng Giêng', '2nd day of the 1st lunar month'),
  tet('2026-02-19', 'Bính Ngọ', 'mùng 3 tháng Giêng', '3rd day of the 1st lunar month'),
  tet('2026-02-20', 'Bính Ngọ', 'mùng 4 tháng Giêng', '4th day of the 1st lunar month'),
  hungKings('2026-04-26'),
  {
    date: '2026-04-27',
    nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật 26/4)',
    nameEn: "Compensatory day off for Hùng Kings' Commemoration Day (fell on Sunday 26 April)",
  },
  victoryDay(2026),
  labourDay(2026),
  nationalDayAdjacent('2026-09-01'),
  nationalDay(2026),

  // ── 2027 ──────────────────────────────────────────────────────────────────────────────
  // Nothing announced yet: every date below follows the rules, not a decision.
  // Tết: lunar New Year's Day is Saturday 6/2/2027, the same weekday as in 2024, so this
  // follows the 2024 pattern: two days before Tết (Thursday 4/2 = 28 tháng Chạp, Friday
  // 5/2 = 29 tháng Chạp, the last day of the year) and mùng 1–3 (6–8/2), with Saturday
  // mùng 1 and Sunday mùng 2 made up on Tuesday 9/2 and Wednesday 10/2 (Điều 111 khoản 3):
  // weekdays off 4, 5, 8, 9, 10/2. The Prime Minister may choose another split (e.g. one
  // day before and four after, plus a swap); replace these when the notice is out.
  // 1/5 falls on Saturday: made up on Monday 3/5.
  // National Day: 2/9 is a Thursday; the adjacent day picked per the rule is Friday 3/9,
  // which joins the weekend (as in 2021, when 2/9 was also a Thursday).
  newYear(2027),
  tet('2027-02-04', 'Đinh Mùi', '28 tháng Chạp', '28th day of the 12th lunar month'),
  tet('2027-02-05', 'Đinh Mùi', '29 tháng Chạp', '29th day of the 12th lunar month'),
  tet('2027-02-06', 'Đinh Mùi', 'mùng 1 tháng Giêng', "lunar New Year's Day"),
  tet('2027-02-07', 'Đinh Mùi', 'mùng 2 tháng Giêng', '2nd day of the 1st lunar month'),
  tet('2027-02-08', 'Đinh Mùi', 'mùng 3 tháng Giêng', '3rd day of the 1st lunar month'),
  tet(
    '2027-02-09',
    'Đinh Mùi',
    'mùng 4 tháng Giêng, nghỉ bù',
    '4th day of the 1st lunar month, compensatory',
  ),
  tet(
    '2027-02-10',
    'Đinh Mùi',
    'mùng 5 tháng Giêng, nghỉ bù',
    '5th day of the 1st lunar month, compensatory',
  ),
  hungKings('2027-04-16'),
  victoryDay(2027),
  labourDay(2027),
  {
    date: '2027-05-03',
    nameVi: 'Nghỉ bù Ngày Quốc tế Lao động (trùng thứ Bảy 1/5)',
    nameEn: 'Compensatory day off for International Labour Day (fell on Saturday 1 May)',
  },
  nationalDay(2027),
  nationalDayAdjacent('2027-09-03'),

  // ── 2028–2030: the fixed-date holidays only (see the top of this file) ─────────────────
  ...[2028, 2029, 2030].flatMap(fixedDateHolidays),
];

/** Day of the week of a date, 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * 1/1, 30/4, 1/5 and 2/9 of `year`, and for each that falls on a Saturday or Sunday a day
 * off on the next weekday that is not a holiday already (30/4 on a Sunday: 1/5 is Labour Day,
 * so the make-up day is 2/5).
 */
export function fixedDateHolidays(year: number): HolidaySeed[] {
  const fixed = [newYear(year), victoryDay(year), labourDay(year), nationalDay(year)];
  const taken = new Set(fixed.map((holiday) => holiday.date));
  const compensatory: HolidaySeed[] = [];
  for (const holiday of fixed) {
    if (weekday(holiday.date) !== 0 && weekday(holiday.date) !== 6) continue;
    let day = nextDay(holiday.date);
    while (weekday(day) === 0 || weekday(day) === 6 || taken.has(day)) day = nextDay(day);
    taken.add(day);
    const [, month, dayOfMonth] = holiday.date.split('-').map(Number);
    compensatory.push({
      date: day,
      nameVi: `Nghỉ bù ${holiday.nameVi.replace(/ \(.*\)$/, '')} (${dayOfMonth}/${month} trùng ngày nghỉ hằng tuần)`,
      nameEn: `Compensatory day off for ${holiday.nameEn.replace(/ \(.*\)$/, '')} (fell on a weekend)`,
    });
  }
  return [...fixed, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Writes the holidays that are not in the table yet; a date that is already there (perhaps
 * renamed by an administrator) is left alone. Returns how many rows were written.
 */
export async function seedHolidays(prisma: Pick<PrismaClient, 'holiday'>): Promise<number> {
  const { count } = await prisma.holiday.createMany({
    data: vietnamHolidays.map((holiday) => ({
      date: new Date(`${holiday.date}T00:00:00.000Z`),
      kind: holiday.kind ?? 'HOLIDAY',
      nameVi: holiday.nameVi,
      nameEn: holiday.nameEn,
    })),
    skipDuplicates: true,
  });
  return count;
}
