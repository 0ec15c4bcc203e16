import { randomUUID } from 'node:crypto';
import type { ReformPlan, ReportingCadence } from '../../../prisma/client.ts';
import { Prisma } from '../../../prisma/client.ts';
import { reachesUnit, type Viewer } from '../auth.ts';
import { actorClaims } from '../temporal.ts';
import { PLANNING_ROLES, plansVisibleTo } from '../visibility.ts';
import type { Context } from '../context.ts';
import { CommandRejectedError, NotFoundError, invalidInput } from '../errors.ts';
import {
  PLAN_PHASES,
  PlanFailure,
  planDueDateBounds,
  type BulkAssignInput,
  type PhaseSchedule,
  type PlanStatus,
} from '../../../workflows/src/contracts.ts';
import { defaultSchedule } from '../../../workflows/src/activities/plan.ts';
import { dateOnly, todayInVietnam } from './calendar-dates.ts';

export interface CreatePlanInput {
  requestId?: string | null;
  title: string;
  year: number;
  issuingUnitId: string;
  cadence: ReportingCadence;
}

/** Reporting periods of a year: four quarters or two halves. */
export function reportingPeriods(year: number, cadence: ReportingCadence) {
  const months = cadence === 'QUARTERLY' ? 3 : 6;
  return Array.from({ length: 12 / months }, (_, index) => {
    const start = new Date(Date.UTC(year, index * months, 1));
    const end = new Date(Date.UTC(year, (index + 1) * months, 0));
    return { number: index + 1, startsOn: start, endsOn: end };
  });
}

/**
 * Creates a DRAFT plan with its reporting periods and audit event. A repeated request with
 * the same requestId returns the plan created the first time; a requestId already used for
 * anything else is refused without saying what it was used for.
 */
export async function createPlan(context: Context & { viewer: Viewer }, input: CreatePlanInput) {
  const { prisma, viewer } = context;
  const unit = await prisma.unit.findUnique({ where: { id: input.issuingUnitId } });
  if (!unit || !reachesUnit(viewer, unit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.unit', 'issuingUnitId');
  }
  if (unit.mergedIntoId) throw invalidInput('issuingUnitId', 'notFound.unit');
  const id = input.requestId ?? randomUUID();
  const existing = await prisma.reformPlan.findUnique({ where: { id } });
  if (existing) return replayedPlan(context, existing, input);
  try {
    return await prisma.$transaction(async (tx) => {
      const plan = await tx.reformPlan.create({
        data: {
          id,
          title: input.title.trim(),
          year: input.year,
          issuingUnitId: unit.id,
          cadence: input.cadence,
          createdById: viewer.id,
          assessmentOpens: dateOnly(`${input.year}-12-01`),
          assessmentCloses: dateOnly(`${input.year + 1}-01-15`),
          periods: { create: reportingPeriods(input.year, input.cadence) },
        },
      });
      await tx.auditEvent.create({
        data: {
          eventId: `plan-${id}:created`,
          actorId: viewer.id,
          action: 'plan.created',
          entityType: 'ReformPlan',
          entityId: id,
          after: JSON.parse(JSON.stringify(plan)) as Prisma.InputJsonValue,
        },
      });
      return plan;
    });
  } catch (error) {
    // The same request arriving twice at once: the second insert loses, the first stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return replayedPlan(context, await prisma.reformPlan.findUniqueOrThrow({ where: { id } }), input);
    }
    throw error;
  }
}

/**
 * The plan a request created before, when this is the same person sending the same request
 * again and they may still see it. Any other use of the ID gets one answer, whether or not the
 * viewer may see the plan, so a guessed ID reveals nothing.
 */
async function replayedPlan(
  context: Context & { viewer: Viewer },
  plan: ReformPlan,
  input: CreatePlanInput,
): Promise<ReformPlan> {
  const sameRequest =
    plan.createdById === context.viewer.id &&
    plan.issuingUnitId === input.issuingUnitId &&
    plan.title === input.title.trim() &&
    plan.year === input.year &&
    plan.cadence === input.cadence;
  const visible =
    sameRequest &&
    (await context.prisma.reformPlan.count({
      where: { AND: [{ id: plan.id }, plansVisibleTo(context.viewer)] },
    })) === 1;
  if (!visible) throw invalidInput('requestId', 'input.requestIdInUse');
  return plan;
}

/** Issues a DRAFT plan through its workflow, which starts one task workflow per task. */
export async function issuePlan(context: Context & { viewer: Viewer }, planId: string): Promise<string> {
  const plan = await context.prisma.reformPlan.findUnique({
    where: { id: planId },
    include: { issuingUnit: true },
  });
  if (!plan || !reachesUnit(context.viewer, plan.issuingUnit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.plan', 'planId');
  }
  await context.commands.issuePlan(plan.id, {
    actorId: context.viewer.id,
    actorRoles: actorClaims(context.viewer),
  });
  return plan.id;
}

// ---------------------------------------------------------------------------------------------
// The committee's plan editor: draft tasks and the draft plan are rows (no workflow yet), edited
// under a lock on the plan row so that issuing cannot race; bulk assignment, phase dates and the
// next phase go through the plan's workflow.

type Editor = Context & { viewer: Viewer };

/** The plan, when the viewer is STEERING reaching its issuing unit; otherwise "no such plan". */
async function committeePlan(context: Editor, planId: string) {
  const plan = await context.prisma.reformPlan.findUnique({
    where: { id: planId },
    include: { issuingUnit: true },
  });
  if (!plan || !reachesUnit(context.viewer, plan.issuingUnit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.plan', 'planId');
  }
  return plan;
}

const notDraft = (status: string) =>
  new CommandRejectedError('plan.notDraft', PlanFailure.WrongStatus, `The plan is ${status}, not DRAFT.`);

/**
 * Runs `change` in a transaction holding the plan row FOR UPDATE, once the plan is still a
 * DRAFT: issuing counts and fans out the tasks in its own transaction, so it sees the change
 * whole or makes this call see ISSUED.
 */
async function whileDraft<T>(
  context: Context,
  planId: string,
  change: (tx: Prisma.TransactionClient) => Promise<T>,
) {
  return context.prisma.$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status FROM "ReformPlan" WHERE id = ${planId} FOR UPDATE`;
    if (plan?.status !== 'DRAFT') throw notDraft(plan?.status ?? 'gone');
    return change(tx);
  });
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** The due-date checks of createTask: not in the past, within the plan's year. */
function checkDueDate(
  context: Context,
  plan: { year: number; assessmentCloses: Date | null },
  dueDate: string,
  field = 'dueDate',
) {
  if (dueDate < todayInVietnam(context.now())) throw invalidInput(field, 'input.dateInPast');
  const [earliest, latest] = planDueDateBounds(
    plan.year,
    plan.assessmentCloses && plan.assessmentCloses.toISOString().slice(0, 10),
  );
  if (dueDate < earliest || dueDate > latest) throw invalidInput(field, 'input.dueDateOutsidePlan');
}

/** A draft task the viewer may edit (STEERING reaching the plan's issuing unit), with its plan. */
async function draftTaskOf(context: Editor, taskId: string) {
  const task = await context.prisma.task.findUnique({
    where: { id: taskId },
    include: { plan: { include: { issuingUnit: true } } },
  });
  if (!task || !reachesUnit(context.viewer, task.plan.issuingUnit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.task', 'taskId');
  }
  if (task.plan.status !== 'DRAFT') throw notDraft(task.plan.status);
  return task;
}

export interface UpdateDraftTaskInput {
  taskId: string;
  title?: string | null;
  description?: string | null;
  areaId?: string | null;
  assigneeUnitId?: string | null;
  dueDate?: string | null;
  weight?: number | null;
  indicatorTarget?: string | null;
}

/** Edits a task of a DRAFT plan, with the checks of createTask; an audit event keeps before and after. */
export async function updateDraftTask(context: Editor, input: UpdateDraftTaskInput): Promise<string> {
  const { prisma, viewer } = context;
  const task = await draftTaskOf(context, input.taskId);
  const data: Prisma.TaskUncheckedUpdateInput = {};
  if (input.title != null) data.title = input.title.trim();
  if (input.description != null) data.description = input.description.trim();
  if (input.weight != null) data.weight = input.weight;
  if (input.indicatorTarget != null) data.indicatorTarget = input.indicatorTarget.trim() || null;
  if (input.dueDate != null) {
    checkDueDate(context, task.plan, input.dueDate);
    data.dueDate = dateOnly(input.dueDate);
  }
  if (input.areaId != null) {
    const area = await prisma.reformArea.findUnique({ where: { id: input.areaId } });
    if (!area) throw new NotFoundError('notFound.area', 'areaId');
    data.areaId = area.id;
  }
  if (input.assigneeUnitId != null) {
    const unit = await prisma.unit.findUnique({ where: { id: input.assigneeUnitId } });
    if (
      !unit ||
      unit.mergedIntoId ||
      !unit.path.startsWith(task.plan.issuingUnit.path) ||
      !reachesUnit(viewer, unit, PLANNING_ROLES)
    ) {
      throw new NotFoundError('notFound.unit', 'assigneeUnitId');
    }
    data.assigneeUnitId = unit.id;
  }
  await whileDraft(context, task.planId, async (tx) => {
    const before = await tx.task.findUnique({ where: { id: task.id } });
    if (!before) throw new NotFoundError('notFound.task', 'taskId');
    const after = await tx.task.update({ where: { id: task.id }, data });
    await tx.auditEvent.create({
      data: {
        eventId: `task-${task.id}:edited:${randomUUID()}`,
        actorId: viewer.id,
        action: 'task.edited',
        entityType: 'Task',
        entityId: task.id,
        before: asJson(before),
        after: asJson(after),
      },
    });
  });
  return task.id;
}

/** Deletes a task of a DRAFT plan (the row goes; the audit event 'task.deleted' keeps it). Returns the plan's ID. */
export async function deleteDraftTask(context: Editor, taskId: string): Promise<string> {
  const task = await draftTaskOf(context, taskId);
  await whileDraft(context, task.planId, async (tx) => {
    const before = await tx.task.findUnique({ where: { id: task.id } });
    if (!before) throw new NotFoundError('notFound.task', 'taskId');
    await tx.task.delete({ where: { id: task.id } });
    await tx.auditEvent.create({
      data: {
        eventId: `task-${task.id}:deleted`,
        actorId: context.viewer.id,
        action: 'task.deleted',
        entityType: 'Task',
        entityId: task.id,
        before: asJson(before),
      },
    });
  });
  return task.planId;
}

/** Edits a DRAFT plan's title or cadence; a new cadence rewrites the reporting periods. */
export async function updateDraftPlan(
  context: Editor,
  input: { planId: string; title?: string | null; cadence?: ReportingCadence | null },
): Promise<string> {
  const plan = await committeePlan(context, input.planId);
  if (plan.status !== 'DRAFT') throw notDraft(plan.status);
  await whileDraft(context, plan.id, async (tx) => {
    const before = await tx.reformPlan.findUniqueOrThrow({
      where: { id: plan.id },
      include: { periods: { orderBy: { number: 'asc' } } },
    });
    const cadence = input.cadence ?? before.cadence;
    if (cadence !== before.cadence) {
      await tx.reportingPeriod.deleteMany({ where: { planId: plan.id } });
      await tx.reportingPeriod.createMany({
        data: reportingPeriods(before.year, cadence).map((period) => ({ ...period, planId: plan.id })),
      });
    }
    const after = await tx.reformPlan.update({
      where: { id: plan.id },
      data: { title: input.title?.trim() || before.title, cadence },
      include: { periods: { orderBy: { number: 'asc' } } },
    });
    await tx.auditEvent.create({
      data: {
        eventId: `plan-${plan.id}:edited:${randomUUID()}`,
        actorId: context.viewer.id,
        action: 'plan.edited',
        entityType: 'ReformPlan',
        entityId: plan.id,
        before: asJson(before),
        after: asJson(after),
      },
    });
  });
  return plan.id;
}

export type BulkLevel = BulkAssignInput['level'];

export interface BulkAssignTasksInput {
  requestId?: string | null;
  planId: string;
  parentUnitId: string;
  level: BulkLevel | 'PROVINCE';
  areaId: string;
  title: string;
  description?: string | null;
  dueDate: string;
  weight?: number | null;
  indicatorTarget?: string | null;
}

/** What the preview shows: units in tree order, at most this many. */
export const PREVIEW_UNITS = 50;

/**
 * The checks of a bulk assignment, without writing: the plan takes tasks (DRAFT or ISSUED), the
 * parent lies in the issuing unit's tree and the viewer's reach, the date fits the plan, and
 * at least one live unit of the level lies under the parent. Returns those units' filter.
 */
async function checkBulkAssign(context: Editor, input: BulkAssignTasksInput) {
  const { prisma, viewer } = context;
  const plan = await committeePlan(context, input.planId);
  if (plan.status !== 'DRAFT' && plan.status !== 'ISSUED') {
    throw new CommandRejectedError(
      'plan.closedToTasks',
      PlanFailure.WrongStatus,
      `The plan is ${plan.status}.`,
    );
  }
  checkDueDate(context, plan, input.dueDate);
  const [area, parent] = await Promise.all([
    prisma.reformArea.findUnique({ where: { id: input.areaId } }),
    prisma.unit.findUnique({ where: { id: input.parentUnitId } }),
  ]);
  if (!area) throw new NotFoundError('notFound.area', 'areaId');
  if (
    !parent ||
    parent.mergedIntoId ||
    !parent.path.startsWith(plan.issuingUnit.path) ||
    !reachesUnit(viewer, parent, PLANNING_ROLES)
  ) {
    throw new NotFoundError('notFound.unit', 'parentUnitId');
  }
  const where: Prisma.UnitWhereInput = {
    path: { startsWith: parent.path },
    id: { not: parent.id },
    level: input.level,
    mergedIntoId: null,
  };
  const count = input.level === 'PROVINCE' ? 0 : await prisma.unit.count({ where });
  if (count === 0) throw invalidInput('level', 'input.noUnitsOfLevel');
  return { plan, where, count, level: input.level as BulkLevel };
}

/** How many tasks a bulk assignment would create and for which units (the first 50, tree order). */
export async function bulkAssignPreview(context: Editor, input: BulkAssignTasksInput) {
  const { where, count, plan } = await checkBulkAssign(context, input);
  const [units, alreadyAssigned] = await Promise.all([
    context.prisma.unit.findMany({ where, orderBy: [{ path: 'asc' }], take: PREVIEW_UNITS }),
    context.prisma.unit.count({
      where: {
        ...where,
        tasks: { some: { planId: plan.id, title: input.title.trim(), status: { not: 'CANCELLED' } } },
      },
    }),
  ]);
  return { count, units, alreadyAssigned };
}

/** Creates the tasks through the plan workflow's bulkAssign Update; returns the plan's ID and the count. */
export async function bulkAssignTasks(context: Editor, input: BulkAssignTasksInput) {
  const { plan, level } = await checkBulkAssign(context, input);
  const result = await context.commands.bulkAssign(plan.id, {
    actorId: context.viewer.id,
    actorRoles: actorClaims(context.viewer),
    requestId: input.requestId ?? randomUUID(),
    parentUnitId: input.parentUnitId,
    level,
    areaId: input.areaId,
    criterionId: null,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    dueDate: input.dueDate,
    weight: input.weight ?? 1,
    indicatorTarget: input.indicatorTarget?.trim() || null,
  });
  return { planId: plan.id, count: result.taskIds.length };
}

/** The year-end calendar of a plan, from its columns (the defaults where a column is empty). */
export function planSchedule(plan: {
  year: number;
  assessmentOpens: Date | null;
  assessmentCloses: Date | null;
  appraisalCloses: Date | null;
  closesOn: Date | null;
}): PhaseSchedule {
  const defaults = defaultSchedule(plan.year);
  const day = (value: Date | null, fallback: string) => (value ? value.toISOString().slice(0, 10) : fallback);
  return {
    assessmentOpens: day(plan.assessmentOpens, defaults.assessmentOpens),
    appraisalOpens: day(plan.assessmentCloses, defaults.appraisalOpens),
    publishedOn: day(plan.appraisalCloses, defaults.publishedOn),
    closesOn: day(plan.closesOn, defaults.closesOn),
  };
}

const SCHEDULE_KEYS = ['assessmentOpens', 'appraisalOpens', 'publishedOn', 'closesOn'] as const;
const PHASE_OF: Record<(typeof SCHEDULE_KEYS)[number], PlanStatus> = {
  assessmentOpens: 'ASSESSMENT',
  appraisalOpens: 'APPRAISAL',
  publishedOn: 'PUBLISHED',
  closesOn: 'CLOSED',
};

/** Moves the phase dates through the plan workflow, after the checks its validator makes. */
export async function schedulePlanPhases(
  context: Editor,
  input: { planId: string } & Partial<Record<(typeof SCHEDULE_KEYS)[number], string | null>>,
): Promise<string> {
  const plan = await committeePlan(context, input.planId);
  if (plan.status === 'CLOSED') {
    throw new CommandRejectedError('plan.closed', PlanFailure.WrongStatus, 'The plan is CLOSED.');
  }
  const current = planSchedule(plan);
  const changes: Partial<PhaseSchedule> = {};
  for (const key of SCHEDULE_KEYS) {
    const value = input[key];
    if (value != null && value !== current[key]) changes[key] = value;
  }
  const merged = { ...current, ...changes };
  const today = todayInVietnam(context.now());
  const reached = PLAN_PHASES.indexOf(plan.status);
  let previous = '';
  for (const key of SCHEDULE_KEYS) {
    if (changes[key] !== undefined) {
      if (PLAN_PHASES.indexOf(PHASE_OF[key]) <= reached) throw invalidInput(key, 'input.phaseBegun');
      if (merged[key] < today) throw invalidInput(key, 'input.scheduleInPast');
    }
    if (merged[key] <= previous) throw invalidInput(key, 'input.scheduleOrder');
    previous = merged[key];
  }
  if (Object.keys(changes).length === 0) return plan.id;
  await context.commands.schedulePhases(plan.id, {
    actorId: context.viewer.id,
    actorRoles: actorClaims(context.viewer),
    schedule: changes,
  });
  return plan.id;
}

/** The phase after `status`, or null (DRAFT is issued, CLOSED is the end). */
export const nextPlanPhase = (status: string): PlanStatus | null =>
  status === 'DRAFT' ? null : (PLAN_PHASES[PLAN_PHASES.indexOf(status as PlanStatus) + 1] ?? null);

/** Moves an issued plan to its next phase now, through the workflow; `from` guards a double click. */
export async function advancePlanPhase(
  context: Editor,
  input: { planId: string; from: PlanStatus },
): Promise<string> {
  const plan = await committeePlan(context, input.planId);
  if (plan.status !== input.from) {
    throw new CommandRejectedError(
      'plan.phaseMoved',
      PlanFailure.WrongStatus,
      `The plan is ${plan.status}, not ${input.from}.`,
    );
  }
  if (!nextPlanPhase(plan.status)) {
    throw new CommandRejectedError(
      'plan.noNextPhase',
      PlanFailure.WrongStatus,
      `A plan that is ${plan.status} has no next phase.`,
    );
  }
  await context.commands.advancePhase(plan.id, {
    actorId: context.viewer.id,
    actorRoles: actorClaims(context.viewer),
    from: input.from,
  });
  return plan.id;
}
