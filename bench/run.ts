// `npm run bench`: measures what the tests must not time. Prints figures; asserts nothing.
//   1. Plan fan-out rate: task workflows started per second when a plan with 2,000 and with
//      20,000 tasks is issued (Temporal dev server, one worker process, embedded PostgreSQL),
//      and the time until every task workflow has recorded its assignment.
//   2. History length of a task workflow after a year of weekly escalations, with and without
//      continueAsNew (time-skipping test server).
//   3. Import of 5,000 task assignment rows from a generated XLSX into a draft plan: the dry run
//      (read + checks) and the one-transaction apply (bench/import-tasks.ts).
//   4. The gzipped JavaScript the dashboard route ships, read from the production build (web/build;
//      bench/dashboard-bundle.ts); budget 100 KB.
// `npm run bench -- 2000` runs the fan-out for the given sizes only.
import '../scripts/lib/node-version.ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../prisma/client.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../scripts/lib/database.ts';
import { applyMigrations } from '../scripts/lib/migrations.ts';
import { defaultDataDir } from '../scripts/lib/paths.ts';
import { findOrInstall, temporalCli, temporalTestServer } from '../scripts/lib/tools.ts';
import { draftPlanWithTasks, killWorker, spawnWorker, waitUntil } from '../tests/helpers/fanout.ts';
import { createFixtures } from '../tests/helpers/fixtures.ts';
import { dashboardBundleBench } from './dashboard-bundle.ts';
import { importTasksBench } from './import-tasks.ts';
import { claimsOf } from '../workflows/src/activities/authority.ts';
import { createActivities } from '../workflows/src/activities/index.ts';
import { WorkingCalendar, vietnamDate } from '../workflows/src/calendar.ts';
import {
  issuePlanUpdate,
  planWorkflowId,
  taskRecordedUpdate,
  taskWorkflowId,
} from '../workflows/src/contracts.ts';
import { workflowsPath } from '../workflows/src/worker.ts';
import type { planWorkflow } from '../workflows/src/workflows/plan.ts';
import type { taskWorkflow } from '../workflows/src/workflows/task.ts';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const fanOutSizes = sizes.length ? sizes : [2000, 20000];

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  await applyMigrations(url.toString());
  return url.toString();
}

async function fanOut(serverUrl: string, count: number): Promise<void> {
  const databaseUrl = await freshDatabase(serverUrl, `rt_bench_fanout_${count}`);
  const prisma: PrismaClient = createPrismaClient(databaseUrl, { poolSize: 5 });
  const cli = findOrInstall(temporalCli);
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}) },
  });
  const taskQueue = `bench-${randomUUID().slice(0, 8)}`;
  const worker = await spawnWorker({ databaseUrl, address: env.connection.options.address, taskQueue });
  try {
    const fixtures = await createFixtures(prisma);
    const planId = await draftPlanWithTasks(
      prisma,
      {
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
        areaId: fixtures.area.id,
        unitIds: [fixtures.units.commune.id, fixtures.units.town.id],
      },
      count,
    );
    const handle = await env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
      taskQueue,
      workflowId: planWorkflowId(planId),
      args: [{ planId }],
    });
    const started = Date.now();
    const actorRoles = await claimsOf(prisma, fixtures.users.steering.id);
    await handle.executeUpdate(issuePlanUpdate, {
      args: [{ actorId: fixtures.users.steering.id, actorRoles }],
    });
    await waitUntil(
      async () =>
        (await prisma.reformPlan.findUniqueOrThrow({ where: { id: planId } })).issuingDone === count,
      `The fan-out of ${count} tasks`,
      60 * 60_000,
    );
    const fannedOut = (Date.now() - started) / 1000;
    console.log(
      `fan-out ${count} tasks: all task workflows started in ${fannedOut.toFixed(1)} s = ` +
        `${(count / fannedOut).toFixed(0)} tasks/s`,
    );
    await waitUntil(
      async () => (await prisma.auditEvent.count({ where: { action: 'task.assigned' } })) === count,
      `${count} task workflows recording their assignment`,
      60 * 60_000,
    );
    const recorded = (Date.now() - started) / 1000;
    console.log(
      `fan-out ${count} tasks: every task workflow recorded its assignment (row + audit + notification) ` +
        `in ${recorded.toFixed(1)} s = ${(count / recorded).toFixed(0)} tasks/s`,
    );
  } finally {
    await killWorker(worker);
    await prisma.$disconnect();
    await env.teardown();
  }
}

async function historyAfterAYear(serverUrl: string): Promise<void> {
  const databaseUrl = await freshDatabase(serverUrl, 'rt_bench_history');
  const prisma = createPrismaClient(databaseUrl, { poolSize: 5 });
  const testServer = findOrInstall(temporalTestServer);
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    testServer ? { server: { executable: { type: 'existing-path', path: testServer } } } : {},
  );
  const taskQueue = 'bench-history';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: createActivities({ prisma }),
  });
  try {
    await worker.runUntil(async () => {
      const fixtures = await createFixtures(prisma);
      const today = vietnamDate(await env.currentTimeMs());
      for (const historyLimit of [1_000_000, 200]) {
        const taskId = randomUUID();
        const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
          taskQueue,
          workflowId: taskWorkflowId(taskId),
          args: [
            {
              taskId,
              planId: fixtures.plan.id,
              areaId: fixtures.area.id,
              criterionId: null,
              assigneeUnitId: fixtures.units.commune.id,
              title: 'Nhiệm vụ quá hạn cả năm',
              description: '',
              dueDate: new WorkingCalendar([]).addWorkingDays(today, 1),
              weight: 1,
              indicatorTarget: null,
              actorId: fixtures.users.steering.id,
              historyLimit,
            },
          ],
        });
        await handle.executeUpdate(taskRecordedUpdate);
        await env.sleep('365 days');
        const latest = await env.client.workflow.getHandle(taskWorkflowId(taskId)).describe();
        const escalations = await prisma.notification.count({
          where: { kind: 'task.escalated', link: `/tasks/${taskId}` },
        });
        console.log(
          `task overdue for a year, ${escalations} weekly escalations: history of the current run ` +
            `${latest.historyLength} events` +
            (historyLimit < 1_000_000 ? ` (continueAsNew after ${historyLimit})` : ' (no continueAsNew)'),
        );
      }
    });
  } finally {
    await prisma.$disconnect();
    await env.teardown();
  }
}

async function main(): Promise<void> {
  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(defaultDataDir, 'bench'),
        port: Number(process.env.RT_BENCH_PG_PORT ?? 55434),
        database: 'postgres',
      });
  const serverUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  try {
    console.log(`Reform Tracker benchmarks (${new Date().toISOString()})`);
    dashboardBundleBench();
    await historyAfterAYear(serverUrl);
    await importTasksBench(await freshDatabase(serverUrl, 'rt_bench_import'));
    for (const count of fanOutSizes) await fanOut(serverUrl, count);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
