// Input that can never be written fails at once with a stable type, instead of an activity
// retrying for ever: dates that do not exist, and due dates outside the plan's year.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import { createActivities } from '../../workflows/src/activities/index.ts';
import {
  bulkAssignUpdate,
  planWorkflowId,
  taskWorkflowId,
  type AssignTaskInput,
} from '../../workflows/src/contracts.ts';
import type { planWorkflow } from '../../workflows/src/workflows/plan.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'input-errors-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let harness: WorkflowHarness | undefined;

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  ({ env, db } = harness);
  fixtures = await createFixtures(db.prisma);
});

afterAll(() => harness?.stop());

const assignment = (dueDate: string): AssignTaskInput => ({
  taskId: randomUUID(),
  planId: fixtures.plan.id,
  areaId: fixtures.area.id,
  criterionId: null,
  assigneeUnitId: fixtures.units.commune.id,
  title: 'Rà soát thủ tục hành chính',
  description: '',
  dueDate,
  weight: 1,
  indicatorTarget: null,
  actorId: fixtures.users.steering.id,
});

describe('dates that do not exist', () => {
  it.each(['2026-13-01', '2027-02-30'])(
    'a task workflow started with due date %s fails at once, writing nothing',
    async (dueDate) => {
      const input = assignment(dueDate);
      const run = env.client.workflow.execute<typeof taskWorkflow>('taskWorkflow', {
        taskQueue,
        workflowId: taskWorkflowId(input.taskId),
        args: [input],
      });
      const failure = await run.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((failure as WorkflowFailedError).cause).toMatchObject({
        type: 'TaskInvalidInput',
        message: 'dueDate must be a date written YYYY-MM-DD.',
      });
      expect(await db.prisma.task.count({ where: { id: input.taskId } })).toBe(0);
      expect(await db.prisma.auditEvent.count({ where: { entityId: input.taskId } })).toBe(0);
    },
  );

  it('the assignment activity refuses such a date as not retryable, writing nothing', async () => {
    const activities = createActivities({ prisma: db.prisma });
    const input = assignment('2026-13-01');
    await expect(
      activities.recordTaskAssigned({ ...input, eventId: `test:${input.taskId}:assigned` }),
    ).rejects.toMatchObject({ type: 'InvalidCalendarDate', nonRetryable: true });
    expect(await db.prisma.task.count({ where: { id: input.taskId } })).toBe(0);
    expect(await db.prisma.auditEvent.count({ where: { entityId: input.taskId } })).toBe(0);
  });
});

describe('due dates and the plan year', () => {
  it('bulk assignment refuses a due date outside the plan’s year, before it enters history', async () => {
    const plan = await db.prisma.reformPlan.create({
      data: {
        year: 2099,
        title: 'Kế hoạch CCHC 2099',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
      },
    });
    const handle = await env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
      taskQueue,
      workflowId: planWorkflowId(plan.id),
      args: [{ planId: plan.id }],
    });
    const request = {
      actorId: fixtures.users.steering.id,
      actorRoles: await claimsOf(db.prisma, fixtures.users.steering.id),
      requestId: randomUUID(),
      parentUnitId: fixtures.units.district.id,
      level: 'COMMUNE' as const,
      areaId: fixtures.area.id,
      title: 'Niêm yết thủ tục',
    };
    // The first Update waits for the plan to load; the validator then knows the plan's year.
    const within = await handle.executeUpdate(bulkAssignUpdate, {
      args: [{ ...request, dueDate: '2099-06-30' }],
    });
    expect(within.taskIds).toHaveLength(1);
    for (const dueDate of ['2101-01-01', '2098-12-31']) {
      await expect(
        handle.executeUpdate(bulkAssignUpdate, { args: [{ ...request, requestId: randomUUID(), dueDate }] }),
      ).rejects.toMatchObject({
        cause: { type: 'PlanInvalidInput', message: 'dueDate must lie from 2099-01-01 to 2100-01-15.' },
      });
    }
    expect(await db.prisma.task.count({ where: { planId: plan.id } })).toBe(1);
    await handle.terminate();
  });
});
