// Issue 11's holiday journey in a real Chromium against the real `npm start` and its demo data:
// the administrator, on a phone in Vietnamese, adds a public holiday on the day of a task's next
// reminder and then a swapped working Saturday before its due date; the unit head's task page
// (in English) shows the reminder moving a working day earlier, then a day later again, exactly
// as the workflows count (nextDeadlineEvent with the Holiday table). A weekend day off is refused
// next to its field; the day is removed after a confirmation step.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import {
  WorkingCalendar,
  addDays,
  calendarEntry,
  compareDates,
  dayOfWeek,
  vietnamDate,
} from '../../workflows/src/calendar.ts';
import { defaultDeadlinePolicy, nextDeadlineEvent } from '../../workflows/src/workflows/deadlines.ts';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 4037, postgres: 55548, temporal: 7519 });
const { base, signIn } = app;

async function person(
  persona: string,
  language: 'en' | 'vi',
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser().newContext({ viewport });
  await context.addCookies([{ name: 'rt_locale', value: language, url: base }]);
  const page = await context.newPage();
  onTestFailed(async () => {
    await page
      .screenshot({ path: path.join(artifacts, `admin-calendar-${persona}-failed.png`), fullPage: true })
      .catch(() => undefined);
  });
  await signIn(page, persona);
  return { context, page };
}

/** A GraphQL operation sent from the page, with its session, as the app's own scripts send it. */
async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as Promise<{ data?: unknown; errors?: unknown }>;
    },
    { query, variables },
  );
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data as T;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function noOverflow(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `admin-calendar-${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBe(false);
}

interface Day {
  id: string;
  date: string;
  kind: 'HOLIDAY' | 'WORKING_DAY';
}

/** The calendar as the API and the workflows build it, from the administrator's view of it. */
async function calendarOf(admin: Page, years: number[]): Promise<{ calendar: WorkingCalendar; days: Day[] }> {
  const days: Day[] = [];
  for (const year of years) {
    const { holidays } = await gql<{ holidays: { days: Day[] } }>(
      admin,
      `query($year: Int!) { holidays(year: $year) { ... on HolidayYear { days { id date kind } } } }`,
      { year },
    );
    days.push(...holidays.days);
  }
  return { calendar: new WorkingCalendar(days.map((day) => calendarEntry(day.date, day.kind))), days };
}

describe('issue 11: holidays', () => {
  it('the administrator adds a holiday and a swapped working Saturday; the task’s next reminder moves', async () => {
    const { page: head } = await person('unitHead', 'en');
    const { page: admin } = await person('admin', 'vi', { width: 390, height: 844 });
    const today = vietnamDate(Date.now());

    // One of the head's open tasks whose next notice is a reminder after tomorrow, with a Saturday
    // between that reminder and the due date (so a working Saturday there moves it back).
    const { myWork } = await gql<{
      myWork: {
        edges: {
          node: {
            id: string;
            title: string;
            dueDate: string;
            nextDeadline: { kind: string; on: string } | null;
          };
        }[];
      };
    }>(head, `{ myWork(first: 50) { edges { node { id title dueDate nextDeadline { kind on } } } } }`);
    const firstSaturdayAfter = (date: string) => {
      let day = addDays(date, 1);
      while (dayOfWeek(day) !== 6) day = addDays(day, 1);
      return day;
    };
    const task = myWork.edges
      .map((edge) => edge.node)
      .find(
        (node) =>
          node.nextDeadline?.kind === 'REMINDER' &&
          compareDates(node.nextDeadline.on, addDays(today, 1)) > 0 &&
          compareDates(firstSaturdayAfter(node.nextDeadline.on), node.dueDate) < 0,
      );
    expect(task, 'a demo task with a reminder ahead').toBeDefined();
    const reminderDay = task!.nextDeadline!.on;
    const years = [...new Set([Number(today.slice(0, 4)), Number(task!.dueDate.slice(0, 4))])];
    const expectedOn = (calendar: WorkingCalendar) =>
      nextDeadlineEvent(task!.dueDate, Date.now(), defaultDeadlinePolicy, calendar).on;

    const taskPage = `${base}/tasks/${task!.id}`;
    await head.goto(taskPage);
    await expect
      .poll(() => head.getByTestId('next-deadline').innerText())
      .toBe(`Reminder · ${ddmmyyyy(reminderDay)}`);

    // The administrator: the holidays page of the reminder's year, in Vietnamese on a phone.
    await admin.goto(`${base}/admin/holidays?year=${reminderDay.slice(0, 4)}`);
    await expect
      .poll(() => admin.getByRole('heading', { level: 1 }).innerText())
      .toBe('Ngày nghỉ lễ và ngày làm bù');
    await noOverflow(admin, 'holidays-vi-390');

    // A day off on a Saturday is refused next to the date, and nothing is added.
    const saturday = firstSaturdayAfter(reminderDay);
    await admin.getByLabel('Ngày (từ ngày mai trở đi)').fill(saturday);
    await admin.getByLabel('Tên tiếng Việt').fill('Nghỉ thử');
    await admin.getByLabel('Tên tiếng Anh').fill('Test day off');
    await admin.getByRole('button', { name: 'Thêm vào lịch' }).click();
    await expect
      .poll(() => admin.locator('.field-error').innerText())
      .toBe(
        'Thứ Bảy và Chủ nhật vốn là ngày nghỉ. Nếu ngày lễ trùng cuối tuần, hãy thêm ngày nghỉ bù (ngày làm việc kế tiếp).',
      );
    await expect
      .poll(() => admin.getByLabel('Ngày (từ ngày mai trở đi)').getAttribute('aria-invalid'))
      .toBe('true');

    // The holiday on the reminder's day: the reminder comes a working day earlier.
    await admin.getByLabel('Ngày (từ ngày mai trở đi)').fill(reminderDay);
    await admin.getByRole('radio', { name: /^Ngày nghỉ/ }).check();
    await admin.getByLabel('Tên tiếng Việt').fill('Ngày nghỉ bù thử nghiệm');
    await admin.getByLabel('Tên tiếng Anh').fill('Test day off in lieu');
    await admin.getByRole('button', { name: 'Thêm vào lịch' }).click();
    await expect
      .poll(() => admin.getByRole('status').innerText())
      .toBe(`Đã thêm ngày ${ddmmyyyy(reminderDay)} vào lịch.`);
    await expect
      .poll(() => admin.getByRole('listitem').filter({ hasText: 'Ngày nghỉ bù thử nghiệm' }).innerText())
      .toContain('Ngày nghỉ');
    const withHoliday = expectedOn((await calendarOf(admin, years)).calendar);
    expect(compareDates(withHoliday, reminderDay)).toBeLessThan(0);
    await head.reload();
    await expect
      .poll(() => head.getByTestId('next-deadline').innerText())
      .toBe(`Reminder · ${ddmmyyyy(withHoliday)}`);

    // A swapped working Saturday between the reminder and the due date: one more working day in
    // between, so the reminder is a working day later again.
    await admin.getByLabel('Ngày (từ ngày mai trở đi)').fill(saturday);
    await admin.getByRole('radio', { name: /^Ngày làm bù/ }).check();
    await admin.getByLabel('Tên tiếng Việt').fill('Làm bù thử nghiệm');
    await admin.getByLabel('Tên tiếng Anh').fill('Test working Saturday');
    await admin.getByRole('button', { name: 'Thêm vào lịch' }).click();
    await expect
      .poll(() => admin.getByRole('status').innerText())
      .toBe(`Đã thêm ngày ${ddmmyyyy(saturday)} vào lịch.`);
    await expect
      .poll(() => admin.getByRole('listitem').filter({ hasText: 'Làm bù thử nghiệm' }).innerText())
      .toContain('Ngày làm bù');
    const { calendar, days } = await calendarOf(admin, years);
    expect(calendar.isWorkingDay(saturday)).toBe(true);
    const withSaturday = expectedOn(calendar);
    expect(compareDates(withSaturday, withHoliday)).toBeGreaterThan(0);
    await head.reload();
    await expect
      .poll(() => head.getByTestId('next-deadline').innerText())
      .toBe(`Reminder · ${ddmmyyyy(withSaturday)}`);
    await noOverflow(admin, 'holidays-added-vi-390');

    // Removing the holiday again, after the confirmation step; the page is in English now.
    const holiday = days.find((day) => day.date === reminderDay)!;
    await admin.context().addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
    await admin.goto(`${base}/admin/holidays?year=${reminderDay.slice(0, 4)}`);
    await admin.getByRole('link', { name: `Remove Test day off in lieu`, exact: false }).click();
    await admin.getByRole('heading', { level: 2, name: /^Remove “Test day off in lieu”/ }).waitFor();
    await noOverflow(admin, 'holidays-remove-en-390');
    await admin.getByRole('button', { name: 'Remove this day' }).click();
    await expect
      .poll(() => admin.getByRole('status').innerText())
      .toBe(`${ddmmyyyy(reminderDay)} was removed from the calendar.`);
    expect((await calendarOf(admin, years)).days.some((day) => day.id === holiday.id)).toBe(false);
    await head.reload();
    const afterRemoval = expectedOn((await calendarOf(admin, years)).calendar);
    await expect
      .poll(() => head.getByTestId('next-deadline').innerText())
      .toBe(`Reminder · ${ddmmyyyy(afterRemoval)}`);
  });

  it('the administrator copies last year’s criteria set, is refused too many points, edits and publishes the copy', async () => {
    const { page: admin } = await person('admin', 'en', { width: 390, height: 844 });
    await admin.goto(`${base}/admin/criteria`);
    await admin.getByRole('link', { name: /2024/ }).click();
    await admin.waitForURL(/\/admin\/criteria\/[^/?]+$/);
    await noOverflow(admin, 'criteria-2024-en-390');

    // The copy for 2025 opens as a draft with the same criteria.
    await admin.getByLabel('Year of the copy').fill('2025');
    await admin.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect
      .poll(() => admin.getByRole('status').innerText())
      .toBe('The criteria set was copied. This is the copy, which can be edited.');
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).innerText()).toMatch(/2025/);
    const copyUrl = admin.url().replace(/\?.*$/, '');

    // Criterion 1.1 worth 9 points: its siblings' total would pass criterion 1's maximum.
    await admin.getByRole('link', { name: 'Edit criterion 1.1' }).click();
    const edit = admin.locator('#edit');
    await edit.getByLabel('Maximum points').fill('9');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => admin.locator('#edit .field-error').innerText())
      .toBe('The sub-criteria’s maximum points add up to more than their parent’s maximum.');
    await noOverflow(admin, 'criteria-refused-en-390');
    // A name change with the points as they were is saved.
    await edit.getByLabel('Maximum points').fill('2');
    await edit.getByLabel('Name in English').fill('Annual reform plan issued on time');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => admin.getByRole('status').innerText()).toBe('The change was saved.');
    await expect.poll(() => admin.locator('main').innerText()).toContain('Annual reform plan issued on time');

    // Published after the confirmation step: no more edit links, the copy form stays.
    await admin.getByRole('link', { name: 'Publish the criteria set…' }).click();
    await admin.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => admin.getByRole('status').innerText()).toBe('The criteria set was published.');
    expect(await admin.getByRole('link', { name: /^Edit criterion/ }).count()).toBe(0);
    await expect.poll(() => admin.locator('main').innerText()).toContain('Published on');
    expect(admin.url().replace(/\?.*$/, '')).toBe(copyUrl);
    await noOverflow(admin, 'criteria-published-en-390');
  });
});
