/** Today's calendar date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function todayInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export const dateOnly = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);
