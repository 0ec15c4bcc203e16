import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../workflows/src/activities/index.ts';
import {
  WorkingCalendar,
  addDays,
  atVietnamTime,
  dayOfWeek,
  vietnamDate,
} from '../../workflows/src/calendar.ts';
import {
  cancelCorrectiveUpdate,
  cancelInspectionUpdate,
  closeInspectionUpdate,
  correctiveRecordedUpdate,
  correctiveStateQuery,
  inspectionRecordedUpdate,
  inspectionStateQuery,
  inspectionWorkflowId,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  scheduleInspectionUpdate,
  startInspectionUpdate,
  type InspectionState,
  type PlanInspectionInput,
  type RecordFindingInput,
  type ActorClaim,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import type { inspectionWorkflow } from '../../workflows/src/workflows/inspection.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures, createInspectionFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'inspection-workflow-test';
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
});

afterAll(() => harness?.stop());

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof inspectionWorkflow>;
type Input = PlanInspectionInput & { historyLimit?: number };

const iso = (date: Date): string => date.toISOString().slice(0, 10);
const today = async () => vietnamDate(await env.currentTimeMs());
/** The working-day calendar of the holidays in the test database. */
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
/** Moves the test server's clock to one minute past `hour` (Vietnam time) on `date`. */
async function until(date: string, hour: number): Promise<void> {
  const target = atVietnamTime(date, hour).getTime() + 60_000;
  await env.sleep(Math.max(0, target - (await env.currentTimeMs())));
}

function planned(overrides: Partial<Input> = {}): Input {
  return {
    inspectionId: randomUUID(),
    kind: 'ANNOUNCED',
    targetUnitId: fixtures.units.commune.id,
    title: 'Kiểm tra công tác CCHC năm 2026',
    inspectors: [{ userId: people.inspector.id, lead: true }, { userId: people.inspector2.id }],
    checklist: [
      'Niêm yết công khai thủ tục hành chính',
      'Tỷ lệ hồ sơ trực tuyến toàn trình',
      'Số hoá kết quả giải quyết thủ tục',
    ],
    actorId: fixtures.users.steering.id,
    ...overrides,
  };
}

async function startInspection(input: Input): Promise<Handle> {
  const handle = await env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
    taskQueue,
    workflowId: inspectionWorkflowId(input.inspectionId),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await handle.executeUpdate(inspectionRecordedUpdate);
  return handle;
}

const inspector = () => ({ actorId: people.inspector.id });
let steeringClaims: ActorClaim[] = [];
const steering = () => ({ actorId: fixtures.users.steering.id, actorRoles: steeringClaims });
const targetUsers = () => [fixtures.users.head.id, people.staff.id];

async function notificationsOf(userIds: string[], inspectionId: string, kind?: string) {
  return db.prisma.notification.findMany({
    where: { userId: { in: userIds }, link: `/inspections/${inspectionId}`, ...(kind ? { kind } : {}) },
  });
}

async function auditActions(entityId: string): Promise<string[]> {
  const events = await db.prisma.auditEvent.findMany({ where: { entityId }, orderBy: { at: 'asc' } });
  return events.map((event) => event.action);
}

/** Update events in the history: a command refused by its validator leaves none. */
async function updateEvents(handle: Handle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter(
    (event) =>
      event.workflowExecutionUpdateAcceptedEventAttributes ??
      event.workflowExecutionUpdateCompletedEventAttributes ??
      event.workflowExecutionUpdateAdmittedEventAttributes,
  ).length;
}

/** Activities scheduled so far: a refused command runs none. */
async function activityEvents(handle: Handle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes).length;
}

async function expectRefused(send: Promise<unknown>, type: string): Promise<void> {
  await expect(send).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(send).rejects.toMatchObject({ cause: { type } });
}

/** Stops the corrective workflows an inspection started, so their timers stay out of later tests. */
async function cancelCorrective(state: InspectionState): Promise<void> {
  for (const action of state.corrective) {
    await env.client.workflow
      .getHandle(action.workflowId)
      .executeUpdate(cancelCorrectiveUpdate, { args: [{ ...steering(), reason: 'Kết thúc thử nghiệm' }] });
  }
}

describe('inspection workflow: announced inspection', () => {
  it('PLANNED → IN_PROGRESS at 08:00 on its day → CLOSED, starting one corrective action per finding to correct', async () => {
    const cal0 = await calendar();
    const day = cal0.addWorkingDays(await today(), 3);
    // A holiday inside the correction periods: due dates must skip it.
    const holiday = cal0.addWorkingDays(day, 3);
    await addHoliday(holiday);
    const cal = await calendar();
    const plain = new WorkingCalendar([]);
    const input = planned({ scheduledOn: day });
    const handle = await startInspection(input);

    const state = await handle.query(inspectionStateQuery);
    expect(state).toMatchObject({
      status: 'PLANNED',
      kind: 'ANNOUNCED',
      scheduledOn: day,
      windowStart: day,
      windowEnd: day,
      visibleToTarget: true,
    });
    const row = await db.prisma.inspection.findUniqueOrThrow({
      where: { id: input.inspectionId },
      include: { inspectors: true, checklist: { orderBy: { sortOrder: 'asc' } } },
    });
    expect(row).toMatchObject({ status: 'PLANNED', kind: 'ANNOUNCED', visibleToTarget: true });
    expect(iso(row.scheduledOn!)).toBe(day);
    expect(row.inspectors.map((i) => [i.userId, i.lead]).sort()).toEqual(
      [
        [people.inspector.id, true],
        [people.inspector2.id, false],
      ].sort(),
    );
    expect(row.checklist.map((item) => [item.id, item.text])).toEqual(
      state.checklist.map((item) => [item.id, item.text]),
    );
    // The target unit knows the day; the inspectors know they are on it.
    expect(await notificationsOf(targetUsers(), input.inspectionId, 'inspection.scheduled')).toHaveLength(2);
    const assigned = await notificationsOf([people.inspector.id], input.inspectionId, 'inspection.assigned');
    expect(assigned.map((n) => n.params)).toEqual([expect.objectContaining({ date: day })]);

    // Starting it again is the same workflow and the same row.
    const again = await startInspection(input);
    expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);
    expect(await db.prisma.inspection.count({ where: { id: input.inspectionId } })).toBe(1);

    await until(day, 7);
    expect((await handle.query(inspectionStateQuery)).status).toBe('PLANNED');
    await until(day, 8);
    expect((await handle.query(inspectionStateQuery)).status).toBe('IN_PROGRESS');
    const started = await db.prisma.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } });
    expect(started.status).toBe('IN_PROGRESS');
    expect(started.startedAt).not.toBeNull();
    expect(
      await notificationsOf([fixtures.users.head.id], input.inspectionId, 'inspection.started'),
    ).toHaveLength(1);

    const [first, second] = state.checklist;
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [{ ...inspector(), checklistItemId: first!.id, result: 'PASS' }],
    });
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [
        {
          actorId: people.inspector2.id,
          checklistItemId: second!.id,
          result: 'FAIL',
          note: 'Chỉ đạt 41 %',
        },
      ],
    });
    const findings: RecordFindingInput[] = [
      {
        ...inspector(),
        severity: 'INFO',
        description: 'Bảng niêm yết đặt ở vị trí khó thấy',
        requiresCorrection: false,
        checklistItemId: first!.id,
      },
      {
        ...inspector(),
        severity: 'MINOR',
        description: 'Thiếu sổ theo dõi hồ sơ',
        requiresCorrection: true,
      },
      {
        ...inspector(),
        severity: 'MAJOR',
        description: 'Tỷ lệ hồ sơ trực tuyến dưới chỉ tiêu 60 %',
        requiresCorrection: true,
        checklistItemId: second!.id,
      },
      {
        actorId: people.inspector2.id,
        severity: 'CRITICAL',
        description: 'Trả kết quả quá hạn không có văn bản xin lỗi',
        requiresCorrection: true,
      },
      {
        ...inspector(),
        severity: 'MAJOR',
        description: 'Đã khắc phục ngay trong buổi kiểm tra',
        requiresCorrection: false,
      },
    ];
    let current = state;
    for (const finding of findings) {
      current = await handle.executeUpdate(recordFindingUpdate, { args: [finding] });
    }
    expect(current.findings).toHaveLength(5);
    expect(current.checklist.map((item) => item.result)).toEqual(['PASS', 'FAIL', null]);

    const closed = await handle.executeUpdate(closeInspectionUpdate, {
      args: [{ actorId: people.inspector2.id, note: 'Kết thúc làm việc tại xã' }],
    });
    expect(closed.status).toBe('CLOSED');
    // One corrective action per finding that requires correction, due in working days by severity.
    const expected = { MINOR: 20, MAJOR: 10, CRITICAL: 5 } as const;
    expect(closed.corrective.map((action) => action.severity).sort()).toEqual(['CRITICAL', 'MAJOR', 'MINOR']);
    for (const action of closed.corrective) {
      expect(action.dueDate).toBe(cal.addWorkingDays(day, expected[action.severity]));
      // The holiday moved every due date one working day later than a plain count.
      expect(action.dueDate).not.toBe(plain.addWorkingDays(day, expected[action.severity]));
      const finding = closed.findings.find((f) => f.id === action.findingId);
      expect(finding).toMatchObject({ severity: action.severity, requiresCorrection: true });
    }

    const inspection = await db.prisma.inspection.findUniqueOrThrow({
      where: { id: input.inspectionId },
      include: {
        findings: { include: { correctiveAction: true } },
        checklist: { orderBy: { sortOrder: 'asc' } },
      },
    });
    expect(inspection.status).toBe('CLOSED');
    expect(inspection.closedAt).not.toBeNull();
    expect(inspection.checklist.map((item) => [item.result, item.note])).toEqual([
      ['PASS', null],
      ['FAIL', 'Chỉ đạt 41 %'],
      [null, null],
    ]);
    expect(inspection.findings).toHaveLength(5);
    const withAction = inspection.findings.filter((finding) => finding.correctiveAction);
    expect(withAction.map((finding) => finding.severity).sort()).toEqual(['CRITICAL', 'MAJOR', 'MINOR']);
    for (const finding of withAction) {
      expect(finding.requiresCorrection).toBe(true);
      expect(finding.correctiveAction).toMatchObject({
        status: 'OPEN',
        round: 1,
        responsibleUnitId: fixtures.units.commune.id,
      });
      expect(iso(finding.correctiveAction!.dueDate)).toBe(
        cal.addWorkingDays(day, expected[finding.severity as keyof typeof expected]),
      );
    }

    // Each corrective action runs in its own workflow, which outlives the closed inspection.
    expect(await handle.result()).toMatchObject({ status: 'CLOSED' });
    for (const action of closed.corrective) {
      const child = env.client.workflow.getHandle(action.workflowId);
      const childState = await child.executeUpdate(correctiveRecordedUpdate);
      expect(childState).toMatchObject({
        status: 'OPEN',
        dueDate: action.dueDate,
        responsibleUnitId: fixtures.units.commune.id,
        inspectorIds: [people.inspector.id, people.inspector2.id],
      });
      expect((await child.describe()).status.name).toBe('RUNNING');
      expect(await child.query(correctiveStateQuery)).toMatchObject({ round: 1 });
    }
    expect(
      await db.prisma.notification.count({
        where: { userId: fixtures.users.head.id, kind: 'corrective.opened' },
      }),
    ).toBe(3);
    expect(
      await notificationsOf([fixtures.users.steering.id], input.inspectionId, 'inspection.closed'),
    ).toMatchObject([{ params: { findings: 5, corrections: 3 } }]);
    expect(await auditActions(input.inspectionId)).toEqual([
      'inspection.planned',
      'inspection.started',
      'inspection.checklistRecorded',
      'inspection.checklistRecorded',
      'inspection.findingRecorded',
      'inspection.findingRecorded',
      'inspection.findingRecorded',
      'inspection.findingRecorded',
      'inspection.findingRecorded',
      'inspection.closed',
    ]);
    await cancelCorrective(closed);
  });

  it('an inspector starts it early; commands from others or out of turn are refused without entering history', async () => {
    const cal = await calendar();
    const now = await today();
    const day = cal.addWorkingDays(now, 20);
    const input = planned({ scheduledOn: day, correctionWorkingDays: { CRITICAL: 2 } });
    const handle = await startInspection(input);
    const finding: RecordFindingInput = {
      ...inspector(),
      severity: 'CRITICAL',
      description: 'Không có sổ tiếp nhận hồ sơ',
      requiresCorrection: true,
    };

    await expectRefused(
      handle.executeUpdate(recordFindingUpdate, { args: [finding] }),
      'InspectionWrongStatus',
    );
    await expectRefused(
      handle.executeUpdate(startInspectionUpdate, { args: [{ actorId: people.outsider.id }] }),
      'InspectionNotAnInspector',
    );
    await expectRefused(
      handle.executeUpdate(scheduleInspectionUpdate, { args: [{ ...inspector(), date: addDays(now, -1) }] }),
      'InspectionInvalidInput',
    );

    const state = await handle.executeUpdate(startInspectionUpdate, { args: [inspector()] });
    expect(state).toMatchObject({ status: 'IN_PROGRESS', visibleToTarget: true });
    const row = await db.prisma.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } });
    expect(row.status).toBe('IN_PROGRESS');
    expect(row.startedAt).not.toBeNull();
    const [startEvent] = await db.prisma.auditEvent.findMany({
      where: { entityId: input.inspectionId, action: 'inspection.started' },
    });
    expect(startEvent?.actorId).toBe(people.inspector.id);

    const before = await updateEvents(handle);
    const activitiesBefore = await activityEvents(handle);
    const refusals: [() => Promise<unknown>, string][] = [
      [
        () =>
          handle.executeUpdate(recordFindingUpdate, { args: [{ ...finding, actorId: people.outsider.id }] }),
        'InspectionNotAnInspector',
      ],
      [
        () =>
          handle.executeUpdate(recordFindingUpdate, {
            args: [{ ...finding, actorId: fixtures.users.head.id }],
          }),
        'InspectionNotAnInspector',
      ],
      [
        () => handle.executeUpdate(recordFindingUpdate, { args: [{ ...finding, severity: 'INFO' }] }),
        'InspectionInvalidInput',
      ],
      [
        () =>
          handle.executeUpdate(recordFindingUpdate, {
            args: [{ ...finding, severity: 'SEVERE' as RecordFindingInput['severity'] }],
          }),
        'InspectionInvalidInput',
      ],
      [
        () => handle.executeUpdate(recordFindingUpdate, { args: [{ ...finding, description: '  ' }] }),
        'InspectionInvalidInput',
      ],
      [
        () =>
          handle.executeUpdate(recordFindingUpdate, {
            args: [{ ...finding, checklistItemId: randomUUID() }],
          }),
        'InspectionInvalidInput',
      ],
      [
        () =>
          handle.executeUpdate(recordChecklistResultUpdate, {
            args: [{ ...inspector(), checklistItemId: state.checklist[0]!.id, result: 'OK' as 'PASS' }],
          }),
        'InspectionInvalidInput',
      ],
      [() => handle.executeUpdate(startInspectionUpdate, { args: [inspector()] }), 'InspectionWrongStatus'],
      [
        () => handle.executeUpdate(closeInspectionUpdate, { args: [{ actorId: people.outsider.id }] }),
        'InspectionNotAnInspector',
      ],
      [
        () => handle.executeUpdate(cancelInspectionUpdate, { args: [{ ...steering(), reason: ' ' }] }),
        'InspectionReasonRequired',
      ],
    ];
    for (const [send, type] of refusals) await expectRefused(send(), type);
    expect(await updateEvents(handle)).toBe(before);
    expect(await activityEvents(handle)).toBe(activitiesBefore);
    expect(await db.prisma.finding.count({ where: { inspectionId: input.inspectionId } })).toBe(0);
    expect((await handle.query(inspectionStateQuery)).findings).toEqual([]);

    // The same finding from one of the inspection's inspectors is recorded.
    await handle.executeUpdate(recordFindingUpdate, { args: [finding] });
    const closed = await handle.executeUpdate(closeInspectionUpdate, { args: [inspector()] });
    // The input's policy: CRITICAL findings are due in 2 working days.
    expect(closed.corrective).toMatchObject([{ severity: 'CRITICAL', dueDate: cal.addWorkingDays(now, 2) }]);
    // The day it was planned for passes without a second start.
    await until(day, 9);
    expect(await auditActions(input.inspectionId)).toEqual([
      'inspection.planned',
      'inspection.started',
      'inspection.findingRecorded',
      'inspection.closed',
    ]);
    await cancelCorrective(closed);
  });

  it('the steering committee cancels a planned announced inspection and the target unit is told', async () => {
    const day = (await calendar()).addWorkingDays(await today(), 10);
    const input = planned({ scheduledOn: day });
    const handle = await startInspection(input);
    const state = await handle.executeUpdate(cancelInspectionUpdate, {
      args: [{ ...steering(), reason: 'Trùng lịch kiểm tra của tỉnh' }],
    });
    expect(state.status).toBe('CANCELLED');
    expect(await handle.result()).toMatchObject({ status: 'CANCELLED' });
    expect((await db.prisma.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } })).status).toBe(
      'CANCELLED',
    );
    expect(await notificationsOf(targetUsers(), input.inspectionId, 'inspection.cancelled')).toHaveLength(2);
  });
});

describe('inspection workflow: surprise inspection', () => {
  it('picks a working day inside its window, stays hidden from the target unit until it starts', async () => {
    const now = await today();
    const windowStart = addDays(now, 7);
    const windowEnd = addDays(windowStart, 20);
    // Three public holidays in the window: the pick must avoid them as well as weekends.
    const plain = new WorkingCalendar([]);
    const holidays = [1, 4, 7].map((n) => plain.addWorkingDays(windowStart, n));
    for (const holiday of holidays) await addHoliday(holiday);
    const cal = await calendar();

    const inputs = Array.from({ length: 8 }, () =>
      planned({ kind: 'SURPRISE', windowStart, windowEnd, title: 'Kiểm tra đột xuất một cửa' }),
    );
    const handles = await Promise.all(inputs.map((input) => startInspection(input)));
    const states = await Promise.all(handles.map((handle) => handle.query(inspectionStateQuery)));
    for (const [index, state] of states.entries()) {
      expect(state.scheduledOn >= windowStart && state.scheduledOn <= windowEnd).toBe(true);
      expect(cal.isWorkingDay(state.scheduledOn)).toBe(true);
      expect(holidays).not.toContain(state.scheduledOn);
      expect([0, 6]).not.toContain(dayOfWeek(state.scheduledOn));
      expect(state.visibleToTarget).toBe(false);
      const row = await db.prisma.inspection.findUniqueOrThrow({
        where: { id: inputs[index]!.inspectionId },
      });
      expect(iso(row.scheduledOn!)).toBe(state.scheduledOn);
      expect(row).toMatchObject({ kind: 'SURPRISE', status: 'PLANNED', visibleToTarget: false });
      expect(iso(row.windowStart)).toBe(windowStart);
      expect(iso(row.windowEnd)).toBe(windowEnd);
      // The inspectors are told the day; nobody of the target unit hears anything.
      const told = await notificationsOf([people.inspector2.id], row.id, 'inspection.assigned');
      expect(told.map((n) => n.params)).toEqual([expect.objectContaining({ date: state.scheduledOn })]);
      expect(await notificationsOf(targetUsers(), row.id)).toEqual([]);
    }
    // The workflow's randomness really draws: eight picks out of a dozen days are not all one day.
    expect(new Set(states.map((state) => state.scheduledOn)).size).toBeGreaterThan(1);

    // An inspector fixes the day of the first one: inside the window, on a working day, ahead.
    const [handle, ...others] = handles;
    const input = inputs[0]!;
    const weekend = [...Array(7).keys()]
      .map((n) => addDays(windowStart, n))
      .find((date) => dayOfWeek(date) === 6)!;
    const fix = (date: string, actorId = people.inspector.id) =>
      handle!.executeUpdate(scheduleInspectionUpdate, { args: [{ actorId, date }] });
    await expectRefused(fix(addDays(windowEnd, 1)), 'InspectionInvalidInput');
    await expectRefused(fix(weekend), 'InspectionInvalidInput');
    await expectRefused(fix(holidays[0]!), 'InspectionInvalidInput');
    await expectRefused(fix('2026-02-30'), 'InspectionInvalidInput');
    await expectRefused(fix(windowEnd, fixtures.users.head.id), 'InspectionNotAnInspector');
    const day = cal.previousWorkingDay(windowEnd);
    expect((await fix(day)).scheduledOn).toBe(day);
    expect(
      iso((await db.prisma.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } })).scheduledOn!),
    ).toBe(day);

    // The committee calls off the others: the inspectors hear of it, the target unit still not.
    for (const other of others) {
      await other.executeUpdate(cancelInspectionUpdate, { args: [{ ...steering(), reason: 'Đã đủ mẫu' }] });
    }
    for (const other of inputs.slice(1)) {
      expect(
        await notificationsOf([people.inspector.id], other.inspectionId, 'inspection.cancelled'),
      ).toHaveLength(1);
      expect(await notificationsOf(targetUsers(), other.inspectionId)).toEqual([]);
    }

    await until(day, 7);
    const hidden = await db.prisma.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } });
    expect(hidden).toMatchObject({ status: 'PLANNED', visibleToTarget: false });
    expect(await handle!.query(inspectionStateQuery)).toMatchObject({
      status: 'PLANNED',
      visibleToTarget: false,
    });
    expect(await notificationsOf(targetUsers(), input.inspectionId)).toEqual([]);

    await until(day, 8);
    expect(await handle!.query(inspectionStateQuery)).toMatchObject({
      status: 'IN_PROGRESS',
      visibleToTarget: true,
    });
    const visible = await db.prisma.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } });
    expect(visible).toMatchObject({ status: 'IN_PROGRESS', visibleToTarget: true });
    const started = await notificationsOf(targetUsers(), input.inspectionId);
    expect(started.map((n) => n.kind)).toEqual(['inspection.started', 'inspection.started']);

    // Closed without findings to correct: no corrective action.
    const closed = await handle!.executeUpdate(closeInspectionUpdate, { args: [inspector()] });
    expect(closed).toMatchObject({ status: 'CLOSED', corrective: [] });
    expect(
      await db.prisma.correctiveAction.count({ where: { finding: { inspectionId: input.inspectionId } } }),
    ).toBe(0);
  });

  it('refuses a surprise window with no working day left', async () => {
    const now = await today();
    // A weekend-only window.
    const saturday = [...Array(7).keys()].map((n) => addDays(now, n + 1)).find((d) => dayOfWeek(d) === 6)!;
    const input = planned({ kind: 'SURPRISE', windowStart: saturday, windowEnd: addDays(saturday, 1) });
    const handle = await env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
      taskQueue,
      workflowId: inspectionWorkflowId(input.inspectionId),
      args: [input],
    });
    await expect(handle.result()).rejects.toMatchObject({
      cause: { type: 'InspectionInvalidInput' },
    });
    expect(await db.prisma.inspection.count({ where: { id: input.inspectionId } })).toBe(0);
  });
});

describe('inspection workflow: durability', () => {
  it('a retried or duplicated write produces one row', async () => {
    const activities = createActivities({ prisma: db.prisma });
    const input = planned({ scheduledOn: addDays(await today(), 30) });
    const plan = {
      ...input,
      eventId: `test:${input.inspectionId}:planned`,
      scheduledOn: input.scheduledOn!,
      windowStart: input.scheduledOn!,
      windowEnd: input.scheduledOn!,
      checklistIds: input.checklist.map(() => randomUUID()),
    };
    await Promise.all([activities.recordInspectionPlanned(plan), activities.recordInspectionPlanned(plan)]);
    await activities.recordInspectionPlanned(plan);
    const finding = {
      eventId: `test:${input.inspectionId}:finding`,
      inspectionId: input.inspectionId,
      actorId: people.inspector.id,
      findingId: randomUUID(),
      severity: 'MAJOR' as const,
      description: 'Thiếu biên bản',
      requiresCorrection: true,
      criterionId: null,
      checklistItemId: plan.checklistIds[0]!,
      evidenceIds: [],
    };
    await Promise.all([activities.recordFinding(finding), activities.recordFinding(finding)]);
    const closing = {
      eventId: `test:${input.inspectionId}:closed`,
      inspectionId: input.inspectionId,
      actorId: people.inspector.id,
      note: null,
      findings: 1,
      corrective: [{ correctiveActionId: randomUUID(), findingId: finding.findingId, dueDate: '2027-01-15' }],
    };
    await Promise.all([
      activities.recordInspectionClosed(closing),
      activities.recordInspectionClosed(closing),
    ]);

    expect(await db.prisma.inspection.count({ where: { id: input.inspectionId } })).toBe(1);
    expect(await db.prisma.inspectionInspector.count({ where: { inspectionId: input.inspectionId } })).toBe(
      2,
    );
    expect(await db.prisma.checklistItem.count({ where: { inspectionId: input.inspectionId } })).toBe(3);
    expect(await db.prisma.finding.count({ where: { inspectionId: input.inspectionId } })).toBe(1);
    expect(await db.prisma.correctiveAction.count({ where: { findingId: finding.findingId } })).toBe(1);
    expect(await auditActions(input.inspectionId)).toEqual([
      'inspection.planned',
      'inspection.findingRecorded',
      'inspection.closed',
    ]);
    expect(await notificationsOf([people.inspector.id], input.inspectionId)).toHaveLength(1);
    expect(await notificationsOf([fixtures.users.head.id], input.inspectionId)).toHaveLength(2);
  });

  it('a long inspection continues as new with its checklist, findings and status carried over', async () => {
    const checklist = Array.from({ length: 16 }, (_, n) => `Tiêu chí ${n + 1}`);
    const input = planned({ scheduledOn: addDays(await today(), 40), checklist, historyLimit: 60 });
    const handle = await startInspection(input);
    const { checklist: items } = await handle.executeUpdate(startInspectionUpdate, { args: [inspector()] });
    const latest = env.client.workflow.getHandle<typeof inspectionWorkflow>(
      inspectionWorkflowId(input.inspectionId),
    );
    for (const item of items) {
      await latest.executeUpdate(recordChecklistResultUpdate, {
        args: [{ ...inspector(), checklistItemId: item.id, result: 'PASS' }],
      });
    }
    await latest.executeUpdate(recordFindingUpdate, {
      args: [{ ...inspector(), severity: 'MINOR', description: 'Thiếu chữ ký', requiresCorrection: true }],
    });
    const description = await latest.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    const state = await latest.query(inspectionStateQuery);
    expect(state.status).toBe('IN_PROGRESS');
    expect(state.checklist.every((item) => item.result === 'PASS')).toBe(true);
    expect(state.findings).toHaveLength(1);
    const closed = await latest.executeUpdate(closeInspectionUpdate, { args: [inspector()] });
    expect(closed.corrective).toHaveLength(1);
    expect(
      await db.prisma.checklistItem.count({ where: { inspectionId: input.inspectionId, result: 'PASS' } }),
    ).toBe(16);
    await cancelCorrective(closed);
  });
});

describe('inspection workflow: offline changes carry the value they were made on', () => {
  it('a result made on a value another inspector has changed since is refused with the current value; a matching base, the same change again and no base are applied', async () => {
    const input = planned({ scheduledOn: addDays(await today(), 50) });
    const handle = await startInspection(input);
    const { checklist } = await handle.executeUpdate(startInspectionUpdate, { args: [inspector()] });
    const [first, second] = checklist;
    const other = { actorId: people.inspector2.id };
    const empty = { result: null, note: null };
    const row = (id: string) =>
      db.prisma.checklistItem.findUniqueOrThrow({ where: { id }, select: { result: true, note: true } });
    const recorded = () =>
      db.prisma.auditEvent.count({
        where: { entityId: input.inspectionId, action: 'inspection.checklistRecorded' },
      });

    // The second inspector records PASS with a note, online, on an item both saw empty.
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [{ ...other, checklistItemId: first!.id, result: 'PASS', note: 'Đã niêm yết đủ', base: empty }],
    });
    // The first inspector's FAIL, made offline on the empty item, arrives later: refused before
    // it enters history, with what the item holds now; the row keeps the second inspector's.
    const updatesBefore = await updateEvents(handle);
    const late = handle.executeUpdate(recordChecklistResultUpdate, {
      args: [
        { ...inspector(), checklistItemId: first!.id, result: 'FAIL', note: 'Chưa niêm yết', base: empty },
      ],
    });
    await expectRefused(late, 'InspectionChecklistItemChanged');
    await expect(late).rejects.toMatchObject({
      cause: { details: [{ result: 'PASS', note: 'Đã niêm yết đủ' }] },
    });
    expect(await updateEvents(handle)).toBe(updatesBefore);
    expect(await row(first!.id)).toEqual({ result: 'PASS', note: 'Đã niêm yết đủ' });
    expect(await recorded()).toBe(1);

    // "Keep mine": the same values again, made on what the item holds now, are applied.
    const mine = {
      ...inspector(),
      checklistItemId: first!.id,
      result: 'FAIL' as const,
      note: 'Chưa niêm yết',
      base: { result: 'PASS' as const, note: 'Đã niêm yết đủ ' },
    };
    const kept = await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [mine],
      updateId: randomUUID(),
    });
    expect(kept.checklist[0]).toMatchObject({ result: 'FAIL', note: 'Chưa niêm yết' });
    expect(await row(first!.id)).toEqual({ result: 'FAIL', note: 'Chưa niêm yết' });
    expect(await recorded()).toBe(2);
    // The same change arriving again under another Update ID (a queue replayed after the
    // workflow continued as new): the item holds its value already, so it is not a conflict.
    await handle.executeUpdate(recordChecklistResultUpdate, { args: [mine], updateId: randomUUID() });
    expect(await row(first!.id)).toEqual({ result: 'FAIL', note: 'Chưa niêm yết' });
    // The note alone changed by someone else is a conflict too.
    await expectRefused(
      handle.executeUpdate(recordChecklistResultUpdate, {
        args: [{ ...other, checklistItemId: first!.id, result: 'FAIL', note: 'Khác', base: mine.base }],
      }),
      'InspectionChecklistItemChanged',
    );

    // Two changes of one device in a row: the second is made on the first's value.
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [{ ...inspector(), checklistItemId: second!.id, result: 'FAIL', base: empty }],
    });
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [
        {
          ...inspector(),
          checklistItemId: second!.id,
          result: 'FAIL',
          note: 'Thiếu sổ',
          base: { result: 'FAIL', note: null },
        },
      ],
    });
    // Without a base (older clients) the last write is taken, as before.
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [{ ...other, checklistItemId: second!.id, result: 'NOT_APPLICABLE' }],
    });
    expect(await row(second!.id)).toEqual({ result: 'NOT_APPLICABLE', note: null });

    const closed = await handle.executeUpdate(closeInspectionUpdate, { args: [inspector()] });
    expect(closed.status).toBe('CLOSED');
  });
});
