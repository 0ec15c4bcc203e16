// The workflows check authority themselves, not only the API: a command whose role claims do not
// allow it is refused by the Update's validator (it never enters history), and a command whose
// claims are forged (a second Temporal client can send anything) is refused by its write
// activity, which asks the database in the same transaction. Either way nothing is written.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import {
  acceptTaskUpdate,
  cancelCorrectiveUpdate,
  cancelInspectionUpdate,
  cancelTaskUpdate,
  correctiveRecordedUpdate,
  correctiveStateQuery,
  correctiveWorkflowId,
  submitCorrectionUpdate,
  verifyCorrectionUpdate,
  decideExtensionUpdate,
  inspectionRecordedUpdate,
  inspectionStateQuery,
  inspectionWorkflowId,
  issuePlanUpdate,
  planStateQuery,
  planWorkflowId,
  reassignTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  reviewTaskUpdate,
  taskRecordedUpdate,
  taskStateQuery,
  taskWorkflowId,
  type ActorClaim,
} from '../../workflows/src/contracts.ts';
import type { correctiveWorkflow } from '../../workflows/src/workflows/corrective.ts';
import type { inspectionWorkflow } from '../../workflows/src/workflows/inspection.ts';
import type { planWorkflow } from '../../workflows/src/workflows/plan.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures, createInspectionFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'authority-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;
let harness: WorkflowHarness | undefined;
const claims: Record<'steering' | 'otherSteering' | 'head' | 'outsider', ActorClaim[]> = {
  steering: [],
  otherSteering: [],
  head: [],
  outsider: [],
};

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  ({ env, db } = harness);
  fixtures = await createFixtures(db.prisma);
  people = await createInspectionFixtures(db.prisma, fixtures);
  claims.steering = await claimsOf(db.prisma, fixtures.users.steering.id);
  claims.otherSteering = await claimsOf(db.prisma, fixtures.users.otherSteering.id);
  claims.head = await claimsOf(db.prisma, fixtures.users.head.id);
  claims.outsider = await claimsOf(db.prisma, people.outsider.id);
});

afterAll(() => harness?.stop());

async function startTask() {
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
        title: 'Số hoá hồ sơ',
        description: '',
        dueDate: '2027-12-31',
        weight: 1,
        indicatorTarget: null,
        actorId: fixtures.users.steering.id,
      },
    ],
  });
  await handle.executeUpdate(taskRecordedUpdate);
  return { taskId, handle };
}

const acceptedUpdates = async (handle: WorkflowHandle): Promise<number> =>
  ((await handle.fetchHistory()).events ?? []).filter(
    (event) => event.workflowExecutionUpdateAcceptedEventAttributes,
  ).length;

const actions = async (entityId: string): Promise<string[]> =>
  (await db.prisma.auditEvent.findMany({ where: { entityId }, orderBy: { at: 'asc' } })).map(
    (event) => event.action,
  );

describe('task: the committee’s commands', () => {
  it('are refused by the validator when the claimed roles do not reach the issuing unit', async () => {
    const { taskId, handle } = await startTask();
    await handle.executeUpdate(requestExtensionUpdate, {
      args: [
        {
          actorId: fixtures.users.head.id,
          actorUnitIds: [fixtures.units.commune.id],
          requestedDueDate: '2028-03-31',
          reason: 'Chờ kinh phí',
        },
      ],
    });
    const accepted = await acceptedUpdates(handle);
    // A unit head, a steering member of another district, and no claims at all.
    const actors: [string, ActorClaim[]][] = [
      [fixtures.users.head.id, claims.head],
      [fixtures.users.otherSteering.id, claims.otherSteering],
      [fixtures.users.steering.id, []],
    ];
    for (const [actorId, actorRoles] of actors) {
      const commands = [
        () => handle.executeUpdate(reviewTaskUpdate, { args: [{ actorId, actorRoles, outcome: 'ACCEPT' }] }),
        () => handle.executeUpdate(decideExtensionUpdate, { args: [{ actorId, actorRoles, grant: true }] }),
        () =>
          handle.executeUpdate(reassignTaskUpdate, {
            args: [{ actorId, actorRoles, toUnitId: fixtures.units.town.id, reason: 'Sáp nhập' }],
          }),
        () =>
          handle.executeUpdate(cancelTaskUpdate, {
            args: [{ actorId, actorRoles, reason: 'Không cần nữa' }],
          }),
      ];
      for (const command of commands) {
        await expect(command()).rejects.toMatchObject({ cause: { type: 'ActorNotAllowed' } });
      }
    }
    expect(await acceptedUpdates(handle)).toBe(accepted);
    expect(await handle.query(taskStateQuery)).toMatchObject({
      status: 'ASSIGNED',
      assigneeUnitId: fixtures.units.commune.id,
      extension: { requestedDueDate: '2028-03-31' },
    });
    expect(await actions(taskId)).toEqual(['task.assigned', 'task.extensionRequested']);
  });

  it('with forged claims are refused by the write activity, which asks the database', async () => {
    const { taskId, handle } = await startTask();
    // The unit head claims the steering member's role: the validator cannot tell, the database can.
    const forged = { actorId: fixtures.users.head.id, actorRoles: claims.steering };
    await expect(
      handle.executeUpdate(cancelTaskUpdate, { args: [{ ...forged, reason: 'Giả mạo' }] }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed', nonRetryable: true } } });
    await expect(
      handle.executeUpdate(reassignTaskUpdate, {
        args: [{ ...forged, toUnitId: fixtures.units.town.id, reason: 'Giả mạo' }],
      }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    expect(await handle.query(taskStateQuery)).toMatchObject({
      status: 'ASSIGNED',
      assigneeUnitId: fixtures.units.commune.id,
    });
    expect(await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'ASSIGNED',
      assigneeUnitId: fixtures.units.commune.id,
    });
    expect(await actions(taskId)).toEqual(['task.assigned']);

    // The real steering member still can.
    const state = await handle.executeUpdate(cancelTaskUpdate, {
      args: [{ actorId: fixtures.users.steering.id, actorRoles: claims.steering, reason: 'Trùng lặp' }],
    });
    expect(state.status).toBe('CANCELLED');
    expect(await actions(taskId)).toEqual(['task.assigned', 'task.cancelled']);
  });

  it('the assignee unit’s commands from someone outside it are refused by the write activity', async () => {
    const { taskId, handle } = await startTask();
    // The town's head claims to belong to the commune.
    const forged = { actorId: fixtures.users.townHead.id, actorUnitIds: [fixtures.units.commune.id] };
    await expect(
      handle.executeUpdate(reportProgressUpdate, { args: [{ ...forged, percent: 90 }] }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    await expect(
      handle.executeUpdate(acceptTaskUpdate, {
        args: [{ ...forged, responsibleUserId: fixtures.users.townHead.id }],
      }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    expect(await handle.query(taskStateQuery)).toMatchObject({ status: 'ASSIGNED', progress: 0 });
    expect(await db.prisma.progressReport.count({ where: { taskId } })).toBe(0);
    expect(await actions(taskId)).toEqual(['task.assigned']);
  });
});

describe('plan: issue', () => {
  it('is refused without a steering claim over the issuing unit, and with a forged one', async () => {
    const plan = await db.prisma.reformPlan.create({
      data: {
        year: 2027,
        title: 'Kế hoạch CCHC 2027',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
        tasks: {
          create: {
            areaId: fixtures.area.id,
            assigneeUnitId: fixtures.units.commune.id,
            title: 'Nhiệm vụ 1',
            dueDate: new Date('2027-12-31T00:00:00Z'),
            createdById: fixtures.users.steering.id,
          },
        },
      },
    });
    const handle = await env.client.workflow.start<typeof planWorkflow>('planWorkflow', {
      taskQueue,
      workflowId: planWorkflowId(plan.id),
      args: [{ planId: plan.id }],
    });
    // Wait until the workflow has loaded the plan: from then on the validator knows its issuing unit.
    while ((await handle.query(planStateQuery)).year === 0) await env.sleep(100);
    for (const [actorId, actorRoles] of [
      [fixtures.users.head.id, claims.head],
      [fixtures.users.otherSteering.id, claims.otherSteering],
    ] as const) {
      await expect(
        handle.executeUpdate(issuePlanUpdate, { args: [{ actorId, actorRoles }] }),
      ).rejects.toMatchObject({ cause: { type: 'ActorNotAllowed' } });
    }
    await expect(
      handle.executeUpdate(issuePlanUpdate, {
        args: [{ actorId: fixtures.users.otherSteering.id, actorRoles: claims.steering }],
      }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    expect((await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('DRAFT');
    expect(await actions(plan.id)).toEqual([]);
    expect((await handle.query(planStateQuery)).status).toBe('DRAFT');
    await handle.terminate();
  });
});

describe('inspection: cancel', () => {
  it('is refused without a steering or inspector claim, and with a forged one', async () => {
    const inspectionId = randomUUID();
    const scheduledOn = '2027-06-15';
    const handle = await env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
      taskQueue,
      workflowId: inspectionWorkflowId(inspectionId),
      args: [
        {
          inspectionId,
          kind: 'ANNOUNCED',
          targetUnitId: fixtures.units.commune.id,
          title: 'Kiểm tra CCHC',
          inspectors: [{ userId: people.inspector.id, lead: true }],
          checklist: ['Niêm yết thủ tục'],
          scheduledOn,
          actorId: fixtures.users.steering.id,
        },
      ],
    });
    await handle.executeUpdate(inspectionRecordedUpdate);
    await expect(
      handle.executeUpdate(cancelInspectionUpdate, {
        args: [{ actorId: fixtures.users.head.id, actorRoles: claims.head, reason: 'Bận' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'ActorNotAllowed' } });
    // An inspector of the other district claims this district's committee role.
    await expect(
      handle.executeUpdate(cancelInspectionUpdate, {
        args: [{ actorId: people.outsider.id, actorRoles: claims.steering, reason: 'Giả mạo' }],
      }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    expect((await handle.query(inspectionStateQuery)).status).toBe('PLANNED');
    expect((await db.prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } })).status).toBe(
      'PLANNED',
    );
    const state = await handle.executeUpdate(cancelInspectionUpdate, {
      args: [{ actorId: fixtures.users.steering.id, actorRoles: claims.steering, reason: 'Trùng lịch' }],
    });
    expect(state.status).toBe('CANCELLED');
  });
});

describe('corrective action: cancel', () => {
  it('is refused without a steering or inspector claim, and with a forged one', async () => {
    const inspection = await db.prisma.inspection.create({
      data: {
        kind: 'ANNOUNCED',
        targetUnitId: fixtures.units.commune.id,
        title: 'Kiểm tra CCHC',
        windowStart: new Date('2027-06-15T00:00:00Z'),
        windowEnd: new Date('2027-06-15T00:00:00Z'),
        scheduledOn: new Date('2027-06-15T00:00:00Z'),
        status: 'CLOSED',
        createdById: fixtures.users.steering.id,
        inspectors: { create: [{ userId: people.inspector.id, lead: true }] },
      },
    });
    const finding = await db.prisma.finding.create({
      data: {
        inspectionId: inspection.id,
        severity: 'MAJOR',
        description: 'Chưa niêm yết thủ tục',
        requiresCorrection: true,
        recordedById: people.inspector.id,
      },
    });
    const correctiveActionId = randomUUID();
    const handle = await env.client.workflow.start<typeof correctiveWorkflow>('correctiveWorkflow', {
      taskQueue,
      workflowId: correctiveWorkflowId(correctiveActionId),
      args: [
        {
          correctiveActionId,
          findingId: finding.id,
          inspectionId: inspection.id,
          responsibleUnitId: fixtures.units.commune.id,
          severity: 'MAJOR',
          dueDate: '2027-12-31',
          title: finding.description,
          inspectorIds: [people.inspector.id],
          actorId: people.inspector.id,
        },
      ],
    });
    await handle.executeUpdate(correctiveRecordedUpdate);
    await expect(
      handle.executeUpdate(cancelCorrectiveUpdate, {
        args: [{ actorId: fixtures.users.head.id, actorRoles: claims.head, reason: 'Không muốn sửa' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'ActorNotAllowed' } });
    // The other district's inspector claims this district's committee role.
    await expect(
      handle.executeUpdate(cancelCorrectiveUpdate, {
        args: [{ actorId: people.outsider.id, actorRoles: claims.steering, reason: 'Giả mạo' }],
      }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    expect((await handle.query(correctiveStateQuery)).status).toBe('OPEN');
    expect(await actions(correctiveActionId)).not.toContain('corrective.cancelled');
    const state = await handle.executeUpdate(cancelCorrectiveUpdate, {
      args: [{ actorId: fixtures.users.steering.id, actorRoles: claims.steering, reason: 'Đã xử lý' }],
    });
    expect(state.status).toBe('CANCELLED');
  });

  it('verification by someone the workflow was told is an inspector, but the database does not list, writes nothing', async () => {
    const inspection = await db.prisma.inspection.create({
      data: {
        kind: 'ANNOUNCED',
        targetUnitId: fixtures.units.commune.id,
        title: 'Kiểm tra CCHC',
        windowStart: new Date('2027-06-15T00:00:00Z'),
        windowEnd: new Date('2027-06-15T00:00:00Z'),
        scheduledOn: new Date('2027-06-15T00:00:00Z'),
        status: 'CLOSED',
        createdById: fixtures.users.steering.id,
        inspectors: { create: [{ userId: people.inspector.id, lead: true }] },
      },
    });
    const finding = await db.prisma.finding.create({
      data: {
        inspectionId: inspection.id,
        severity: 'MAJOR',
        description: 'Chưa số hoá hồ sơ',
        requiresCorrection: true,
        recordedById: people.inspector.id,
      },
    });
    const correctiveActionId = randomUUID();
    // A second client starts the workflow naming the other district's inspector as inspector.
    const handle = await env.client.workflow.start<typeof correctiveWorkflow>('correctiveWorkflow', {
      taskQueue,
      workflowId: correctiveWorkflowId(correctiveActionId),
      args: [
        {
          correctiveActionId,
          findingId: finding.id,
          inspectionId: inspection.id,
          responsibleUnitId: fixtures.units.commune.id,
          severity: 'MAJOR',
          dueDate: '2027-12-31',
          title: finding.description,
          inspectorIds: [people.outsider.id],
          actorId: people.inspector.id,
        },
      ],
    });
    await handle.executeUpdate(correctiveRecordedUpdate);
    await handle.executeUpdate(submitCorrectionUpdate, {
      args: [
        {
          actorId: fixtures.users.head.id,
          actorUnitIds: [fixtures.units.commune.id],
          remedy: 'Đã số hoá',
        },
      ],
    });
    await expect(
      handle.executeUpdate(verifyCorrectionUpdate, { args: [{ actorId: people.outsider.id }] }),
    ).rejects.toMatchObject({ cause: { cause: { type: 'ActorNotAllowed' } } });
    expect((await handle.query(correctiveStateQuery)).status).toBe('SUBMITTED');
    expect(
      (await db.prisma.correctiveAction.findUniqueOrThrow({ where: { id: correctiveActionId } })).status,
    ).toBe('SUBMITTED');
    expect(await actions(correctiveActionId)).not.toContain('corrective.verified');
  });
});
