// "My work": a unit's open tasks by urgency, counted in working days by the project's calendar
// (workflows/src/calendar.ts, the one the task workflows time their reminders and escalations
// with), from today in Vietnam by the request's clock.
import { Prisma, type Role } from '../../../prisma/client.ts';
import {
  addDays,
  compareDates,
  vietnamDate,
  WorkingCalendar,
  type CalendarDate,
} from '../../../workflows/src/calendar.ts';
import type { Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { PLANNING_ROLES } from '../visibility.ts';
import { dateOnly, loadWorkingCalendar } from './calendar-dates.ts';

/** A task is "due soon" when at most this many working days are left (the first reminder's offset). */
export const DUE_SOON_WORKING_DAYS = 5;

/** The roles whose unit's tasks are "my work": the people who accept and report them. */
export const WORKER_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_STAFF'];

export type Urgency = 'OVERDUE' | 'DUE_SOON' | 'LATER';

/** Today and the calendar of one request: built once, with the Holiday table read once. */
export interface WorkSchedule {
  today: CalendarDate;
  /** The last day that is still "due soon": the day before the 6th working day after today. */
  dueSoonUntil: CalendarDate;
  calendar: WorkingCalendar;
}

const schedules = new WeakMap<object, Promise<WorkSchedule>>();

/**
 * The request's schedule. Every holiday is read, not only this year's: the table holds a couple
 * of dozen days a year, and a task overdue since last year or due next year needs those years'
 * holidays for its working days.
 */
export function scheduleOf(context: Context): Promise<WorkSchedule> {
  let found = schedules.get(context);
  if (!found) {
    found = (async () => {
      const calendar = await loadWorkingCalendar(context.prisma);
      const today = vietnamDate(context.now());
      const dueSoonUntil = addDays(calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1), -1);
      return { today, dueSoonUntil, calendar };
    })();
    schedules.set(context, found);
  }
  return found;
}

/**
 * Working days left until a due date: the working days after today up to and including the due
 * date (due today: 0; due on Monday seen on Friday: 1). Negative once overdue: the working days
 * since the due date, today included (due Friday, seen on Tuesday: -2; seen on the Saturday: 0,
 * and still OVERDUE).
 */
export function urgencyOf(schedule: WorkSchedule, due: CalendarDate) {
  const workingDaysLeft = schedule.calendar.workingDaysBetween(schedule.today, due);
  const urgency: Urgency =
    compareDates(due, schedule.today) < 0
      ? 'OVERDUE'
      : compareDates(due, schedule.dueSoonUntil) <= 0
        ? 'DUE_SOON'
        : 'LATER';
  return { urgency, workingDaysLeft };
}

/** The viewer's own units as a unit head or staff member. */
export const workerUnitIds = (viewer: Viewer): string[] => [
  ...new Set(viewer.roles.filter((role) => WORKER_ROLES.includes(role.role)).map((role) => role.unitId)),
];

/**
 * Task statuses that are nobody's work any more: done, cancelled, or left NOT_COMPLETED when the
 * plan closed (docs/plan-closing.md).
 */
export const FINISHED_TASK_STATUSES = ['COMPLETED', 'CANCELLED', 'NOT_COMPLETED'] as const;

/** Open tasks of issued plans that have not closed, assigned to the viewer's own units. */
export const myWorkWhere = (viewer: Viewer): Prisma.TaskWhereInput => ({
  assigneeUnitId: { in: workerUnitIds(viewer) },
  plan: { status: { notIn: ['DRAFT', 'CLOSED'] } },
  status: { notIn: [...FINISHED_TASK_STATUSES] },
});

/**
 * "My work" in urgency order. The three groups are ranges of the due date (before today, up to
 * dueSoonUntil, after it), so the due date's own order (then id) already puts them one after
 * the other, each by due date: the page is an ordinary keyset page on indexed columns.
 */
export const MY_WORK_ORDER: Prisma.TaskOrderByWithRelationInput[] = [{ dueDate: 'asc' }, { id: 'asc' }];

export interface WorkCounts {
  overdue: number;
  dueSoon: number;
  later: number;
  total: number;
}

const counts = new WeakMap<object, Promise<WorkCounts>>();

/** The three groups counted in one statement (shared by `counts` and `totalCount`). */
export function myWorkCounts(context: Context): Promise<WorkCounts> {
  let found = counts.get(context);
  if (!found) {
    found = (async () => {
      const { today, dueSoonUntil } = await scheduleOf(context);
      const [row] = await context.prisma.$queryRaw<{ overdue: number; dueSoon: number; later: number }[]>`
        SELECT COUNT(*) FILTER (WHERE t."dueDate" < ${dateOnly(today)}::date)::int AS overdue,
               COUNT(*) FILTER (WHERE t."dueDate" >= ${dateOnly(today)}::date
                                  AND t."dueDate" <= ${dateOnly(dueSoonUntil)}::date)::int AS "dueSoon",
               COUNT(*) FILTER (WHERE t."dueDate" > ${dateOnly(dueSoonUntil)}::date)::int AS later
          FROM "Task" t
          JOIN "ReformPlan" p ON p.id = t."planId"
         WHERE t."assigneeUnitId" = ANY(${workerUnitIds(context.viewer!)}::text[])
           AND p.status NOT IN ('DRAFT', 'CLOSED')
           AND t.status NOT IN ('COMPLETED', 'CANCELLED', 'NOT_COMPLETED')`;
      const { overdue, dueSoon, later } = row ?? { overdue: 0, dueSoon: 0, later: 0 };
      return { overdue, dueSoon, later, total: overdue + dueSoon + later };
    })();
    counts.set(context, found);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The committee's review queue: completion reports waiting for a review and extension requests
// waiting for a decision, on tasks of issued plans that have not closed, whose issuing unit the
// viewer's STEERING roles reach (PLANNING_ROLES: the ones the workflows let review and decide).

export type ReviewKind = 'REPORT' | 'EXTENSION';

export interface ReviewItem {
  kind: ReviewKind;
  /** The report's or the extension request's id. */
  itemId: string;
  taskId: string;
  /** When the report was submitted or the extension asked for: the queue's order, oldest first. */
  since: Date;
  requestedDueDate: Date | null;
  reason: string | null;
}

/** Where the queue resumes: after (or before) this item in (since, kind, itemId) order. */
export interface ReviewPosition {
  since: Date;
  kind: ReviewKind;
  itemId: string;
}

const committeePaths = (viewer: Viewer): string[] =>
  viewer.roles.filter((role) => PLANNING_ROLES.includes(role.role)).map((role) => role.unitPath);

/** Both kinds of waiting item as one SQL relation (kind, itemId, taskId, since, …). */
function queueItems(viewer: Viewer): Prisma.Sql {
  const paths = committeePaths(viewer);
  const reached = Prisma.sql`EXISTS (SELECT 1 FROM unnest(${paths}::text[]) AS reach(prefix)
                                      WHERE starts_with(iu.path, reach.prefix))`;
  return Prisma.sql`
    SELECT 'REPORT' AS kind, COALESCE(r.id, t.id) AS "itemId", t.id AS "taskId",
           COALESCE(r."createdAt", t."updatedAt") AS since,
           NULL::date AS "requestedDueDate", NULL::text AS reason
      FROM "Task" t
      JOIN "ReformPlan" p ON p.id = t."planId"
      JOIN "Unit" iu ON iu.id = p."issuingUnitId"
      LEFT JOIN LATERAL (
        SELECT r.id, r."createdAt" FROM "ProgressReport" r
         WHERE r."taskId" = t.id AND r."isCompletion" AND r."reviewOutcome" IS NULL
         ORDER BY r."createdAt" DESC LIMIT 1) r ON true
     WHERE t.status = 'SUBMITTED' AND p.status NOT IN ('DRAFT', 'CLOSED') AND ${reached}
    UNION ALL
    SELECT 'EXTENSION', e.id, t.id, e."createdAt", e."requestedDueDate", e.reason
      FROM "Extension" e
      JOIN "Task" t ON t.id = e."taskId"
      JOIN "ReformPlan" p ON p.id = t."planId"
      JOIN "Unit" iu ON iu.id = p."issuingUnitId"
     WHERE e.status = 'REQUESTED' AND t.status NOT IN ('COMPLETED', 'CANCELLED', 'NOT_COMPLETED')
       AND p.status NOT IN ('DRAFT', 'CLOSED') AND ${reached}`;
}

/** One page of the queue: `limit` items after `after` (or, inverted, before `before`, newest first). */
export async function reviewQueuePage(
  context: Context,
  page: { after?: ReviewPosition; before?: ReviewPosition; limit: number; inverted: boolean },
): Promise<ReviewItem[]> {
  const key = (position: ReviewPosition) =>
    Prisma.sql`(${position.since.toISOString()}::timestamp, ${position.kind}::text, ${position.itemId}::text)`;
  const bounds = [
    page.after ? Prisma.sql`(q.since, q.kind, q."itemId") > ${key(page.after)}` : null,
    page.before ? Prisma.sql`(q.since, q.kind, q."itemId") < ${key(page.before)}` : null,
  ].filter((bound) => bound !== null);
  const where = bounds.length ? Prisma.sql`WHERE ${Prisma.join(bounds, ' AND ')}` : Prisma.empty;
  const direction = page.inverted ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return context.prisma.$queryRaw<ReviewItem[]>`
    SELECT * FROM (${queueItems(context.viewer!)}) q ${where}
     ORDER BY q.since ${direction}, q.kind ${direction}, q."itemId" ${direction}
     LIMIT ${page.limit}`;
}

export interface ReviewCounts {
  reports: number;
  extensions: number;
  total: number;
}

const reviewCounts = new WeakMap<object, Promise<ReviewCounts>>();

/** Items of each kind, in one statement (shared by `counts` and `totalCount`). */
export function reviewQueueCounts(context: Context): Promise<ReviewCounts> {
  let found = reviewCounts.get(context);
  if (!found) {
    found = (async () => {
      const [row] = await context.prisma.$queryRaw<{ reports: number; extensions: number }[]>`
        SELECT COUNT(*) FILTER (WHERE q.kind = 'REPORT')::int AS reports,
               COUNT(*) FILTER (WHERE q.kind = 'EXTENSION')::int AS extensions
          FROM (${queueItems(context.viewer!)}) q`;
      const { reports, extensions } = row ?? { reports: 0, extensions: 0 };
      return { reports, extensions, total: reports + extensions };
    })();
    reviewCounts.set(context, found);
  }
  return found;
}
