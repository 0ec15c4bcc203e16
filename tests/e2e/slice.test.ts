// The vertical slice in a real Chromium against the real `npm start` (embedded PostgreSQL,
// Temporal dev server, worker, web app), on a fresh data folder and ports of its own.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifacts, demoLogin, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3917, postgres: 55438, temporal: 7399 });
const { base, signIn, englishPage } = app;

describe('the vertical slice in a browser', () => {
  it('prints the address and the demo logins', () => {
    expect(app.output()).toContain(base);
    expect(app.output()).toContain(demoLogin('steering').email);
  });

  it('sends a visitor without a session to the Vietnamese login page', async () => {
    const page = await app.browser().newPage();
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('a wrong password shows a clear error', async () => {
    const page = await englishPage();
    // Wait for the page's scripts, so the form is submitted by the app and not half-way
    // through hydration on a loaded machine.
    await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('E-mail').fill(demoLogin('steering').email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong e-mail or password.');
    await page.close();
  });

  it('steering assigns a task, the commune head reports 50 %, steering sees it on the plan', async () => {
    const steering = await englishPage();
    await signIn(steering, 'steering');
    await steering.getByRole('link', { name: 'New plan' }).click();
    await steering.getByLabel('Title').fill('Kế hoạch CCHC 2027 (e2e)');
    await steering.getByLabel('Year', { exact: true }).fill('2027');
    await steering.getByRole('button', { name: 'Create plan' }).click();
    await steering.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
    const planUrl = steering.url();

    // The plan page has two task forms (one task, and one per unit of a level): use the first.
    const assign = steering
      .locator('section')
      .filter({ has: steering.getByRole('heading', { name: 'Assign a task' }) });
    await assign.getByLabel('Task').fill('Số hoá 100 % hồ sơ thủ tục hành chính');
    await assign.getByLabel('Reform area').selectOption({ index: 1 });
    await assign.getByLabel('Assigned to').selectOption({ label: 'Xã Phương Định' });
    await assign.getByLabel('Due date').fill('2027-06-30');
    await assign.getByLabel('Indicator target').fill('100 % hồ sơ được số hoá');
    await steering.getByRole('button', { name: 'Assign task' }).click();
    await expect(steering.getByRole('status').textContent()).resolves.toContain(
      'Task assigned to Xã Phương Định.',
    );

    // Units see a draft's tasks only once the plan is issued.
    await steering.getByRole('button', { name: 'Issue plan…' }).click();
    await steering.getByRole('button', { name: 'Yes, issue the plan' }).click();
    await steering.getByRole('status').filter({ hasText: 'Plan issued' }).waitFor();

    const head = await englishPage();
    await signIn(head, 'unitHead');
    const taskLink = head.getByRole('link', { name: 'Số hoá 100 % hồ sơ thủ tục hành chính' });
    // The plan's workflow sends the task within a moment; the list shows it then.
    await expect
      .poll(async () => {
        await head.goto(`${base}/tasks`);
        return taskLink.count();
      })
      .toBe(1);
    await taskLink.click();
    await head.getByLabel('Progress (%)').fill('50');
    await head.getByLabel('What was done').fill('Đã số hoá 640/1.280 hồ sơ');
    await head.getByRole('button', { name: 'Send report' }).click();
    await expect(head.getByRole('status').textContent()).resolves.toContain('Progress recorded: 50 %.');
    await head.reload();
    await expect(head.getByText('Đã số hoá 640/1.280 hồ sơ').isVisible()).resolves.toBe(true);

    await steering.goto(planUrl);
    const row = steering
      .getByRole('table', { name: 'Progress by unit' })
      .getByRole('row', { name: /Xã Phương Định/ });
    // Percentages as English writes them (Intl): 50%; Vietnamese writes 50 %.
    await expect(row.textContent()).resolves.toContain('50%');
    await expect(steering.getByText('Completion:').textContent()).resolves.toContain('50%');
    await steering.screenshot({ path: path.join(artifacts, 'steering-plan.png'), fullPage: true });
  });

  it('bad progress is refused with a message next to the field, and nothing is recorded', async () => {
    const head = await englishPage();
    await signIn(head, 'unitHead');
    await head.getByRole('link', { name: 'Tasks of Xã Phương Định' }).click();
    await head.getByRole('link', { name: 'Số hoá 100 % hồ sơ thủ tục hành chính' }).click();
    // Going backwards without a reason: the workflow refuses it.
    await head.getByLabel('Progress (%)').fill('20');
    await head.getByRole('button', { name: 'Send report' }).click();
    // Said once, next to the field it is about.
    await head.getByText(/give a reason/).waitFor();
    await expect(head.getByText(/give a reason/).count()).resolves.toBe(1);
    await head.reload();
    await expect(
      head
        .getByText(/\b50\s?%/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(head.locator('.reports li').count()).resolves.toBe(1);
  });
});
