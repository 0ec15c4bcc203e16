import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ResultOf } from '#lib/graphql.ts';
import { execute, executeOrRefused } from '#lib/server/graphql.ts';
import { TASK_FILTER_OPTIONS_QUERY, TASK_LIST_QUERY } from '#lib/queries.ts';

const TASK_STATUSES = [
  'ASSIGNED',
  'ACCEPTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'RETURNED',
  'COMPLETED',
  'CANCELLED',
  'NOT_COMPLETED',
] as const;

/** The filter as the form and the URL hold it (`/tasks?plan=…&unit=…&overdue=1`). */
export interface FilterValues {
  plan: string;
  area: string;
  unit: string;
  status: (typeof TASK_STATUSES)[number][];
  overdue: boolean;
  dueFrom: string;
  dueTo: string;
}

/** The URL's filter parameters, and the API's TaskFilter built from them. */
function readFilter(params: URLSearchParams) {
  const values: FilterValues = {
    plan: params.get('plan')?.trim() ?? '',
    area: params.get('area')?.trim() ?? '',
    unit: params.get('unit')?.trim() ?? '',
    status: params
      .getAll('status')
      .filter((s): s is (typeof TASK_STATUSES)[number] => (TASK_STATUSES as readonly string[]).includes(s)),
    overdue: params.get('overdue') === '1',
    dueFrom: params.get('dueFrom')?.trim() ?? '',
    dueTo: params.get('dueTo')?.trim() ?? '',
  };
  const filter = {
    planId: values.plan || null,
    areaId: values.area || null,
    unitId: values.unit || null,
    status: values.status.length ? values.status : null,
    overdue: values.overdue ? true : null,
    dueFrom: values.dueFrom || null,
    dueTo: values.dueTo || null,
  };
  return { values, filter };
}

/** The form's field for an API error's `extensions.field` ("filter.dueFrom" → "dueFrom"). */
const FORM_FIELDS: Record<string, keyof FilterValues> = {
  'filter.planId': 'plan',
  'filter.areaId': 'area',
  'filter.unitId': 'unit',
  'filter.dueFrom': 'dueFrom',
  'filter.dueTo': 'dueTo',
};

export const load: PageServerLoad = async (event) => {
  const { values, filter } = readFilter(event.url.searchParams);
  const after = event.url.searchParams.get('after');
  const options = execute(event, TASK_FILTER_OPTIONS_QUERY);

  // A filter the API refuses (a date that does not exist, a "from" after the "to") comes back as
  // a message next to its field, the typed values kept.
  const result = await executeOrRefused(event, TASK_LIST_QUERY, { after, filter });
  const tasks = result.data?.tasks ?? null;
  const fieldErrors: Partial<Record<keyof FilterValues, string>> = {};
  if (result.refused) {
    const field = FORM_FIELDS[result.refused.field];
    if (!field) error(400, result.refused.message);
    fieldErrors[field] = result.refused.message;
  }

  const { plans, reformAreas, units } = await options;
  // What the page is about: the unit chosen, else the one unit a head or staff member works for.
  const roles = event.locals.user?.roles ?? [];
  const ownUnits = [...new Set(roles.map((role) => role.unitId))];
  const unitRolesOnly =
    roles.length > 0 && roles.every((r) => r.role === 'UNIT_HEAD' || r.role === 'UNIT_STAFF');
  const chosenUnit = units.find((unit) => unit.id === values.unit);
  const ownUnit = unitRolesOnly && ownUnits.length === 1 ? roles[0]!.unitName : null;

  // The next page: the same filter, from the last task shown.
  const nextCursor = tasks?.pageInfo.hasNextPage ? tasks.pageInfo.endCursor : null;
  const keep = [...event.url.searchParams].filter(([name]) => name !== 'after');

  return {
    values,
    fieldErrors,
    filtered: Object.values(filter).some((value) => value !== null),
    headingUnit: chosenUnit?.name ?? ownUnit,
    tasks: tasks?.edges.map((edge) => edge.node) ?? [],
    totalCount: tasks?.totalCount ?? 0,
    next: nextCursor ? [...keep, ['after', nextCursor] as [string, string]] : null,
    paged: after !== null,
    options: {
      plans: plans.edges.map((edge) => edge.node),
      areas: reformAreas,
      units: unitTree(units),
      statuses: [...TASK_STATUSES],
    },
  };
};

/** Units in tree order (as the API lists them) with their depth, for an indented select. */
function unitTree(units: ResultOf<typeof TASK_FILTER_OPTIONS_QUERY>['units']) {
  const depth = new Map<string, number>();
  return units.map((unit) => {
    const level = unit.parentId && depth.has(unit.parentId) ? depth.get(unit.parentId)! + 1 : 0;
    depth.set(unit.id, level);
    return { id: unit.id, name: unit.name, depth: level };
  });
}
