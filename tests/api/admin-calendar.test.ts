// The holiday calendar administered through the API: a year's list, adding holidays and swapped
// working days, removing them, every refusal with its typed error in both languages, who may do
// it, and what a change does: Task.nextDeadline follows at once, and the running workflows are
// told to re-plan (the fan-out workflow's result counts them).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, vietnamDate, WorkingCalendar } from '../../workflows/src/calendar.ts';
import {
  calendarChangeWorkflowId,
  taskRecordedUpdate,
  taskWorkflowId,
  type CalendarChangeResult,
} from '../../workflows/src/contracts.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import { hashPassword } from '../../api/src/passwords.ts';
import { createApiHarness } from '../helpers/api.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let provinceAdmin: string;
let districtAdmin: string;
let head: string;

beforeAll(async () => {
  api = await createApiHarness();
  const passwordHash = await hashPassword(api.fixtures.password);
  const admin = (key: string, unitId: string) =>
    api.db.prisma.user.create({
      data: {
        email: `${key}@test.demo`,
        name: key,
        passwordHash,
        locale: 'en',
        roles: { create: { role: 'ADMIN', unitId } },
      },
    });
  await admin('cal-province-admin', api.fixtures.units.province.id);
  await admin('cal-district-admin', api.fixtures.units.district.id);
  provinceAdmin = await api.login('cal-province-admin@test.demo');
  districtAdmin = await api.login('cal-district-admin@test.demo');
  head = await api.login(api.fixtures.users.head.email);
});
afterAll(() => api?.close());

const today = () => vietnamDate(Date.now());
/** The first date after today (at least `days` days on) that falls on `weekday` (0 = Sunday). */
function next(weekday: number, days = 1): string {
  let date = addDays(today(), days);
  while (dayOfWeek(date) !== weekday) date = addDays(date, 1);
  return date;
}

const ADD = `mutation($input: AddHolidayInput!) {
  addHoliday(input: $input) {
    __typename
    ... on Holiday { id date kind nameVi nameEn }
    ... on CalendarRefusedError { reason field message }
    ... on InvalidInputError { message issues { field message } }
  }
}`;
const REMOVE = `mutation($id: ID!) {
  removeHoliday(id: $id) {
    __typename
    ... on Holiday { id date }
    ... on CalendarRefusedError { reason field message }
    ... on NotFoundError { field message }
  }
}`;
const YEAR = `query($year: Int!) {
  holidays(year: $year) {
    __typename
    ... on HolidayYear { year canEdit days { id date kind nameVi nameEn } }
    ... on InvalidInputError { issues { field message } }
  }
}`;

type Result = Record<string, unknown> & { __typename: string };
async function add(input: Record<string, unknown>, cookie = provinceAdmin): Promise<Result> {
  const body = { kind: 'HOLIDAY', nameVi: 'Ngày nghỉ thử', nameEn: 'Test day off', ...input };
  const result = await api.gql<{ addHoliday: Result }>(ADD, { input: body }, { cookie });
  expect(result.errors).toBeUndefined();
  return result.data!.addHoliday;
}

/** Waits for the fan-out a change started (its ID comes from the change's AuditEvent). */
async function fanOutOf(holidayId: string, action: string): Promise<CalendarChangeResult> {
  const event = await api.db.prisma.auditEvent.findFirstOrThrow({
    where: { entityType: 'Holiday', entityId: holidayId, action },
  });
  const handle = api.env.client.workflow.getHandle(calendarChangeWorkflowId(event.eventId));
  return (await handle.result()) as CalendarChangeResult;
}

describe('holidays: list, add, remove', () => {
  it('adds a weekday holiday and a swapped working Saturday, lists the year, removes them', async () => {
    const friday = next(5, 30);
    const saturday = addDays(friday, 1);
    const holiday = await add({ date: friday, nameVi: 'Nghỉ bù thử', nameEn: 'Test swapped day off' });
    expect(holiday).toMatchObject({ __typename: 'Holiday', date: friday, kind: 'HOLIDAY' });
    const working = await add({
      date: saturday,
      kind: 'WORKING_DAY',
      nameVi: 'Làm bù thử',
      nameEn: 'Test working Saturday',
    });
    expect(working).toMatchObject({ __typename: 'Holiday', date: saturday, kind: 'WORKING_DAY' });

    const year = Number(friday.slice(0, 4));
    const listed = await api.gql<{ holidays: Result & { days: Result[] } }>(
      YEAR,
      { year },
      { cookie: provinceAdmin },
    );
    expect(listed.data!.holidays).toMatchObject({ __typename: 'HolidayYear', year, canEdit: true });
    const days = listed.data!.holidays.days;
    expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date as string)].sort());
    expect(days).toContainEqual(expect.objectContaining({ date: saturday, kind: 'WORKING_DAY' }));

    // Each change is audited and told to the workflows.
    await expect(fanOutOf(String(holiday.id), 'holiday.added')).resolves.toMatchObject({ tasks: 0 });
    for (const id of [holiday.id, working.id]) {
      const removed = await api.gql<{ removeHoliday: Result }>(REMOVE, { id }, { cookie: provinceAdmin });
      expect(removed.data!.removeHoliday).toMatchObject({ __typename: 'Holiday', id });
      await fanOutOf(String(id), 'holiday.removed');
    }
    expect(
      await api.db.prisma.holiday.count({ where: { id: { in: [String(holiday.id), String(working.id)] } } }),
    ).toBe(0);
  });

  it("Task.nextDeadline follows a new holiday at once, and the running task's workflow is told", async () => {
    // A task due on a Tuesday at least four weeks ahead; its next deadline is the 5-day reminder.
    const due = next(2, 28);
    const taskId = randomUUID();
    const handle = await api.env.client.workflow.start<typeof taskWorkflow>('taskWorkflow', {
      taskQueue: api.taskQueue,
      workflowId: taskWorkflowId(taskId),
      args: [
        {
          taskId,
          planId: api.fixtures.plan.id,
          areaId: api.fixtures.area.id,
          criterionId: null,
          assigneeUnitId: api.fixtures.units.commune.id,
          title: 'Công khai thủ tục hành chính',
          description: '',
          dueDate: due,
          weight: 1,
          indicatorTarget: null,
          actorId: api.fixtures.users.steering.id,
        },
      ],
    });
    await handle.executeUpdate(taskRecordedUpdate);
    const nextDeadline = async () => {
      const result = await api.gql<{ task: { nextDeadline: { kind: string; on: string } } }>(
        `query($id: ID!) { task(id: $id) { nextDeadline { kind on } } }`,
        { id: taskId },
        { cookie: head },
      );
      return result.data!.task.nextDeadline;
    };
    const rows = await api.db.prisma.holiday.findMany();
    const before = new WorkingCalendar(rows.map((row) => row.date.toISOString().slice(0, 10)));
    const fiveBefore = before.addWorkingDays(before.previousWorkingDay(due), -5);
    expect(await nextDeadline()).toEqual({ kind: 'REMINDER', on: fiveBefore });

    // The Monday before the due date becomes a holiday: the reminder is a working day earlier.
    const monday = addDays(due, -1);
    const holiday = await add({ date: monday });
    expect(await nextDeadline()).toEqual({ kind: 'REMINDER', on: before.addWorkingDays(fiveBefore, -1) });
    const told = await fanOutOf(String(holiday.id), 'holiday.added');
    expect(told.tasks).toBeGreaterThanOrEqual(1);
    const history = await handle.fetchHistory();
    const signals = (history.events ?? []).filter(
      (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged',
    );
    expect(signals).toHaveLength(1);

    await api.gql(REMOVE, { id: holiday.id }, { cookie: provinceAdmin });
    expect(await nextDeadline()).toEqual({ kind: 'REMINDER', on: fiveBefore });
  });
});

describe('holidays: refusals', () => {
  it('refuses bad input with typed errors, in English and Vietnamese', async () => {
    const monday = next(1, 10);
    const saturday = next(6, 10);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ date: '2027-02-30' }, 'InvalidInputError', 'Enter a date that exists, as YYYY-MM-DD.'],
      [{ date: '03/12/2027' }, 'InvalidInputError', 'Enter a date that exists, as YYYY-MM-DD.'],
      [
        { date: monday, nameVi: '   ' },
        'InvalidInputError',
        'Enter the name of the day (at most 200 characters).',
      ],
      [
        { date: monday, nameEn: 'x'.repeat(201) },
        'InvalidInputError',
        'Enter the name of the day (at most 200 characters).',
      ],
      [{ date: today() }, 'CalendarRefusedError', 'NOT_FUTURE'],
      [{ date: addDays(today(), -40) }, 'CalendarRefusedError', 'NOT_FUTURE'],
      [{ date: saturday }, 'CalendarRefusedError', 'HOLIDAY_ON_WEEKEND'],
      [{ date: monday, kind: 'WORKING_DAY' }, 'CalendarRefusedError', 'WORKING_DAY_ON_WEEKDAY'],
    ];
    for (const [input, typename, detail] of cases) {
      const result = await add(input);
      expect(result.__typename, JSON.stringify(input)).toBe(typename);
      if (typename === 'CalendarRefusedError')
        expect(result).toMatchObject({ reason: detail, field: 'date' });
      else expect(result.message).toBe(detail);
    }
    const vi = await add({ date: saturday }, `${provinceAdmin}; rt_locale=vi`);
    expect(vi.message).toBe(
      'Thứ Bảy và Chủ nhật vốn là ngày nghỉ. Nếu ngày lễ trùng cuối tuần, hãy thêm ngày nghỉ bù (ngày làm việc kế tiếp).',
    );
    // A kind that does not exist is refused by GraphQL itself.
    const bad = await api.gql(
      ADD,
      { input: { date: monday, kind: 'DAY_OFF', nameVi: 'a', nameEn: 'a' } },
      { cookie: provinceAdmin },
    );
    expect(bad.errors?.[0]?.message).toMatch(/HolidayKind/);
    expect(await api.db.prisma.holiday.count({ where: { date: new Date(`${monday}T00:00:00Z`) } })).toBe(0);
  });

  it('refuses a date already in the calendar, removing a past or unknown day, and a year out of range', async () => {
    const wednesday = next(3, 60);
    const first = await add({ date: wednesday });
    expect(first.__typename).toBe('Holiday');
    expect(await add({ date: wednesday, nameEn: 'Again' })).toMatchObject({
      reason: 'DATE_TAKEN',
      field: 'date',
    });

    const past = await api.db.prisma.holiday.create({
      data: { date: new Date(`${addDays(today(), -3)}T00:00:00Z`), nameVi: 'Đã qua', nameEn: 'Past' },
    });
    const removePast = await api.gql<{ removeHoliday: Result }>(
      REMOVE,
      { id: past.id },
      { cookie: provinceAdmin },
    );
    expect(removePast.data!.removeHoliday).toMatchObject({ reason: 'NOT_FUTURE', field: 'id' });
    const removeUnknown = await api.gql<{ removeHoliday: Result }>(
      REMOVE,
      { id: 'nope' },
      { cookie: provinceAdmin },
    );
    expect(removeUnknown.data!.removeHoliday).toMatchObject({
      __typename: 'NotFoundError',
      message: 'There is no such day in the calendar.',
    });
    for (const year of [1999, 2101]) {
      const result = await api.gql<{ holidays: Result & { issues: Result[] } }>(
        YEAR,
        { year },
        { cookie: provinceAdmin },
      );
      expect(result.data!.holidays.__typename).toBe('InvalidInputError');
      expect(result.data!.holidays.issues).toEqual([
        { field: 'year', message: 'The year must be from 2000 to 2100.' },
      ]);
    }
    await api.gql(REMOVE, { id: first.id }, { cookie: provinceAdmin });
  });

  it('a district administrator reads the calendar but may not change it; others may not read it', async () => {
    const year = Number(today().slice(0, 4)) + 1;
    const read = await api.gql<{ holidays: Result }>(YEAR, { year }, { cookie: districtAdmin });
    expect(read.data!.holidays).toMatchObject({ __typename: 'HolidayYear', canEdit: false });
    const refused = await add({ date: next(4, 20) }, districtAdmin);
    expect(refused).toMatchObject({ __typename: 'CalendarRefusedError', reason: 'NOT_CALENDAR_ADMIN' });
    const existing = await api.db.prisma.holiday.create({
      data: { date: new Date(`${next(4, 90)}T00:00:00Z`), nameVi: 'Giữ lại', nameEn: 'Kept' },
    });
    const removal = await api.gql<{ removeHoliday: Result }>(
      REMOVE,
      { id: existing.id },
      { cookie: districtAdmin },
    );
    expect(removal.data!.removeHoliday).toMatchObject({ reason: 'NOT_CALENDAR_ADMIN' });
    expect(await api.db.prisma.holiday.count({ where: { id: existing.id } })).toBe(1);

    const asHead = await api.gql(YEAR, { year }, { cookie: head });
    expect(asHead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.gql(YEAR, { year });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
