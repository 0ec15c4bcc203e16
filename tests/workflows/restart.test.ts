// A task workflow that is terminated and started again under the same ID (npm start's take-over
// of existing rows does this), or reset to an earlier point, starts counting its commands anew.
// Its new commands must still reach PostgreSQL: each test checks the rows and audit events after
// a command sent once the workflow restarted. Runs on the Temporal dev server, which (unlike the
// time-skipping test server) supports resetWorkflowExecution.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../workflows/src/activities/index.ts';
import {
  acceptTaskUpdate,
  reportProgressUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  taskWorkflowId,
  type AssignTaskInput,
} from '../../workflows/src/contracts.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { workflowBundle } from '../helpers/temporal.ts';

const taskQueue = 'restart-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let stopWorker: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const cli = inject('temporalCliPath');
  [env, db] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}) },
    }),
    createTestDatabase(),
  ]);
  fixtures = await createFixtures(db.prisma);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: db.prisma, temporal: { client: env.client, taskQueue } }),
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
  };
}, 180_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
  await db?.drop();
});

function assignment(): AssignTaskInput {
  return {
    taskId: randomUUID(),
    planId: fixtures.plan.id,
    areaId: fixtures.area.id,
    criterionId: null,
    assigneeUnitId: fixtures.units.commune.id,
    title: 'Số hoá hồ sơ một cửa',
    description: '',
    dueDate: '2027-12-31',
    weight: 1,
    indicatorTarget: null,
    actorId: fixtures.users.steering.id,
  };
}

const start = async (input: AssignTaskInput) => {
  const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
    taskQueue,
    workflowId: taskWorkflowId(input.taskId),
    args: [input],
  });
  await handle.executeUpdate(taskRecordedUpdate);
  return handle;
};

const head = () => ({ actorId: fixtures.users.head.id, actorUnitIds: [fixtures.units.commune.id] });

/** Accepts the task and reports 30 %: two commands, numbered 1 and 2 in the first run. */
async function acceptAndReport(handle: Awaited<ReturnType<typeof start>>) {
  await handle.executeUpdate(acceptTaskUpdate, {
    args: [{ ...head(), responsibleUserId: fixtures.users.head.id }],
  });
  await handle.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 30, note: 'Quý I' }] });
}

async function ledger(taskId: string) {
  const [task, reports, events] = await Promise.all([
    db.prisma.task.findUniqueOrThrow({ where: { id: taskId } }),
    db.prisma.progressReport.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } }),
    db.prisma.auditEvent.findMany({ where: { entityId: taskId }, orderBy: { at: 'asc' } }),
  ]);
  return {
    status: task.status,
    progress: task.progress,
    reports: reports.map((report) => report.percent),
    actions: events.map((event) => event.action),
  };
}

describe('commands after a workflow restart', () => {
  it('a task workflow terminated and started again records its next command', async () => {
    const input = assignment();
    const first = await start(input);
    await acceptAndReport(first);
    await first.terminate('operator restarts the workflow');

    // The same workflow ID again, as the take-over of existing rows starts it: it adopts the row.
    const second = await start(input);
    expect(await second.query(taskStateQuery)).toMatchObject({ status: 'IN_PROGRESS', progress: 30 });
    // Its first command used to get the ID of the old run's first command and was dropped.
    await second.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 60, note: 'Quý II' }] });

    expect(await ledger(input.taskId)).toEqual({
      status: 'IN_PROGRESS',
      progress: 60,
      reports: [30, 60],
      actions: ['task.assigned', 'task.accepted', 'task.progressReported', 'task.progressReported'],
    });
  });

  it('a task workflow reset to before its commands records the commands sent after the reset', async () => {
    const input = assignment();
    const handle = await start(input);
    await acceptAndReport(handle);

    // Reset to the last workflow task completed before the first command was accepted.
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const firstAccepted = events.find((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    const completed = events.filter(
      (event) =>
        event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED &&
        Number(event.eventId) < Number(firstAccepted?.eventId),
    );
    const resetPoint = completed.at(-2) ?? completed.at(-1);
    expect(resetPoint).toBeDefined();
    const { runId } = await env.client.workflowService.resetWorkflowExecution({
      namespace: env.client.options.namespace,
      workflowExecution: { workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
      reason: 'operator resets the workflow',
      workflowTaskFinishEventId: resetPoint!.eventId,
      requestId: randomUUID(),
    });
    expect(runId).not.toBe(handle.firstExecutionRunId);

    // The reset run re-applies the accepted commands (each finds its own row, keyed by its
    // Update's ID, and writes nothing twice) or, on a server that does not re-apply Updates,
    // starts again from ASSIGNED; either way a new command reaches the database.
    const reset = env.client.workflow.getHandle<typeof taskWorkflow>(handle.workflowId);
    // The server re-applies those Updates on its own time: wait for them (up to 10 s) so the new
    // command comes after them, as it would for a person acting after the operator's reset.
    for (let waited = 0; waited < 10_000; waited += 200) {
      if ((await reset.query(taskStateQuery)).progress === 30) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await reset.executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 60, note: 'Quý II' }] });
    expect(await reset.query(taskStateQuery)).toMatchObject({ status: 'IN_PROGRESS', progress: 60 });

    expect(await ledger(input.taskId)).toEqual({
      status: 'IN_PROGRESS',
      progress: 60,
      reports: [30, 60],
      actions: ['task.assigned', 'task.accepted', 'task.progressReported', 'task.progressReported'],
    });
  });
});
