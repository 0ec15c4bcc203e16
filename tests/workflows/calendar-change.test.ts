// A change of the working-day calendar re-plans the timers of running task workflows: the
// fan-out workflow signals them, each reloads the Holiday table (holidays and swapped working
// days) and moves its reminders, without sending again a reminder it already sent.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calendarChangeWorkflowId,
  cancelCorrectiveUpdate,
  cancelTaskUpdate,
  correctiveRecordedUpdate,
  correctiveWorkflowId,
  issuePlanUpdate,
  planWorkflowId,
  taskRecordedUpdate,
  taskWorkflowId,
  type AssignTaskInput,
  type CalendarChangeResult,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import {
  WorkingCalendar,
  addDays,
  atVietnamTime,
  dayOfWeek,
  vietnamDate,
} from '../../workflows/src/calendar.ts';
import type { calendarChangeWorkflow } from '../../workflows/src/workflows/calendar.ts';
import type { correctiveWorkflow } from '../../workflows/src/workflows/corrective.ts';
import type { planWorkflow } from '../../workflows/src/workflows/plan.ts';
import type { taskWorkflow } from '../../workflows/src/workflows/task.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { createFixtures, createInspectionFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'calendar-change-test';
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let harness: WorkflowHarness | undefined;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  ({ env, db } = harness);
  fixtures = await createFixtures(db.prisma);
  people = await createInspectionFixtures(db.prisma, fixtures);
});
afterAll(() => harness?.stop());

const plain = new WorkingCalendar([]);
const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function startTask(dueDate: string): Promise<{ taskId: string; stop: () => Promise<void> }> {
  const input: AssignTaskInput = {
    taskId: randomUUID(),
    planId: fixtures.plan.id,
    areaId: fixtures.area.id,
    criterionId: null,
    assigneeUnitId: fixtures.units.commune.id,
    title: 'Số hoá hồ sơ một cửa',
    description: '',
    dueDate,
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
  // Wait until the workflow has read the calendar and sleeps on its first deadline timer: a
  // holiday added after that is only seen through the calendarChanged signal.
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    if (events.some((event) => event.timerStartedEventAttributes)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const claims = await claimsOf(db.prisma, fixtures.users.steering.id);
  return {
    taskId: input.taskId,
    stop: async () => {
      await handle.executeUpdate(cancelTaskUpdate, {
        args: [{ actorId: fixtures.users.steering.id, actorRoles: claims, reason: 'Hết phần thử' }],
      });
    },
  };
}

/** What the administrator's change does after it commits: the fan-out, waited for. */
async function announce(): Promise<CalendarChangeResult> {
  const changeId = randomUUID();
  return env.client.workflow.execute<typeof calendarChangeWorkflow>('calendarChangeWorkflow', {
    taskQueue,
    workflowId: calendarChangeWorkflowId(changeId),
    args: [{ changeId }],
  });
}

async function until(date: string, hour: number, minute = 1): Promise<void> {
  const target = atVietnamTime(date, hour, minute).getTime();
  await env.sleep(Math.max(0, target - (await env.currentTimeMs())));
}

async function reminders(taskId: string) {
  const rows = await db.prisma.notification.findMany({
    where: { userId: fixtures.users.head.id, kind: 'task.reminder', link: `/tasks/${taskId}` },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => (row.params as { workingDays: number }).workingDays);
}

/** The next Monday at least `weeks` weeks after today (Vietnam time by the test server's clock). */
async function mondayAfter(weeks: number): Promise<string> {
  let date = addDays(vietnamDate(await env.currentTimeMs()), weeks * 7);
  while (dayOfWeek(date) !== 1) date = addDays(date, 1);
  return date;
}

describe('calendar change re-plans running task, plan and corrective-action workflows', () => {
  it('a reminder due on a day that becomes a holiday moves to the working day before', async () => {
    const due = await mondayAfter(3);
    const task = await startTask(due);
    // The day before the due date (the 1-day reminder's day) becomes a holiday after the start.
    const oneBefore = plain.addWorkingDays(due, -1);
    await db.prisma.holiday.create({
      data: { date: day(oneBefore), nameVi: 'Nghỉ thử', nameEn: 'Test day off' },
    });
    const told = await announce();
    expect(told.tasks).toBeGreaterThanOrEqual(1);

    // Both reminders are one working day earlier than by the plain count.
    const fiveBefore = plain.addWorkingDays(due, -6);
    const newOneBefore = plain.addWorkingDays(due, -2);
    await until(fiveBefore, 7, 59);
    expect(await reminders(task.taskId)).toEqual([]);
    await until(fiveBefore, 8);
    expect(await reminders(task.taskId)).toEqual([5]);
    await until(newOneBefore, 8);
    expect(await reminders(task.taskId)).toEqual([5, 1]);
    // Nothing on the holiday itself.
    await until(oneBefore, 12);
    expect(await reminders(task.taskId)).toEqual([5, 1]);
    await task.stop();
  });

  it('a swapped working Saturday counts as a working day, and a reminder already sent is not sent again', async () => {
    const due = await mondayAfter(3);
    const saturday = addDays(due, -2);
    const first = await startTask(due);
    await db.prisma.holiday.create({
      data: {
        date: day(saturday),
        kind: 'WORKING_DAY',
        nameVi: 'Làm bù thử',
        nameEn: 'Test working Saturday',
      },
    });
    await announce();
    // The 1-day reminder goes out on the Saturday, not on Friday; the 5-day one a day later too.
    const friday = addDays(due, -3);
    await until(friday, 9);
    expect(await reminders(first.taskId)).toEqual([5]);
    await until(saturday, 8);
    expect(await reminders(first.taskId)).toEqual([5, 1]);
    await first.stop();

    // A second task due a week later: its 1-day reminder goes out on Friday; then the following
    // Saturday is swapped to a working day. The reminder would now fall on that Saturday: it is
    // not sent again.
    const nextDue = addDays(due, 7);
    const nextSaturday = addDays(nextDue, -2);
    const second = await startTask(nextDue);
    await until(addDays(nextDue, -3), 9);
    expect(await reminders(second.taskId)).toEqual([5, 1]);
    await db.prisma.holiday.create({
      data: {
        date: day(nextSaturday),
        kind: 'WORKING_DAY',
        nameVi: 'Làm bù thử',
        nameEn: 'Test working Saturday',
      },
    });
    await announce();
    await until(nextSaturday, 12);
    await until(nextDue, 12);
    expect(await reminders(second.taskId)).toEqual([5, 1]);
    await second.stop();
  });

  it('a running plan counts its period reminder again: a holiday on its day moves it a working day earlier', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const endsOn = plain.addWorkingDays(today, 15);
    const plan = await db.prisma.reformPlan.create({
      data: {
        year: Number(endsOn.slice(0, 4)),
        title: 'Kế hoạch CCHC thử lịch nghỉ',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
        periods: { create: [{ number: 1, startsOn: day(addDays(today, -30)), endsOn: day(endsOn) }] },
        tasks: {
          create: {
            areaId: fixtures.area.id,
            assigneeUnitId: fixtures.units.commune.id,
            title: 'Báo cáo định kỳ',
            dueDate: day(addDays(endsOn, 30)),
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
    await handle.executeUpdate(issuePlanUpdate, {
      args: [
        {
          actorId: fixtures.users.steering.id,
          actorRoles: await claimsOf(db.prisma, fixtures.users.steering.id),
        },
      ],
    });
    // The plan has read the calendar and sleeps until its first timer.
    for (;;) {
      const events = (await handle.fetchHistory()).events ?? [];
      if (events.some((event) => event.timerStartedEventAttributes)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reminderOn = plain.addWorkingDays(endsOn, -5);
    await db.prisma.holiday.create({
      data: { date: day(reminderOn), nameVi: 'Nghỉ thử', nameEn: 'Test day off' },
    });
    expect((await announce()).plans).toBeGreaterThanOrEqual(1);
    const asked = () =>
      db.prisma.notification.count({ where: { kind: 'plan.reportDue', link: `/plans/${plan.id}` } });
    const earlier = plain.addWorkingDays(endsOn, -6);
    await until(earlier, 7, 59);
    expect(await asked()).toBe(0);
    await until(earlier, 8);
    expect(await asked()).toBeGreaterThan(0);
  });

  it('a running corrective action moves its reminder off a new holiday as well', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const inspection = await db.prisma.inspection.create({
      data: {
        kind: 'ANNOUNCED',
        targetUnitId: fixtures.units.commune.id,
        title: 'Kiểm tra bộ phận một cửa',
        windowStart: day(today),
        windowEnd: day(today),
        scheduledOn: day(today),
        status: 'CLOSED',
        createdById: fixtures.users.steering.id,
        inspectors: { create: [{ userId: people.inspector.id, lead: true }] },
      },
    });
    const finding = await db.prisma.finding.create({
      data: {
        inspectionId: inspection.id,
        severity: 'MAJOR',
        description: 'Niêm yết thủ tục chưa đầy đủ',
        requiresCorrection: true,
        recordedById: people.inspector.id,
      },
    });
    const due = plain.addWorkingDays(today, 12);
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
          dueDate: due,
          title: finding.description,
          inspectorIds: [people.inspector.id],
          actorId: people.inspector.id,
        },
      ],
    });
    await handle.executeUpdate(correctiveRecordedUpdate);
    for (;;) {
      const events = (await handle.fetchHistory()).events ?? [];
      if (events.some((event) => event.timerStartedEventAttributes)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The 5-day reminder's day becomes a holiday: it goes out the working day before.
    const fiveBefore = plain.addWorkingDays(due, -5);
    await db.prisma.holiday.create({
      data: { date: day(fiveBefore), nameVi: 'Nghỉ thử', nameEn: 'Test day off' },
    });
    expect((await announce()).correctiveActions).toBeGreaterThanOrEqual(1);
    const reminded = () =>
      db.prisma.notification.count({
        where: {
          userId: fixtures.users.head.id,
          kind: 'corrective.reminder',
          link: `/corrective/${correctiveActionId}`,
        },
      });
    const earlier = plain.addWorkingDays(due, -6);
    await until(earlier, 7, 59);
    expect(await reminded()).toBe(0);
    await until(earlier, 8);
    expect(await reminded()).toBe(1);
    await until(fiveBefore, 12);
    expect(await reminded()).toBe(1);
    await handle.executeUpdate(cancelCorrectiveUpdate, {
      args: [
        {
          actorId: fixtures.users.steering.id,
          actorRoles: await claimsOf(db.prisma, fixtures.users.steering.id),
          reason: 'Hết phần thử',
        },
      ],
    });
  });
});
