import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { WorkingCalendar, addDays, atVietnamTime, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  cancelCorrectiveUpdate,
  cancelInspectionUpdate,
  correctiveRecordedUpdate,
  correctiveStateQuery,
  correctiveWorkflowId,
  decideCorrectiveExtensionUpdate,
  inspectionRecordedUpdate,
  inspectionWorkflowId,
  reassignCorrectiveUpdate,
  rejectCorrectionUpdate,
  requestCorrectiveExtensionUpdate,
  submitCorrectionUpdate,
  verifyCorrectionUpdate,
  type CorrectiveState,
  type OpenCorrectiveInput,
  type ActorClaim,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import type { correctiveWorkflow } from '../../workflows/src/workflows/corrective.ts';
import type { inspectionWorkflow } from '../../workflows/src/workflows/inspection.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures, createInspectionFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'corrective-workflow-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;
let harness: WorkflowHarness | undefined;

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  ({ env, db } = harness);
  fixtures = await createFixtures(db.prisma);
  steeringClaims = await claimsOf(db.prisma, fixtures.users.steering.id);
  people = await createInspectionFixtures(db.prisma, fixtures);
  inspectorClaims = await claimsOf(db.prisma, people.inspector.id);
});

afterAll(() => harness?.stop());

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof correctiveWorkflow>;
type Input = OpenCorrectiveInput & { historyLimit?: number };

const iso = (date: Date): string => date.toISOString().slice(0, 10);
const today = async () => vietnamDate(await env.currentTimeMs());
async function calendar(): Promise<WorkingCalendar> {
  const rows = await db.prisma.holiday.findMany();
  return new WorkingCalendar(rows.map((row) => iso(row.date)));
}
async function addHoliday(date: string): Promise<void> {
  await db.prisma.holiday.upsert({
    where: { date: new Date(`${date}T00:00:00Z`) },
    create: { date: new Date(`${date}T00:00:00Z`), nameVi: 'Ngày nghỉ thử', nameEn: 'Test holiday' },
    update: {},
  });
}
async function until(date: string, hour: number): Promise<void> {
  const target = atVietnamTime(date, hour).getTime() + 60_000;
  await env.sleep(Math.max(0, target - (await env.currentTimeMs())));
}

/** A closed inspection of the commune with one MAJOR finding to correct. */
async function finding(description = 'Tỷ lệ hồ sơ trực tuyến dưới chỉ tiêu 60 %') {
  const day = await today();
  const inspection = await db.prisma.inspection.create({
    data: {
      kind: 'ANNOUNCED',
      targetUnitId: fixtures.units.commune.id,
      title: 'Kiểm tra CCHC',
      windowStart: new Date(`${day}T00:00:00Z`),
      windowEnd: new Date(`${day}T00:00:00Z`),
      scheduledOn: new Date(`${day}T00:00:00Z`),
      status: 'CLOSED',
      createdById: fixtures.users.steering.id,
      inspectors: { create: [{ userId: people.inspector.id, lead: true }, { userId: people.inspector2.id }] },
    },
  });
  return db.prisma.finding.create({
    data: {
      inspectionId: inspection.id,
      severity: 'MAJOR',
      description,
      requiresCorrection: true,
      recordedById: people.inspector.id,
    },
  });
}

async function opened(overrides: Partial<Input> = {}): Promise<Input> {
  const row = await finding();
  return {
    correctiveActionId: randomUUID(),
    findingId: row.id,
    inspectionId: row.inspectionId,
    responsibleUnitId: fixtures.units.commune.id,
    severity: 'MAJOR',
    dueDate: (await calendar()).addWorkingDays(await today(), 10),
    title: row.description,
    inspectorIds: [people.inspector.id, people.inspector2.id],
    actorId: people.inspector.id,
    ...overrides,
  };
}

async function startAction(input: Input): Promise<Handle> {
  const handle = await env.client.workflow.start<typeof correctiveWorkflow>('correctiveWorkflow', {
    taskQueue,
    workflowId: correctiveWorkflowId(input.correctiveActionId),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await handle.executeUpdate(correctiveRecordedUpdate);
  return handle;
}

const head = () => ({ actorId: fixtures.users.head.id, actorUnitIds: [fixtures.units.commune.id] });
const staff = () => ({ actorId: people.staff.id, actorUnitIds: [fixtures.units.commune.id] });
let inspectorClaims: ActorClaim[] = [];
const inspector = () => ({ actorId: people.inspector.id, actorRoles: inspectorClaims });
let steeringClaims: ActorClaim[] = [];
const steering = () => ({ actorId: fixtures.users.steering.id, actorRoles: steeringClaims });
const unitPeople = () => [fixtures.users.head.id, people.staff.id];

async function notificationsOf(userIds: string[], id: string, kind?: string) {
  return db.prisma.notification.findMany({
    where: { userId: { in: userIds }, link: `/corrective/${id}`, ...(kind ? { kind } : {}) },
    orderBy: { createdAt: 'asc' },
  });
}

async function auditActions(entityId: string): Promise<string[]> {
  const events = await db.prisma.auditEvent.findMany({ where: { entityId }, orderBy: { at: 'asc' } });
  return events.map((event) => event.action);
}

async function historyCounts(handle: Handle): Promise<{ updates: number; activities: number }> {
  const events = (await handle.fetchHistory()).events ?? [];
  return {
    updates: events.filter(
      (event) =>
        event.workflowExecutionUpdateAcceptedEventAttributes ??
        event.workflowExecutionUpdateCompletedEventAttributes ??
        event.workflowExecutionUpdateAdmittedEventAttributes,
    ).length,
    activities: events.filter((event) => event.activityTaskScheduledEventAttributes).length,
  };
}

async function expectRefused(send: Promise<unknown>, type: string): Promise<void> {
  await expect(send).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(send).rejects.toMatchObject({ cause: { type } });
}

async function cancel(handle: Handle): Promise<CorrectiveState> {
  return handle.executeUpdate(cancelCorrectiveUpdate, {
    args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }],
  });
}

describe('corrective-action workflow: rounds', () => {
  it('OPEN → SUBMITTED → rejected: round 2 with a new due date → SUBMITTED → VERIFIED', async () => {
    const input = await opened();
    const handle = await startAction(input);
    expect(await handle.query(correctiveStateQuery)).toMatchObject({
      status: 'OPEN',
      round: 1,
      dueDate: input.dueDate,
      responsibleUnitId: fixtures.units.commune.id,
    });
    const row = await db.prisma.correctiveAction.findUniqueOrThrow({
      where: { id: input.correctiveActionId },
    });
    expect(row).toMatchObject({ status: 'OPEN', round: 1, findingId: input.findingId, escalationLevel: 0 });
    expect(iso(row.dueDate)).toBe(input.dueDate);
    expect(await notificationsOf(unitPeople(), input.correctiveActionId, 'corrective.opened')).toHaveLength(
      2,
    );

    const evidence = await db.prisma.evidence.create({
      data: {
        sha256: 'a'.repeat(64),
        fileName: 'so-theo-doi.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 1024,
        uploadedById: people.staff.id,
        correctiveActionId: input.correctiveActionId,
      },
    });
    let state = await handle.executeUpdate(submitCorrectionUpdate, {
      args: [{ ...staff(), remedy: 'Đã bổ sung sổ theo dõi', evidenceIds: [evidence.id] }],
    });
    expect(state).toMatchObject({ status: 'SUBMITTED', round: 1 });
    expect(
      await notificationsOf(
        [people.inspector.id, people.inspector2.id],
        input.correctiveActionId,
        'corrective.submitted',
      ),
    ).toHaveLength(2);

    const now = await today();
    const cal = await calendar();
    state = await handle.executeUpdate(rejectCorrectionUpdate, {
      args: [{ actorId: people.inspector2.id, reason: 'Sổ chưa ghi đủ hồ sơ quý III' }],
    });
    // The next round gets the severity's working days again (MAJOR: 10), counted from today.
    const round2Due = cal.addWorkingDays(now, 10);
    expect(state).toMatchObject({
      status: 'OPEN',
      round: 2,
      dueDate: round2Due,
      lastRejection: 'Sổ chưa ghi đủ hồ sơ quý III',
    });
    const rejected = await db.prisma.correctiveAction.findUniqueOrThrow({
      where: { id: input.correctiveActionId },
      include: { rounds: { include: { evidence: true } } },
    });
    expect(rejected).toMatchObject({ status: 'OPEN', round: 2 });
    expect(iso(rejected.dueDate)).toBe(round2Due);
    expect(rejected.rounds).toMatchObject([
      {
        number: 1,
        verdict: 'RETURNED',
        verdictReason: 'Sổ chưa ghi đủ hồ sơ quý III',
        verifiedById: people.inspector2.id,
        submittedById: people.staff.id,
        evidence: [{ id: evidence.id }],
      },
    ]);
    const [told] = await notificationsOf(
      [fixtures.users.head.id],
      input.correctiveActionId,
      'corrective.rejected',
    );
    expect(told?.params).toMatchObject({ round: 2, dueDate: round2Due });

    await handle.executeUpdate(submitCorrectionUpdate, {
      args: [{ ...head(), remedy: 'Đã ghi đủ hồ sơ quý III' }],
    });
    state = await handle.executeUpdate(verifyCorrectionUpdate, { args: [{ ...inspector(), note: 'Đạt' }] });
    expect(state).toMatchObject({ status: 'VERIFIED', round: 2, reinspect: false, reinspectionId: null });
    expect(await handle.result()).toMatchObject({ status: 'VERIFIED' });

    const verified = await db.prisma.correctiveAction.findUniqueOrThrow({
      where: { id: input.correctiveActionId },
      include: { rounds: { orderBy: { number: 'asc' } } },
    });
    expect(verified).toMatchObject({ status: 'VERIFIED', round: 2, reinspect: false });
    expect(verified.verifiedAt).not.toBeNull();
    expect(verified.rounds.map((r) => [r.number, r.verdict])).toEqual([
      [1, 'RETURNED'],
      [2, 'ACCEPTED'],
    ]);
    expect(await auditActions(input.correctiveActionId)).toEqual([
      'corrective.opened',
      'corrective.submitted',
      'corrective.rejected',
      'corrective.submitted',
      'corrective.verified',
    ]);
    expect(await notificationsOf(unitPeople(), input.correctiveActionId, 'corrective.verified')).toHaveLength(
      2,
    );
  });

  it('refuses invalid commands in the validator, before they enter history, with stable types', async () => {
    const input = await opened();
    const handle = await startAction(input);
    const before = await historyCounts(handle);
    const refusals: [() => Promise<unknown>, string][] = [
      [
        () =>
          handle.executeUpdate(submitCorrectionUpdate, {
            args: [
              {
                actorId: fixtures.users.otherHead.id,
                actorUnitIds: [fixtures.units.otherCommune.id],
                remedy: 'Đã khắc phục',
              },
            ],
          }),
        'CorrectiveWrongUnit',
      ],
      [
        () => handle.executeUpdate(submitCorrectionUpdate, { args: [{ ...head(), remedy: ' ' }] }),
        'CorrectiveInvalidInput',
      ],
      [() => handle.executeUpdate(verifyCorrectionUpdate, { args: [inspector()] }), 'CorrectiveWrongStatus'],
      [
        () =>
          handle.executeUpdate(requestCorrectiveExtensionUpdate, {
            args: [{ ...head(), requestedDueDate: addDays(input.dueDate, -3), reason: 'Chờ kinh phí' }],
          }),
        'CorrectiveExtensionNotLater',
      ],
      [
        () =>
          handle.executeUpdate(requestCorrectiveExtensionUpdate, {
            args: [{ ...head(), requestedDueDate: input.dueDate, reason: 'Chờ kinh phí' }],
          }),
        'CorrectiveExtensionNotLater',
      ],
      [
        () =>
          handle.executeUpdate(requestCorrectiveExtensionUpdate, {
            args: [{ ...head(), requestedDueDate: '2027-02-30', reason: 'Chờ kinh phí' }],
          }),
        'CorrectiveInvalidInput',
      ],
      [
        () =>
          handle.executeUpdate(decideCorrectiveExtensionUpdate, { args: [{ ...steering(), grant: true }] }),
        'CorrectiveNoExtensionPending',
      ],
      [
        () =>
          handle.executeUpdate(reassignCorrectiveUpdate, {
            args: [{ ...steering(), toUnitId: fixtures.units.commune.id, reason: 'Sáp nhập' }],
          }),
        'CorrectiveWrongUnit',
      ],
      [
        () => handle.executeUpdate(cancelCorrectiveUpdate, { args: [{ ...steering(), reason: '' }] }),
        'CorrectiveReasonRequired',
      ],
    ];
    for (const [send, type] of refusals) await expectRefused(send(), type);
    expect(await historyCounts(handle)).toEqual(before);

    await handle.executeUpdate(submitCorrectionUpdate, { args: [{ ...head(), remedy: 'Đã khắc phục' }] });
    const submitted = await historyCounts(handle);
    const yesterday = addDays(await today(), -1);
    const afterSubmit: [() => Promise<unknown>, string][] = [
      [
        () => handle.executeUpdate(verifyCorrectionUpdate, { args: [{ actorId: people.outsider.id }] }),
        'CorrectiveNotAnInspector',
      ],
      [
        () =>
          handle.executeUpdate(rejectCorrectionUpdate, {
            args: [{ actorId: fixtures.users.head.id, reason: 'Tự đánh giá' }],
          }),
        'CorrectiveNotAnInspector',
      ],
      [
        () => handle.executeUpdate(rejectCorrectionUpdate, { args: [{ ...inspector(), reason: ' ' }] }),
        'CorrectiveReasonRequired',
      ],
      [
        () =>
          handle.executeUpdate(rejectCorrectionUpdate, {
            args: [{ ...inspector(), reason: 'Chưa đạt', dueDate: yesterday }],
          }),
        'CorrectiveInvalidInput',
      ],
      [
        () => handle.executeUpdate(submitCorrectionUpdate, { args: [{ ...head(), remedy: 'Lần nữa' }] }),
        'CorrectiveWrongStatus',
      ],
    ];
    for (const [send, type] of afterSubmit) await expectRefused(send(), type);
    expect(await historyCounts(handle)).toEqual(submitted);
    expect(
      await db.prisma.correctiveRound.count({ where: { correctiveActionId: input.correctiveActionId } }),
    ).toBe(1);
    expect(await handle.query(correctiveStateQuery)).toMatchObject({ status: 'SUBMITTED', round: 1 });
    await cancel(handle);
  });

  it('an extension to a later date is requested and granted, another refused; the committee cancels', async () => {
    const input = await opened();
    const handle = await startAction(input);
    const later = addDays(input.dueDate, 14);
    await handle.executeUpdate(requestCorrectiveExtensionUpdate, {
      args: [{ ...head(), requestedDueDate: later, reason: 'Chờ nâng cấp phần mềm một cửa' }],
    });
    await expectRefused(
      handle.executeUpdate(requestCorrectiveExtensionUpdate, {
        args: [{ ...head(), requestedDueDate: addDays(later, 7), reason: 'Thêm' }],
      }),
      'CorrectiveExtensionPending',
    );
    let state = await handle.executeUpdate(decideCorrectiveExtensionUpdate, {
      args: [{ ...inspector(), grant: true, note: 'Đồng ý' }],
    });
    expect(state).toMatchObject({ dueDate: later, extension: null });
    // Once moved, the old due date is no longer "later".
    await expectRefused(
      handle.executeUpdate(requestCorrectiveExtensionUpdate, {
        args: [{ ...head(), requestedDueDate: addDays(later, -1), reason: 'Nhầm' }],
      }),
      'CorrectiveExtensionNotLater',
    );
    await handle.executeUpdate(requestCorrectiveExtensionUpdate, {
      args: [{ ...head(), requestedDueDate: addDays(later, 30), reason: 'Thêm thời gian' }],
    });
    state = await handle.executeUpdate(decideCorrectiveExtensionUpdate, {
      args: [{ ...steering(), grant: false, note: 'Không đủ căn cứ' }],
    });
    expect(state).toMatchObject({ dueDate: later, extension: null });

    const row = await db.prisma.correctiveAction.findUniqueOrThrow({
      where: { id: input.correctiveActionId },
      include: { extensions: { orderBy: { createdAt: 'asc' } } },
    });
    expect(iso(row.dueDate)).toBe(later);
    expect(row.extensions.map((e) => [iso(e.requestedDueDate), e.status])).toEqual([
      [later, 'GRANTED'],
      [addDays(later, 30), 'REFUSED'],
    ]);
    expect(
      await notificationsOf([people.inspector.id], input.correctiveActionId, 'corrective.extensionRequested'),
    ).toHaveLength(2);

    state = await cancel(handle);
    expect(state.status).toBe('CANCELLED');
    expect(await handle.result()).toMatchObject({ status: 'CANCELLED' });
    expect(
      (await db.prisma.correctiveAction.findUniqueOrThrow({ where: { id: input.correctiveActionId } }))
        .status,
    ).toBe('CANCELLED');
    expect(
      await notificationsOf(unitPeople(), input.correctiveActionId, 'corrective.cancelled'),
    ).toHaveLength(2);
  });

  it("reassignment (the merger's 'reassign' Update) moves it to another unit", async () => {
    const input = await opened();
    const handle = await startAction(input);
    // The unit-merger activity sends the Update by name with { actorId, toUnitId, reason }.
    const state = await env.client.workflow
      .getHandle(handle.workflowId)
      .executeUpdate<CorrectiveState, [unknown]>('reassign', {
        args: [{ ...steering(), toUnitId: fixtures.units.town.id, reason: 'Sáp nhập đơn vị hành chính' }],
      });
    expect(state).toMatchObject({ status: 'OPEN', responsibleUnitId: fixtures.units.town.id });
    await expectRefused(
      handle.executeUpdate(submitCorrectionUpdate, { args: [{ ...head(), remedy: 'Đã khắc phục' }] }),
      'CorrectiveWrongUnit',
    );
    await handle.executeUpdate(submitCorrectionUpdate, {
      args: [
        {
          actorId: fixtures.users.townHead.id,
          actorUnitIds: [fixtures.units.town.id],
          remedy: 'Đã khắc phục',
        },
      ],
    });
    const row = await db.prisma.correctiveAction.findUniqueOrThrow({
      where: { id: input.correctiveActionId },
    });
    expect(row).toMatchObject({ responsibleUnitId: fixtures.units.town.id, status: 'SUBMITTED' });
    expect(
      await notificationsOf([fixtures.users.townHead.id], input.correctiveActionId, 'corrective.reassigned'),
    ).toHaveLength(1);
    await cancel(handle);
  });

  it('verification with re-inspection starts a follow-up announced inspection of the unit', async () => {
    const input = await opened();
    const handle = await startAction(input);
    await handle.executeUpdate(submitCorrectionUpdate, { args: [{ ...head(), remedy: 'Đã khắc phục' }] });
    const now = await today();
    const cal = await calendar();
    const state = await handle.executeUpdate(verifyCorrectionUpdate, {
      args: [{ actorId: people.inspector2.id, reinspect: true }],
    });
    expect(state).toMatchObject({ status: 'VERIFIED', reinspect: true });
    expect(state.reinspectionId).toEqual(expect.any(String));
    expect(
      (await db.prisma.correctiveAction.findUniqueOrThrow({ where: { id: input.correctiveActionId } }))
        .reinspect,
    ).toBe(true);
    const [verifiedEvent] = await db.prisma.auditEvent.findMany({
      where: { entityId: input.correctiveActionId, action: 'corrective.verified' },
    });
    expect(verifiedEvent?.after).toMatchObject({ reinspectionId: state.reinspectionId });

    const followUp = env.client.workflow.getHandle<typeof inspectionWorkflow>(
      inspectionWorkflowId(state.reinspectionId!),
    );
    const inspection = await followUp.executeUpdate(inspectionRecordedUpdate);
    expect(inspection).toMatchObject({
      kind: 'ANNOUNCED',
      status: 'PLANNED',
      targetUnitId: fixtures.units.commune.id,
      scheduledOn: cal.addWorkingDays(now, 10),
      inspectorIds: [people.inspector2.id, people.inspector.id],
    });
    const row = await db.prisma.inspection.findUniqueOrThrow({
      where: { id: state.reinspectionId! },
      include: { inspectors: true, checklist: true },
    });
    expect(row).toMatchObject({
      kind: 'ANNOUNCED',
      targetUnitId: fixtures.units.commune.id,
      visibleToTarget: true,
    });
    expect(row.inspectors.find((i) => i.lead)?.userId).toBe(people.inspector2.id);
    expect(row.checklist.map((item) => item.text)).toEqual([input.title]);
    await followUp.executeUpdate(cancelInspectionUpdate, {
      args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }],
    });
  });
});

describe('corrective-action workflow: deadlines in working days', () => {
  it('reminds 5 and 1 working days ahead across a holiday, then overdue, escalation and weekly repeats', async () => {
    const now = await today();
    const plain = new WorkingCalendar([]);
    const due = (await calendar()).addWorkingDays(now, 12);
    const holiday = (await calendar()).addWorkingDays(due, -3);
    await addHoliday(holiday);
    const cal = await calendar();
    const input = await opened({ dueDate: due });
    const handle = await startAction(input);
    const id = input.correctiveActionId;
    const committee = [fixtures.users.steering.id];

    const fiveBefore = cal.addWorkingDays(due, -5);
    // The holiday pushes the reminder one working day earlier than a plain count would.
    expect(fiveBefore).toBe(plain.addWorkingDays(due, -6));
    await until(fiveBefore, 7);
    expect(await notificationsOf(unitPeople(), id, 'corrective.reminder')).toHaveLength(0);
    await until(fiveBefore, 8);
    const first = await notificationsOf([fixtures.users.head.id], id, 'corrective.reminder');
    expect(first.map((n) => n.params)).toEqual([expect.objectContaining({ workingDays: 5, dueDate: due })]);
    expect(await notificationsOf([people.staff.id], id, 'corrective.reminder')).toHaveLength(1);

    await until(cal.addWorkingDays(due, -1), 8);
    expect(await notificationsOf([fixtures.users.head.id], id, 'corrective.reminder')).toHaveLength(2);

    await until(due, 23);
    expect(await notificationsOf(unitPeople(), id, 'corrective.overdue')).toHaveLength(0);
    await env.sleep('2 hours');
    expect(await notificationsOf([fixtures.users.head.id], id, 'corrective.overdue')).toHaveLength(1);
    expect((await handle.query(correctiveStateQuery)).escalationLevel).toBe(1);
    expect((await db.prisma.correctiveAction.findUniqueOrThrow({ where: { id } })).escalationLevel).toBe(1);

    const escalation = cal.addWorkingDays(due, 5);
    await until(escalation, 7);
    expect(await notificationsOf(committee, id, 'corrective.escalated')).toHaveLength(0);
    await until(escalation, 8);
    const escalated = await notificationsOf(committee, id, 'corrective.escalated');
    expect(escalated.map((n) => n.params)).toEqual([expect.objectContaining({ workingDays: 5 })]);
    // Escalation goes to the steering committee above the unit, not to another district's.
    expect(await notificationsOf([fixtures.users.otherSteering.id], id)).toEqual([]);
    expect((await db.prisma.correctiveAction.findUniqueOrThrow({ where: { id } })).escalationLevel).toBe(2);

    await env.sleep('14 days');
    expect(await notificationsOf(committee, id, 'corrective.escalated')).toHaveLength(3);
    const audit = await auditActions(id);
    expect(audit.filter((a) => a === 'corrective.deadline.reminder')).toHaveLength(2);
    expect(audit.filter((a) => a === 'corrective.deadline.overdue')).toHaveLength(1);
    expect(audit.filter((a) => a === 'corrective.deadline.escalation')).toHaveLength(3);

    // A remedy waiting for verification stops the chasing.
    await handle.executeUpdate(submitCorrectionUpdate, { args: [{ ...head(), remedy: 'Đã khắc phục' }] });
    await env.sleep('14 days');
    expect(await notificationsOf(committee, id, 'corrective.escalated')).toHaveLength(3);

    // Rejected: round 2 starts over with new timers for the new due date.
    const newDue = cal.addWorkingDays(await today(), 10);
    const state = await handle.executeUpdate(rejectCorrectionUpdate, {
      args: [{ ...inspector(), reason: 'Chưa đạt', dueDate: newDue }],
    });
    expect(state).toMatchObject({ round: 2, dueDate: newDue, escalationLevel: 0, status: 'OPEN' });
    expect((await db.prisma.correctiveAction.findUniqueOrThrow({ where: { id } })).escalationLevel).toBe(0);
    await until(cal.addWorkingDays(newDue, -5), 9);
    const reminders = await notificationsOf([fixtures.users.head.id], id, 'corrective.reminder');
    expect(reminders.map((n) => n.params)).toContainEqual(
      expect.objectContaining({ dueDate: newDue, workingDays: 5 }),
    );
    await cancel(handle);
  });

  it('half a year of weekly escalations stays within a bounded history by continuing as new', async () => {
    const now = await today();
    const input = await opened({ dueDate: (await calendar()).addWorkingDays(now, 1) });
    const handle = await env.client.workflow.start<typeof correctiveWorkflow>('correctiveWorkflow', {
      taskQueue,
      workflowId: correctiveWorkflowId(input.correctiveActionId),
      args: [{ ...input, historyLimit: 120 }],
    });
    await handle.executeUpdate(correctiveRecordedUpdate);
    await env.sleep('200 days');
    const escalations = await notificationsOf(
      [fixtures.users.steering.id],
      input.correctiveActionId,
      'corrective.escalated',
    );
    expect(escalations.length).toBeGreaterThanOrEqual(25);
    const latest = env.client.workflow.getHandle<typeof correctiveWorkflow>(
      correctiveWorkflowId(input.correctiveActionId),
    );
    const description = await latest.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    expect(description.historyLength).toBeLessThanOrEqual(170);
    // State survives the hand-over, and one escalation per week: no duplicates across runs.
    expect(await latest.query(correctiveStateQuery)).toMatchObject({
      escalationLevel: 2,
      status: 'OPEN',
      round: 1,
    });
    const days = escalations.map((n) => (n.params as { workingDays: number }).workingDays);
    expect(new Set(days).size).toBe(days.length);
    await latest.executeUpdate(cancelCorrectiveUpdate, {
      args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }],
    });
  });
});

describe('corrective-action workflow: durability', () => {
  it('a retried or duplicated write produces one row', async () => {
    const activities = createActivities({ prisma: db.prisma });
    const input = await opened();
    const open = { ...input, eventId: `test:${input.correctiveActionId}:opened` };
    const [a, b] = await Promise.all([
      activities.recordCorrectiveOpened(open),
      activities.recordCorrectiveOpened(open),
    ]);
    expect(a).toEqual(b);
    const submit = {
      eventId: `test:${input.correctiveActionId}:round:1:submitted`,
      correctiveActionId: input.correctiveActionId,
      actorId: fixtures.users.head.id,
      round: 1,
      remedy: 'Đã khắc phục',
      evidenceIds: [],
    };
    await Promise.all([
      activities.recordCorrectionSubmitted(submit),
      activities.recordCorrectionSubmitted(submit),
    ]);
    await activities.recordCorrectionSubmitted(submit);
    const reject = {
      eventId: `test:${input.correctiveActionId}:round:1:rejected`,
      correctiveActionId: input.correctiveActionId,
      actorId: people.inspector.id,
      round: 1,
      reason: 'Chưa đạt',
      dueDate: addDays(input.dueDate, 10),
    };
    await Promise.all([
      activities.recordCorrectionRejected(reject),
      activities.recordCorrectionRejected(reject),
    ]);

    expect(await db.prisma.correctiveAction.count({ where: { id: input.correctiveActionId } })).toBe(1);
    expect(
      await db.prisma.correctiveRound.count({ where: { correctiveActionId: input.correctiveActionId } }),
    ).toBe(1);
    const row = await db.prisma.correctiveAction.findUniqueOrThrow({
      where: { id: input.correctiveActionId },
    });
    // Rejected once: round 2, not 3.
    expect(row).toMatchObject({ round: 2, status: 'OPEN' });
    expect(await auditActions(input.correctiveActionId)).toEqual([
      'corrective.opened',
      'corrective.submitted',
      'corrective.rejected',
    ]);
    expect(await notificationsOf([fixtures.users.head.id], input.correctiveActionId)).toHaveLength(2);
  });
});
