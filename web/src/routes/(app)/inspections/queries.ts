// What the inspection lists read (this page, the calendar, and the home page's sections).
import { graphql } from '#lib/graphql.ts';

/** One inspection in a list: enough for its card. */
export const InspectionCard = graphql(`
  fragment InspectionCard on Inspection {
    id
    title
    kind
    status
    scheduledOn
    windowStart
    windowEnd
    targetUnit {
      name
    }
    inspectors {
      userId
      name
      lead
    }
  }
`);

export const INSPECTION_LIST_QUERY = graphql(
  `
    query InspectionList($filter: InspectionFilter, $first: Int) {
      inspections(filter: $filter, first: $first) {
        totalCount
        edges {
          node {
            ...InspectionCard
          }
        }
      }
    }
  `,
  [InspectionCard],
);

export const INSPECTION_CALENDAR_QUERY = graphql(`
  query InspectionCalendar($month: String!) {
    inspectionCalendar(month: $month) {
      date
      inspections {
        id
        title
      }
    }
  }
`);

/** Today in Vietnam, YYYY-MM-DD (buckets and the calendar count days there). */
export const todayInVietnam = (): string =>
  new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** The month before or after `month` (YYYY-MM). */
export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const moved = new Date(Date.UTC(year, number - 1 + count, 1));
  return `${moved.getUTCFullYear()}-${String(moved.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last day of `month` (YYYY-MM) as YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, number, 0)).getUTCDate()).padStart(2, '0')}`;
}
