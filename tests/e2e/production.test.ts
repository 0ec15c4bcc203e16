// `NODE_ENV=production npm start` on ports of its own, against a fresh migrated database
// without demo data (DATABASE_URL: the test server's copy of the template), driven over HTTP
// and in Chromium: headers, cross-origin requests, sign-in, sign-out; then a second start
// with a demo account in the database, which must refuse to run.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

const port = 3927;
const base = `http://localhost:${port}`;
let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let dataDir: string;
let app: ChildProcess | undefined;
let output = '';
let browser: Browser;

function start(): { process: ChildProcess; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    RT_DATA_DIR: dataDir,
    PORT: String(port),
    RT_TEMPORAL_PORT: '7409',
    // As behind a reverse proxy: the client's address comes from X-Forwarded-For.
    ADDRESS_HEADER: 'x-forwarded-for',
    XFF_DEPTH: '1',
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.ORIGIN;
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/start.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { process: child, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** The proxy in front of the app names the client; the browser contexts send it too. */
const BROWSER_ADDRESS = '198.51.100.20';
const http = (url: string, init: RequestInit = {}, address = '198.51.100.30') =>
  fetch(`${base}${url}`, { ...init, headers: { 'x-forwarded-for': address, ...init.headers } });

async function stop(): Promise<void> {
  if (!app || app.exitCode !== null) return;
  const exited = new Promise((resolve) => app!.once('exit', resolve));
  app.kill('SIGINT');
  await exited;
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  dataDir = mkdtempSync(path.join(tmpdir(), 'rt-production-'));
  chmodSync(dataDir, 0o755);
  const started = start();
  app = started.process;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the production start was not ready:\n${output}`)),
      280_000,
    );
    const check = setInterval(() => {
      if (!output.includes('is ready')) return;
      clearInterval(check);
      clearTimeout(timer);
      resolve();
    }, 200);
    void started.exited.then((code) => {
      clearInterval(check);
      reject(new Error(`the production start exited with ${code}:\n${output}`));
    });
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
  await db?.drop();
}, 60_000);

/** A browser context whose pages report every Content-Security-Policy violation. */
async function browserContext(violations: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'en-US',
    extraHTTPHeaders: { 'x-forwarded-for': BROWSER_ADDRESS },
  });
  await context.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return context;
}

async function signIn(page: Page, password = fixtures.password, next = ''): Promise<void> {
  await page.goto(`${base}/login${next}`, { waitUntil: 'networkidle' });
  await page.getByLabel('Email').fill(fixtures.users.steering.email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe('a production start', () => {
  it('prints no demo logins', () => {
    expect(output).toContain('is ready');
    expect(output).not.toContain('Demo logins');
  });

  it('sends the security headers on pages, with a CSP that forbids framing', async () => {
    const response = await http('/login');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a cross-origin preflight without allowing it, and refuses the cross-origin request', async () => {
    const preflight = await http('/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await http('/graphql', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { logoutEverywhere }' }),
    });
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('has no GraphiQL and no introspection', async () => {
    const page = await http('/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    const introspection = await http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await introspection.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('refuses an alias flood, an over-budget query and a 5 MB body, each with a clear answer', async () => {
    const ask = (body: string) =>
      http('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    type Answer = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    const flood = await ask(
      JSON.stringify({
        query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      }),
    );
    const floodBody = (await flood.json()) as Answer;
    expect(floodBody.data ?? null).toBeNull();
    expect(floodBody.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const expensive = await ask(
      JSON.stringify({
        query:
          '{ plans(first: 100) { edges { node { tasks(first: 200) { edges { node { id title } } } } } } }',
      }),
    );
    const expensiveBody = (await expensive.json()) as Answer;
    expect(expensiveBody.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_EXPENSIVE');
    expect(expensiveBody.errors?.[0]?.message).toMatch(/25000/);
    const large = await ask(
      JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(5 << 20) } }),
    );
    expect(large.status).toBe(413);
    expect(((await large.json()) as Answer).errors?.[0]?.message).toBe('Yêu cầu quá lớn: tối đa 1 MB.');
  });

  it('in Chromium: Vietnamese errors on the Vietnamese page, no open redirect, __Host- cookie, no CSP violation', async () => {
    const violations: string[] = [];
    const context = await browserContext(violations);
    const page = await context.newPage();
    // The browser asks for English; the page is Vietnamese, and so is the error.
    await signIn(page, 'not the password');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Email hoặc mật khẩu không đúng.');
    await signIn(page, fixtures.password, '?next=/%09/evil.example');
    await page.waitForURL(`${base}/`);
    await expect(page.getByText(fixtures.users.steering.name).first().isVisible()).resolves.toBe(true);
    const cookies = await context.cookies(base);
    expect(cookies.map((cookie) => [cookie.name, cookie.secure, cookie.httpOnly])).toContainEqual([
      '__Host-rt_session',
      true,
      true,
    ]);
    await page.reload({ waitUntil: 'networkidle' });
    await page.goto(`${base}/plans/${fixtures.plan.id}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: fixtures.plan.title }).isVisible()).resolves.toBe(true);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('private pages are not stored, and after sign-out Back shows the login page', async () => {
    const context = await browserContext([]);
    const page = await context.newPage();
    await signIn(page);
    await page.waitForURL(`${base}/`);
    const dashboard = await page.goto(`${base}/`);
    expect(dashboard?.headers()['cache-control']).toBe('no-store');
    // The fixture users chose English.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${base}/login`);
    await page.goBack();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByText(fixtures.users.steering.name).count()).resolves.toBe(0);
    await context.close();
  });

  it('"sign out everywhere" ends the sessions in other browsers', async () => {
    const office = await browserContext([]);
    const home = await browserContext([]);
    const officePage = await office.newPage();
    const homePage = await home.newPage();
    await signIn(officePage);
    await officePage.waitForURL(`${base}/`);
    await signIn(homePage);
    await homePage.waitForURL(`${base}/`);
    await homePage
      .getByRole('button', { name: /^(Sign out everywhere|Đăng xuất trên mọi thiết bị)$/ })
      .click();
    await homePage.waitForURL(`${base}/login`);
    await officePage.reload();
    expect(new URL(officePage.url()).pathname).toBe('/login');
    await office.close();
    await home.close();
  });

  it('the sign-in throttle counts the address the proxy names (ADDRESS_HEADER), not the proxy', async () => {
    const login = async (password: string, address: string) => {
      const response = await http(
        '/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
          body: JSON.stringify({
            query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { message } } }`,
            variables: { e: fixtures.users.head.email, p: password },
          }),
        },
        address,
      );
      const body = (await response.json()) as { data: { login: { __typename: string; message?: string } } };
      return body.data.login.message ?? body.data.login.__typename;
    };
    for (let i = 0; i < 5; i++) expect(await login('typo', '203.0.113.1')).toBe('Wrong e-mail or password.');
    expect(await login(fixtures.password, '203.0.113.1')).toBe(
      'Too many failed sign-ins. Try again in 15 minutes.',
    );
    // The same person from the next building, behind the same proxy: a different address.
    expect(await login(fixtures.password, '203.0.113.2')).toBe('LoginSuccess');
  });

  it('refuses to start again once a demo account is in the database', async () => {
    await stop();
    await db.prisma.user.create({
      data: { email: 'admin@reform.demo', name: 'Demo', passwordHash: 'x' },
    });
    output = '';
    const second = start();
    app = second.process;
    expect(await second.exited).toBe(1);
    expect(output).toMatch(/NODE_ENV=production, but the database holds 1 demo account\(s\)/);
    expect(output).not.toContain('is ready');
  }, 120_000);
});
