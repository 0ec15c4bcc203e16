// Issue 10's journey 2 in a real Chromium on a 390 × 844 screen, against the real `npm start`:
// the inspector opens the demo's self inspection online, the network goes (context.setOffline),
// two checklist results and a MAJOR finding with a photo are recorded, the page says 4 changes
// wait (the photo is one) and reopens from the service worker; back online they are sent, and
// PostgreSQL holds each change once. Then the same queue entries are put back and sent again by
// hand (an answer lost after the server applied it), and the server still holds each once. Last,
// two inspectors record the same item: the offline one's result arrives after the other's and is
// shown as a conflict with both values, never overwriting theirs, until the inspector keeps one.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoInspectionId, selfInspection } from '../../prisma/demo-inspections.ts';
import { artifacts, demoLogin, useAppInBrowser } from '../helpers/app-in-browser.ts';

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
/** The inspection of two inspectors the conflict tests run on. */
let inspection: { id: string; inspectorId: string; otherName: string };

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

  it('a result recorded offline on an item another inspector recorded meanwhile is shown as a conflict, never overwriting theirs; “Keep mine” records it once', async () => {
    const checklist = ['Sổ theo dõi hồ sơ được cập nhật hằng ngày', 'Hòm thư góp ý đặt nơi dễ thấy'];
    inspection = await twoInspectorInspection('Kiểm tra hai người (xung đột ngoại tuyến)', checklist);
    const url = `${base}/inspections/${inspection.id}`;
    const mine = 'Sổ chưa ghi hồ sơ của ngày 02/12';
    const theirs = 'Đã kiểm tra sổ: cập nhật đầy đủ đến hôm nay';
    await page.goto(url);
    await page.getByRole('heading', { name: 'Kiểm tra hai người (xung đột ngoại tuyến)' }).waitFor();
    await expect
      .poll(() =>
        page.evaluate(async (path) => !!(await caches.match(path)), `/inspections/${inspection.id}`),
      )
      .toBe(true);

    // Inspector 1, offline, records FAIL with a note on item 1: it waits on the phone.
    await context.setOffline(true);
    const item1 = page.locator('li.item').nth(0);
    await item1.getByLabel('Note').fill(mine);
    await page.getByRole('button', { name: 'Fail: Item 1 of 2' }).click();
    await statusSays('Offline — 1 change waiting to be sent');
    const [offline] = await queued();
    expect(offline!.payload).toMatchObject({
      result: 'FAIL',
      note: mine,
      base: { result: null, note: null },
    });

    // Meanwhile the second inspector, online on another phone, records PASS with a note.
    const otherContext = await app.browser().newContext({ viewport: { width: 390, height: 844 } });
    await otherContext.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
    const other = await otherContext.newPage();
    await signIn(other, 'steering');
    await other.goto(url);
    const otherItem1 = other.locator('li.item').nth(0);
    await otherItem1.getByLabel('Note').fill(theirs);
    await other.getByRole('button', { name: 'Pass: Item 1 of 2' }).click();
    await expect
      .poll(() => otherItem1.getByTestId('result').textContent(), { timeout: 30_000 })
      .toContain('Pass');
    await otherContext.close();
    const item = async () =>
      (
        await db.query<{ result: string; note: string }>(
          'SELECT result, note FROM "ChecklistItem" WHERE "inspectionId" = $1 ORDER BY "sortOrder" LIMIT 1',
          [inspection.id],
        )
      ).rows[0];
    expect(await item()).toEqual({ result: 'PASS', note: theirs });

    // Back online: inspector 1's FAIL is refused, not sent again, and the item shows both.
    await context.setOffline(false);
    await statusSays(
      `1 change could not be sent: ${inspection.otherName} recorded “Pass” on item 1 after you opened the page`,
    );
    const conflict = item1.getByTestId('conflict');
    await conflict.waitFor();
    await expect(
      conflict.getByRole('heading', { name: 'Someone else recorded this item' }).count(),
    ).resolves.toBe(1);
    const theirsShown = await conflict.getByTestId('conflict-theirs').textContent();
    expect(theirsShown).toContain('Pass');
    expect(theirsShown).toContain(theirs);
    expect(theirsShown).toContain(`Recorded by ${inspection.otherName} at`);
    const mineShown = await conflict.getByTestId('conflict-mine').textContent();
    expect(mineShown).toContain('Fail');
    expect(mineShown).toContain(mine);
    expect(await item()).toEqual({ result: 'PASS', note: theirs });
    // The page loaded the server's copy again: the item's own result is theirs now.
    await expect.poll(() => item1.getByTestId('result').textContent()).toContain('Pass');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await queued()).map((change) => change.id)).toEqual([offline!.id]);
    await conflict.screenshot({ path: path.join(artifacts, 'offline-conflict-item-390.png') });
    await page.screenshot({ path: path.join(artifacts, 'offline-conflict-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    const recorded = (actorId: string) =>
      count('"AuditEvent" WHERE "entityId" = $1 AND action = $2 AND "actorId" = $3', [
        inspection.id,
        'inspection.checklistRecorded',
        actorId,
      ]);
    expect(await recorded(inspection.inspectorId)).toBe(0);

    await expect(
      conflict
        .getByRole('group', { name: 'Choose the result item 1 keeps' })
        .getByRole('button')
        .allTextContents(),
    ).resolves.toEqual(['Keep mine', 'Keep theirs']);

    // The same choice in Vietnamese (the page opened again: the conflict is kept on the phone).
    await context.addCookies([{ name: 'rt_locale', value: 'vi', url: base }]);
    await page.reload();
    await conflict.waitFor();
    await statusSays(
      `1 thay đổi không gửi được: ${inspection.otherName} đã ghi mục 1 là “Đạt” sau khi bạn mở trang`,
    );
    await expect(
      conflict.getByRole('heading', { name: 'Mục này đã được người khác ghi kết quả' }).count(),
    ).resolves.toBe(1);
    await expect(conflict.getByTestId('conflict-theirs').textContent()).resolves.toContain(
      `${inspection.otherName} ghi lúc`,
    );
    await conflict.screenshot({ path: path.join(artifacts, 'offline-conflict-item-vi-390.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    // "Keep mine": a new change made on their value; PostgreSQL holds FAIL, recorded once.
    await conflict
      .getByRole('group', { name: 'Chọn kết quả giữ lại cho mục 1' })
      .getByRole('button', { name: 'Giữ kết quả của tôi' })
      .click();
    await expect.poll(async () => (await queued()).length, { timeout: 30_000 }).toBe(0);
    await expect.poll(item).toEqual({ result: 'FAIL', note: mine });
    expect(await recorded(inspection.inspectorId)).toBe(1);
    expect(
      await count('"AuditEvent" WHERE "eventId" = $1', [`inspection-${inspection.id}:update:${offline!.id}`]),
    ).toBe(0);
    await expect.poll(() => item1.getByTestId('result').textContent()).toContain('Không đạt');
    await expect(page.getByTestId('conflict').count()).resolves.toBe(0);
    await context.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
  });

  it('without JavaScript, a result sent on a value changed since comes back with the message and the current value; sent again, it is recorded', async () => {
    const url = `${base}/inspections/${inspection.id}`;
    const noScript = await app.browser().newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    await noScript.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
    const other = await noScript.newPage();
    await signIn(other, 'steering');
    await other.goto(url);
    await expect(other.locator('li.item').nth(0).getByTestId('result').textContent()).resolves.toContain(
      'Fail',
    );
    // Meanwhile inspector 1 records NOT_APPLICABLE on the item (made on their own FAIL).
    const { recordChecklistResult } = await graphql<{ recordChecklistResult: { __typename: string } }>(
      page,
      `
        mutation Record($input: RecordChecklistResultInput!) {
          recordChecklistResult(input: $input) {
            __typename
          }
        }
      `,
      {
        input: {
          requestId: randomUUID(),
          inspectionId: inspection.id,
          checklistItemId: (
            await db.query<{ id: string }>(
              'SELECT id FROM "ChecklistItem" WHERE "inspectionId" = $1 ORDER BY "sortOrder" LIMIT 1',
              [inspection.id],
            )
          ).rows[0]!.id,
          result: 'NOT_APPLICABLE',
          base: { result: 'FAIL', note: 'Sổ chưa ghi hồ sơ của ngày 02/12' },
        },
      },
    );
    expect(recordChecklistResult.__typename).toBe('Inspection');

    // The page still shows FAIL; its form posts PASS made on it: refused, and the page shows why
    // and what the item holds now.
    const item1 = () => other.locator('li.item').nth(0);
    await item1().getByLabel('Note').fill('Ghi từ máy không có JavaScript');
    await other.getByRole('button', { name: 'Pass: Item 1 of 2' }).click();
    await expect(item1().getByRole('alert').textContent()).resolves.toMatch(
      /Since you opened the page, .+ recorded “Not applicable” on this item at .+ Yours was not recorded/,
    );
    await expect(item1().getByTestId('result').textContent()).resolves.toContain('Not applicable');
    await expect(item1().getByLabel('Note').inputValue()).resolves.toBe('Ghi từ máy không có JavaScript');
    expect(await other.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await other.screenshot({ path: path.join(artifacts, 'offline-conflict-no-js-390.png'), fullPage: true });
    const held = () =>
      db.query<{ result: string; note: string | null }>(
        'SELECT result, note FROM "ChecklistItem" WHERE "inspectionId" = $1 ORDER BY "sortOrder" LIMIT 1',
        [inspection.id],
      );
    expect((await held()).rows[0]).toEqual({ result: 'NOT_APPLICABLE', note: null });
    // Sent again, knowingly: made on the value now shown, it is recorded.
    await other.getByRole('button', { name: 'Pass: Item 1 of 2' }).click();
    await expect(item1().getByTestId('result').textContent()).resolves.toContain('Pass');
    expect((await held()).rows[0]).toEqual({ result: 'PASS', note: 'Ghi từ máy không có JavaScript' });
    await noScript.close();
  });
});

/** Sends a GraphQL operation with the page's session, as the app's own pages would. */
async function graphql<T>(on: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await on.request.post(`${base}/graphql`, {
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The working days after today in Vietnam (Monday to Friday; the API refuses a holiday). */
function workingDaysAhead(): string[] {
  const days: string[] = [];
  for (let ahead = 1; days.length < 10; ahead += 1) {
    const day = new Date(Date.now() + 7 * 60 * 60 * 1000 + ahead * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/**
 * An announced inspection of Xã Trung Đông by the inspector and the Trực Ninh steering member,
 * planned on the first working day ahead the API accepts and started at once by the inspector.
 */
async function twoInspectorInspection(
  title: string,
  checklist: string[],
): Promise<{ id: string; inspectorId: string; otherName: string }> {
  const { me, units } = await graphql<{ me: { id: string }; units: { id: string; name: string }[] }>(
    page,
    'query { me { id } units { id name } }',
  );
  const target = units.find((unit) => unit.name.includes('Trung Đông'))!;
  const { inspectorCandidates } = await graphql<{ inspectorCandidates: { id: string; name: string }[] }>(
    page,
    'query($id: ID!) { inspectorCandidates(targetUnitId: $id) { id name } }',
    { id: target.id },
  );
  const other = inspectorCandidates.find((candidate) => candidate.name === demoLogin('steering').name)!;
  let refusal = '';
  for (const day of workingDaysAhead()) {
    const { planInspection } = await graphql<{
      planInspection: { __typename: string; id?: string; message?: string };
    }>(
      page,
      `
        mutation Plan($input: PlanInspectionInput!) {
          planInspection(input: $input) {
            __typename
            ... on Inspection {
              id
            }
            ... on Error {
              message
            }
          }
        }
      `,
      {
        input: {
          requestId: randomUUID(),
          kind: 'ANNOUNCED',
          targetUnitId: target.id,
          title,
          scheduledOn: day,
          inspectorIds: [me.id, other.id],
          leadInspectorId: me.id,
          checklist,
        },
      },
    );
    if (!planInspection.id) {
      refusal = planInspection.message ?? planInspection.__typename;
      continue;
    }
    const { startInspection } = await graphql<{ startInspection: { __typename: string } }>(
      page,
      `
        mutation Start($input: StartInspectionInput!) {
          startInspection(input: $input) {
            __typename
          }
        }
      `,
      { input: { requestId: randomUUID(), inspectionId: planInspection.id } },
    );
    expect(startInspection.__typename).toBe('Inspection');
    return { id: planInspection.id, inspectorId: me.id, otherName: other.name };
  }
  throw new Error(`planInspection refused every day: ${refusal}`);
}

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
