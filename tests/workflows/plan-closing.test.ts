// What closing a plan does to its unfinished tasks (docs/plan-closing.md): they become
// NOT_COMPLETED at the progress they had, stop escalating, and their units and the committee get
// one summary each; finished tasks stay as they were.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.ts';
import { rollUp, taskPart } from '../../api/src/services/rollup.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import { addDays, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  acceptTaskUpdate,
  advancePhaseUpdate,
  cancelTaskUpdate,
  issuePlanUpdate,
  planClosedSignal,
  planWorkflowId,
  reportProgressUpdate,
  requestExtensionUpdate,
  reviewTaskUpdate,
  schedulePhasesUpdate,
  submitTaskUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  taskWorkflowId,
  type ActorClaim,
} from '../../workflows/src/contracts.ts';
import type { planWorkflow } from '../../workflows/src/workflows/plan.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, workflowBundle, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'plan-closing-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let harness: WorkflowHarness | undefined;
let steeringClaims: ActorClaim[] = [];

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  ({ env, db } = harness);
  fixtures = await createFixtures(db.prisma);
  steeringClaims = await claimsOf(db.prisma, fixtures.users.steering.id);
});

afterAll(() => harness?.stop());

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const steering = () => ({ actorId: fixtures.users.steering.id, actorRoles: steeringClaims });
const head = () => ({ actorId: fixtures.users.head.id, actorUnitIds: [fixtures.units.commune.id] });
const townHead = () => ({ actorId: fixtures.users.townHead.id, actorUnitIds: [fixtures.units.town.id] });

/** A draft plan of the district with one task per entry (unit and due date). */
async function draftPlan(
  tasks: { unit: 'commune' | 'town'; dueDate: string }[],
  status: 'DRAFT' | 'CLOSED' = 'DRAFT',
) {
  const plan = await db.prisma.reformPlan.create({
    data: {
      year: 2027,
      title: `Kế hoạch CCHC ${randomUUID().slice(0, 8)}`,
      status,
      issuingUnitId: fixtures.units.district.id,
      createdById: fixtures.users.steering.id,
    },
  });
  const ids: string[] = [];
  for (const [index, task] of tasks.entries()) {
    const row = await db.prisma.task.create({
      data: {
        planId: plan.id,
        areaId: fixtures.area.id,
        assigneeUnitId: fixtures.units[task.unit].id,
        title: `Nhiệm vụ ${index + 1}`,
        dueDate: day(task.dueDate),
        createdById: fixtures.users.steering.id,
      },
    });
    ids.push(row.id);
  }
  return { plan, ids };
}

function startPlan(planId: string) {
  return env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
    taskQueue,
    workflowId: planWorkflowId(planId),
    args: [{ planId }],
  });
}

/**
 * With RT_RECORD_HISTORIES=1, the runs below save their histories into tests/workflows/histories/
 * (in `npm run histories`' format) for tests/workflows/replay.test.ts: `npm run histories`
 * re-records every other history too, which would replace the recordings of older code.
 */
async function recordHistory(name: string, workflowId: string): Promise<void> {
  if (process.env.RT_RECORD_HISTORIES !== '1') return;
  const { History } = proto.temporal.api.history.v1;
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const object = History.toObject(History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  writeFileSync(
    path.join(root, 'tests/workflows/histories', `${name}.json`),
    `${JSON.stringify(object, null, 1)}\n`,
  );
}

const taskHandle = (taskId: string) =>
  env.client.workflow.getHandle<typeof taskWorkflow>(taskWorkflowId(taskId));

const deadlineEvents = (taskId: string) =>
  db.prisma.auditEvent.count({ where: { entityId: taskId, action: { startsWith: 'task.deadline.' } } });

describe('closing a plan', () => {
  it('by advancePhase: unfinished tasks become NOT_COMPLETED at their progress and stop escalating', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const later = addDays(today, 120);
    const { plan, ids } = await draftPlan([
      { unit: 'commune', dueDate: addDays(today, 10) }, // open, overdue and escalated by the close
      { unit: 'commune', dueDate: later }, // completed
      { unit: 'town', dueDate: later }, // cancelled
      { unit: 'commune', dueDate: later }, // submitted, waiting for review
      { unit: 'town', dueDate: later }, // extension request waiting
      { unit: 'town', dueDate: later }, // its workflow gone while the row still says open
    ]);
    const [open, done, cancelled, submitted, extended, orphan] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const handle = await startPlan(plan.id);
    await handle.executeUpdate(issuePlanUpdate, { args: [steering()] });
    await env.sleep('1 minute');
    for (const id of ids) await taskHandle(id).executeUpdate(taskRecordedUpdate);

    await taskHandle(open).executeUpdate(acceptTaskUpdate, {
      args: [{ ...head(), responsibleUserId: fixtures.users.head.id }],
    });
    await taskHandle(open).executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 40 }] });
    await taskHandle(done).executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 50 }] });
    await taskHandle(done).executeUpdate(submitTaskUpdate, { args: [{ ...head(), note: 'Xong' }] });
    await taskHandle(done).executeUpdate(reviewTaskUpdate, { args: [{ ...steering(), outcome: 'ACCEPT' }] });
    await taskHandle(cancelled).executeUpdate(cancelTaskUpdate, {
      args: [{ ...steering(), reason: 'Gộp vào nhiệm vụ khác' }],
    });
    await taskHandle(submitted).executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 30 }] });
    await taskHandle(submitted).executeUpdate(submitTaskUpdate, { args: [{ ...head(), note: 'Đã xong' }] });
    await taskHandle(extended).executeUpdate(reportProgressUpdate, {
      args: [{ ...townHead(), percent: 20 }],
    });
    await taskHandle(extended).executeUpdate(requestExtensionUpdate, {
      args: [{ ...townHead(), requestedDueDate: addDays(later, 30), reason: 'Chờ kinh phí' }],
    });
    await taskHandle(orphan).terminate('test: a workflow lost while its row still says ASSIGNED');

    // The open task runs late: overdue, then escalated to the committee.
    await env.sleep('20 days');
    const escalatedBefore = await db.prisma.notification.count({
      where: { kind: 'task.escalated', link: `/tasks/${open}` },
    });
    expect(escalatedBefore).toBeGreaterThan(0);
    const deadlinesBefore = await deadlineEvents(open);

    for (const from of ['ISSUED', 'ASSESSMENT', 'APPRAISAL', 'PUBLISHED'] as const) {
      await handle.executeUpdate(advancePhaseUpdate, { args: [{ ...steering(), from }] });
    }
    expect(await handle.result()).toMatchObject({ status: 'CLOSED' });
    await env.sleep('1 minute');

    expect(await taskHandle(open).result()).toMatchObject({ status: 'NOT_COMPLETED', progress: 40 });
    expect(await taskHandle(submitted).result()).toMatchObject({ status: 'NOT_COMPLETED', progress: 30 });
    expect(await taskHandle(extended).result()).toMatchObject({
      status: 'NOT_COMPLETED',
      progress: 20,
      extension: null,
    });
    const rows = await db.prisma.task.findMany({ where: { planId: plan.id } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(open)).toMatchObject({ status: 'NOT_COMPLETED', progress: 40 });
    expect(byId.get(done)).toMatchObject({ status: 'COMPLETED', progress: 100 });
    expect(byId.get(cancelled)).toMatchObject({ status: 'CANCELLED' });
    expect(byId.get(submitted)).toMatchObject({ status: 'NOT_COMPLETED', progress: 30 });
    expect(byId.get(extended)).toMatchObject({ status: 'NOT_COMPLETED', progress: 20 });
    expect(byId.get(orphan)).toMatchObject({ status: 'NOT_COMPLETED', progress: 0 });
    // The waiting extension request is closed without a decision by anyone.
    const extension = await db.prisma.extension.findFirstOrThrow({ where: { taskId: extended } });
    expect(extension).toMatchObject({ status: 'REFUSED', decidedById: null });
    expect(extension.decidedAt).not.toBeNull();

    // One AuditEvent per closed task, none for the finished ones.
    const audits = await db.prisma.auditEvent.findMany({
      where: { action: 'task.notCompleted', entityId: { in: ids } },
    });
    expect(audits.map((audit) => audit.entityId).sort()).toEqual([open, submitted, extended, orphan].sort());
    expect(audits.every((audit) => audit.actorId === null)).toBe(true);
    expect(audits.find((audit) => audit.entityId === extended)?.after).toMatchObject({
      status: 'NOT_COMPLETED',
      extensionsClosed: [extension.id],
    });

    // One summary per unit to its head, one for the whole plan to the committee.
    const summaries = await db.prisma.notification.findMany({
      where: { link: `/plans/${plan.id}`, kind: { in: ['plan.tasksNotCompleted', 'plan.closedUnfinished'] } },
    });
    const of = (userId: string) =>
      summaries.filter((note) => note.userId === userId).map((note) => [note.kind, note.params]);
    expect(of(fixtures.users.head.id)).toEqual([
      ['plan.tasksNotCompleted', expect.objectContaining({ count: 2 })],
    ]);
    expect(of(fixtures.users.townHead.id)).toEqual([
      ['plan.tasksNotCompleted', expect.objectContaining({ count: 2 })],
    ]);
    expect(of(fixtures.users.steering.id)).toEqual([
      ['plan.closedUnfinished', expect.objectContaining({ count: 4, units: 2 })],
    ]);

    // The roll-up still counts the not-completed tasks at their progress: the year shows the gap.
    expect(rollUp(rows.map(taskPart))).toBe(Math.round(((40 + 100 + 30 + 20 + 0) / 5) * 10) / 10);

    // A month later: no reminder, overdue notice or escalation for the closed task.
    await env.sleep('30 days');
    expect(await deadlineEvents(open)).toBe(deadlinesBefore);
    expect(
      await db.prisma.notification.count({ where: { kind: 'task.escalated', link: `/tasks/${open}` } }),
    ).toBe(escalatedBefore);

    // The plan closing again (a retried activity, a repeated signal) changes nothing.
    await expect(taskHandle(open).signal(planClosedSignal, { planId: plan.id })).rejects.toThrow();
    expect(await db.prisma.auditEvent.count({ where: { action: 'task.notCompleted', entityId: open } })).toBe(
      1,
    );

    // The new path replays against the current code (the patched() markers are in its history).
    for (const workflowId of [planWorkflowId(plan.id), taskWorkflowId(open), taskWorkflowId(extended)]) {
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      await expect(
        Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId),
      ).resolves.toBeUndefined();
      const markers = (history.events ?? []).filter((event) => event.markerRecordedEventAttributes);
      expect(markers.length).toBeGreaterThan(0);
    }
    await recordHistory('plan-closed-with-unfinished-tasks', planWorkflowId(plan.id));
    await recordHistory('task-escalated-then-closed-with-plan', taskWorkflowId(open));
  });

  it('on its date: a task open at the close becomes NOT_COMPLETED, a completed one stays', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const { plan, ids } = await draftPlan([
      { unit: 'commune', dueDate: addDays(today, 60) },
      { unit: 'commune', dueDate: addDays(today, 60) },
    ]);
    const [open, done] = ids as [string, string];
    const handle = await startPlan(plan.id);
    await handle.executeUpdate(issuePlanUpdate, { args: [steering()] });
    await handle.executeUpdate(schedulePhasesUpdate, {
      args: [
        {
          ...steering(),
          schedule: {
            assessmentOpens: addDays(today, 3),
            appraisalOpens: addDays(today, 5),
            publishedOn: addDays(today, 7),
            closesOn: addDays(today, 9),
          },
        },
      ],
    });
    await env.sleep('1 minute');
    await taskHandle(open).executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 70 }] });
    await taskHandle(done).executeUpdate(reportProgressUpdate, { args: [{ ...head(), percent: 90 }] });
    await taskHandle(done).executeUpdate(submitTaskUpdate, { args: [{ ...head(), note: 'Xong' }] });
    await taskHandle(done).executeUpdate(reviewTaskUpdate, { args: [{ ...steering(), outcome: 'ACCEPT' }] });

    await env.sleep('10 days');
    expect(await handle.result()).toMatchObject({ status: 'CLOSED' });
    expect(await taskHandle(open).result()).toMatchObject({ status: 'NOT_COMPLETED', progress: 70 });
    const rows = await db.prisma.task.findMany({ where: { planId: plan.id }, orderBy: { progress: 'asc' } });
    expect(rows.map((row) => [row.id, row.status, row.progress])).toEqual([
      [open, 'NOT_COMPLETED', 70],
      [done, 'COMPLETED', 100],
    ]);
    expect(await db.prisma.auditEvent.count({ where: { action: 'task.notCompleted', entityId: done } })).toBe(
      0,
    );
  });

  it('a task of a plan closed without telling it (closed before this rule) closes at its next deadline event', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const { plan, ids } = await draftPlan([{ unit: 'commune', dueDate: addDays(today, 4) }], 'CLOSED');
    const [taskId] = ids as [string];
    const row = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    await db.prisma.task.update({ where: { id: taskId }, data: { progress: 35, status: 'IN_PROGRESS' } });
    const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
      taskQueue,
      workflowId: taskWorkflowId(taskId),
      args: [
        {
          taskId,
          planId: plan.id,
          areaId: row.areaId,
          criterionId: null,
          assigneeUnitId: row.assigneeUnitId,
          title: row.title,
          description: '',
          dueDate: addDays(today, 4),
          weight: 1,
          indicatorTarget: null,
          actorId: fixtures.users.steering.id,
        },
      ],
    });
    await handle.executeUpdate(taskRecordedUpdate);
    expect(await handle.query(taskStateQuery)).toMatchObject({ status: 'IN_PROGRESS', progress: 35 });

    await env.sleep('20 days');
    expect(await handle.result()).toMatchObject({ status: 'NOT_COMPLETED', progress: 35 });
    expect(await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'NOT_COMPLETED',
      progress: 35,
    });
    await recordHistory('task-closed-at-deadline-plan-already-closed', taskWorkflowId(taskId));
    // Nothing was sent for the deadline that found the plan closed.
    expect(await deadlineEvents(taskId)).toBe(0);
    expect(
      await db.prisma.notification.count({
        where: {
          link: `/tasks/${taskId}`,
          kind: { in: ['task.reminder', 'task.overdue', 'task.escalated'] },
        },
      }),
    ).toBe(0);
  });
});
