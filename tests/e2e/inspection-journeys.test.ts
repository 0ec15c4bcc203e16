// Issue 10's browser journeys 1 and 4 in a real Chromium against the real `npm start` and its demo
// data, on Temporal's time-skipping test server so the journey moves the workflows' clock to the
// surprise inspection's day instead of waiting for it. (Journey 2, offline recording, is
// tests/e2e/offline.test.ts; journey 3, the corrective rounds, tests/e2e/corrective.test.ts.)
//  1. The committee plans a surprise inspection of Phương Định through the planner; the commune's
//     head, signed in, finds it on no page (home, lists, calendar, notifications, tasks, the
//     corrective actions, its own URL answering as a made-up one); once its day has come it is
//     on the head's home page and its page opens.
//  4. The inspector downloads the minutes of Cát Thành's closed inspection from its page on a
//     phone; the PDF's text (read back with unpdf) holds both findings with their diacritics.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { describe, expect, it, onTestFailed } from 'vitest';
import { closedInspection } from '../../prisma/demo-inspections.ts';
import { atVietnamTime } from '../../workflows/src/calendar.ts';
import { artifacts, demoLogin, useAppInBrowser } from '../helpers/app-in-browser.ts';

const inspectorName = demoLogin('inspector').name;
const app = useAppInBrowser({ web: 4007, postgres: 55518, temporal: 7489 }, { timeSkipping: true });
const { base, signIn } = app;

async function person(
  persona: string,
  language: 'en' | 'vi',
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser().newContext({ viewport, acceptDownloads: true });
  await context.addCookies([{ name: 'rt_locale', value: language, url: base }]);
  const page = await context.newPage();
  const name = (expect.getState().currentTestName ?? 'journey').replace(/\W+/g, '-').slice(-40);
  onTestFailed(async () => {
    await page
      .screenshot({ path: path.join(artifacts, `inspection-${name}-failed.png`), fullPage: true })
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

/** A weekday `days` after today (Vietnam time). */
function weekdayAfter(days: number): string {
  const date = new Date(Date.now() + 7 * 60 * 60 * 1000);
  date.setUTCDate(date.getUTCDate() + days);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function noOverflow(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `inspection-${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBe(false);
}

describe('issue 10 journeys', () => {
  it('1. a surprise inspection stays hidden from the commune until its day, then appears', async () => {
    const title = `Kiểm tra đột xuất tiếp nhận hồ sơ (e2e ${randomUUID().slice(0, 6)})`;
    // The commune's head, in Vietnamese, on a phone. Its pages already show dates of their own (a
    // task due on some day of the coming weeks): the window is chosen among days none of its pages
    // mentions yet, so a date on them afterwards can only come from the surprise inspection.
    const { page: head } = await person('unitHead', 'vi', { width: 390, height: 844 });
    const pages = [
      '/',
      '/inspections',
      '/inspections?bucket=UPCOMING',
      '/inspections?bucket=TODAY',
      '/corrective',
      '/notifications',
      '/tasks',
      '/review',
    ];
    let before = '';
    for (const url of pages) {
      await head.goto(`${base}${url}`);
      before += await head.content();
    }
    const mentioned = (iso: string) => before.includes(iso) || before.includes(ddmmyyyy(iso));
    let offset = 20;
    while (offset < 80) {
      const days = Array.from({ length: 8 }, (_, i) => weekdayAfter(offset + i));
      if (!days.some(mentioned)) break;
      offset += 1;
    }
    const from = weekdayAfter(offset);
    const to = weekdayAfter(offset + 7);
    expect(
      offset,
      `no window of 8 weekdays within 80 days is free of dates on the head's pages`,
    ).toBeLessThan(80);

    const { page: steering } = await person('steering', 'en');
    await steering.getByRole('link', { name: 'Plan an inspection' }).click();
    await steering.waitForURL(`${base}/inspections/new`);
    await steering.getByLabel('Surprise').check();
    const target = steering.getByLabel('Unit to inspect');
    await target.selectOption(
      (await target.locator('option', { hasText: 'Xã Phương Định' }).getAttribute('value')) ?? '',
    );
    // With JavaScript the people who may inspect the commune follow the unit chosen.
    await steering.getByRole('checkbox', { name: new RegExp(inspectorName) }).check();
    await steering.getByLabel('Title').fill(title);
    await steering.getByLabel('Window from').fill(from);
    await steering.getByLabel('Window to').fill(to);
    await steering.getByLabel('More items (one per line)').fill('Giờ làm việc\nThái độ tiếp công dân');
    await steering.getByRole('button', { name: 'Plan the inspection' }).click();
    await steering.waitForURL(/\/inspections\/(?!new$)[\w-]+$/);
    const id = new URL(steering.url()).pathname.split('/').pop()!;
    const { inspection } = await gql<{ inspection: { scheduledOn: string; status: string } }>(
      steering,
      `query($id: ID!) { inspection(id: $id) { scheduledOn status } }`,
      { id },
    );
    expect(inspection.status).toBe('PLANNED');
    const day = inspection.scheduledOn;
    expect(day >= from && day <= to).toBe(true);

    // Nothing anywhere the head goes says it exists.
    const secrets = [id, title, day, ddmmyyyy(day)];
    for (const url of [...pages, `/inspections?month=${day.slice(0, 7)}`]) {
      const response = await head.goto(`${base}${url}`);
      const html = await head.content();
      for (const secret of secrets) {
        expect(html.includes(secret), `${url} (${response?.status()}) shows ${secret}`).toBe(false);
      }
    }
    await head.goto(`${base}/`);
    await noOverflow(head, 'j1-head-home-before');
    // Its own URL answers exactly as a made-up one.
    const hidden = await head.goto(`${base}/inspections/${id}`);
    const hiddenText = (await head.locator('main').innerText()).replaceAll(id, 'X');
    const madeUp = randomUUID();
    const missing = await head.goto(`${base}/inspections/${madeUp}`);
    const missingText = (await head.locator('main').innerText()).replaceAll(madeUp, 'X');
    expect(hidden?.status()).toBe(404);
    expect(missing?.status()).toBe(404);
    expect(hiddenText).toBe(missingText);
    const minutes = await head.request.get(`${base}/inspections/${id}/minutes.pdf`);
    const madeUpMinutes = await head.request.get(`${base}/inspections/${madeUp}/minutes.pdf`);
    expect(minutes.status()).toBe(404);
    expect((await minutes.text()).replaceAll(id, 'X')).toBe(
      (await madeUpMinutes.text()).replaceAll(madeUp, 'X'),
    );

    // Its day comes: the workflows' clock moves to 08:01 Vietnam time on it (not waited for).
    const start = atVietnamTime(day, 8).getTime() + 60_000;
    await app.skipTime(start - (await app.workflowNow()));
    await expect
      .poll(
        async () => {
          await head.goto(`${base}/`);
          return (await head.content()).includes(title);
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    await head.getByRole('link', { name: title }).first().click();
    await head.waitForURL(`${base}/inspections/${id}`);
    await head.getByRole('heading', { name: title }).waitFor();
    await noOverflow(head, 'j1-head-inspection-after');
  }, 300_000);

  it('4. the minutes PDF of a closed inspection downloads with its Vietnamese findings intact', async () => {
    const { page: inspector } = await person('inspector', 'vi', { width: 390, height: 844 });
    await inspector.goto(`${base}/inspections?bucket=CLOSED`);
    await inspector.getByRole('link', { name: closedInspection.title }).first().click();
    await inspector.waitForURL(/\/inspections\/[\w-]+$/);
    await noOverflow(inspector, 'j4-closed-inspection-phone');
    const [download] = await Promise.all([
      inspector.waitForEvent('download'),
      inspector.getByRole('link', { name: 'Biên bản kiểm tra (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = path.join(artifacts, 'inspection-minutes-vi.pdf');
    await download.saveAs(file);
    const bytes = new Uint8Array(readFileSync(file));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text } = await extractText(bytes, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('BIÊN BẢN KIỂM TRA');
    for (const finding of closedInspection.findings) {
      // Every word of the finding is there, with its diacritics (lines may wrap between words).
      expect(flat).toContain(finding.description.replace(/\s+/g, ' ').slice(0, 60));
    }
    expect(flat).toContain('Thị trấn Cát Thành');
  }, 120_000);
});
