// Brings the demo's current-year Trực Ninh plan to life once the worker runs: issues the DRAFT
// plan through its workflow, then sends each task the commands of its steps (prisma/demo-trucninh.ts)
// through the task workflows' Updates, as the people of the demo would. Everything the app shows
// afterwards (statuses, reports, reviews, extension requests, evidence, notifications, audit
// events, overdue and escalation levels) is written by the workflows, and every task takes the
// next command a user gives it.
//
// Exactly once: each command's Update ID is derived from the task and the step, so a command sent
// again (a start interrupted half-way) is answered with its first result and writes nothing; a
// task whose steps are all done gets an AuditEvent `demo:<task id>:driven`, the plan one when all
// are, and a later start finds it and does nothing.
//
// The demo's inspections and corrective actions are driven beside the tasks, the same way, by
// driveDemoInspections (prisma/demo-inspections.ts, with its own markers), and so is Nam Định's
// provincial plan (prisma/demo-namdinh.ts): its workflow is started and its tasks catch up on
// their deadline events. The past years (prisma/demo-history.ts) are rows only: nothing to drive.
import { Client, Connection } from '@temporalio/client';
import { createPrismaClient, type PrismaClient } from '../../prisma/client.ts';
import { demoPdf, demoPng } from '../../prisma/demo-files.ts';
import { driveDemoInspections } from '../../prisma/demo-inspections.ts';
import {
  demoPlanId,
  demoTaskId,
  demoTasks,
  derivedId,
  planBounds,
  type DemoEvidence,
  type DemoStep,
  type DemoTask,
} from '../../prisma/demo-trucninh.ts';
import { provincePlanId, provinceTaskId, provinceTasks } from '../../prisma/demo-namdinh.ts';
import { evidenceDir, storeEvidenceFile } from '../../api/src/evidence/storage.ts';
import { temporalCommands } from '../../api/src/temporal.ts';
import type { TemporalSettings } from '../../workflows/src/connection.ts';
import { TASK_QUEUE, planWorkflowId, type ActorClaim } from '../../workflows/src/contracts.ts';
import { loadWorkingCalendar } from '../../api/src/services/calendar-dates.ts';

const STEERING_EMAIL = 'steering@reform.demo';
const STAFF_EMAIL = 'staff.phuongdinh@reform.demo';

export type DemoOutcome = 'driven' | 'already' | 'none';

interface Actor {
  id: string;
  claims: ActorClaim[];
  unitIds: string[];
}

const driven = (entityId: string) => `demo:${entityId}:driven`;

/** The Update ID of a task's demo step: the same on every start, so a repeat is one command. */
export const demoStepUpdateId = (taskId: string, index: number, step: DemoStep) =>
  derivedId(taskId, 'step', String(index), step.command);

async function actorByEmail(prisma: PrismaClient, email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    include: { roles: { include: { unit: { select: { path: true } } } } },
  });
  return {
    id: user.id,
    claims: user.roles.map((role) => ({ role: role.role, unitId: role.unitId, unitPath: role.unit.path })),
    unitIds: user.roles.map((role) => role.unitId),
  };
}

async function unitHead(prisma: PrismaClient, unitId: string): Promise<Actor> {
  const role = await prisma.roleAssignment.findFirstOrThrow({
    where: { unitId, role: 'UNIT_HEAD' },
    orderBy: { createdAt: 'asc' },
    select: { user: { select: { email: true } } },
  });
  return actorByEmail(prisma, role.user.email);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`The demo data: ${what} did not happen within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Stores the evidence file through the evidence storage (content-addressed under the data
 * folder) and records its Evidence row for the task, uploaded by `uploader`; the row's ID is
 * derived from the step, so a repeat finds it.
 */
async function storeEvidence(
  prisma: PrismaClient,
  taskId: string,
  step: number,
  evidence: DemoEvidence,
  uploaderId: string,
  aboutDate: Date,
): Promise<string> {
  const bytes = evidence.kind === 'pdf' ? demoPdf(evidence.rows) : demoPng(evidence.bars);
  const stored = await storeEvidenceFile(evidenceDir(), bytes);
  const id = derivedId(taskId, 'evidence', String(step));
  await prisma.evidence.upsert({
    where: { id },
    update: {},
    create: {
      id,
      sha256: stored.sha256,
      fileName: evidence.fileName,
      mimeType: evidence.kind === 'pdf' ? 'application/pdf' : 'image/png',
      sizeBytes: stored.sizeBytes,
      aboutDate,
      taskId,
      uploadedById: uploaderId,
    },
  });
  return id;
}

/**
 * Starts the workflow of Nam Định's provincial plan (written ISSUED, prisma/demo-namdinh.ts) and
 * waits until its tasks have theirs and have caught up on their overdue notice or escalation.
 * Idempotent: the start finds a running workflow, and the plan's marker ends a later call early.
 */
async function driveProvincePlan(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
): Promise<DemoOutcome> {
  const plan = await prisma.reformPlan.findUnique({ where: { id: provincePlanId } });
  if (!plan) return 'none';
  if (await prisma.auditEvent.findUnique({ where: { eventId: driven(plan.id) } })) return 'already';
  await client.workflow.start('planWorkflow', {
    taskQueue,
    workflowId: planWorkflowId(plan.id),
    args: [{ planId: plan.id }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await waitUntil('the provincial plan’s task workflows and their deadline events', async () => {
    const rows = await prisma.task.findMany({
      where: { planId: plan.id },
      select: { id: true, workflowStartedAt: true, escalationLevel: true },
    });
    return provinceTasks.every((task) => {
      const row = rows.find((candidate) => candidate.id === provinceTaskId(task.key));
      return row?.workflowStartedAt && row.escalationLevel >= task.escalationLevel;
    });
  });
  await prisma.auditEvent.create({
    data: { eventId: driven(plan.id), action: 'demo.driven', entityType: 'ReformPlan', entityId: plan.id },
  });
  return 'driven';
}

/**
 * Issues the demo plan and drives its tasks (see the file's head). Returns 'none' when the
 * database has no demo plan (production, or data from an older version), 'already' when it
 * was driven before.
 */
export async function driveDemo(options: {
  prisma: PrismaClient;
  client: Client;
  taskQueue?: string;
  now?: () => Date;
}): Promise<DemoOutcome> {
  const { prisma, client } = options;
  const now = options.now ?? (() => new Date());
  const plan = await prisma.reformPlan.findUnique({ where: { id: demoPlanId } });
  if (!plan) return 'none';
  // The inspections (prisma/demo-inspections.ts) go on beside the plan's tasks; they have their
  // own markers, so demo data from before them gets them on its next start.
  const inspections = driveDemoInspections({
    prisma,
    client,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    now,
  });
  // So does Nam Định's provincial plan (prisma/demo-namdinh.ts), with its own marker.
  const province = driveProvincePlan(prisma, client, options.taskQueue ?? TASK_QUEUE);
  // Awaited below; a failure meanwhile must not count as unhandled.
  inspections.catch(() => undefined);
  province.catch(() => undefined);
  if (await prisma.auditEvent.findUnique({ where: { eventId: driven(plan.id) } })) {
    const others = await Promise.all([inspections, province]);
    return others.includes('driven') ? 'driven' : 'already';
  }
  const commands = temporalCommands(client, options.taskQueue ?? TASK_QUEUE);
  const steering = await actorByEmail(prisma, STEERING_EMAIL);
  const staff = await actorByEmail(prisma, STAFF_EMAIL);

  if (plan.status === 'DRAFT') {
    await commands.issuePlan(plan.id, { actorId: steering.id, actorRoles: steering.claims });
  }
  // The plan's fan-out starts the task workflows; commands can be sent once they exist.
  await waitUntil('starting the demo plan’s task workflows', async () => {
    const waiting = await prisma.task.count({ where: { planId: plan.id, workflowStartedAt: null } });
    return waiting === 0;
  });

  const calendar = await loadWorkingCalendar(prisma);
  const { last } = planBounds(plan.year);

  const driveTask = async (task: DemoTask) => {
    const taskId = demoTaskId(task.key);
    if (await prisma.auditEvent.findUnique({ where: { eventId: driven(taskId) } })) return;
    const row = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    const head = await unitHead(prisma, row.assigneeUnitId);
    // A start interrupted after the last command of a completed task: its workflow has ended.
    if (!(row.status === 'COMPLETED' && task.expected.status === 'COMPLETED')) {
      for (const [index, step] of task.steps.entries()) {
        await runStep(taskId, index, step, head, row.dueDate.toISOString().slice(0, 10));
      }
    }
    // The deadline event a past due date brings (overdue notice, escalation) is written by the
    // workflow as it takes the row over; wait for it so the demo is whole when the app is ready.
    await waitUntil(`the deadline events of "${task.title}"`, async () => {
      const current = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
      return current.escalationLevel >= task.expected.escalationLevel;
    });
    await prisma.auditEvent.create({
      data: { eventId: driven(taskId), action: 'demo.driven', entityType: 'Task', entityId: taskId },
    });
  };

  const runStep = async (taskId: string, index: number, step: DemoStep, head: Actor, dueDate: string) => {
    const updateId = demoStepUpdateId(taskId, index, step);
    const unit = { actorId: head.id, actorUnitIds: head.unitIds };
    const committee = { actorId: steering.id, actorRoles: steering.claims };
    const evidenceIds = async (evidence?: DemoEvidence) =>
      evidence ? [await storeEvidence(prisma, taskId, index, evidence, head.id, now())] : [];
    switch (step.command) {
      case 'accept':
        await commands.acceptTask(
          taskId,
          { ...unit, responsibleUserId: step.responsible === 'staff' ? staff.id : head.id },
          updateId,
        );
        return;
      case 'report':
        await commands.reportProgress(taskId, {
          ...unit,
          requestId: updateId,
          percent: step.percent,
          indicatorValue: step.indicatorValue ?? null,
          note: step.note,
          reason: null,
          evidenceIds: await evidenceIds(step.evidence),
        });
        return;
      case 'submit':
        await commands.submitTask(
          taskId,
          {
            ...unit,
            note: step.note,
            indicatorValue: step.indicatorValue ?? null,
            evidenceIds: await evidenceIds(step.evidence),
          },
          updateId,
        );
        return;
      case 'return':
        await commands.reviewTask(taskId, { ...committee, outcome: 'RETURN', reason: step.reason }, updateId);
        return;
      case 'approve':
        await commands.reviewTask(taskId, { ...committee, outcome: 'ACCEPT', reason: null }, updateId);
        return;
      case 'requestExtension': {
        const wanted = calendar.addWorkingDays(dueDate, step.workingDays);
        await commands.requestExtension(
          taskId,
          { ...unit, requestedDueDate: wanted > last ? last : wanted, reason: step.reason },
          updateId,
        );
        return;
      }
    }
  };

  await Promise.all([...demoTasks.map(driveTask), inspections, province]);
  await prisma.auditEvent.create({
    data: { eventId: driven(plan.id), action: 'demo.driven', entityType: 'ReformPlan', entityId: plan.id },
  });
  return 'driven';
}

/** driveDemo for `npm start`: its own database pool and Temporal connection. */
export async function driveDemoData(databaseUrl: string, settings: TemporalSettings): Promise<DemoOutcome> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 5 });
  const connection = await Connection.connect({
    address: settings.address,
    ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
  try {
    return await driveDemo({ prisma, client: new Client({ connection, namespace: settings.namespace }) });
  } finally {
    await connection.close();
    await prisma.$disconnect();
  }
}
