// The worker dies during the fan-out of a 2,000-task plan and another one takes over: every
// task workflow exists exactly once and the plan's issuing progress reaches 2,000 / 2,000.
// Runs on the Temporal dev server (real time, real visibility), with the worker in a process
// of its own so it can be killed outright.
import type { ChildProcess } from 'node:child_process';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import { issuePlanUpdate, planStateQuery, planWorkflowId } from '../../workflows/src/contracts.ts';
import type { planWorkflow } from '../../workflows/src/workflows/plan.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { draftPlanWithTasks, killWorker, spawnWorker, waitUntil } from '../helpers/fanout.ts';
import { createFixtures } from '../helpers/fixtures.ts';

const TASKS = 2000;
const taskQueue = 'fanout-crash-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  const cli = inject('temporalCliPath');
  [env, db] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}) },
    }),
    createTestDatabase(),
  ]);
}, 120_000);

afterAll(async () => {
  if (worker) await killWorker(worker);
  await env?.teardown();
  await db?.drop();
});

describe('plan fan-out', () => {
  it('survives the worker being killed mid-way: 2,000 task workflows, each exactly once', async () => {
    const fixtures = await createFixtures(db.prisma);
    const planId = await draftPlanWithTasks(
      db.prisma,
      {
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
        areaId: fixtures.area.id,
        unitIds: [fixtures.units.commune.id, fixtures.units.town.id],
      },
      TASKS,
    );
    const address = env.connection.options.address;
    const workerEnv = { databaseUrl: db.url, address, taskQueue };
    worker = await spawnWorker(workerEnv);

    const handle = await env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
      taskQueue,
      workflowId: planWorkflowId(planId),
      args: [{ planId, fanOutBatch: 250 }],
    });
    const actorRoles = await claimsOf(db.prisma, fixtures.users.steering.id);
    await handle.executeUpdate(issuePlanUpdate, {
      args: [{ actorId: fixtures.users.steering.id, actorRoles }],
    });
    const started = () => db.prisma.task.count({ where: { planId, workflowStartedAt: { not: null } } });
    await waitUntil(async () => (await started()) >= 300, 'The fan-out reaching 300 tasks', 120_000);

    await killWorker(worker);
    const atCrash = await started();
    expect(atCrash).toBeLessThan(TASKS);
    worker = await spawnWorker(workerEnv);

    await waitUntil(
      async () => (await handle.query(planStateQuery)).issuing.done === TASKS,
      'The fan-out reaching 2,000 tasks after the restart',
      300_000,
    );
    expect((await handle.query(planStateQuery)).issuing).toEqual({
      done: TASKS,
      total: TASKS,
      running: false,
    });
    expect(await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
      issuingDone: TASKS,
      issuingTotal: TASKS,
    });

    // Each task workflow ran exactly once: one execution per ID, one assignment record per task.
    await waitUntil(
      async () => (await env.client.workflow.count(`WorkflowType = "taskWorkflow"`)).count === TASKS,
      'Visibility listing 2,000 task workflows',
      120_000,
    );
    const ids = new Set<string>();
    let executions = 0;
    for await (const execution of env.client.workflow.list({ query: `WorkflowType = "taskWorkflow"` })) {
      ids.add(execution.workflowId);
      executions += 1;
    }
    expect(executions).toBe(TASKS);
    expect(ids.size).toBe(TASKS);
    await waitUntil(
      async () => (await db.prisma.auditEvent.count({ where: { action: 'task.assigned' } })) === TASKS,
      'Every task workflow recording its assignment',
      300_000,
    );
    const notified = await db.prisma.notification.count({ where: { kind: 'task.assigned' } });
    expect(notified).toBe(TASKS); // each task's unit head, once
  }, 900_000);
});
