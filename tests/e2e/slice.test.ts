// The vertical slice in a real Chromium against the real `npm start` (embedded PostgreSQL,
// Temporal dev server, worker, web app), on a fresh data folder and ports of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../prisma/seed.ts';
import { root } from '../../scripts/lib/paths.ts';

const port = 3917;
const base = `http://localhost:${port}`;
const artifacts = path.join(root, 'tests/.artifacts');
let dataDir: string;
let app: ChildProcess;
let output = '';
let browser: Browser;

const login = (persona: string) => {
  const found = demoLogins.find((entry) => entry.persona === persona);
  if (!found) throw new Error(`no demo login for ${persona}`);
  return found;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rt-e2e-'));
  // As root, PostgreSQL runs as the postgres user, who must reach the data folder.
  chmodSync(dataDir, 0o755);
  mkdirSync(artifacts, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RT_DATA_DIR: dataDir,
    PORT: String(port),
    RT_PG_PORT: '55438',
    RT_TEMPORAL_PORT: '7399',
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  app = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/start.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready in time:\n${output}`)), 170_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    app.stdout?.on('data', collect);
    app.stderr?.on('data', collect);
    app.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGINT');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function signIn(page: Page, persona: string): Promise<void> {
  const { email, password } = login(persona);
  await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

async function englishPage(): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
  return context.newPage();
}

describe('the vertical slice in a browser', () => {
  it('prints the address and the demo logins', () => {
    expect(output).toContain(`http://localhost:${port}`);
    expect(output).toContain(login('steering').email);
  });

  it('sends a visitor without a session to the Vietnamese login page', async () => {
    const page = await browser.newPage();
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
    await page.getByLabel('E-mail').fill(login('steering').email);
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

    await steering.getByLabel('Task').fill('Số hoá 100 % hồ sơ thủ tục hành chính');
    await steering.getByLabel('Reform area').selectOption({ index: 1 });
    await steering.getByLabel('Assigned to').selectOption({ label: 'Xã Phương Định' });
    await steering.getByLabel('Due date').fill('2027-06-30');
    await steering.getByLabel('Indicator target').fill('100 % hồ sơ được số hoá');
    await steering.getByRole('button', { name: 'Assign task' }).click();
    await expect(steering.getByRole('status').textContent()).resolves.toContain(
      'Task assigned to Xã Phương Định.',
    );

    // Units see a draft's tasks only once the plan is issued.
    await steering.getByRole('button', { name: 'Issue plan' }).click();
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
    await expect(row.textContent()).resolves.toContain('50 %');
    await expect(steering.getByText('Completion:').textContent()).resolves.toContain('50 %');
    await steering.screenshot({ path: path.join(artifacts, 'steering-plan.png'), fullPage: true });
  });

  it('bad progress is refused with a message next to the field, and nothing is recorded', async () => {
    const head = await englishPage();
    await signIn(head, 'unitHead');
    await head.getByRole('link', { name: "My unit's tasks" }).click();
    await head.getByRole('link', { name: 'Số hoá 100 % hồ sơ thủ tục hành chính' }).click();
    // Going backwards without a reason: the workflow refuses it.
    await head.getByLabel('Progress (%)').fill('20');
    await head.getByRole('button', { name: 'Send report' }).click();
    await expect(head.getByRole('alert').textContent()).resolves.toContain('give a reason');
    await head.reload();
    await expect(head.getByText('50 %').first().isVisible()).resolves.toBe(true);
    await expect(head.locator('.reports li').count()).resolves.toBe(1);
  });
});
