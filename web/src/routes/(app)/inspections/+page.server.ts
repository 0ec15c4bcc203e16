import type { PageServerLoad } from './$types';
import { execute, executeOrRefused } from '#lib/server/graphql.ts';
import {
  INSPECTION_CALENDAR_QUERY,
  INSPECTION_LIST_QUERY,
  addMonths,
  lastDayOf,
  todayInVietnam,
} from './queries.ts';

const BUCKETS = ['TODAY', 'UPCOMING', 'IN_PROGRESS', 'CLOSED'] as const;
type Bucket = (typeof BUCKETS)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * `/inspections?bucket=UPCOMING` (Today by default), `?month=YYYY-MM` (the month's calendar and
 * its inspections) or `?day=YYYY-MM-DD` (one day, from the calendar, with its month).
 */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const today = todayInVietnam();
  const dayParam = params.get('day') ?? '';
  const day = DAY.test(dayParam) ? dayParam : null;
  const monthParam = params.get('month') ?? '';
  const month = day ? day.slice(0, 7) : MONTH.test(monthParam) ? monthParam : null;
  const bucket: Bucket | null = month
    ? null
    : (BUCKETS.find((value) => value === params.get('bucket')) ?? 'TODAY');
  const filter = day
    ? { from: day, to: day }
    : month
      ? { from: `${month}-01`, to: lastDayOf(month) }
      : { bucket };
  const [list, calendar] = await Promise.all([
    executeOrRefused(event, INSPECTION_LIST_QUERY, { filter, first: 100 }),
    month ? execute(event, INSPECTION_CALENDAR_QUERY, { month }) : null,
  ]);
  return {
    bucket,
    month,
    day,
    today,
    thisMonth: today.slice(0, 7),
    previousMonth: month ? addMonths(month, -1) : null,
    nextMonth: month ? addMonths(month, 1) : null,
    inspections: list.data?.inspections.edges.map((edge) => edge.node) ?? [],
    totalCount: list.data?.inspections.totalCount ?? 0,
    refused: list.refused?.message ?? null,
    calendar: calendar?.inspectionCalendar ?? null,
  };
};
