import { randomUUID } from 'node:crypto';
import { Prisma, type Task } from '../../../prisma/client.ts';
import {
  PlanFailure,
  TaskFailure,
  planDueDateBounds,
  type AssignTaskInput,
} from '../../../workflows/src/contracts.ts';
import { reachesUnit, type Viewer } from '../auth.ts';
import { PLANNING_ROLES, tasksVisibleTo } from '../visibility.ts';
import type { Context } from '../context.ts';
import { CommandRejectedError, NotFoundError, invalidInput } from '../errors.ts';
import { actorClaims } from '../temporal.ts';
import { todayInVietnam } from './calendar-dates.ts';
import { TASK_ACTION_ROLES, reachesTaskFor, type TaskAction } from './task-actions.ts';

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
  /** Evidence files to attach: the viewer's own uploads for this task, not yet attached. */
  evidenceIds?: string[] | null;
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
  // New work joins a plan while it is drafted or running; from the self-assessment on, the year
  // is being judged (the same rule as bulk assignment and the plan workflow).
  if (plan.status !== 'DRAFT' && plan.status !== 'ISSUED') {
    throw new CommandRejectedError(
      'plan.closedToTasks',
      PlanFailure.WrongStatus,
      `The plan is ${plan.status}.`,
    );
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
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  if (evidenceIds.length) {
    // The workflow's activity links any unattached row it is given: only the reporter's own
    // uploads for this task, still unattached, may be named here (or attached already by this
    // very request, when it is sent again).
    const own = await context.prisma.evidence.count({
      where: {
        id: { in: evidenceIds },
        taskId: task.id,
        uploadedById: context.viewer.id,
        OR: [
          { progressReportId: null },
          ...(input.requestId ? [{ progressReport: { taskId: task.id, requestId: input.requestId } }] : []),
        ],
      },
    });
    if (own !== evidenceIds.length) throw invalidInput('evidenceIds', 'evidence.notYours');
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
    evidenceIds,
  });
  return task.id;
}

/** The task a command is sent to, with what the reach and date checks need. */
async function commandedTask(context: Context & { viewer: Viewer }, taskId: string, action: TaskAction) {
  const task = await context.prisma.task.findUnique({
    where: { id: taskId },
    include: {
      assigneeUnit: { select: { id: true, path: true } },
      plan: {
        select: {
          status: true,
          year: true,
          assessmentCloses: true,
          issuingUnit: { select: { id: true, path: true } },
        },
      },
    },
  });
  // Out of reach is answered as not there (docs/authorization.md).
  if (!task || !reachesTaskFor(context.viewer, task, action)) {
    throw new NotFoundError('notFound.task', 'taskId');
  }
  if (task.status === 'COMPLETED' || task.status === 'CANCELLED') {
    throw new CommandRejectedError('task.notRunning', TaskFailure.NotRunning, `The task is ${task.status}.`);
  }
  return task;
}

/** The units where the viewer holds a role that may send this unit command. */
const actorUnitIds = (viewer: Viewer, action: TaskAction): string[] =>
  viewer.roles
    .filter((assignment) => TASK_ACTION_ROLES[action].roles.includes(assignment.role))
    .map((assignment) => assignment.unitId);

interface TaskCommandInput {
  /** A UUID per form, sent as the Update's ID: a retried request is one command. */
  requestId?: string | null;
  taskId: string;
}

/**
 * The unit head accepts the task, naming the official who carries it out: a head or staff
 * member of the assignee unit (the head themselves when none is named).
 */
export async function acceptTask(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { responsibleUserId?: string | null },
) {
  const task = await commandedTask(context, input.taskId, 'accept');
  const responsibleUserId = input.responsibleUserId ?? context.viewer.id;
  const member = await context.prisma.roleAssignment.count({
    where: {
      userId: responsibleUserId,
      unitId: task.assigneeUnitId,
      role: { in: ['UNIT_HEAD', 'UNIT_STAFF'] },
      user: { active: true },
    },
  });
  if (member === 0) throw invalidInput('responsibleUserId', 'input.responsibleNotInUnit');
  await context.commands.acceptTask(
    task.id,
    { actorId: context.viewer.id, actorUnitIds: actorUnitIds(context.viewer, 'accept'), responsibleUserId },
    input.requestId,
  );
  return task.id;
}

/** The unit head submits the result for review (progress 100 %, with a note on what was done). */
export async function submitTask(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { note: string; indicatorValue?: string | null },
) {
  const task = await commandedTask(context, input.taskId, 'submit');
  await context.commands.submitTask(
    task.id,
    {
      actorId: context.viewer.id,
      actorUnitIds: actorUnitIds(context.viewer, 'submit'),
      note: input.note.trim(),
      indicatorValue: input.indicatorValue?.trim() || null,
    },
    input.requestId,
  );
  return task.id;
}

/** The committee accepts a submitted task (COMPLETED) or returns it with a reason (RETURNED). */
export async function reviewTask(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { decision: 'ACCEPT' | 'RETURN'; reason?: string | null },
) {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'RETURN' && !reason) throw invalidInput('reason', 'input.reasonMissing');
  const task = await commandedTask(context, input.taskId, 'review');
  await context.commands.reviewTask(
    task.id,
    { actorId: context.viewer.id, actorRoles: actorClaims(context.viewer), outcome: input.decision, reason },
    input.requestId,
  );
  return task.id;
}

/** The unit head asks for a later due date, inside the plan's bounds, with a reason. */
export async function requestTaskExtension(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { newDueDate: string; reason: string },
) {
  const task = await commandedTask(context, input.taskId, 'requestExtension');
  const [, latest] = planDueDateBounds(
    task.plan.year,
    task.plan.assessmentCloses && task.plan.assessmentCloses.toISOString().slice(0, 10),
  );
  if (input.newDueDate > latest) throw invalidInput('newDueDate', 'input.dueDateOutsidePlan');
  // "Not later than the current due date" is the workflow's to say (TaskExtensionNotLater): it
  // holds the due date that counts, a grant may have just moved it.
  await context.commands.requestExtension(
    task.id,
    {
      actorId: context.viewer.id,
      actorUnitIds: actorUnitIds(context.viewer, 'requestExtension'),
      requestedDueDate: input.newDueDate,
      reason: input.reason.trim(),
    },
    input.requestId,
  );
  return task.id;
}

/** The committee grants (the due date moves) or refuses the waiting extension request. */
export async function decideTaskExtension(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { grant: boolean; reason?: string | null },
) {
  const task = await commandedTask(context, input.taskId, 'decideExtension');
  await context.commands.decideExtension(
    task.id,
    {
      actorId: context.viewer.id,
      actorRoles: actorClaims(context.viewer),
      grant: input.grant,
      note: input.reason?.trim() || null,
    },
    input.requestId,
  );
  return task.id;
}

/**
 * The committee (or the administrator, after a merger) moves the task to another live unit of
 * the plan's issuing tree that they reach; the task starts over as ASSIGNED there.
 */
export async function reassignTask(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { assigneeUnitId: string; reason: string },
) {
  const task = await commandedTask(context, input.taskId, 'reassign');
  const unit = await context.prisma.unit.findUnique({ where: { id: input.assigneeUnitId } });
  if (
    !unit ||
    unit.mergedIntoId ||
    !unit.path.startsWith(task.plan.issuingUnit.path) ||
    !reachesUnit(context.viewer, unit, TASK_ACTION_ROLES.reassign.roles)
  ) {
    throw new NotFoundError('notFound.unit', 'assigneeUnitId');
  }
  if (unit.id === task.assigneeUnitId) throw invalidInput('assigneeUnitId', 'input.sameUnit');
  await context.commands.reassignTask(
    task.id,
    {
      actorId: context.viewer.id,
      actorRoles: actorClaims(context.viewer),
      toUnitId: unit.id,
      reason: input.reason.trim(),
    },
    input.requestId,
  );
  return task.id;
}

/** The committee cancels an open task, with a reason. */
export async function cancelTask(
  context: Context & { viewer: Viewer },
  input: TaskCommandInput & { reason: string },
) {
  const task = await commandedTask(context, input.taskId, 'cancel');
  await context.commands.cancelTask(
    task.id,
    { actorId: context.viewer.id, actorRoles: actorClaims(context.viewer), reason: input.reason.trim() },
    input.requestId,
  );
  return task.id;
}
