import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptTaskUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  reassignTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  reviewTaskUpdate,
  submitTaskUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  taskWorkflowId,
  type ActorClaim,
  type AssignTaskInput,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { WorkingCalendar, addDays, atVietnamTime, vietnamDate } from '../../workflows/src/calendar.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'task-workflow-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let harness: WorkflowHarness | undefined;

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  ({ env, db } = harness);
  fixtures = await createFixtures(db.prisma);
  steeringClaims = await claimsOf(db.prisma, fixtures.users.steering.id);
});

afterAll(() => harness?.stop());

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof taskWorkflow>;

function assignment(overrides: Partial<AssignTaskInput> = {}): AssignTaskInput {
  return {
    taskId: randomUUID(),
    planId: fixtures.plan.id,
    areaId: fixtures.area.id,
    criterionId: null,
    assigneeUnitId: fixtures.units.commune.id,
    title: 'Tỷ lệ hồ sơ trực tuyến đạt 60 %',
    description: '',
    dueDate: '2027-12-31',
    weight: 1,
    indicatorTarget: 'online dossiers ≥ 60 %',
    actorId: fixtures.users.steering.id,
    ...overrides,
  };
}

async function startTask(input: AssignTaskInput): Promise<Handle> {
  const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
    taskQueue,
    workflowId: taskWorkflowId(input.taskId),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await handle.executeUpdate(taskRecordedUpdate);
  return handle;
}

const head = () => ({ actorId: fixtures.users.head.id, actorUnitIds: [fixtures.units.commune.id] });
let steeringClaims: ActorClaim[] = [];
const steering = () => ({ actorId: fixtures.users.steering.id, actorRoles: steeringClaims });

async function auditActions(taskId: string): Promise<string[]> {
  const events = await db.prisma.auditEvent.findMany({ where: { entityId: taskId }, orderBy: { at: 'asc' } });
  return events.map((event) => event.action);
}

async function acceptedUpdates(handle: Handle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)
    .length;
}

async function notificationsOf(userId: string, taskId: string, kind: string) {
  return db.prisma.notification.findMany({ where: { userId, kind, link: `/tasks/${taskId}` } });
}

describe('task workflow: commands', () => {
  it('records the assignment, its audit event and a notification to the unit head', async () => {
    const input = assignment();
    const handle = await startTask(input);

    expect(await handle.query(taskStateQuery)).toMatchObject({ status: 'ASSIGNED', progress: 0 });
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: input.taskId } });
    expect(task).toMatchObject({
      status: 'ASSIGNED',
      progress: 0,
      assigneeUnitId: fixtures.units.commune.id,
    });
    expect(await auditActions(input.taskId)).toEqual(['task.assigned']);
    const [note] = await notificationsOf(fixtures.users.head.id, input.taskId, 'task.assigned');
    expect(note).toBeDefined();
    // The unit head reads English: the queued e-mail is in English.
    const email = await db.prisma.emailOutbox.findUniqueOrThrow({ where: { notificationId: note!.id } });
    expect(email.subject).toBe(`New task: ${input.title}`);
  });

  it('starting the same task twice keeps one workflow and one row', async () => {
    const input = assignment();
    const first = await startTask(input);
    const second = await startTask(input);
    expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
    expect(await db.prisma.task.count({ where: { id: input.taskId } })).toBe(1);
  });

  it('goes ASSIGNED → ACCEPTED → IN_PROGRESS → SUBMITTED → RETURNED → SUBMITTED → COMPLETED', async () => {
    const input = assignment();
    const handle = await startTask(input);

    let state = await handle.executeUpdate(acceptTaskUpdate, {
      args: [{ ...head(), responsibleUserId: fixtures.users.head.id }],
    });
    expect(state).toMatchObject({ status: 'ACCEPTED', responsibleUserId: fixtures.users.head.id });
    state = await handle.executeUpdate(reportProgressUpdate, {
      args: [{ ...head(), percent: 50, note: 'Đã số hoá 640/1.280 hồ sơ' }],
    });
    expect(state).toMatchObject({ status: 'IN_PROGRESS', progress: 50 });
    state = await handle.executeUpdate(submitTaskUpdate, {
      args: [{ ...head(), note: 'Hoàn thành số hoá', indicatorValue: '100 %' }],
    });
    expect(state).toMatchObject({ status: 'SUBMITTED', progress: 100 });
    state = await handle.executeUpdate(reviewTaskUpdate, {
      args: [{ ...steering(), outcome: 'RETURN', reason: 'Thiếu biên bản kiểm tra' }],
    });
    // Returned: back to work, progress back to what it was before the completion report.
    expect(state).toMatchObject({ status: 'RETURNED', progress: 50 });
    const returned = await notificationsOf(fixtures.users.head.id, input.taskId, 'task.returned');
    expect(returned[0]?.params).toMatchObject({ reason: 'Thiếu biên bản kiểm tra' });

    await handle.executeUpdate(submitTaskUpdate, { args: [{ ...head(), note: 'Bổ sung biên bản' }] });
    state = await handle.executeUpdate(reviewTaskUpdate, { args: [{ ...steering(), outcome: 'ACCEPT' }] });
    expect(state).toMatchObject({ status: 'COMPLETED', progress: 100 });
    expect(await handle.result()).toMatchObject({ status: 'COMPLETED' });

    const task = await db.prisma.task.findUniqueOrThrow({
      where: { id: input.taskId },
      include: { reports: { orderBy: { createdAt: 'asc' } } },
    });
    expect(task).toMatchObject({
      status: 'COMPLETED',
      progress: 100,
      responsibleUserId: fixtures.users.head.id,
    });
    expect(task.completedAt).not.toBeNull();
    expect(task.reports.map((r) => [r.percent, r.isCompletion, r.reviewOutcome])).toEqual([
      [50, false, null],
      [100, true, 'RETURNED'],
      [100, true, 'ACCEPTED'],
    ]);
    expect(await auditActions(input.taskId)).toEqual([
      'task.assigned',
      'task.accepted',
      'task.progressReported',
      'task.submitted',
      'task.returned',
      'task.submitted',
      'task.completed',
    ]);
    // The steering committee was told about each completion report.
    expect(await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.submitted')).toHaveLength(2);
  });

  it('a report on a task nobody accepted accepts it, naming the reporter', async () => {
    const input = assignment();
    const handle = await startTask(input);
    const state = await handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 10 }] });
    expect(state).toMatchObject({ status: 'IN_PROGRESS', responsibleUserId: fixtures.users.head.id });
  });

  it('refuses invalid commands in the validator, before they enter history, with stable types', async () => {
    const input = assignment();
    const handle = await startTask(input);
    await handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 40 }] });
    const before = await acceptedUpdates(handle);

    const refusals: [() => Promise<unknown>, string][] = [
      [
        () => handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 150 }] }),
        'TaskInvalidInput',
      ],
      [
        () => handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 20 }] }),
        'TaskProgressBackwards',
      ],
      [
        () =>
          handle.executeUpdate(reportProgressUpdate, {
            args: [
              {
                actorId: fixtures.users.otherHead.id,
                actorUnitIds: [fixtures.units.otherCommune.id],
                percent: 60,
              },
            ],
          }),
        'TaskWrongUnit',
      ],
      [
        () =>
          handle.executeUpdate(acceptTaskUpdate, {
            args: [{ ...head(), responsibleUserId: fixtures.users.head.id }],
          }),
        'TaskWrongStatus',
      ],
      [
        () => handle.executeUpdate(reviewTaskUpdate, { args: [{ ...steering(), outcome: 'ACCEPT' }] }),
        'TaskWrongStatus',
      ],
      [
        () =>
          handle.executeUpdate(requestExtensionUpdate, {
            args: [{ ...head(), requestedDueDate: '2027-12-01', reason: 'Chờ kinh phí' }],
          }),
        'TaskExtensionNotLater',
      ],
      [
        () =>
          handle.executeUpdate(requestExtensionUpdate, {
            args: [{ ...head(), requestedDueDate: '2028-02-30', reason: 'Chờ kinh phí' }],
          }),
        'TaskInvalidInput',
      ],
      [
        () => handle.executeUpdate(decideExtensionUpdate, { args: [{ ...steering(), grant: true }] }),
        'TaskNoExtensionPending',
      ],
      [
        () =>
          handle.executeUpdate(reassignTaskUpdate, {
            args: [{ ...steering(), toUnitId: fixtures.units.commune.id, reason: 'Sáp nhập' }],
          }),
        'TaskWrongUnit',
      ],
      [
        () => handle.executeUpdate(cancelTaskUpdate, { args: [{ ...steering(), reason: ' ' }] }),
        'TaskReasonRequired',
      ],
    ];
    for (const [send, type] of refusals) {
      const refused = send();
      await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(refused).rejects.toMatchObject({ cause: { type } });
    }
    expect(await acceptedUpdates(handle)).toBe(before);
    expect(await db.prisma.progressReport.count({ where: { taskId: input.taskId } })).toBe(1);
    expect(await handle.query(taskStateQuery)).toMatchObject({ progress: 40, status: 'IN_PROGRESS' });
  });

  it('an extension request is granted and moves the due date; cancellation closes the task', async () => {
    const input = assignment();
    const handle = await startTask(input);
    await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ ...head(), requestedDueDate: '2028-03-31', reason: 'Chờ nâng cấp phần mềm một cửa' }],
    });
    const second = handle.executeUpdate(requestExtensionUpdate, {
      args: [{ ...head(), requestedDueDate: '2028-04-30', reason: 'Thêm' }],
    });
    await expect(second).rejects.toMatchObject({ cause: { type: 'TaskExtensionPending' } });
    const state = await handle.executeUpdate(decideExtensionUpdate, {
      args: [{ ...steering(), grant: true, note: 'Đồng ý' }],
    });
    expect(state).toMatchObject({ dueDate: '2028-03-31', extension: null });
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { id: input.taskId },
      include: { extensions: true },
    });
    expect(task.dueDate.toISOString().slice(0, 10)).toBe('2028-03-31');
    expect(task.extensions).toMatchObject([{ status: 'GRANTED', decidedById: fixtures.users.steering.id }]);

    await handle.executeUpdate(cancelTaskUpdate, { args: [{ ...steering(), reason: 'Trùng nhiệm vụ' }] });
    expect(await handle.result()).toMatchObject({ status: 'CANCELLED' });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: input.taskId } })).status).toBe(
      'CANCELLED',
    );
  });

  it('reassignment moves the task to another unit, which must accept it again', async () => {
    const input = assignment();
    const handle = await startTask(input);
    await handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 30 }] });
    const state = await handle.executeUpdate(reassignTaskUpdate, {
      args: [{ ...steering(), toUnitId: fixtures.units.town.id, reason: 'Sáp nhập đơn vị hành chính' }],
    });
    expect(state).toMatchObject({ status: 'ASSIGNED', assigneeUnitId: fixtures.units.town.id, progress: 30 });
    // The old unit can no longer report on it; the new one can.
    const old = handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 40 }] });
    await expect(old).rejects.toMatchObject({ cause: { type: 'TaskWrongUnit' } });
    await handle.executeUpdate(acceptTaskUpdate, {
      args: [
        {
          actorId: fixtures.users.townHead.id,
          actorUnitIds: [fixtures.units.town.id],
          responsibleUserId: fixtures.users.townHead.id,
        },
      ],
    });
    expect(await notificationsOf(fixtures.users.townHead.id, input.taskId, 'task.reassigned')).toHaveLength(
      1,
    );
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: input.taskId } });
    expect(task).toMatchObject({ assigneeUnitId: fixtures.units.town.id, status: 'ACCEPTED' });
  });

  it('a retried activity writes nothing twice', async () => {
    const input = assignment();
    const activities = createActivities({ prisma: db.prisma });
    await activities.recordTaskAssigned({ eventId: `test:${input.taskId}`, ...input });
    await activities.recordTaskAssigned({ eventId: `test:${input.taskId}`, ...input });
    const progress = {
      eventId: `test:${input.taskId}:p1`,
      taskId: input.taskId,
      actorId: fixtures.users.head.id,
      percent: 30,
      indicatorValue: null,
      note: '',
      reason: null,
      evidenceIds: [],
      status: 'IN_PROGRESS' as const,
      isCompletion: false,
      responsibleUserId: null,
    };
    await Promise.all([activities.recordProgress(progress), activities.recordProgress(progress)]);
    expect(await db.prisma.task.count({ where: { id: input.taskId } })).toBe(1);
    expect(await db.prisma.progressReport.count({ where: { taskId: input.taskId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { entityId: input.taskId } })).toBe(2);
    expect(await db.prisma.notification.count({ where: { link: `/tasks/${input.taskId}` } })).toBe(1);
  });
});

describe('task workflow: deadlines in working days', () => {
  it('reminds 5 and 1 working days ahead across a holiday, then overdue, escalation and weekly repeats', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    // A due date 12 working days out, with a public holiday three working days before it.
    const plain = new WorkingCalendar([]);
    const due = plain.addWorkingDays(today, 12);
    const holiday = plain.addWorkingDays(due, -3);
    await db.prisma.holiday.create({
      data: { date: new Date(`${holiday}T00:00:00Z`), nameVi: 'Ngày nghỉ thử', nameEn: 'Test holiday' },
    });
    const calendar = new WorkingCalendar([holiday]);
    const input = assignment({ dueDate: due });
    const handle = await startTask(input);
    const headId = fixtures.users.head.id;
    const until = async (date: string, hour: number) => {
      const target = atVietnamTime(date, hour).getTime() + 60_000;
      await env.sleep(Math.max(0, target - (await env.currentTimeMs())));
    };

    const fiveBefore = calendar.addWorkingDays(due, -5);
    // The holiday pushes the reminder one working day earlier than a plain count would.
    expect(fiveBefore).toBe(plain.addWorkingDays(due, -6));
    await until(fiveBefore, 7);
    expect(await notificationsOf(headId, input.taskId, 'task.reminder')).toHaveLength(0);
    await until(fiveBefore, 8);
    const first = await notificationsOf(headId, input.taskId, 'task.reminder');
    expect(first.map((n) => n.params)).toEqual([expect.objectContaining({ workingDays: 5, dueDate: due })]);

    await until(calendar.addWorkingDays(due, -1), 8);
    expect(await notificationsOf(headId, input.taskId, 'task.reminder')).toHaveLength(2);

    await until(due, 23);
    expect(await notificationsOf(headId, input.taskId, 'task.overdue')).toHaveLength(0);
    await env.sleep('2 hours');
    expect(await notificationsOf(headId, input.taskId, 'task.overdue')).toHaveLength(1);
    expect((await handle.query(taskStateQuery)).escalationLevel).toBe(1);
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: input.taskId } })).escalationLevel).toBe(1);

    const escalation = calendar.addWorkingDays(due, 5);
    await until(escalation, 7);
    expect(await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.escalated')).toHaveLength(0);
    await until(escalation, 8);
    const escalated = await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.escalated');
    expect(escalated.map((n) => n.params)).toEqual([expect.objectContaining({ workingDays: 5 })]);
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: input.taskId } })).escalationLevel).toBe(2);

    await env.sleep('14 days');
    expect(await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.escalated')).toHaveLength(3);

    // Granting an extension starts the timers over from the new due date.
    const newDue = calendar.addWorkingDays(vietnamDate(await env.currentTimeMs()), 20);
    await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ ...head(), requestedDueDate: newDue, reason: 'Chờ kinh phí' }],
    });
    const state = await handle.executeUpdate(decideExtensionUpdate, {
      args: [{ ...steering(), grant: true }],
    });
    expect(state).toMatchObject({ dueDate: newDue, escalationLevel: 0 });
    await env.sleep('7 days');
    expect(await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.escalated')).toHaveLength(3);
    await until(calendar.addWorkingDays(newDue, -5), 9);
    const reminders = await notificationsOf(headId, input.taskId, 'task.reminder');
    expect(reminders.map((n) => n.params)).toContainEqual(
      expect.objectContaining({ dueDate: newDue, workingDays: 5 }),
    );
    await handle.executeUpdate(cancelTaskUpdate, {
      args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }],
    });
  });

  it('takes over an existing overdue row: adopts its progress and fires one catch-up escalation', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const input = assignment({ dueDate: addDays(today, -100) });
    await db.prisma.task.create({
      data: {
        id: input.taskId,
        planId: input.planId,
        areaId: input.areaId,
        assigneeUnitId: input.assigneeUnitId,
        title: input.title,
        dueDate: new Date(`${input.dueDate}T00:00:00Z`),
        createdById: input.actorId,
        createdAt: new Date((await env.currentTimeMs()) - 200 * 24 * 3600_000),
        status: 'IN_PROGRESS',
        progress: 35,
      },
    });
    const handle = await startTask(input);
    await env.sleep('1 minute');
    expect(await handle.query(taskStateQuery)).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 35,
      escalationLevel: 2,
    });
    expect(await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.escalated')).toHaveLength(1);
    expect(await notificationsOf(fixtures.users.head.id, input.taskId, 'task.reminder')).toHaveLength(0);
    await handle.executeUpdate(cancelTaskUpdate, {
      args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }],
    });
  });

  it('a year of weekly escalations stays within a bounded history by continuing as new', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const input = assignment({ dueDate: new WorkingCalendar([]).addWorkingDays(today, 1) });
    const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
      taskQueue,
      workflowId: taskWorkflowId(input.taskId),
      args: [{ ...input, historyLimit: 200 }],
    });
    await handle.executeUpdate(taskRecordedUpdate);
    await env.sleep('365 days');
    const escalations = await notificationsOf(fixtures.users.steering.id, input.taskId, 'task.escalated');
    expect(escalations.length).toBeGreaterThanOrEqual(50);
    const latest = env.client.workflow.getHandle(taskWorkflowId(input.taskId));
    const description = await latest.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    expect(description.historyLength).toBeLessThanOrEqual(260);
    // State survives the hand-over: the task still refuses a report from the wrong unit.
    expect(await latest.query(taskStateQuery)).toMatchObject({ escalationLevel: 2, status: 'ASSIGNED' });
    await latest.executeUpdate(cancelTaskUpdate, {
      args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }],
    });
  });
});
