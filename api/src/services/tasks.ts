import { randomUUID } from 'node:crypto';
import { Prisma, type Task } from '../../../prisma/client.ts';
import { TaskFailure, planDueDateBounds, type AssignTaskInput } from '../../../workflows/src/contracts.ts';
import { reachesUnit, type Viewer } from '../auth.ts';
import { PLANNING_ROLES, tasksVisibleTo } from '../visibility.ts';
import type { Context } from '../context.ts';
import { CommandRejectedError, NotFoundError, invalidInput } from '../errors.ts';
import { todayInVietnam } from './calendar-dates.ts';

export interface CreateTaskInput {
  requestId?: string | null;
  planId: string;
  areaId: string;
  assigneeUnitId: string;
  title: string;
  description?: string | null;
  dueDate: string;
  weight?: number | null;
  indicatorTarget?: string | null;
}

export interface ReportProgressInput {
  /** A UUID per form: the same request sent again records one report. */
  requestId?: string | null;
  taskId: string;
  percent: number;
  indicatorValue?: string | null;
  note?: string | null;
  reason?: string | null;
}

/**
 * Assigns a task to a unit: checks what only the database knows, then starts the task's
 * workflow (ID `task-<id>`), which writes the task row. A repeated request with the same
 * requestId returns the same task and creates nothing new; a requestId already used for
 * anything else is refused before any workflow is reached.
 */
export async function createTask(context: Context & { viewer: Viewer }, input: CreateTaskInput) {
  const { prisma, viewer } = context;
  if (input.dueDate < todayInVietnam(context.now())) throw invalidInput('dueDate', 'input.dateInPast');
  const plan = await prisma.reformPlan.findUnique({
    where: { id: input.planId },
    include: { issuingUnit: true },
  });
  if (!plan || !reachesUnit(viewer, plan.issuingUnit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.plan', 'planId');
  }
  const [earliest, latest] = planDueDateBounds(
    plan.year,
    plan.assessmentCloses && plan.assessmentCloses.toISOString().slice(0, 10),
  );
  if (input.dueDate < earliest || input.dueDate > latest) {
    throw invalidInput('dueDate', 'input.dueDateOutsidePlan');
  }
  const [area, unit] = await Promise.all([
    prisma.reformArea.findUnique({ where: { id: input.areaId } }),
    prisma.unit.findUnique({ where: { id: input.assigneeUnitId } }),
  ]);
  if (!area) throw new NotFoundError('notFound.area', 'areaId');
  // The assignee must lie in the issuing unit's tree and be a live (unmerged) unit.
  if (
    !unit ||
    unit.mergedIntoId ||
    !unit.path.startsWith(plan.issuingUnit.path) ||
    !reachesUnit(viewer, unit, PLANNING_ROLES)
  ) {
    throw new NotFoundError('notFound.unit', 'assigneeUnitId');
  }
  const assignment = {
    taskId: input.requestId ?? randomUUID(),
    planId: plan.id,
    areaId: area.id,
    criterionId: null,
    assigneeUnitId: unit.id,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    dueDate: input.dueDate,
    weight: input.weight ?? 1,
    indicatorTarget: input.indicatorTarget?.trim() || null,
    actorId: viewer.id,
  };
  const existing = await prisma.task.findUnique({ where: { id: assignment.taskId } });
  if (existing) return replayedTask(context, existing, assignment);
  const drafted = await draftTask(context, assignment);
  if (drafted === 'created') return assignment.taskId;
  // The plan is issued: the task's workflow writes the row and takes it from there.
  if (drafted === 'planIssued') await context.commands.assignTask(assignment);
  // Either way the row exists now, and another request with this ID may have written it.
  return replayedTask(
    context,
    await prisma.task.findUniqueOrThrow({ where: { id: assignment.taskId } }),
    assignment,
  );
}

/**
 * The task's ID, when this is the same person sending the same request again and they may
 * still see the task. Any other use of the ID gets one answer, whether or not the viewer may
 * see the task, so a guessed ID reveals nothing. The assignee and the due date are left out of
 * the comparison: the workflow changes them on reassignment and extension.
 */
async function replayedTask(
  context: Context & { viewer: Viewer },
  task: Task,
  request: AssignTaskInput,
): Promise<string> {
  const sameRequest =
    task.createdById === request.actorId &&
    task.planId === request.planId &&
    task.areaId === request.areaId &&
    task.title === request.title &&
    task.description === request.description &&
    task.weight === request.weight &&
    task.indicatorTarget === request.indicatorTarget;
  const visible =
    sameRequest &&
    (await context.prisma.task.count({
      where: { AND: [{ id: task.id }, tasksVisibleTo(context.viewer)] },
    })) === 1;
  if (!visible) throw invalidInput('requestId', 'input.requestIdInUse');
  return task.id;
}

/**
 * While its plan is a DRAFT, a task is only a row (with its audit event): issuing the plan
 * starts the workflows of all its tasks. The plan row is locked so that issuing, which counts
 * and fans out the tasks in its own transaction, sees this task or makes this call see ISSUED.
 * Says whether it drafted the task, found a row with its ID already, or found the plan issued.
 */
async function draftTask(
  context: Context,
  task: AssignTaskInput,
): Promise<'created' | 'exists' | 'planIssued'> {
  return context.prisma.$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status FROM "ReformPlan" WHERE id = ${task.planId} FOR UPDATE`;
    if (plan?.status !== 'DRAFT') return 'planIssued';
    const existing = await tx.task.findUnique({ where: { id: task.taskId }, select: { id: true } });
    if (existing) return 'exists';
    const row = await tx.task.create({
      data: {
        id: task.taskId,
        planId: task.planId,
        areaId: task.areaId,
        criterionId: task.criterionId,
        assigneeUnitId: task.assigneeUnitId,
        title: task.title,
        description: task.description,
        dueDate: new Date(`${task.dueDate}T00:00:00.000Z`),
        weight: task.weight,
        indicatorTarget: task.indicatorTarget,
        createdById: task.actorId,
      },
    });
    await tx.auditEvent.create({
      data: {
        eventId: `task-${task.taskId}:drafted`,
        actorId: task.actorId,
        action: 'task.drafted',
        entityType: 'Task',
        entityId: task.taskId,
        after: JSON.parse(JSON.stringify(row)) as Prisma.InputJsonValue,
      },
    });
    return 'created';
  });
}

/** A unit head or staff member reports progress; the task workflow validates and records it. */
export async function reportProgress(context: Context & { viewer: Viewer }, input: ReportProgressInput) {
  const task = await context.prisma.task.findUnique({
    where: { id: input.taskId },
    include: { assigneeUnit: { select: { id: true, path: true } }, plan: { select: { status: true } } },
  });
  if (
    !task ||
    task.plan.status === 'DRAFT' ||
    !reachesUnit(context.viewer, task.assigneeUnit, ['UNIT_HEAD', 'UNIT_STAFF'])
  ) {
    throw new NotFoundError('notFound.task', 'taskId');
  }
  // A closed task's workflow has finished (the demo data's completed tasks never had one):
  // answered here, in the viewer's language, without asking Temporal.
  if (task.status === 'COMPLETED' || task.status === 'CANCELLED') {
    throw new CommandRejectedError('task.notRunning', TaskFailure.NotRunning, `The task is ${task.status}.`);
  }
  await context.commands.reportProgress(task.id, {
    requestId: input.requestId ?? null,
    actorId: context.viewer.id,
    actorUnitIds: context.viewer.roles
      .filter((assignment) => assignment.role === 'UNIT_HEAD' || assignment.role === 'UNIT_STAFF')
      .map((assignment) => assignment.unitId),
    percent: input.percent,
    indicatorValue: input.indicatorValue ?? null,
    note: input.note?.trim() ?? '',
    reason: input.reason?.trim() || null,
  });
  return task.id;
}
