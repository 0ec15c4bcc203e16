import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { graphql, type ResultOf } from '#lib/graphql.ts';
import { execute, executeOrRefused } from '#lib/server/graphql.ts';

const STATUSES = ['OPEN', 'SUBMITTED', 'VERIFIED', 'CANCELLED'] as const;
type Status = (typeof STATUSES)[number];

const OPTIONS = graphql(`
  query CorrectiveFilterOptions {
    units {
      id
      name
      parentId
    }
  }
`);

const LIST = graphql(`
  query CorrectiveList($filter: CorrectiveFilter, $after: String) {
    correctiveActions(filter: $filter, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          round
          dueDate
          severity
          workingDaysLeft
          overdue
          finding {
            description
          }
          responsibleUnit {
            id
            name
          }
          inspection {
            id
            title
          }
        }
      }
    }
  }
`);

/** The filter as the form and the URL hold it: `/corrective?unit=…&status=OPEN&overdue=1&mine=1`. */
export interface FilterValues {
  unit: string;
  status: Status[];
  overdue: boolean;
  mine: boolean;
}

/**
 * The URL's filter. The form always sends `f=1`; without it (the nav's link, a first visit) the
 * page opens on what its reader looks for first: an inspector the actions waiting for their
 * verification, the committee the late ones, a unit all of its own.
 */
function readFilter(params: URLSearchParams, roles: readonly { role: string }[]) {
  const chosen = params.has('f') || ['unit', 'status', 'overdue', 'mine'].some((name) => params.has(name));
  const inspector = roles.some((r) => r.role === 'INSPECTOR');
  const committee = roles.some((r) => r.role === 'STEERING');
  const values: FilterValues = chosen
    ? {
        unit: params.get('unit')?.trim() ?? '',
        status: params
          .getAll('status')
          .filter((s): s is Status => (STATUSES as readonly string[]).includes(s)),
        overdue: params.get('overdue') === '1',
        mine: params.get('mine') === '1',
      }
    : { unit: '', status: [], overdue: !inspector && committee, mine: inspector };
  const filter = {
    unitId: values.unit || null,
    status: values.status.length ? values.status : null,
    overdue: values.overdue ? true : null,
    waitingForMe: values.mine ? true : null,
  };
  return { values, filter };
}

export const load: PageServerLoad = async (event) => {
  const roles = event.locals.user?.roles ?? [];
  const { values, filter } = readFilter(event.url.searchParams, roles);
  const after = event.url.searchParams.get('after');
  const options = execute(event, OPTIONS);
  const result = await executeOrRefused(event, LIST, { filter, after });
  const fieldErrors: Partial<Record<'unit', string>> = {};
  if (result.refused) {
    if (result.refused.field !== 'filter.unitId') error(400, result.refused.message);
    fieldErrors.unit = result.refused.message;
  }
  const list = result.data?.correctiveActions ?? null;
  const { units } = await options;
  const nextCursor = list?.pageInfo.hasNextPage ? list.pageInfo.endCursor : null;
  const keep = [...event.url.searchParams].filter(([name]) => name !== 'after');
  if (!keep.some(([name]) => name === 'f')) keep.push(['f', '1']);
  return {
    values,
    fieldErrors,
    /** Which default opened the page (its heading says so). */
    heading: values.mine && !values.overdue ? 'waiting' : values.overdue && !values.mine ? 'late' : 'all',
    filtered: Object.values(filter).some((value) => value !== null),
    actions: list?.edges.map((edge) => edge.node) ?? [],
    totalCount: list?.totalCount ?? 0,
    next: nextCursor ? [...keep, ['after', nextCursor] as [string, string]] : null,
    paged: after !== null,
    options: { units: unitTree(units), statuses: [...STATUSES] },
  };
};

/** Units in tree order (as the API lists them) with their depth, for an indented select. */
function unitTree(units: ResultOf<typeof OPTIONS>['units']) {
  const depth = new Map<string, number>();
  return units.map((unit) => {
    const level = unit.parentId && depth.has(unit.parentId) ? depth.get(unit.parentId)! + 1 : 0;
    depth.set(unit.id, level);
    return { id: unit.id, name: unit.name, depth: level };
  });
}
