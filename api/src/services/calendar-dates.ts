import type { PrismaClient } from '../../../prisma/client.ts';
import { WorkingCalendar, calendarEntry } from '../../../workflows/src/calendar.ts';

/** Today's calendar date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function todayInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export const dateOnly = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);

/**
 * The working-day calendar of the Holiday table (holidays and swapped working days), the same
 * one the workflows build from their `loadHolidays` activity. A DATE column comes back as
 * midnight UTC of that day.
 */
export async function loadWorkingCalendar(prisma: Pick<PrismaClient, 'holiday'>): Promise<WorkingCalendar> {
  const rows = await prisma.holiday.findMany({ select: { date: true, kind: true } });
  return new WorkingCalendar(rows.map((row) => calendarEntry(row.date.toISOString().slice(0, 10), row.kind)));
}
