import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reportProgressUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  taskWorkflowId,
  type AssignTaskInput,
} from '../../workflows/src/contracts.ts';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/temporal.ts';

const taskQueue = 'task-workflow-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  [env, db] = await Promise.all([createTimeSkippingEnv(), createTestDatabase()]);
  fixtures = await createFixtures(db.prisma);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: db.prisma }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.drop();
});

function assignment(overrides: Partial<AssignTaskInput> = {}): AssignTaskInput {
  return {
    taskId: randomUUID(),
    planId: fixtures.plan.id,
    areaId: fixtures.area.id,
    criterionId: null,
    assigneeUnitId: fixtures.units.commune.id,
    title: 'Tỷ lệ hồ sơ trực tuyến đạt 60 %',
    description: '',
    dueDate: '2026-12-31',
    weight: 1,
    indicatorTarget: 'online dossiers ≥ 60 %',
    actorId: fixtures.users.steering.id,
    ...overrides,
  };
}

async function startTask(input: AssignTaskInput) {
  const handle = await env.client.workflow.start('taskWorkflow', {
    taskQueue,
    workflowId: taskWorkflowId(input.taskId),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await handle.executeUpdate(taskRecordedUpdate);
  return handle;
}

describe('task workflow', () => {
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
    const audit = await db.prisma.auditEvent.findMany({ where: { entityId: input.taskId } });
    expect(audit.map((event) => event.action)).toEqual(['task.assigned']);
    const notes = await db.prisma.notification.findMany({ where: { userId: fixtures.users.head.id } });
    expect(notes.map((note) => note.link)).toContain(`/tasks/${input.taskId}`);
  });

  it('starting the same task twice keeps one workflow and one row', async () => {
    const input = assignment();
    const first = await startTask(input);
    const second = await startTask(input);
    expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
    expect(await db.prisma.task.count({ where: { id: input.taskId } })).toBe(1);
  });

  it('a progress report moves the task to IN_PROGRESS and is written with its audit event', async () => {
    const input = assignment();
    const handle = await startTask(input);
    const state = await handle.executeUpdate(reportProgressUpdate, {
      args: [{ actorId: fixtures.users.head.id, percent: 50, note: 'Đã số hoá 120 hồ sơ' }],
    });
    expect(state).toMatchObject({ status: 'IN_PROGRESS', progress: 50, reportCount: 1 });
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { id: input.taskId },
      include: { reports: true },
    });
    expect(task.progress).toBe(50);
    expect(task.reports).toHaveLength(1);
    expect(task.reports[0]).toMatchObject({
      percent: 50,
      note: 'Đã số hoá 120 hồ sơ',
      authorId: fixtures.users.head.id,
    });
    const actions = await db.prisma.auditEvent.findMany({
      where: { entityId: input.taskId },
      orderBy: { at: 'asc' },
    });
    expect(actions.map((event) => event.action)).toEqual(['task.assigned', 'task.progressReported']);
  });

  it('rejects bad progress in the validator, before it enters history', async () => {
    const input = assignment();
    const handle = await startTask(input);
    await handle.executeUpdate(reportProgressUpdate, {
      args: [{ actorId: fixtures.users.head.id, percent: 40 }],
    });

    const tooMuch = handle.executeUpdate(reportProgressUpdate, {
      args: [{ actorId: fixtures.users.head.id, percent: 150 }],
    });
    await expect(tooMuch).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(tooMuch).rejects.toMatchObject({ cause: { type: 'TaskInvalidInput' } });

    const backwards = handle.executeUpdate(reportProgressUpdate, {
      args: [{ actorId: fixtures.users.head.id, percent: 20 }],
    });
    await expect(backwards).rejects.toMatchObject({ cause: { type: 'TaskProgressBackwards' } });

    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).filter(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes,
    );
    // taskRecorded + the one valid report; rejected updates leave no trace.
    expect(accepted).toHaveLength(2);
    expect(await db.prisma.progressReport.count({ where: { taskId: input.taskId } })).toBe(1);
    expect((await handle.query(taskStateQuery)).progress).toBe(40);
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
      status: 'IN_PROGRESS' as const,
    };
    await Promise.all([activities.recordProgress(progress), activities.recordProgress(progress)]);
    expect(await db.prisma.task.count({ where: { id: input.taskId } })).toBe(1);
    expect(await db.prisma.progressReport.count({ where: { taskId: input.taskId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { entityId: input.taskId } })).toBe(2);
  });
});
