// `npm run histories`: records the histories of representative runs of the workflows into
// tests/workflows/histories/, for tests/workflows/replay.test.ts to replay. Re-record only
// on purpose: after a change that is meant to alter histories (and then guard the running
// workflows with patched()).
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import pg from 'pg';
import { createPrismaClient } from '../prisma/client.ts';
import { createFixtures, createInspectionFixtures } from '../tests/helpers/fixtures.ts';
import { claimsOf } from '../workflows/src/activities/authority.ts';
import { createActivities } from '../workflows/src/activities/index.ts';
import { WorkingCalendar, addDays, vietnamDate } from '../workflows/src/calendar.ts';
import {
  acceptTaskUpdate,
  cancelCorrectiveUpdate,
  closeInspectionUpdate,
  correctiveRecordedUpdate,
  correctiveWorkflowId,
  inspectionRecordedUpdate,
  inspectionWorkflowId,
  recordFindingUpdate,
  rejectCorrectionUpdate,
  submitCorrectionUpdate,
  verifyCorrectionUpdate,
  advancePhaseUpdate,
  bulkAssignUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  issuePlanUpdate,
  planWorkflowId,
  reportProgressUpdate,
  requestExtensionUpdate,
  reviewTaskUpdate,
  schedulePhasesUpdate,
  submitTaskUpdate,
  taskRecordedUpdate,
  taskWorkflowId,
  type AssignTaskInput,
} from '../workflows/src/contracts.ts';
import { workflowsPath } from '../workflows/src/worker.ts';
import type { correctiveWorkflow } from '../workflows/src/workflows/corrective.ts';
import type { inspectionWorkflow } from '../workflows/src/workflows/inspection.ts';
import type { planWorkflow } from '../workflows/src/workflows/plan.ts';
import type { taskWorkflow } from '../workflows/src/workflows/task.ts';
import { ensureDatabase, startEmbeddedPostgres } from './lib/database.ts';
import { applyMigrations } from './lib/migrations.ts';
import { defaultDataDir, root } from './lib/paths.ts';
import { findOrInstall, temporalTestServer } from './lib/tools.ts';

const target = path.join(root, 'tests/workflows/histories');

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(defaultDataDir, 'histories'),
    port: Number(process.env.RT_HISTORIES_PG_PORT ?? 55436),
    database: 'postgres',
  });
  const admin = new pg.Client({ connectionString: embedded.url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS rt_histories WITH (FORCE)');
  await admin.end();
  const url = new URL(embedded.url);
  url.pathname = '/rt_histories';
  await ensureDatabase(url.toString());
  await applyMigrations(url.toString());
  const prisma = createPrismaClient(url.toString(), { poolSize: 5 });
  const testServer = findOrInstall(temporalTestServer);
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    testServer ? { server: { executable: { type: 'existing-path', path: testServer } } } : {},
  );
  const taskQueue = 'record-histories';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: createActivities({ prisma, temporal: { client: env.client, taskQueue } }),
  });
  mkdirSync(target, { recursive: true });
  const save = async (name: string, handle: WorkflowHandle) => {
    const history = await handle.fetchHistory();
    // protobufjs's own object form (enums and 64-bit numbers as strings, bytes as base64),
    // read back with History.fromObject: readable, diffable, and free of proto-JSON quirks.
    const object = temporal.api.history.v1.History.toObject(
      temporal.api.history.v1.History.fromObject(history),
      { longs: String, enums: String, bytes: String },
    );
    writeFileSync(path.join(target, `${name}.json`), `${JSON.stringify(object, null, 1)}\n`);
    console.log(`Recorded ${name} (${history.events?.length ?? 0} events).`);
  };

  try {
    await worker.runUntil(async () => {
      const fixtures = await createFixtures(prisma);
      const today = vietnamDate(await env.currentTimeMs());
      const calendar = new WorkingCalendar([]);
      const head = { actorId: fixtures.users.head.id, actorUnitIds: [fixtures.units.commune.id] };
      const steering = {
        actorId: fixtures.users.steering.id,
        actorRoles: await claimsOf(prisma, fixtures.users.steering.id),
      };
      const task = (dueDate: string): AssignTaskInput => ({
        taskId: randomUUID(),
        planId: fixtures.plan.id,
        areaId: fixtures.area.id,
        criterionId: null,
        assigneeUnitId: fixtures.units.commune.id,
        title: 'Số hoá hồ sơ, kết quả giải quyết thủ tục hành chính',
        description: '',
        dueDate,
        weight: 1,
        indicatorTarget: '100 % hồ sơ được số hoá',
        actorId: fixtures.users.steering.id,
      });
      const startTask = async (input: AssignTaskInput) => {
        const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
          taskQueue,
          workflowId: taskWorkflowId(input.taskId),
          args: [input],
        });
        await handle.executeUpdate(taskRecordedUpdate);
        return handle;
      };

      // A task carried to completion, with one return on the way.
      const done = await startTask(task(calendar.addWorkingDays(today, 30)));
      await done.executeUpdate(acceptTaskUpdate, { args: [{ ...head, responsibleUserId: head.actorId }] });
      await done.executeUpdate(reportProgressUpdate, {
        args: [{ ...head, percent: 60, note: 'Đã số hoá 60 %' }],
      });
      await done.executeUpdate(submitTaskUpdate, { args: [{ ...head, note: 'Hoàn thành' }] });
      await done.executeUpdate(reviewTaskUpdate, {
        args: [{ ...steering, outcome: 'RETURN', reason: 'Thiếu minh chứng' }],
      });
      await done.executeUpdate(submitTaskUpdate, { args: [{ ...head, note: 'Bổ sung minh chứng' }] });
      await done.executeUpdate(reviewTaskUpdate, { args: [{ ...steering, outcome: 'ACCEPT' }] });
      await done.result();
      await save('task-completed', done);

      // A task that runs late: reminders, overdue, escalations, an extension, then cancelled.
      const late = await startTask(task(calendar.addWorkingDays(today, 7)));
      await env.sleep('20 days');
      await late.executeUpdate(requestExtensionUpdate, {
        args: [
          {
            ...head,
            requestedDueDate: addDays(vietnamDate(await env.currentTimeMs()), 20),
            reason: 'Chờ kinh phí',
          },
        ],
      });
      await late.executeUpdate(decideExtensionUpdate, { args: [{ ...steering, grant: true }] });
      await env.sleep('10 days');
      await late.executeUpdate(cancelTaskUpdate, {
        args: [{ ...steering, reason: 'Gộp vào nhiệm vụ khác' }],
      });
      await late.result();
      await save('task-late-extended-cancelled', late);

      const planDay = vietnamDate(await env.currentTimeMs());
      // A plan issued with its tasks, bulk-assigned, through its year-end phases to CLOSED.
      const plan = await prisma.reformPlan.create({
        data: {
          year: 2027,
          title: 'Kế hoạch cải cách hành chính năm 2027',
          issuingUnitId: fixtures.units.district.id,
          createdById: fixtures.users.steering.id,
          periods: {
            create: [
              {
                number: 1,
                startsOn: new Date(`${planDay}T00:00:00Z`),
                endsOn: new Date(`${addDays(planDay, 20)}T00:00:00Z`),
              },
            ],
          },
          tasks: {
            create: [1, 2, 3].map((n) => ({
              areaId: fixtures.area.id,
              assigneeUnitId: fixtures.units.commune.id,
              title: `Nhiệm vụ ${n}`,
              dueDate: new Date(`${addDays(planDay, 60)}T00:00:00Z`),
              createdById: fixtures.users.steering.id,
            })),
          },
        },
      });
      const planHandle = await env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
        taskQueue,
        workflowId: planWorkflowId(plan.id),
        args: [{ planId: plan.id, fanOutBatch: 2 }],
      });
      await planHandle.executeUpdate(issuePlanUpdate, { args: [steering] });
      await planHandle.executeUpdate(bulkAssignUpdate, {
        args: [
          {
            ...steering,
            requestId: randomUUID(),
            parentUnitId: fixtures.units.district.id,
            level: 'COMMUNE',
            areaId: fixtures.area.id,
            title: 'Niêm yết công khai thủ tục hành chính',
            dueDate: addDays(planDay, 30),
          },
        ],
      });
      await planHandle.executeUpdate(schedulePhasesUpdate, {
        args: [
          {
            ...steering,
            schedule: {
              assessmentOpens: addDays(planDay, 25),
              appraisalOpens: addDays(planDay, 35),
              publishedOn: addDays(planDay, 45),
              closesOn: addDays(planDay, 90),
            },
          },
        ],
      });
      await env.sleep('30 days');
      await planHandle.executeUpdate(advancePhaseUpdate, { args: [{ ...steering, from: 'ASSESSMENT' }] });
      await env.sleep('70 days');
      await planHandle.result();
      await save('plan-issued-to-closed', planHandle);

      // A surprise inspection that picks its own day, finds two things to correct and closes;
      // one correction is rejected once, then verified; the other is verified at once.
      const people = await createInspectionFixtures(prisma, fixtures);
      const inspectionDay = vietnamDate(await env.currentTimeMs());
      const inspectionId = randomUUID();
      const inspection = await env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
        taskQueue,
        workflowId: inspectionWorkflowId(inspectionId),
        args: [
          {
            inspectionId,
            kind: 'SURPRISE',
            targetUnitId: fixtures.units.commune.id,
            title: 'Kiểm tra đột xuất bộ phận một cửa',
            windowStart: addDays(inspectionDay, 3),
            windowEnd: addDays(inspectionDay, 20),
            inspectors: [{ userId: people.inspector.id, lead: true }, { userId: people.inspector2.id }],
            checklist: ['Niêm yết công khai thủ tục hành chính', 'Thái độ phục vụ của công chức'],
            actorId: fixtures.users.steering.id,
          },
        ],
      });
      await inspection.executeUpdate(inspectionRecordedUpdate);
      await env.sleep('25 days');
      const inspector = { actorId: people.inspector.id };
      await inspection.executeUpdate(recordFindingUpdate, {
        args: [
          {
            ...inspector,
            severity: 'MAJOR',
            description: 'Thiếu niêm yết mức phí',
            requiresCorrection: true,
          },
        ],
      });
      await inspection.executeUpdate(recordFindingUpdate, {
        args: [
          {
            ...inspector,
            severity: 'CRITICAL',
            description: 'Hồ sơ trễ hạn không xin lỗi',
            requiresCorrection: true,
          },
        ],
      });
      const closed = await inspection.executeUpdate(closeInspectionUpdate, {
        args: [{ ...inspector, note: 'Kết thúc' }],
      });
      await inspection.result();
      await save('inspection-surprise-closed', inspection);

      const [first, second] = closed.corrective;
      const correction = (id: string) =>
        env.client.workflow.getHandle<typeof correctiveWorkflow>(correctiveWorkflowId(id));
      await correction(first!.correctiveActionId).executeUpdate(correctiveRecordedUpdate);
      await correction(first!.correctiveActionId).executeUpdate(submitCorrectionUpdate, {
        args: [{ ...head, remedy: 'Đã niêm yết' }],
      });
      await correction(first!.correctiveActionId).executeUpdate(rejectCorrectionUpdate, {
        args: [{ ...inspector, reason: 'Chưa niêm yết mức phí mới' }],
      });
      await env.sleep('3 days');
      await correction(first!.correctiveActionId).executeUpdate(submitCorrectionUpdate, {
        args: [{ ...head, remedy: 'Đã niêm yết đủ mức phí' }],
      });
      await correction(first!.correctiveActionId).executeUpdate(verifyCorrectionUpdate, {
        args: [inspector],
      });
      await correction(first!.correctiveActionId).result();
      await save('corrective-rejected-then-verified', correction(first!.correctiveActionId));
      await correction(second!.correctiveActionId).executeUpdate(correctiveRecordedUpdate);
      await correction(second!.correctiveActionId).executeUpdate(cancelCorrectiveUpdate, {
        args: [{ ...steering, reason: 'Gộp với phát hiện khác' }],
      });
    });
  } finally {
    await prisma.$disconnect();
    await env.teardown();
    await embedded.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
