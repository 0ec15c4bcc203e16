// Issue 10's journey 2 in a real Chromium on a 390 × 844 screen, against the real `npm start`:
// the inspector opens the demo's self inspection online, the network goes (context.setOffline),
// two checklist results and a MAJOR finding with a photo are recorded, the page says 4 changes
// wait (the photo is one) and reopens from the service worker; back online they are sent, and
// PostgreSQL holds each change once. Then the same queue entries are put back and sent again by
// hand (an answer lost after the server applied it), and the server still holds each once.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoInspectionId, selfInspection } from '../../prisma/demo-inspections.ts';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3997, postgres: 55508, temporal: 7479 });
const { base, signIn } = app;

const inspectionId = demoInspectionId(selfInspection.key);
const total = selfInspection.template.items.length;
const description = 'Bảng niêm yết thủ tục hành chính thiếu mức phí, lệ phí mới (kiểm tra ngoại tuyến)';

/** A 2 × 2 PNG, made here: the photo "taken with the camera". */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

let context: BrowserContext;
let page: Page;
let db: pg.Client;
/** The UUIDs the page gave the changes: the two results' requestIds, the finding's, the photo's clientId. */
let ids: { results: string[]; finding: string; photo: string; items: string[] };

interface QueueEntry {
  id: string;
  kind: string;
  inspectionId: string;
  payload?: Record<string, unknown>;
  /** A photo's size in bytes (its Blob stays in the page). */
  size?: number;
}

/**
 * Runs inside the page: the queue's entries as IndexedDB holds them, after writing `put` back
 * into the store when given (the page's own `__offlineSnapshot` when `put` is 'snapshot').
 */
function readQueue(put: 'snapshot' | null): Promise<QueueEntry[]> {
  const holder = window as unknown as { __offlineSnapshot?: unknown[] };
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('reform-tracker-offline');
    open.onerror = () => reject(new Error(String(open.error)));
    open.onsuccess = () => {
      const tx = open.result.transaction('changes', 'readwrite');
      const store = tx.objectStore('changes');
      for (const entry of put === 'snapshot' ? (holder.__offlineSnapshot ?? []) : []) store.put(entry);
      const all = store.getAll();
      tx.onerror = () => reject(new Error(String(tx.error)));
      tx.oncomplete = () => {
        open.result.close();
        const entries = all.result as (QueueEntry & { photo?: Blob })[];
        resolve(entries.map(({ photo, ...rest }) => ({ ...rest, ...(photo ? { size: photo.size } : {}) })));
      };
    };
  });
}

/** The queue now. */
const queued = () => page.evaluate(readQueue, null);

/** The status bar's words once they contain `text`. */
async function statusSays(text: string | RegExp): Promise<void> {
  await page.getByTestId('offline-status').filter({ hasText: text }).waitFor({ timeout: 30_000 });
}

async function count(sql: string, values: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, values);
  return Number(rows[0]!.n);
}

afterAll(async () => {
  await db?.end();
});

describe('recording an inspection offline', () => {
  it('the inspector opens the inspection online; the service worker keeps the page', async () => {
    context = await app.browser().newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
    page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await signIn(page, 'inspector');
    // The demo's inspections are driven through the workflows just after start-up.
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/inspections/${inspectionId}`);
          return page.getByRole('heading', { name: selfInspection.title }).count();
        },
        { timeout: 120_000, interval: 2_000 },
      )
      .toBe(1);
    await expect(page.getByTestId('status').textContent()).resolves.toContain('In progress');
    // The worker controls the page and has kept a copy of it (the page asks for one).
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect
      .poll(() => page.evaluate(async (path) => !!(await caches.match(path)), `/inspections/${inspectionId}`))
      .toBe(true);
    const password = readFileSync(path.join(app.dataDir(), 'postgres-password'), 'utf8').trim();
    db = new pg.Client({
      connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:55508/reform_tracker`,
    });
    await db.connect();
    expect(violations).toEqual([]);
  });

  it('offline: two results and a MAJOR finding with a photo wait, shown at once; the page reopens', async () => {
    await context.setOffline(true);
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false);

    const item4 = page.locator('li.item').nth(3);
    await item4.getByLabel('Note').fill('Chưa có văn bản phân công nhiệm vụ cho 02 công chức mới');
    await page.getByRole('button', { name: `Fail: Item 4 of ${total}` }).click();
    await statusSays('Offline — 1 change waiting to be sent');
    await page.getByRole('button', { name: `Pass: Item 5 of ${total}` }).click();
    await statusSays('Offline — 2 changes waiting to be sent');

    const findingForm = page.locator('form[action="?/finding"]');
    await findingForm.getByLabel('Severity').selectOption('MAJOR');
    await findingForm.getByLabel('Description').fill(description);
    await findingForm
      .getByLabel('Photo')
      .setInputFiles({ name: 'niem-yet.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Record finding' }).click();
    await statusSays('Offline — 4 changes waiting to be sent');

    // Shown at once, marked as waiting: the results on their items, the finding with its photo.
    await expect(item4.getByTestId('queued-result').textContent()).resolves.toMatch(
      /Fail.*Waiting to be sent/s,
    );
    const pendingFinding = page.getByTestId('queued-finding').filter({ hasText: description });
    await expect(pendingFinding.count()).resolves.toBe(1);
    await expect(pendingFinding.locator('img').count()).resolves.toBe(1);

    const queue = await queued();
    expect(queue.map((change) => change.kind).sort()).toEqual([
      'checklistResult',
      'checklistResult',
      'finding',
      'photo',
    ]);
    const results = queue.filter((change) => change.kind === 'checklistResult');
    const finding = queue.find((change) => change.kind === 'finding')!;
    const photo = queue.find((change) => change.kind === 'photo')!;
    expect(photo.size).toBe(PNG.length);
    expect(finding.payload).toMatchObject({ findingId: finding.id, severity: 'MAJOR', photoIds: [photo.id] });
    ids = {
      results: results.map((change) => change.id),
      finding: finding.id,
      photo: photo.id,
      items: results.map((change) => String(change.payload!.checklistItemId)),
    };

    // Without a connection the page reopens from the service worker, queue and all.
    await page.reload();
    await page.getByRole('heading', { name: selfInspection.title }).waitFor();
    await statusSays('Offline — 4 changes waiting to be sent');
    await expect(page.getByTestId('queued-finding').count()).resolves.toBe(1);
    // The network is off for the service worker too: an inspection never opened here does not
    // open, so the reload above was answered from the worker's copy.
    const other = await context.newPage();
    await expect(other.goto(`${base}/inspections/${demoInspectionId('ct-one-stop')}`)).rejects.toThrow();
    await other.close();
    // Nothing reached the server.
    expect(await count('"Finding" WHERE id = $1', [ids.finding])).toBe(0);
    expect(await count('"Evidence" WHERE "clientId" = $1', [ids.photo])).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'offline-waiting-390.png'), fullPage: true });
    await page
      .getByTestId('offline-status')
      .screenshot({ path: path.join(artifacts, 'offline-status-390.png') });
    await page
      .locator('li.item')
      .nth(3)
      .screenshot({ path: path.join(artifacts, 'offline-queued-result-390.png') });
    await page
      .getByTestId('queued-finding')
      .screenshot({ path: path.join(artifacts, 'offline-queued-finding-390.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    // Kept aside in the page (photo Blobs and all), to be sent again later as if their answers
    // had been lost.
    const kept = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('reform-tracker-offline');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const all = open.result.transaction('changes').objectStore('changes').getAll();
            all.onerror = () => reject(new Error(String(all.error)));
            all.onsuccess = () => {
              open.result.close();
              (window as unknown as { __offlineSnapshot: unknown[] }).__offlineSnapshot = all.result;
              resolve(all.result.length);
            };
          };
        }),
    );
    expect(kept).toBe(4);
  });

  it('back online, the changes are sent and PostgreSQL holds each once', async () => {
    await context.setOffline(false);
    await statusSays('All changes sent');
    await expect.poll(async () => (await queued()).length).toBe(0);
    await assertHeldOnce();
    // The page shows the server's copy now: the results on their items, the finding in the list.
    const item4 = page.locator('li.item').nth(3);
    await expect(item4.getByTestId('result').textContent()).resolves.toContain('Fail');
    await expect(page.getByTestId('queued-result').count()).resolves.toBe(0);
    await expect(page.getByTestId('queued-finding').count()).resolves.toBe(0);
    await expect(page.locator('ol.findings li').filter({ hasText: description }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'offline-sent-390.png'), fullPage: true });
  });

  it('the same queue entries sent again (answers lost) are recognised: still each once', async () => {
    // Put the four entries back exactly as they were before the first send and wake the sender.
    await expect(page.evaluate(readQueue, 'snapshot' as 'snapshot' | null)).resolves.toHaveLength(4);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await queued()).length, { timeout: 30_000 }).toBe(0);
    await statusSays('All changes sent');
    await expect(page.getByText(/could not be sent/).count()).resolves.toBe(0);
    await assertHeldOnce();
  });

  it('a change refused because the inspection closed meanwhile is kept with the message, not sent again, and can be discarded', async () => {
    await context.setOffline(true);
    await page.getByRole('button', { name: `Not applicable: Item 6 of ${total}` }).click();
    await statusSays('Offline — 1 change waiting to be sent');
    const [waiting] = await queued();
    // Meanwhile the inspection is closed from another device.
    const closed = await page.request.post(`${base}/graphql`, {
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      data: {
        query: `mutation Close($input: CloseInspectionInput!) {
          result: closeInspection(input: $input) { __typename ... on Inspection { status } }
        }`,
        variables: {
          input: {
            requestId: randomUUID(),
            inspectionId,
            summary: 'Kết thúc kiểm tra (thử nghiệm ngoại tuyến)',
          },
        },
      },
    });
    expect(((await closed.json()) as { data: { result: unknown } }).data.result).toEqual({
      __typename: 'Inspection',
      status: 'CLOSED',
    });

    await context.setOffline(false);
    await statusSays('1 change could not be sent: The inspection is in a status that does not allow this');
    const failed = page.getByRole('region', { name: 'Changes not sent' });
    await expect(failed.textContent()).resolves.toContain('Checklist result');
    await expect(page.getByTestId('queued-result').textContent()).resolves.toContain('Not sent');
    await page.screenshot({ path: path.join(artifacts, 'offline-refused-390.png'), fullPage: true });
    // Kept, and not sent again by itself (another wake-up sends nothing).
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await queued()).map((change) => change.id)).toEqual([waiting!.id]);
    expect(
      await count('"AuditEvent" WHERE "eventId" = $1', [`inspection-${inspectionId}:update:${waiting!.id}`]),
    ).toBe(0);

    await failed.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(async () => (await queued()).length).toBe(0);
    await expect.poll(() => failed.count()).toBe(0);
    await expect.poll(() => page.getByTestId('queued-result').count()).toBe(0);
  });
});

/** One finding row with the client's ID, one evidence row per photo, one audit event per change. */
async function assertHeldOnce(): Promise<void> {
  expect(await count('"Finding" WHERE id = $1', [ids.finding])).toBe(1);
  expect(
    await count('"Finding" WHERE "inspectionId" = $1 AND description = $2', [inspectionId, description]),
  ).toBe(1);
  expect(await count('"Evidence" WHERE "clientId" = $1', [ids.photo])).toBe(1);
  expect(await count('"Evidence" WHERE "clientId" = $1 AND "findingId" = $2', [ids.photo, ids.finding])).toBe(
    1,
  );
  for (const requestId of [...ids.results, ids.finding]) {
    expect(
      await count('"AuditEvent" WHERE "eventId" = $1', [`inspection-${inspectionId}:update:${requestId}`]),
    ).toBe(1);
  }
  const { rows } = await db.query<{ result: string | null }>(
    'SELECT result FROM "ChecklistItem" WHERE id = ANY($1) ORDER BY "sortOrder"',
    [ids.items],
  );
  expect(rows.map((row) => row.result)).toEqual(['FAIL', 'PASS']);
}
