// The `tasks` list's filters as one Prisma `where`, always ANDed with what the viewer may see.
import { GraphQLError } from 'graphql';
import type { Prisma, TaskStatus } from '../../../prisma/client.ts';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { reachesUnit } from '../auth.ts';
import type { Context } from '../context.ts';
import { translate, type Locale, type MessageKey } from '../messages.ts';
import { tasksVisibleTo } from '../visibility.ts';
import { dateOnly, todayInVietnam } from './calendar-dates.ts';

/** Statuses of a task that is over: it is never overdue and not listed unless asked for. */
export const CLOSED_TASK_STATUSES = [
  'COMPLETED',
  'CANCELLED',
  'NOT_COMPLETED',
] as const satisfies TaskStatus[];

export interface TaskListFilter {
  planId?: string | null;
  areaId?: string | null;
  /** The unit and its whole subtree. */
  unitId?: string | null;
  status?: readonly TaskStatus[] | null;
  overdue?: boolean | null;
  /** YYYY-MM-DD, inclusive. */
  dueFrom?: string | null;
  dueTo?: string | null;
}

/** Refused filter input: `extensions.field` names it (e.g. "filter.dueFrom"), the message says what to fix. */
export function badFilter(locale: Locale, field: string, key: MessageKey): GraphQLError {
  return new GraphQLError(translate(locale, key), {
    extensions: { code: 'BAD_USER_INPUT', field: `filter.${field}` },
  });
}

function checkFilter(locale: Locale, filter: TaskListFilter): void {
  for (const field of ['dueFrom', 'dueTo'] as const) {
    const value = filter[field];
    if (value != null && !isCalendarDate(value)) throw badFilter(locale, field, 'input.date');
  }
  if (filter.dueFrom && filter.dueTo && filter.dueFrom > filter.dueTo) {
    throw badFilter(locale, 'dueTo', 'input.dueRange');
  }
  for (const field of ['planId', 'areaId', 'unitId'] as const) {
    const value = filter[field];
    if (value != null && (value.trim() === '' || value.length > 100))
      throw badFilter(locale, field, 'input.id');
  }
}

// The unit's path, looked up once per request (the list and its totalCount share it).
type UnitLookup = Map<string, Promise<{ id: string; path: string } | null>>;
const unitPaths = new WeakMap<Context, UnitLookup>();
function unitOf(context: Context, id: string) {
  let byId = unitPaths.get(context);
  if (!byId) unitPaths.set(context, (byId = new Map() as UnitLookup));
  let found = byId.get(id);
  if (!found) {
    found = context.prisma.unit.findUnique({ where: { id }, select: { id: true, path: true } });
    byId.set(id, found);
  }
  return found;
}

const NOTHING: Prisma.TaskWhereInput = { id: { in: [] } };

/**
 * Tasks of issued plans the viewer sees, narrowed by the filter. An unknown unit, plan or area
 * and a unit the viewer does not reach give no rows (the same answer, so nothing leaks).
 */
export async function taskListWhere(
  context: Context,
  filter: TaskListFilter | null | undefined,
  includeClosed: boolean | null | undefined,
): Promise<Prisma.TaskWhereInput> {
  const viewer = context.viewer!;
  const f = filter ?? {};
  checkFilter(context.locale, f);
  const and: Prisma.TaskWhereInput[] = [tasksVisibleTo(viewer), { plan: { status: { not: 'DRAFT' } } }];
  if (f.status?.length) {
    and.push({ status: { in: [...f.status] } });
  } else if (!includeClosed) {
    and.push({ status: { notIn: [...CLOSED_TASK_STATUSES] } });
  }
  if (f.planId != null) and.push({ planId: f.planId });
  if (f.areaId != null) and.push({ areaId: f.areaId });
  if (f.unitId != null) {
    const unit = await unitOf(context, f.unitId);
    if (!unit || !reachesUnit(viewer, unit)) return NOTHING;
    and.push({ assigneeUnit: { path: { startsWith: unit.path } } });
  }
  if (f.overdue != null) {
    const today = dateOnly(todayInVietnam(context.now()));
    const overdue: Prisma.TaskWhereInput = {
      dueDate: { lt: today },
      status: { notIn: [...CLOSED_TASK_STATUSES] },
    };
    and.push(f.overdue ? overdue : { NOT: overdue });
  }
  if (f.dueFrom || f.dueTo) {
    and.push({
      dueDate: {
        ...(f.dueFrom ? { gte: dateOnly(f.dueFrom) } : {}),
        ...(f.dueTo ? { lte: dateOnly(f.dueTo) } : {}),
      },
    });
  }
  return { AND: and };
}

/** The GraphQL input as the service's filter (IDs arrive as string | number). */
export function taskFilterOf(
  input:
    | (Omit<TaskListFilter, 'planId' | 'areaId' | 'unitId'> & {
        planId?: string | number | null;
        areaId?: string | number | null;
        unitId?: string | number | null;
      })
    | null
    | undefined,
): TaskListFilter | null {
  if (!input) return null;
  const id = (value: string | number | null | undefined) => (value == null ? null : String(value));
  return { ...input, planId: id(input.planId), areaId: id(input.areaId), unitId: id(input.unitId) };
}
