// The real `npm start` (embedded PostgreSQL, Temporal dev server, worker, web app) on a fresh
// data folder and ports of its own, and a Chromium to drive it: what every browser suite needs.
// Call it at the top of a test file; it registers its own beforeAll / afterAll.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { demoLogins } from '../../prisma/seed.ts';
import { root } from '../../scripts/lib/paths.ts';
import { findOrInstall, temporalTestServer } from '../../scripts/lib/tools.ts';

export const artifacts = path.join(root, 'tests/.artifacts');

export function demoLogin(persona: string): { email: string; password: string; name: string } {
  const found = demoLogins.find((entry) => entry.persona === persona);
  if (!found) throw new Error(`no demo login for ${persona}`);
  return found;
}

/** Ports no other browser suite uses: grep tests/e2e for the ones taken. */
export interface AppPorts {
  web: number;
  postgres: number;
  temporal: number;
}

export interface AppOptions {
  /**
   * Run the stack on Temporal's time-skipping test server instead of the dev server, so a test
   * can move the workflows' clock forward (`skipTime`) instead of waiting: a surprise inspection's
   * day, a deadline. Time runs at its normal pace otherwise.
   */
  timeSkipping?: boolean;
}

export function useAppInBrowser(ports: AppPorts, options: AppOptions = {}) {
  const base = `http://localhost:${ports.web}`;
  let timeServer: TestWorkflowEnvironment | undefined;
  let dataDir = '';
  let app: ChildProcess | undefined;
  let output = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'rt-e2e-'));
    // As root, PostgreSQL runs as the postgres user, who must reach the data folder.
    chmodSync(dataDir, 0o755);
    mkdirSync(artifacts, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RT_DATA_DIR: dataDir,
      PORT: String(ports.web),
      RT_PG_PORT: String(ports.postgres),
      RT_TEMPORAL_PORT: String(ports.temporal),
    };
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
    if (options.timeSkipping) {
      const executable = process.env.TEMPORAL_TEST_SERVER_PATH ?? findOrInstall(temporalTestServer);
      timeServer = await TestWorkflowEnvironment.createTimeSkipping({
        server: {
          port: ports.temporal,
          ...(executable ? { executable: { type: 'existing-path' as const, path: executable } } : {}),
        },
      });
      env.TEMPORAL_ADDRESS = `127.0.0.1:${ports.temporal}`;
    }
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/start.ts')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start was not ready in time:\n${output}`)),
        170_000,
      );
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
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
      const exited = new Promise((resolve) => app?.once('exit', resolve));
      app.kill('SIGINT');
      await exited;
    }
    await timeServer?.teardown();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const running = {
    base,
    /**
     * Moves the workflows' clock forward by `ms` (time-skipping stacks only): timers due in that
     * span fire, in order, as if the time had passed.
     */
    skipTime: async (ms: number): Promise<void> => {
      if (!timeServer) throw new Error('skipTime needs useAppInBrowser(ports, { timeSkipping: true })');
      await timeServer.sleep(ms);
    },
    /** The workflows' clock (epoch ms): ahead of the wall clock once time was skipped. */
    workflowNow: async (): Promise<number> => {
      if (!timeServer) return Date.now();
      return timeServer.currentTimeMs();
    },
    /** What `npm start` printed so far. */
    output: () => output,
    /** The app's data folder (its PostgreSQL password is in `postgres-password` there). */
    dataDir: () => dataDir,
    browser: (): Browser => {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      return browser;
    },
    /** Signs a demo persona in on the login page, in English or (after a switch) in Vietnamese. */
    signIn: async (page: Page, persona: string): Promise<void> => {
      const { email, password } = demoLogin(persona);
      await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
      await page.getByLabel(/^\s*(E-mail|Email)\s*$/).fill(email);
      await page.getByLabel(/^\s*(Password|Mật khẩu)\s*$/).fill(password);
      await page.getByRole('button', { name: /^(Sign in|Đăng nhập)$/ }).click();
      await page.waitForURL(`${base}/`);
    },
    /** A fresh browser context whose chosen language is English. */
    englishPage: async (): Promise<Page> => {
      const context = await running.browser().newContext();
      await context.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
      return context.newPage();
    },
  };
  return running;
}
