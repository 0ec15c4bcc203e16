// Dashboards (issue 11): completion of a plan by unit × reform area under one unit of the tree,
// its trend over the reporting periods, and who is late. Read from PostgreSQL only (never from
// workflows); every figure is rolled up with the one rule of rollup.ts over the tasks the viewer
// may see figures for (docs/authorization.md "Dashboards"). A fixed number of statements per
// request, however many units the scope holds.
import { Prisma, type Unit } from '../../../prisma/client.ts';
import { reachesUnit, unitsInScope, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { correctiveActionsVisibleTo, findingsVisibleTo } from '../inspection-visibility.ts';
import { limitError } from '../limits.ts';
import { plansVisibleTo } from '../visibility.ts';
import { dateOnly } from './calendar-dates.ts';
import { OPEN_DB_STATUSES } from './corrective.ts';
import { NOT_COUNTED_STATUSES, rollUp, type ProgressPart } from './rollup.ts';
import { scheduleOf } from './work.ts';

/** The most rows (child units) one heat map shows; a wider unit is refused, never cut short. */
export const MAX_HEAT_ROWS = 200;
/** Lists on a dashboard: the first rows, most urgent first. */
export const DASHBOARD_LIST_SIZE = 50;
/** "The ten latest units": the units furthest behind. */
export const LAGGARD_COUNT = 10;

// Finished one way or another: never overdue (progress.ts counts the same way).
const CLOSED_STATUSES = new Set(['COMPLETED', 'NOT_COMPLETED', ...NOT_COUNTED_STATUSES]);
/** Escalated: the workflow has told the steering committee (escalationLevel 2). */
export const ESCALATED_LEVEL = 2;

export interface HeatCell {
  areaId: string;
  /** Weighted completion 0–100; null: no task counts here ("no data", never 0 %). */
  completion: number | null;
  taskCount: number;
  completed: number;
  overdue: number;
}

export interface HeatRow {
  unit: Pick<Unit, 'id' | 'name' | 'code' | 'level' | 'path'>;
  /** True for the row of the scope unit's own tasks (not a child's subtree). */
  own: boolean;
  /** Whether the row's unit has units below it that the viewer reaches: a drill-down link. */
  drillable: boolean;
  cells: HeatCell[];
  total: HeatCell;
}

export interface TrendPoint {
  periodId: string;
  completion: number | null;
}

export interface TrendSeries {
  key: string;
  label: string;
  points: TrendPoint[];
}

export interface DashboardData {
  planId: string;
  cadence: string;
  unit: Unit;
  /** The units above the scope the viewer also reaches, from the top: drill-up links. */
  ancestors: Unit[];
  areas: { id: string; code: string; nameVi: string; nameEn: string }[];
  rows: HeatRow[];
  /** The scope as a whole, per area and overall. */
  total: HeatRow;
  periods: { id: string; number: number; endsOn: Date; closedAt: Date | null }[];
  areaTrend: TrendSeries[];
  unitTrend: TrendSeries[];
  /** Units at any depth of the scope with the lowest completion (data only), lowest first. */
  laggards: HeatRow[];
  /** Scope path, for the lists' filters. */
  scopePath: string;
  today: string;
}

interface TaskGroup {
  unitId: string;
  unitPath: string;
  areaId: string;
  status: string;
  count: number;
  weight: number;
  weightedProgress: number;
  overdue: number;
}

interface Accumulator {
  parts: ProgressPart[];
  cell: HeatCell;
}

const emptyCell = (areaId: string): HeatCell => ({
  areaId,
  completion: null,
  taskCount: 0,
  completed: 0,
  overdue: 0,
});

function addGroup(into: Accumulator, group: TaskGroup): void {
  into.parts.push({ status: group.status, weight: group.weight, weightedProgress: group.weightedProgress });
  if (NOT_COUNTED_STATUSES.has(group.status)) return;
  into.cell.taskCount += group.count;
  if (group.status === 'COMPLETED') into.cell.completed += group.count;
  if (!CLOSED_STATUSES.has(group.status)) into.cell.overdue += group.overdue;
}

function finish(into: Accumulator): HeatCell {
  return { ...into.cell, completion: rollUp(into.parts) };
}

/** Per-key accumulators of cells: one per area and a total. */
class Tally {
  private readonly byArea = new Map<string, Accumulator>();
  private readonly all: Accumulator = { parts: [], cell: emptyCell('') };
  add(group: TaskGroup): void {
    let area = this.byArea.get(group.areaId);
    if (!area) {
      area = { parts: [], cell: emptyCell(group.areaId) };
      this.byArea.set(group.areaId, area);
    }
    addGroup(area, group);
    addGroup(this.all, group);
  }
  cells(areaIds: string[]): HeatCell[] {
    return areaIds.map((id) => {
      const area = this.byArea.get(id);
      return area ? finish(area) : emptyCell(id);
    });
  }
  total(): HeatCell {
    return finish(this.all);
  }
}

/** What the dashboard reads with: a request's context, or a download's (no GraphQL around it). */
export type DashboardContext = Pick<Context, 'prisma' | 'locale' | 'now'> & { viewer: Viewer };

/** The plan the dashboard shows: the one asked for, else the newest issued plan the viewer sees. */
async function dashboardPlan(context: DashboardContext, planId: string | null) {
  const plan = await context.prisma.reformPlan.findFirst({
    where: {
      AND: [plansVisibleTo(context.viewer), { status: { not: 'DRAFT' } }, planId ? { id: planId } : {}],
    },
    orderBy: [{ year: 'desc' }, { issuedAt: 'desc' }, { id: 'asc' }],
    include: { issuingUnit: true },
  });
  if (!plan) throw new NotFoundError('notFound.plan', 'planId');
  return plan;
}

/**
 * The scope unit: the one asked for when the viewer reaches it (any other answers as an unknown
 * unit), else the plan's issuing unit when reached, else the viewer's highest unit.
 */
async function dashboardUnit(
  context: DashboardContext,
  unitId: string | null,
  issuingUnit: Unit,
): Promise<Unit> {
  const { viewer } = context;
  if (unitId) {
    const unit = await context.prisma.unit.findUnique({ where: { id: unitId } });
    if (!unit || !reachesUnit(viewer, unit)) throw new NotFoundError('notFound.unit', 'unitId');
    return unit;
  }
  if (reachesUnit(viewer, issuingUnit)) return issuingUnit;
  const top = [...viewer.roles].sort((a, b) => a.unitPath.length - b.unitPath.length)[0];
  if (!top) throw new NotFoundError('notFound.unit', 'unitId');
  return context.prisma.unit.findUniqueOrThrow({ where: { id: top.unitId } });
}

/** The dashboard of one plan under one unit. */
export async function dashboard(
  context: DashboardContext,
  input: { planId: string | null; unitId: string | null },
): Promise<DashboardData> {
  const { viewer, prisma } = context;
  const plan = await dashboardPlan(context, input.planId);
  const scope = await dashboardUnit(context, input.unitId, plan.issuingUnit);
  // scheduleOf reads only the clock and the Holiday table; it caches per context object.
  const { today } = await scheduleOf(context as Context);
  const ancestorIds = scope.path.split('/').filter((id) => id && id !== scope.id);

  const [areas, units, groups, periods, snapshots] = await Promise.all([
    prisma.reformArea.findMany({ orderBy: { sortOrder: 'asc' } }),
    // The scope's children and the ancestors, in one statement.
    prisma.unit.findMany({
      where: { OR: [{ parentId: scope.id }, { id: { in: ancestorIds } }] },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
    prisma.$queryRaw<TaskGroup[]>`
      SELECT t."assigneeUnitId" AS "unitId", u.path AS "unitPath", t."areaId", t.status::text AS status,
             COUNT(*)::int AS count,
             SUM(CASE WHEN t.weight > 0 THEN t.weight ELSE 1 END)::float AS weight,
             SUM(t.progress * CASE WHEN t.weight > 0 THEN t.weight ELSE 1 END)::float AS "weightedProgress",
             COUNT(*) FILTER (WHERE t."dueDate" < ${dateOnly(today)}::date)::int AS overdue
        FROM "Task" t
        JOIN "Unit" u ON u.id = t."assigneeUnitId"
       WHERE t."planId" = ${plan.id} AND starts_with(u.path, ${scope.path})
       GROUP BY t."assigneeUnitId", u.path, t."areaId", t.status`,
    prisma.reportingPeriod.findMany({
      where: { planId: plan.id, closedAt: { not: null } },
      orderBy: { number: 'asc' },
      select: { id: true, number: true, endsOn: true, closedAt: true },
    }),
    prisma.$queryRaw<
      {
        periodId: string;
        unitId: string;
        unitPath: string;
        areaId: string;
        taskCount: number;
        weight: number;
        progress: number;
      }[]
    >`
      SELECT s."periodId", s."unitId", u.path AS "unitPath", s."areaId", s."taskCount",
             s.weight, s.progress::float AS progress
        FROM "CompletionSnapshot" s
        JOIN "Unit" u ON u.id = s."unitId"
       WHERE s."planId" = ${plan.id} AND starts_with(u.path, ${scope.path})`,
  ]);

  const children = units.filter((unit) => unit.parentId === scope.id);
  const ancestors = ancestorIds
    .map((id) => units.find((unit) => unit.id === id))
    .filter((unit): unit is Unit => !!unit && reachesUnit(viewer, unit));
  const areaIds = areas.map((area) => area.id);
  // The row a unit of the scope counts in: its child of the scope, or the scope's own row.
  const rowKeyOf = (path: string) => path.slice(scope.path.length).split('/')[0] || scope.id;

  const rowTallies = new Map<string, Tally>();
  const unitTallies = new Map<string, Tally>();
  const totalTally = new Tally();
  const tallyOf = (map: Map<string, Tally>, key: string) => {
    let tally = map.get(key);
    if (!tally) {
      tally = new Tally();
      map.set(key, tally);
    }
    return tally;
  };
  const unitPaths = new Map<string, string>();
  for (const group of groups) {
    if (!reachesUnit(viewer, { id: group.unitId, path: group.unitPath })) continue;
    unitPaths.set(group.unitId, group.unitPath);
    tallyOf(rowTallies, rowKeyOf(group.unitPath)).add(group);
    tallyOf(unitTallies, group.unitId).add(group);
    totalTally.add(group);
  }

  // A merged child stays in the tree with its history: shown while it has figures.
  const shown = children.filter(
    (child) => reachesUnit(viewer, child) && (!child.mergedIntoId || rowTallies.has(child.id)),
  );
  if (shown.length > MAX_HEAT_ROWS) {
    throw limitError(context.locale, 'LIST_TOO_LONG', 'limits.tooManyUnits', { max: MAX_HEAT_ROWS });
  }
  const grandchildren = shown.length
    ? await prisma.unit.groupBy({
        by: ['parentId'],
        where: { parentId: { in: shown.map((child) => child.id) }, mergedIntoId: null },
        _count: { _all: true },
      })
    : [];
  const withChildren = new Set(grandchildren.map((group) => group.parentId));
  const subtreeRoles = viewer.roles.some(
    (role) => ['ADMIN', 'STEERING', 'INSPECTOR'].includes(role.role) && scope.path.startsWith(role.unitPath),
  );
  const rowOf = (unit: HeatRow['unit'], own: boolean, tally: Tally | undefined): HeatRow => ({
    unit,
    own,
    drillable: !own && subtreeRoles && withChildren.has(unit.id),
    cells: tally ? tally.cells(areaIds) : areaIds.map(emptyCell),
    total: tally ? tally.total() : emptyCell(''),
  });
  const rows: HeatRow[] = [];
  const ownTally = rowTallies.get(scope.id);
  if (ownTally) rows.push(rowOf(scope, true, ownTally));
  for (const child of shown) rows.push(rowOf(child, false, rowTallies.get(child.id)));

  // Trend: each closed period's snapshots rolled up with the same rule, by area and by row.
  const snapshotPart = (snapshot: { taskCount: number; weight: number; progress: number }): ProgressPart => {
    // Rows written before snapshots kept their weight count each task as 1.
    const weight = snapshot.weight > 0 ? snapshot.weight : snapshot.taskCount;
    return { status: 'SNAPSHOT', weight, weightedProgress: snapshot.progress * weight };
  };
  const byAreaPeriod = new Map<string, ProgressPart[]>();
  const byRowPeriod = new Map<string, ProgressPart[]>();
  const push = (map: Map<string, ProgressPart[]>, key: string, part: ProgressPart) => {
    const list = map.get(key);
    if (list) list.push(part);
    else map.set(key, [part]);
  };
  for (const snapshot of snapshots) {
    if (!reachesUnit(viewer, { id: snapshot.unitId, path: snapshot.unitPath })) continue;
    const part = snapshotPart(snapshot);
    push(byAreaPeriod, `${snapshot.areaId}|${snapshot.periodId}`, part);
    push(byRowPeriod, `${rowKeyOf(snapshot.unitPath)}|${snapshot.periodId}`, part);
  }
  const seriesOf = (map: Map<string, ProgressPart[]>, key: string) =>
    periods.map((period) => ({
      periodId: period.id,
      completion: rollUp(map.get(`${key}|${period.id}`) ?? []),
    }));
  const areaTrend = areas.map((area) => ({
    key: area.id,
    label: context.locale === 'en' ? area.nameEn : area.nameVi,
    points: seriesOf(byAreaPeriod, area.id),
  }));
  const unitTrend = rows.map((row) => ({
    key: row.unit.id,
    label: row.unit.name,
    points: seriesOf(byRowPeriod, row.unit.id),
  }));

  // The units furthest behind, at any depth: one row per assignee unit with figures.
  const assignees = await prisma.unit.findMany({
    where: { id: { in: [...unitTallies.keys()] } },
    select: { id: true, name: true, code: true, level: true, path: true },
  });
  const laggards = assignees
    .map((unit) => rowOf(unit, false, unitTallies.get(unit.id)))
    .filter((row) => row.total.completion !== null)
    .sort(
      (a, b) =>
        a.total.completion! - b.total.completion! ||
        b.total.overdue - a.total.overdue ||
        a.unit.name.localeCompare(b.unit.name, 'vi'),
    )
    .slice(0, LAGGARD_COUNT)
    .map((row) => ({ ...row, drillable: false }));

  return {
    planId: plan.id,
    cadence: plan.cadence,
    unit: scope,
    ancestors,
    areas,
    rows,
    total: rowOf(scope, true, totalTally),
    periods,
    areaTrend,
    unitTrend,
    laggards,
    scopePath: scope.path,
    today,
  };
}

/** Findings under the scope that require correction and are not verified yet. */
export function openFindingsWhere(data: DashboardData, viewer: Viewer): Prisma.FindingWhereInput {
  return {
    AND: [
      findingsVisibleTo(viewer),
      { requiresCorrection: true },
      { inspection: { targetUnit: { path: { startsWith: data.scopePath } } } },
      { OR: [{ correctiveAction: null }, { correctiveAction: { status: { in: OPEN_DB_STATUSES } } }] },
    ],
  };
}

/** Corrective actions under the scope still open after their due date. */
export function lateCorrectiveActionsWhere(
  data: DashboardData,
  viewer: Viewer,
): Prisma.CorrectiveActionWhereInput {
  return {
    AND: [
      correctiveActionsVisibleTo(viewer),
      { responsibleUnit: { path: { startsWith: data.scopePath } } },
      { status: { in: OPEN_DB_STATUSES }, dueDate: { lt: dateOnly(data.today) } },
    ],
  };
}

/** Plans the viewer sees whose tasks are still being started (issuingDone < issuingTotal). */
export async function plansBeingIssued(prisma: DashboardContext['prisma'], viewer: Viewer) {
  const plans = await prisma.reformPlan.findMany({
    where: { AND: [plansVisibleTo(viewer), { status: 'ISSUED', issuingTotal: { gt: 0 } }] },
    orderBy: [{ issuedAt: 'desc' }, { id: 'asc' }],
    take: DASHBOARD_LIST_SIZE,
  });
  return plans.filter((plan) => plan.issuingDone < plan.issuingTotal);
}

/** Tasks of the plan under the scope, of the units the viewer reaches, overdue today. */
export function overdueTasksWhere(data: DashboardData, viewer: Viewer): Prisma.TaskWhereInput {
  return {
    planId: data.planId,
    assigneeUnit: { AND: [{ path: { startsWith: data.scopePath } }, unitsInScope(viewer)] },
    status: { notIn: ['COMPLETED', 'NOT_COMPLETED', 'CANCELLED'] },
    dueDate: { lt: dateOnly(data.today) },
  };
}

// ---- The unit page ----

type UnitSummary = Pick<Unit, 'id' | 'name' | 'code' | 'level'>;

export interface UnitPageData {
  unit: Unit;
  parent: UnitSummary | null;
  children: UnitSummary[];
  mergedInto: UnitSummary | null;
  mergedFrom: (UnitSummary & { mergedAt: Date | null })[];
  people: { id: string; name: string; email: string | null; roles: string[] }[];
}

const ROLE_ORDER = ['UNIT_HEAD', 'UNIT_STAFF', 'STEERING', 'INSPECTOR', 'ADMIN'];
/** Who reads the e-mail addresses of a unit's people: its own head, the committee and administrators over it. */
const EMAIL_READER_ROLES = ['UNIT_HEAD', 'STEERING', 'ADMIN'] as const;

/** A unit the viewer reaches, with its neighbours and people; null for any other ID. */
export async function unitPage(
  context: Context & { viewer: Viewer },
  id: string,
): Promise<UnitPageData | null> {
  const { viewer, prisma } = context;
  const summary = { id: true, name: true, code: true, level: true, path: true } as const;
  const unit = await prisma.unit.findUnique({
    where: { id },
    include: {
      parent: { select: summary },
      mergedInto: { select: summary },
      children: { where: { mergedIntoId: null }, select: summary, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
      mergedFrom: { select: { ...summary, mergedAt: true }, orderBy: [{ mergedAt: 'desc' }, { id: 'asc' }] },
      roleAssignments: {
        where: { user: { active: true } },
        select: { role: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  if (!unit || !reachesUnit(viewer, unit)) return null;
  const seesEmails = reachesUnit(viewer, unit, EMAIL_READER_ROLES);
  const people = new Map<string, UnitPageData['people'][number]>();
  for (const { role, user } of unit.roleAssignments) {
    const person = people.get(user.id) ?? {
      id: user.id,
      name: user.name,
      email: seesEmails ? user.email : null,
      roles: [],
    };
    person.roles.push(role);
    people.set(user.id, person);
  }
  const rank = (person: { roles: string[] }) =>
    Math.min(...person.roles.map((role) => ROLE_ORDER.indexOf(role)));
  for (const person of people.values())
    person.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return {
    unit,
    parent: unit.parent && reachesUnit(viewer, unit.parent) ? unit.parent : null,
    children: unit.children.filter((child) => reachesUnit(viewer, child)),
    mergedInto: unit.mergedInto,
    mergedFrom: unit.mergedFrom,
    people: [...people.values()].sort(
      (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id),
    ),
  };
}
