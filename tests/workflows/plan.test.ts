import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar, addDays, atVietnamTime, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  advancePhaseUpdate,
  bulkAssignUpdate,
  issuePlanUpdate,
  planStateQuery,
  planWorkflowId,
  schedulePhasesUpdate,
  taskStateQuery,
  taskWorkflowId,
  type ActorClaim,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import type { planWorkflow } from '../../workflows/src/workflows/plan.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'plan-workflow-test';
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

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** A draft plan of the district with `tasks` tasks for the commune and the town. */
async function draftPlan(tasks: number, periods: { startsOn: string; endsOn: string }[] = []) {
  const plan = await db.prisma.reformPlan.create({
    data: {
      year: 2027,
      title: `Kế hoạch CCHC thử ${randomUUID().slice(0, 8)}`,
      issuingUnitId: fixtures.units.district.id,
      createdById: fixtures.users.steering.id,
      periods: {
        create: periods.map((period, index) => ({
          number: index + 1,
          startsOn: day(period.startsOn),
          endsOn: day(period.endsOn),
        })),
      },
    },
  });
  for (let index = 0; index < tasks; index += 1) {
    await db.prisma.task.create({
      data: {
        planId: plan.id,
        areaId: fixtures.area.id,
        assigneeUnitId: index % 2 === 0 ? fixtures.units.commune.id : fixtures.units.town.id,
        title: `Nhiệm vụ ${index + 1}`,
        dueDate: day('2027-12-31'),
        createdById: fixtures.users.steering.id,
      },
    });
  }
  return plan;
}

async function startPlan(planId: string) {
  return env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
    taskQueue,
    workflowId: planWorkflowId(planId),
    args: [{ planId, fanOutBatch: 2 }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

let steeringClaims: ActorClaim[] = [];
const steering = () => ({ actorId: fixtures.users.steering.id, actorRoles: steeringClaims });

describe('plan workflow', () => {
  it('issuing fans out one task workflow per task, in batches, with progress', async () => {
    const plan = await draftPlan(5);
    const handle = await startPlan(plan.id);
    expect(await handle.query(planStateQuery)).toMatchObject({ status: 'DRAFT' });

    const issued = await handle.executeUpdate(issuePlanUpdate, { args: [steering()] });
    expect(issued).toMatchObject({ status: 'ISSUED', issuing: { total: 5 } });
    const again = handle.executeUpdate(issuePlanUpdate, { args: [steering()] });
    await expect(again).rejects.toMatchObject({ cause: { type: 'PlanWrongStatus' } });

    await env.sleep('1 minute');
    expect(await handle.query(planStateQuery)).toMatchObject({
      issuing: { done: 5, total: 5, running: false },
    });
    const row = await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(row).toMatchObject({ status: 'ISSUED', issuingDone: 5, issuingTotal: 5 });
    const tasks = await db.prisma.task.findMany({ where: { planId: plan.id } });
    expect(tasks.every((task) => task.workflowStartedAt !== null)).toBe(true);
    for (const task of tasks) {
      const state = await env.client.workflow.getHandle(taskWorkflowId(task.id)).query(taskStateQuery);
      expect(state).toMatchObject({ status: 'ASSIGNED', assigneeUnitId: task.assigneeUnitId });
    }
    const assigned = await db.prisma.auditEvent.count({
      where: { action: 'task.assigned', entityId: { in: tasks.map((task) => task.id) } },
    });
    expect(assigned).toBe(5);
  });

  it('refuses to issue a plan without tasks', async () => {
    const plan = await draftPlan(0);
    const handle = await startPlan(plan.id);
    await expect(handle.executeUpdate(issuePlanUpdate, { args: [steering()] })).rejects.toMatchObject({
      cause: { type: 'PlanNoTasks' },
    });
    expect((await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('DRAFT');
  });

  it('bulk-assigns one template to every commune of the district, once per request', async () => {
    const plan = await draftPlan(1);
    const handle = await startPlan(plan.id);
    await handle.executeUpdate(issuePlanUpdate, { args: [steering()] });
    const request = {
      ...steering(),
      requestId: randomUUID(),
      parentUnitId: fixtures.units.district.id,
      level: 'COMMUNE' as const,
      areaId: fixtures.area.id,
      title: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa',
      dueDate: '2027-06-30',
    };
    const first = await handle.executeUpdate(bulkAssignUpdate, { args: [request] });
    const second = await handle.executeUpdate(bulkAssignUpdate, { args: [request] });
    expect(second.taskIds).toEqual(first.taskIds);
    expect(first.taskIds).toHaveLength(1);
    const created = await db.prisma.task.findMany({ where: { planId: plan.id, title: request.title } });
    expect(created.map((task) => task.assigneeUnitId)).toEqual([fixtures.units.commune.id]);
    await env.sleep('1 minute');
    const state = await env.client.workflow
      .getHandle(taskWorkflowId(first.taskIds[0]!))
      .query(taskStateQuery);
    expect(state).toMatchObject({ status: 'ASSIGNED', dueDate: '2027-06-30' });

    const nowhere = handle.executeUpdate(bulkAssignUpdate, {
      args: [{ ...request, requestId: randomUUID(), parentUnitId: fixtures.units.commune.id }],
    });
    await expect(nowhere).rejects.toMatchObject({ cause: { type: 'PlanNoUnits' } });
  });

  it('asks units to report before a period closes and snapshots completion at the close', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const calendar = new WorkingCalendar([]);
    const endsOn = calendar.addWorkingDays(today, 10);
    const plan = await draftPlan(2, [{ startsOn: addDays(today, -30), endsOn }]);
    const handle = await startPlan(plan.id);
    await handle.executeUpdate(issuePlanUpdate, { args: [steering()] });
    const reminderOn = calendar.addWorkingDays(endsOn, -5);
    await env.sleep(atVietnamTime(reminderOn, 8).getTime() + 60_000 - (await env.currentTimeMs()));
    const asked = await db.prisma.notification.findMany({
      where: { kind: 'plan.reportDue', link: `/plans/${plan.id}` },
    });
    expect(asked.map((note) => note.userId).sort()).toEqual(
      [fixtures.users.head.id, fixtures.users.townHead.id].sort(),
    );
    expect(await db.prisma.completionSnapshot.count({ where: { planId: plan.id } })).toBe(0);

    await env.sleep(atVietnamTime(addDays(endsOn, 1), 0).getTime() + 60_000 - (await env.currentTimeMs()));
    const snapshots = await db.prisma.completionSnapshot.findMany({ where: { planId: plan.id } });
    // Each snapshot keeps its tasks' total weight, so several units roll up by weight (rollup.ts).
    expect(snapshots.map((s) => [s.unitId, s.taskCount, s.completed, s.weight]).sort()).toEqual(
      [
        [fixtures.units.commune.id, 1, 0, 1],
        [fixtures.units.town.id, 1, 0, 1],
      ].sort(),
    );
    const period = await db.prisma.reportingPeriod.findFirstOrThrow({ where: { planId: plan.id } });
    expect(period.closedAt).not.toBeNull();
    expect((await handle.query(planStateQuery)).periods[0]).toMatchObject({ reminded: true, closed: true });
  });

  it('moves through the year-end phases on their dates; the committee moves them by Update', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const plan = await draftPlan(1);
    const handle = await startPlan(plan.id);
    await handle.executeUpdate(issuePlanUpdate, { args: [steering()] });

    const outOfOrder = handle.executeUpdate(schedulePhasesUpdate, {
      args: [
        {
          ...steering(),
          schedule: { assessmentOpens: addDays(today, 10), appraisalOpens: addDays(today, 5) },
        },
      ],
    });
    await expect(outOfOrder).rejects.toMatchObject({ cause: { type: 'PlanBadSchedule' } });
    const past = handle.executeUpdate(schedulePhasesUpdate, {
      args: [{ ...steering(), schedule: { assessmentOpens: addDays(today, -1) } }],
    });
    await expect(past).rejects.toMatchObject({ cause: { type: 'PlanBadSchedule' } });

    const schedule = {
      assessmentOpens: addDays(today, 3),
      appraisalOpens: addDays(today, 10),
      publishedOn: addDays(today, 20),
      closesOn: addDays(today, 40),
    };
    await handle.executeUpdate(schedulePhasesUpdate, { args: [{ ...steering(), schedule }] });
    const row = await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(row.assessmentOpens?.toISOString().slice(0, 10)).toBe(schedule.assessmentOpens);

    await env.sleep('4 days');
    expect(await handle.query(planStateQuery)).toMatchObject({ status: 'ASSESSMENT' });
    // Early: the committee opens the appraisal before its date.
    const stale = handle.executeUpdate(advancePhaseUpdate, { args: [{ ...steering(), from: 'ISSUED' }] });
    await expect(stale).rejects.toMatchObject({ cause: { type: 'PlanWrongStatus' } });
    await handle.executeUpdate(advancePhaseUpdate, { args: [{ ...steering(), from: 'ASSESSMENT' }] });
    expect((await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe(
      'APPRAISAL',
    );

    await env.sleep('40 days');
    expect(await handle.result()).toMatchObject({ status: 'CLOSED' });
    const phases = await db.prisma.auditEvent.findMany({
      where: { entityId: plan.id, action: { startsWith: 'plan.phase.' } },
      orderBy: { at: 'asc' },
    });
    expect(phases.map((event) => [event.action, event.actorId])).toEqual([
      ['plan.phase.ASSESSMENT', null],
      ['plan.phase.APPRAISAL', fixtures.users.steering.id],
      ['plan.phase.PUBLISHED', null],
      ['plan.phase.CLOSED', null],
    ]);
    const told = await db.prisma.notification.count({
      where: { kind: 'plan.phaseChanged', userId: fixtures.users.head.id, link: `/plans/${plan.id}` },
    });
    expect(told).toBe(4);
    // Before the appraisal closed, the committee was reminded once.
    const reminded = await db.prisma.notification.findMany({
      where: { kind: 'plan.phaseEnding', userId: fixtures.users.steering.id, link: `/plans/${plan.id}` },
    });
    expect(reminded.map((note) => note.params)).toEqual([
      expect.objectContaining({ phase: 'APPRAISAL', endsOn: addDays(schedule.publishedOn, -1) }),
    ]);
  });
});
