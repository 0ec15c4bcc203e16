import DataLoader from 'dataloader';
import { Prisma, type Unit } from '../../../prisma/client.ts';
import { reachesUnit } from '../auth.ts';
import type { Context } from '../context.ts';
import { NOT_COUNTED_STATUSES, rollUp, type ProgressPart } from './rollup.ts';

/** One assignee unit's tasks in a plan, as the viewer may see them. */
export interface UnitProgressRow {
  unitId: string;
  /** Tasks that count (not cancelled). */
  taskCount: number;
  completed: number;
  overdue: number;
  /** Weighted progress 0–100; null when none of the unit's tasks counts. */
  progress: number | null;
}

export interface PlanProgress {
  /** Weighted progress of the plan's tasks the viewer may see figures for; null: no data. */
  completion: number | null;
  units: UnitProgressRow[];
}

// Finished one way or another: not overdue. A NOT_COMPLETED task of a closed plan is past, not late.
const OPEN_EXCLUDED = new Set(['COMPLETED', 'NOT_COMPLETED', ...NOT_COUNTED_STATUSES]);

// One set of loaders per request: each batches every plan (or unit) asked for while the
// request resolves into one SQL statement, and caches it for the rest of the request.
const loaders = new WeakMap<
  object,
  { plans: DataLoader<string, PlanProgress>; units: DataLoader<string, Unit> }
>();

function loadersFor(context: Context) {
  let found = loaders.get(context);
  if (!found) {
    found = {
      plans: new DataLoader((planIds: readonly string[]) => loadPlanProgress(context, planIds)),
      units: new DataLoader(async (ids: readonly string[]) => {
        const units = await context.prisma.unit.findMany({ where: { id: { in: [...ids] } } });
        const byId = new Map(units.map((unit) => [unit.id, unit]));
        return ids.map((id) => byId.get(id) ?? new Error(`Unit ${id} not found`));
      }),
    };
    loaders.set(context, found);
  }
  return found;
}

/**
 * Aggregate figures of many plans in one statement. Visibility: a viewer sees figures only for
 * the assignee units they reach (auth.ts `reachesUnit`: ADMIN, STEERING and INSPECTOR their
 * role unit's subtree, UNIT_HEAD and UNIT_STAFF their own unit). Completion is rolled up over
 * those units' tasks only, so for the issuing unit's committee it is the whole plan.
 */
async function loadPlanProgress(context: Context, planIds: readonly string[]): Promise<PlanProgress[]> {
  const viewer = context.viewer;
  const rows = await context.prisma.$queryRaw<
    {
      planId: string;
      unitId: string;
      unitPath: string;
      status: string;
      count: number;
      weight: number;
      weightedProgress: number;
      overdue: number;
    }[]
  >`
    SELECT t."planId", t."assigneeUnitId" AS "unitId", u.path AS "unitPath", t.status::text AS status,
           COUNT(*)::int AS count,
           SUM(CASE WHEN t.weight > 0 THEN t.weight ELSE 1 END)::float AS weight,
           SUM(t.progress * CASE WHEN t.weight > 0 THEN t.weight ELSE 1 END)::float AS "weightedProgress",
           COUNT(*) FILTER (WHERE t."dueDate" < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS overdue
      FROM "Task" t
      JOIN "Unit" u ON u.id = t."assigneeUnitId"
     WHERE t."planId" IN (${Prisma.join([...planIds])})
     GROUP BY t."planId", t."assigneeUnitId", u.path, t.status
     ORDER BY u.path, t."assigneeUnitId"`;
  const byPlan = new Map<string, Map<string, { parts: ProgressPart[]; row: UnitProgressRow }>>();
  for (const row of rows) {
    if (!viewer || !reachesUnit(viewer, { id: row.unitId, path: row.unitPath })) continue;
    let units = byPlan.get(row.planId);
    if (!units) {
      units = new Map();
      byPlan.set(row.planId, units);
    }
    let unit = units.get(row.unitId);
    if (!unit) {
      unit = {
        parts: [],
        row: { unitId: row.unitId, taskCount: 0, completed: 0, overdue: 0, progress: null },
      };
      units.set(row.unitId, unit);
    }
    unit.parts.push({ status: row.status, weight: row.weight, weightedProgress: row.weightedProgress });
    if (!NOT_COUNTED_STATUSES.has(row.status)) unit.row.taskCount += row.count;
    if (row.status === 'COMPLETED') unit.row.completed += row.count;
    if (!OPEN_EXCLUDED.has(row.status)) unit.row.overdue += row.overdue;
  }
  return planIds.map((planId) => {
    const units = [...(byPlan.get(planId)?.values() ?? [])];
    for (const unit of units) unit.row.progress = rollUp(unit.parts);
    return { completion: rollUp(units.flatMap((unit) => unit.parts)), units: units.map((unit) => unit.row) };
  });
}

/** A plan's completion and per-unit figures, batched with every other plan in the request. */
export const planProgress = (context: Context, planId: string): Promise<PlanProgress> =>
  loadersFor(context).plans.load(planId);

/** A unit by id, batched with every other unit asked for in the request. */
export const unitById = (context: Context, unitId: string): Promise<Unit> =>
  loadersFor(context).units.load(unitId);
