// Issue 9's task commands in a real Chromium against the real `npm start` (embedded PostgreSQL,
// Temporal dev server, worker, web app), on a fresh data folder and ports of its own: the head
// accepts, reports and submits; the committee returns and accepts from its review queue; an
// extension granted there moves the due date; a cancel asks for confirmation first.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3947, postgres: 55458, temporal: 7429 });
const { base, signIn } = app;

async function englishPage(persona: string): Promise<Page> {
  const page = await app.englishPage();
  await signIn(page, persona);
  return page;
}

/** The status message shown after a command, once it contains `text`. */
async function statusSays(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

/** Whether the page is wider than a 390 px phone screen. */
async function overflowsPhone(page: Page, name: string): Promise<boolean> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, `${name}-390.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(artifacts, `${name}-desktop.png`), fullPage: true });
  return overflow;
}

const taskA = 'Công khai 100 % thủ tục hành chính trên Cổng dịch vụ công (e2e)';
const taskB = 'Rà soát quy trình nội bộ giải quyết thủ tục (e2e)';
const urls: Record<string, string> = {};
let steering: Page;
let head: Page;

describe('task commands and the review queue in a browser', () => {
  it('steering assigns two tasks to Xã Phương Định and issues the plan', async () => {
    steering = await englishPage('steering');
    await steering.getByRole('link', { name: 'New plan' }).click();
    await steering.getByLabel('Title').fill('Kế hoạch CCHC 2027 (lệnh nhiệm vụ)');
    await steering.getByLabel('Year', { exact: true }).fill('2027');
    await steering.getByRole('button', { name: 'Create plan' }).click();
    await steering.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
    for (const title of [taskA, taskB]) {
      // The plan page has two task forms (one task, and one per unit of a level): use the first.
      const assign = steering
        .locator('section')
        .filter({ has: steering.getByRole('heading', { name: 'Assign a task' }) });
      await assign.getByLabel('Task', { exact: true }).fill(title);
      await assign.getByLabel('Reform area').selectOption({ index: 1 });
      await assign.getByLabel('Assigned to').selectOption({ label: 'Xã Phương Định' });
      await assign.getByLabel('Due date').fill('2027-06-30');
      await steering.getByRole('button', { name: 'Assign task' }).click();
      await steering.getByRole('link', { name: title, exact: true }).waitFor();
    }
    await steering.getByRole('button', { name: 'Issue plan…' }).click();
    await steering.getByRole('button', { name: 'Yes, issue the plan' }).click();
    await statusSays(steering, 'Plan issued');

    head = await englishPage('unitHead');
    for (const [key, title] of [
      ['a', taskA],
      ['b', taskB],
    ] as const) {
      const link = head.getByRole('link', { name: title });
      // The plan's workflow sends the tasks within a moment; the list shows them then.
      await expect
        .poll(async () => {
          await head.goto(`${base}/tasks`);
          return link.count();
        })
        .toBe(1);
      urls[key] = new URL((await link.getAttribute('href')) ?? '', head.url()).href;
    }
  });

  it('the head accepts (in Vietnamese), reports 100 % and submits; no review form for the head', async () => {
    await head.goto(urls.a!);
    // The head sees no committee form.
    await expect(head.getByRole('button', { name: 'Accept as completed' }).count()).resolves.toBe(0);
    await expect(head.getByRole('button', { name: 'Cancel task…' }).count()).resolves.toBe(0);
    // Language switched once: the head accepts in Vietnamese.
    await head.getByRole('button', { name: 'Tiếng Việt' }).click();
    await head.getByRole('heading', { name: 'Tiếp nhận nhiệm vụ' }).waitFor();
    await head.getByRole('button', { name: 'Tiếp nhận' }).click();
    await statusSays(head, 'Đã tiếp nhận nhiệm vụ.');
    await expect(head.getByTestId('responsible').textContent()).resolves.toContain('Trần Thị Hạnh');
    await expect(head.getByRole('button', { name: 'Tiếp nhận' }).count()).resolves.toBe(0);
    await head.getByRole('button', { name: 'English' }).click();
    await head.getByRole('heading', { name: 'Report progress' }).waitFor();

    await head.getByLabel('Progress (%)').fill('100');
    await head.getByLabel('What was done').fill('Đã công khai 412/412 thủ tục');
    await head.getByRole('button', { name: 'Send report' }).click();
    await statusSays(head, 'Progress recorded: 100 %.');
    await head.reload();
    await head.getByLabel('Completion report').fill('Hoàn thành đợt 1');
    await head.getByRole('button', { name: 'Submit for review' }).click();
    await statusSays(head, 'Task submitted for review.');
    await expect(head.getByTestId('status').textContent()).resolves.toContain('Submitted');
    await expect(head.getByRole('button', { name: 'Send report' }).count()).resolves.toBe(0);
    expect(await overflowsPhone(head, 'task-head')).toBe(false);
  });

  it('steering returns it from /review with a reason; the head sees RETURNED, reports and submits again', async () => {
    await steering.getByRole('link', { name: 'Review queue', exact: true }).click();
    await steering.waitForURL(`${base}/review`);
    await expect(
      steering.getByText(/\d+ completion reports and \d+ extension requests waiting/).count(),
    ).resolves.toBe(1);
    const item = steering.getByRole('listitem').filter({ has: steering.getByRole('link', { name: taskA }) });
    await expect(item.textContent()).resolves.toContain('Hoàn thành đợt 1');
    await expect(item.textContent()).resolves.toContain('Xã Phương Định');
    // Returning without a reason is refused next to the field.
    await item.getByRole('button', { name: 'Return to the unit' }).click();
    await item.locator('.field-error').waitFor();
    await item.getByLabel('Reason (required to return)').fill('Thiếu danh mục thủ tục cấp xã');
    await item.getByRole('button', { name: 'Return to the unit' }).click();
    await statusSays(steering, 'Task returned to the unit.');
    await expect(steering.getByRole('link', { name: taskA }).count()).resolves.toBe(0);

    await head.goto(urls.a!);
    await expect(head.getByTestId('status').textContent()).resolves.toContain('Returned');
    await head.getByLabel('Progress (%)').fill('100');
    await head.getByLabel('What was done').fill('Bổ sung danh mục thủ tục cấp xã');
    await head.getByRole('button', { name: 'Send report' }).click();
    await statusSays(head, 'Progress recorded: 100 %.');
    await head.reload();
    await head.getByLabel('Completion report').fill('Hoàn thành, đã bổ sung');
    await head.getByRole('button', { name: 'Submit for review' }).click();
    await statusSays(head, 'Task submitted for review.');
  });

  it('steering accepts it from /review: COMPLETED', async () => {
    await steering.goto(`${base}/review`);
    const item = steering.getByRole('listitem').filter({ has: steering.getByRole('link', { name: taskA }) });
    await expect(item.textContent()).resolves.toContain('Hoàn thành, đã bổ sung');
    await item.getByRole('button', { name: 'Accept as completed' }).click();
    await statusSays(steering, 'Task accepted as completed.');
    await steering.goto(urls.a!);
    await expect(steering.getByTestId('status').textContent()).resolves.toContain('Completed');
    await expect(steering.getByRole('button', { name: 'Cancel task…' }).count()).resolves.toBe(0);
  });

  it('an extension granted from /review moves the due date on the task page', async () => {
    await head.goto(urls.b!);
    await expect(head.getByTestId('due-date').textContent()).resolves.toContain('30/06/2027');
    await head.getByLabel('New due date').fill('2027-09-30');
    await head.getByLabel('Why more time is needed').fill('Chờ hướng dẫn của tỉnh');
    await head.getByRole('button', { name: 'Request extension' }).click();
    await statusSays(head, 'Extension requested');
    await expect(head.getByRole('heading', { name: 'Extension request waiting' }).count()).resolves.toBe(1);

    await steering.goto(`${base}/review`);
    const item = steering.getByRole('listitem').filter({ has: steering.getByRole('link', { name: taskB }) });
    await expect(item.textContent()).resolves.toContain('30/09/2027');
    await expect(item.textContent()).resolves.toContain('Chờ hướng dẫn của tỉnh');
    expect(await overflowsPhone(steering, 'review')).toBe(false);
    await item.getByRole('button', { name: 'Grant extension' }).click();
    await statusSays(steering, 'Extension granted');

    await head.goto(urls.b!);
    await expect(head.getByTestId('due-date').textContent()).resolves.toContain('30/09/2027');
    await expect(head.getByRole('heading', { name: 'Extension request waiting' }).count()).resolves.toBe(0);
  });

  it('a cancel asks for confirmation first', async () => {
    await steering.goto(urls.b!);
    expect(await overflowsPhone(steering, 'task-steering')).toBe(false);
    await steering.getByLabel('Reason for cancelling').fill('Trùng với nhiệm vụ của huyện');
    await steering.getByRole('button', { name: 'Cancel task…' }).click();
    await steering.getByRole('button', { name: 'Yes, cancel the task' }).waitFor();
    // Nothing is cancelled yet.
    await steering.reload();
    await expect(steering.getByTestId('status').textContent()).resolves.toContain('Assigned');
    await steering.getByLabel('Reason for cancelling').fill('Trùng với nhiệm vụ của huyện');
    await steering.getByRole('button', { name: 'Cancel task…' }).click();
    await steering.getByRole('button', { name: 'Yes, cancel the task' }).click();
    await statusSays(steering, 'Task cancelled.');
    await expect(steering.getByTestId('status').textContent()).resolves.toContain('Cancelled');
  });
});
