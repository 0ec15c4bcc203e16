// Screenshots of every page for every demo persona, at 1280 px and at 390 × 844, in Vietnamese
// and English, for a person to look at (not a test; `npm test` does not run it):
//
//   npm run build && npx tsx scripts/screenshots.ts [output folder, default tests/.artifacts/shots]
//
// It starts its own `npm start` (the built web app) on a fresh data folder with the demo data,
// on PORT / RT_PG_PORT / RT_TEMPORAL_PORT (default 3967 / 55478 / 7449), and stops it at the end.
// Files: <persona>-<page>-<width>-<language>.png. It also prints, per screenshot, what a machine
// can spot: a page wider than the screen, ISO dates, upper-case enum values, and the HTTP status.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { demoLogins } from '../prisma/seed.ts';
import { root } from './lib/paths.ts';

const out = path.resolve(process.argv[2] ?? path.join(root, 'tests/.artifacts/shots'));
const port = Number(process.env.PORT ?? 3967);
const base = `http://localhost:${port}`;
const languages = ['vi', 'en'] as const;
type Language = (typeof languages)[number];
const widths = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const personas = ['steering', 'unitHead', 'unitStaff', 'inspector', 'admin'] as const;
/** The demo's plans: Trực Ninh's of this year (in Vietnam) and its closed one of last year. */
const trucNinhPlan = 'Kế hoạch cải cách hành chính huyện Trực Ninh năm';
const year = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
);

/** Starts `npm start` on a fresh data folder; resolves once it says it is ready. */
async function startApp(): Promise<{ stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rt-shots-'));
  chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RT_DATA_DIR: dataDir,
    PORT: String(port),
    RT_PG_PORT: process.env.RT_PG_PORT ?? '55478',
    RT_TEMPORAL_PORT: process.env.RT_TEMPORAL_PORT ?? '7449',
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/start.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready in time:\n${output}`)), 240_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return {
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(page: Page, persona: string): Promise<void> {
  const login = demoLogins.find((entry) => entry.persona === persona);
  if (!login) throw new Error(`no demo login for ${persona}`);
  await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
  await page.getByLabel(/^\s*(E-mail|Email)\s*$/).fill(login.email);
  await page.getByLabel(/^\s*(Password|Mật khẩu)\s*$/).fill(login.password);
  await page.getByRole('button', { name: /^(Sign in|Đăng nhập)$/ }).click();
  await page.waitForURL(`${base}/`);
}

/** The href of the first link matched, as an absolute URL (or null). */
async function hrefOf(page: Page, selector: ReturnType<Page['getByRole']>): Promise<string | null> {
  if ((await selector.count()) === 0) return null;
  return selector.first().evaluate((link) => (link as HTMLAnchorElement).href);
}

/** The first link in the page's main part whose path is `/<section>/<id>` (not `new` or `overview`). */
async function firstLinkTo(page: Page, section: string): Promise<string | null> {
  return page.evaluate(
    (prefix) =>
      [...document.querySelectorAll<HTMLAnchorElement>('main a[href]')].find((link) => {
        const parts = new URL(link.href).pathname.split('/');
        return parts.length === 3 && parts[1] === prefix && !['new', 'overview'].includes(parts[2]!);
      })?.href ?? null,
    section,
  );
}

/** The first link in the page's main part to a task's page. */
const firstTaskLink = (page: Page) => firstLinkTo(page, 'tasks');

/** A draft plan with one task, made by the steering member: the plan editor's pages (in Vietnamese). */
async function makeDraft(page: Page): Promise<{ plan: string; taskEdit: string | null }> {
  await page.goto(`${base}/plans/new`, { waitUntil: 'networkidle' });
  await page.getByLabel('Tên kế hoạch').fill(`Kế hoạch cải cách hành chính năm ${year + 1} (dự thảo)`);
  await page.getByLabel('Năm', { exact: true }).fill(String(year + 1));
  await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
  await page.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
  await page.waitForLoadState('networkidle');
  const plan = page.url();
  const assign = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Giao nhiệm vụ' }) });
  await assign
    .getByLabel('Nhiệm vụ', { exact: true })
    .fill(`Rà soát, công bố danh mục thủ tục hành chính cấp xã năm ${year + 1}`);
  await assign.getByLabel('Lĩnh vực cải cách').selectOption({ index: 1 });
  await assign.getByLabel('Đơn vị thực hiện').selectOption({ label: 'Xã Phương Định' });
  await assign.getByLabel('Hạn hoàn thành').fill(`${year + 1}-06-30`);
  await assign.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await page
    .getByRole('link', { name: /^Sửa “/ })
    .first()
    .waitFor();
  return { plan, taskEdit: await hrefOf(page, page.getByRole('link', { name: /^Sửa “/ })) };
}

interface Finding {
  file: string;
  status: number | null;
  notes: string[];
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const findings: Finding[] = [];
  try {
    const shoot = async (page: Page, persona: string, name: string, url: string | null, lang: Language) => {
      if (!url) {
        findings.push({ file: `${persona}-${name}`, status: null, notes: ['no such page for this persona'] });
        return;
      }
      for (const size of widths) {
        await page.setViewportSize(size);
        const response = await page.goto(url, { waitUntil: 'networkidle' });
        const file = `${persona}-${name}-${size.width}-${lang}.png`;
        await page.screenshot({ path: path.join(out, file), fullPage: true });
        const facts = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          text: document.querySelector('main')?.innerText ?? document.body.innerText,
        }));
        const notes: string[] = [];
        if (facts.scrollWidth > size.width) notes.push(`overflow: ${facts.scrollWidth} px`);
        const iso = facts.text.match(/\b\d{4}-\d{2}-\d{2}\b/g);
        if (iso) notes.push(`ISO dates: ${[...new Set(iso)].slice(0, 5).join(', ')}`);
        const enums = facts.text.match(
          /\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b(?:ASSIGNED|ACCEPTED|SUBMITTED|RETURNED|DRAFT|ISSUED|COMMUNE|DISTRICT)\b/g,
        );
        if (enums) notes.push(`upper-case values: ${[...new Set(enums)].slice(0, 5).join(', ')}`);
        findings.push({ file, status: response?.status() ?? null, notes });
      }
    };

    // The login page, before anyone signs in.
    for (const lang of languages) {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'rt_locale', value: lang, url: base }]);
      await shoot(await context.newPage(), 'anonymous', 'login', `${base}/login`, lang);
      await context.close();
    }

    // The steering member makes a draft plan first, so every persona can be shown its editor.
    const setup = await browser.newContext();
    await setup.addCookies([{ name: 'rt_locale', value: 'vi', url: base }]);
    const setupPage = await setup.newPage();
    await signIn(setupPage, 'steering');
    const draft = await makeDraft(setupPage);
    await setup.close();

    for (const persona of personas) {
      for (const lang of languages) {
        const context = await browser.newContext({ viewport: widths[0] });
        await context.addCookies([{ name: 'rt_locale', value: lang, url: base }]);
        const page = await context.newPage();
        await signIn(page, persona);
        await page.waitForLoadState('networkidle');
        // What each persona reaches from its own pages.
        const firstTask = await hrefOf(
          page,
          page
            .getByRole('list', { name: /^(My work|Việc của tôi)$/ })
            .nth(1)
            .getByRole('link'),
        );
        const assignedTask = await hrefOf(
          page,
          page
            .getByRole('list', { name: /^(My work|Việc của tôi)$/ })
            .nth(1)
            .getByRole('listitem')
            .filter({ hasText: /· (Assigned|Đã giao)\b/ })
            .getByRole('link'),
        );
        const plan = await hrefOf(page, page.getByRole('link', { name: `${trucNinhPlan} ${year}` }));
        const closedPlan = await hrefOf(
          page,
          page.getByRole('link', { name: `${trucNinhPlan} ${year - 1}` }),
        );
        await page.goto(`${base}/tasks`, { waitUntil: 'networkidle' });
        const listedTask = await firstTaskLink(page);
        let reviewTask: string | null = null;
        if (persona === 'steering') {
          await page.goto(`${base}/review`, { waitUntil: 'networkidle' });
          reviewTask = await firstTaskLink(page);
        }

        await page.goto(`${base}/inspections`, { waitUntil: 'networkidle' });
        const inspection = await firstLinkTo(page, 'inspections');
        await page.goto(`${base}/corrective`, { waitUntil: 'networkidle' });
        const corrective = await firstLinkTo(page, 'corrective');

        await shoot(page, persona, 'home', `${base}/`, lang);
        await shoot(page, persona, 'tasks', `${base}/tasks`, lang);
        await shoot(page, persona, 'tasks-overdue', `${base}/tasks?overdue=1`, lang);
        await shoot(page, persona, 'task', firstTask ?? listedTask, lang);
        if (assignedTask) await shoot(page, persona, 'task-assigned', assignedTask, lang);
        if (reviewTask) await shoot(page, persona, 'task-submitted', reviewTask, lang);
        await shoot(page, persona, 'notifications', `${base}/notifications`, lang);
        await shoot(page, persona, 'review', `${base}/review`, lang);
        await shoot(page, persona, 'plan', plan, lang);
        await shoot(page, persona, 'plan-closed', closedPlan, lang);
        await shoot(page, persona, 'plan-new', `${base}/plans/new`, lang);
        await shoot(page, persona, 'plan-draft', draft.plan, lang);
        await shoot(page, persona, 'plan-draft-task-edit', draft.taskEdit, lang);
        await shoot(page, persona, 'inspections', `${base}/inspections`, lang);
        await shoot(page, persona, 'inspection', inspection, lang);
        await shoot(page, persona, 'inspection-new', `${base}/inspections/new`, lang);
        await shoot(page, persona, 'inspections-overview', `${base}/inspections/overview`, lang);
        await shoot(page, persona, 'corrective', `${base}/corrective`, lang);
        await shoot(page, persona, 'corrective-action', corrective, lang);
        await shoot(page, persona, 'dashboard', `${base}/dashboard`, lang);
        await shoot(page, persona, 'admin', `${base}/admin`, lang);
        await shoot(page, persona, 'not-found', `${base}/tasks/00000000-0000-0000-0000-000000000000`, lang);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  for (const finding of findings) {
    console.log(`${finding.file}\t${finding.status ?? '-'}\t${finding.notes.join('; ')}`);
  }
  console.log(`${findings.length} screenshots in ${out}`);
}

await main();
