// The notification bell, the notifications page and the unit head's "my work" home in a real
// Chromium against the real `npm start` (demo data), on a fresh data folder and ports of its own.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3937, postgres: 55448, temporal: 7419 });
const { base, signIn, englishPage } = app;

/** No horizontal scrolling of the whole page on a phone. */
async function overflowsAt390(page: Page): Promise<boolean> {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  return overflow;
}

const taskTitle = 'Rà soát quy trình nội bộ giải quyết thủ tục hành chính (e2e)';

describe('the notification bell, the notifications page and "my work"', () => {
  it('the unit head sees "my work" first, with an overdue task of Trực Ninh\'s plan of this year at the top', async () => {
    const head = await englishPage();
    await signIn(head, 'unitHead');
    await expect(head.getByRole('heading', { level: 1 }).first().textContent()).resolves.toBe('My work');
    const counts = head.getByRole('list', { name: 'My work' }).first();
    await expect(counts.textContent()).resolves.toMatch(/[1-9]\d*\s*Overdue/);
    const first = head.getByRole('list', { name: 'My work' }).nth(1).getByRole('listitem').first();
    await expect(first.textContent()).resolves.toMatch(/\d+ working days overdue/);
    // The plans table stays below it for a unit head.
    await expect(head.getByRole('heading', { name: 'Reform plans' }).isVisible()).resolves.toBe(true);
    await expect(overflowsAt390(head)).resolves.toBe(false);
    await head.screenshot({ path: path.join(artifacts, 'my-work.png'), fullPage: true });
    await first.getByRole('link').click();
    await head.waitForURL(/\/tasks\/[\w-]+$/);
    await head.context().close();
  });

  it("a task assigned to Phương Định raises the head's bell; the page links to it; mark all read empties the bell", async () => {
    const head = await englishPage();
    await signIn(head, 'unitHead');
    const bell = (count: number) => head.getByRole('link', { name: `Notifications, ${count} unread` });
    const before = await head
      .getByRole('link', { name: /^Notifications, \d+ unread$/ })
      .getAttribute('aria-label');
    const unreadBefore = Number(/(\d+)/.exec(before ?? '')?.[1]);

    const steering = await englishPage();
    await signIn(steering, 'steering');
    await steering.getByRole('link', { name: 'New plan' }).click();
    await steering.getByLabel('Title').fill('Kế hoạch thông báo 2027 (e2e)');
    await steering.getByLabel('Year', { exact: true }).fill('2027');
    await steering.getByRole('button', { name: 'Create plan' }).click();
    await steering.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
    // The plan page has two task forms (one task, and one per unit of a level): use the first.
    const assign = steering
      .locator('section')
      .filter({ has: steering.getByRole('heading', { name: 'Assign a task' }) });
    await assign.getByLabel('Task').fill(taskTitle);
    await assign.getByLabel('Reform area').selectOption({ index: 1 });
    await assign.getByLabel('Assigned to').selectOption({ label: 'Xã Phương Định' });
    await assign.getByLabel('Due date').fill('2027-06-30');
    await steering.getByRole('button', { name: 'Assign task' }).click();
    await steering.getByRole('status').filter({ hasText: 'Task assigned' }).waitFor();
    await steering.getByRole('button', { name: 'Issue plan…' }).click();
    await steering.getByRole('button', { name: 'Yes, issue the plan' }).click();
    await steering.getByRole('status').filter({ hasText: 'Plan issued' }).waitFor();
    await steering.context().close();

    // The plan's workflow sends the task, and its notification, within a moment.
    const item = head.getByRole('listitem').filter({ hasText: taskTitle }).first();
    await expect
      .poll(
        async () => {
          await head.goto(`${base}/notifications`);
          return item.count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    const label = await head
      .getByRole('link', { name: /^Notifications, \d+ unread$/ })
      .getAttribute('aria-label');
    expect(Number(/(\d+)/.exec(label ?? '')?.[1])).toBeGreaterThan(unreadBefore);
    await expect(item.textContent()).resolves.toContain('Unread');
    await expect(overflowsAt390(head)).resolves.toBe(false);
    await head.screenshot({ path: path.join(artifacts, 'notifications.png'), fullPage: true });

    await item.getByRole('link', { name: /^Open:/ }).click();
    await head.waitForURL(/\/tasks\/[\w-]+$/);
    await expect(head.getByRole('heading', { name: taskTitle }).isVisible()).resolves.toBe(true);

    // Without JavaScript, "mark as read" is a plain form post; the bell of the page it renders counts one less.
    const plain = await app.browser().newContext({ javaScriptEnabled: false });
    await plain.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
    const noScript = await plain.newPage();
    await signIn(noScript, 'unitHead');
    await noScript.goto(`${base}/notifications`);
    const unreadLabel = await noScript
      .getByRole('link', { name: /^Notifications, \d+ unread$/ })
      .getAttribute('aria-label');
    const unread = Number(/(\d+)/.exec(unreadLabel ?? '')?.[1]);
    const unreadItems = await noScript.getByText('Unread:').count();
    await noScript
      .getByRole('button', { name: /^Mark as read: / })
      .first()
      .click();
    await expect(noScript.getByRole('status').textContent()).resolves.toBe('Notification marked as read.');
    await expect(
      noScript.getByRole('link', { name: `Notifications, ${unread - 1} unread` }).isVisible(),
    ).resolves.toBe(true);
    await expect(noScript.getByText('Unread:').count()).resolves.toBe(unreadItems - 1);
    await plain.close();

    await head.goto(`${base}/notifications`, { waitUntil: 'networkidle' });
    await head.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(head.getByRole('status').textContent()).resolves.toMatch(/notifications marked as read/);
    await bell(0).waitFor();
    await expect(head.getByText('Unread:').count()).resolves.toBe(0);

    await head.getByRole('button', { name: 'Tiếng Việt' }).click();
    await head.getByRole('heading', { name: 'Thông báo' }).waitFor();
    await expect(head.getByRole('link', { name: 'Thông báo, 0 chưa đọc' }).isVisible()).resolves.toBe(true);
    await expect(overflowsAt390(head)).resolves.toBe(false);
    await head.setViewportSize({ width: 390, height: 844 });
    await head.screenshot({ path: path.join(artifacts, 'notifications-390-vi.png'), fullPage: true });
    await head.goto(`${base}/`);
    await expect(head.getByRole('heading', { name: 'Việc của tôi' }).isVisible()).resolves.toBe(true);
    await expect(
      head
        .getByText(/quá hạn \d+ ngày làm việc/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await head.screenshot({ path: path.join(artifacts, 'my-work-390-vi.png'), fullPage: true });
    await head.context().close();
  });
});
