import { randomUUID } from 'node:crypto';
import { Prisma } from '../../../prisma/client.ts';
import { TaskFailure, planDueDateBounds, type AssignTaskInput } from '../../../workflows/src/contracts.ts';
import { reachesUnit, type Viewer } from '../auth.ts';
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
 * requestId reaches the same workflow and creates nothing new.
 */
export async function createTask(context: Context & { viewer: Viewer }, input: CreateTaskInput) {
  const { prisma, viewer } = context;
  if (input.dueDate < todayInVietnam(context.now())) throw invalidInput('dueDate', 'input.dateInPast');
  const plan = await prisma.reformPlan.findUnique({
    where: { id: input.planId },
    include: { issuingUnit: true },
  });
  if (!plan || !reachesUnit(viewer, plan.issuingUnit, ['STEERING', 'ADMIN'])) {
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
    !reachesUnit(viewer, unit)
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
  if (await draftTask(context, assignment)) return assignment.taskId;
  // The plan is issued: the task's workflow writes the row and takes it from there.
  await context.commands.assignTask(assignment);
  return assignment.taskId;
}

/**
 * While its plan is a DRAFT, a task is only a row (with its audit event): issuing the plan
 * starts the workflows of all its tasks. The plan row is locked so that issuing, which counts
 * and fans out the tasks in its own transaction, sees this task or makes this call see ISSUED.
 * Returns false when the plan is no longer a draft.
 */
async function draftTask(context: Context, task: AssignTaskInput): Promise<boolean> {
  return context.prisma.$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status FROM "ReformPlan" WHERE id = ${task.planId} FOR UPDATE`;
    if (plan?.status !== 'DRAFT') return false;
    const existing = await tx.task.findUnique({ where: { id: task.taskId }, select: { id: true } });
    if (existing) return true;
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
    return true;
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
