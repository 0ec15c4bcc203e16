import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reportProgressUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  taskWorkflowId,
  unitMergerWorkflowId,
  type AssignTaskInput,
} from '../../workflows/src/contracts.ts';
import type { unitMergerWorkflow } from '../../workflows/src/workflows/organisation.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'merger-workflow-test';
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

async function startTask(title: string) {
  const input: AssignTaskInput = {
    taskId: randomUUID(),
    planId: fixtures.plan.id,
    areaId: fixtures.area.id,
    criterionId: null,
    assigneeUnitId: fixtures.units.commune.id,
    title,
    description: '',
    dueDate: '2027-12-31',
    weight: 1,
    indicatorTarget: null,
    actorId: fixtures.users.steering.id,
  };
  const handle = await env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
    taskQueue,
    workflowId: taskWorkflowId(input.taskId),
    args: [input],
  });
  await handle.executeUpdate(taskRecordedUpdate);
  await db.prisma.task.update({ where: { id: input.taskId }, data: { workflowStartedAt: new Date() } });
  return handle;
}

describe('unit merger', () => {
  it('moves every open task of the merged commune to its successor and keeps its history', async () => {
    const reported = await startTask('Số hoá hồ sơ thủ tục hành chính');
    await reported.executeUpdate(reportProgressUpdate, {
      args: [{ actorId: fixtures.users.head.id, actorUnitIds: [fixtures.units.commune.id], percent: 40 }],
    });
    const fresh = await startTask('Niêm yết công khai thủ tục hành chính');
    const draftPlan = await db.prisma.reformPlan.create({
      data: {
        year: 2027,
        title: 'Dự thảo',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
      },
    });
    const drafted = await db.prisma.task.create({
      data: {
        planId: draftPlan.id,
        areaId: fixtures.area.id,
        assigneeUnitId: fixtures.units.commune.id,
        title: 'Nhiệm vụ dự thảo',
        dueDate: new Date('2027-12-31T00:00:00Z'),
        createdById: fixtures.users.steering.id,
      },
    });

    const input = {
      fromUnitId: fixtures.units.commune.id,
      toUnitId: fixtures.units.town.id,
      actorId: fixtures.users.steering.id,
      reason: 'Nghị quyết sắp xếp đơn vị hành chính cấp xã',
    };
    const merger = await env.client.workflow.execute<typeof unitMergerWorkflow>('unitMergerWorkflow', {
      taskQueue,
      workflowId: unitMergerWorkflowId(input.fromUnitId),
      args: [input],
    });
    expect(merger).toMatchObject({ recorded: true, tasksMoved: 3, done: true });

    for (const handle of [reported, fresh]) {
      expect(await handle.query(taskStateQuery)).toMatchObject({
        assigneeUnitId: fixtures.units.town.id,
        status: 'ASSIGNED',
      });
    }
    expect(await reported.query(taskStateQuery)).toMatchObject({ progress: 40 });
    const rows = await db.prisma.task.findMany({
      where: {
        id: { in: [reported.workflowId, fresh.workflowId].map((id) => id.slice(5)).concat(drafted.id) },
      },
    });
    expect(rows.map((row) => row.assigneeUnitId)).toEqual([
      fixtures.units.town.id,
      fixtures.units.town.id,
      fixtures.units.town.id,
    ]);
    const commune = await db.prisma.unit.findUniqueOrThrow({ where: { id: fixtures.units.commune.id } });
    expect(commune.mergedIntoId).toBe(fixtures.units.town.id);
    // The commune's head holds the same role at the town now, and keeps the old one for the record.
    const headRoles = await db.prisma.roleAssignment.findMany({
      where: { userId: fixtures.users.head.id },
      select: { role: true, unitId: true },
    });
    expect(headRoles).toEqual(
      expect.arrayContaining([
        { role: 'UNIT_HEAD', unitId: fixtures.units.commune.id },
        { role: 'UNIT_HEAD', unitId: fixtures.units.town.id },
      ]),
    );
    // The commune's history stays: its report and the audit trail of the move.
    expect(await db.prisma.progressReport.count({ where: { taskId: reported.workflowId.slice(5) } })).toBe(1);
    const moved = await db.prisma.auditEvent.count({ where: { action: 'task.reassigned' } });
    expect(moved).toBe(3);
    // The town's head is told about each task that came over.
    const told = await db.prisma.notification.count({
      where: { userId: fixtures.users.townHead.id, kind: 'task.reassigned' },
    });
    expect(told).toBeGreaterThanOrEqual(2);

    // Running the merger again changes nothing.
    await env.client.workflow.execute<typeof unitMergerWorkflow>('unitMergerWorkflow', {
      taskQueue,
      workflowId: `${unitMergerWorkflowId(input.fromUnitId)}-again`,
      args: [input],
    });
    expect(await db.prisma.auditEvent.count({ where: { action: 'task.reassigned' } })).toBe(3);
    expect(await db.prisma.roleAssignment.count({ where: { userId: fixtures.users.head.id } })).toBe(2);
  });

  it('refuses to merge a unit into a unit under it', async () => {
    const attempt = env.client.workflow.execute<typeof unitMergerWorkflow>('unitMergerWorkflow', {
      taskQueue,
      workflowId: unitMergerWorkflowId(fixtures.units.district.id),
      args: [
        {
          fromUnitId: fixtures.units.district.id,
          toUnitId: fixtures.units.town.id,
          actorId: fixtures.users.steering.id,
          reason: 'thử',
        },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ cause: { cause: { type: 'UnitInvalidMerger' } } });
    expect(
      (await db.prisma.unit.findUniqueOrThrow({ where: { id: fixtures.units.district.id } })).mergedIntoId,
    ).toBeNull();
  });
});
