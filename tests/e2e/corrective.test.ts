// Issue 10's corrective-action pages and the planner in a real Chromium against the real
// `npm start` (embedded PostgreSQL, Temporal dev server, worker, web app), on a fresh data folder
// and ports of its own. An inspection with a MAJOR finding is planned, started and closed through
// the GraphQL API as the inspector (the inspection page has a suite of its own); then, in the
// pages: the unit answers the corrective action with a file, the inspector returns it with a
// reason, the unit answers again (in Vietnamese), the inspector verifies it; the overview counts
// it; the committee plans a surprise inspection through the planner (with and without
// JavaScript). Every page fits a 390 px phone in both languages.
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoLogins } from '../../prisma/seed.ts';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3987, postgres: 55498, temporal: 7469 });
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

/** Whether the page is wider than a 390 px phone screen (screenshots at 390 and 1280 px). */
async function overflowsPhone(page: Page, name: string): Promise<boolean> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, `${name}-390.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(artifacts, `${name}-desktop.png`), fullPage: true });
  return overflow;
}

/** Switches the page's language with the header's button. */
async function switchTo(page: Page, language: 'vi' | 'en'): Promise<void> {
  await page.getByRole('button', { name: language === 'vi' ? 'Tiếng Việt' : 'English' }).click();
  await page.locator(`html[lang="${language}"]`).waitFor();
}

/** Chooses the option naming `name` (the unit selects indent their options by depth). */
async function chooseUnit(page: Page, label: string, name: string): Promise<void> {
  const select = page.getByLabel(label);
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
}

/** A GraphQL operation sent from the page (its session), as the app's own pages would. */
async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    },
    { query, variables },
  );
  if (answer.errors?.length || !answer.data) throw new Error(JSON.stringify(answer.errors ?? answer));
  return answer.data as T;
}

/** A small valid PNG (a 2 × 2 red square): a photo of the corrected notice board. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Today in Vietnam plus `days`, moved on to a Monday when it falls on a weekend (YYYY-MM-DD). */
function workingDayAfter(days: number): string {
  const date = new Date(Date.now() + 7 * 60 * 60 * 1000);
  date.setUTCDate(date.getUTCDate() + days);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const phuongDinh = 'Xã Phương Định';
const inspectorName = demoLogins.find((login) => login.persona === 'inspector')?.name ?? 'inspector';
const findingText = 'Bảng niêm yết thủ tục hành chính đã hết hạn (e2e khắc phục)';
const remedy1 = 'Đã thay bảng niêm yết mới';
const rejectReason = 'Thiếu ảnh bảng niêm yết tại bộ phận một cửa';
const remedy2 = 'Đã bổ sung ảnh bảng niêm yết tại bộ phận một cửa';
const secondFinding = 'Sổ theo dõi hồ sơ chưa ghi đủ ngày hẹn trả (e2e khắc phục)';
let inspector: Page;
let head: Page;
let actionUrl = '';

interface Result {
  result: { __typename: string; id?: string; message?: string };
}

describe('corrective actions and the planner in a browser', () => {
  it('the inspector plans, starts and closes an inspection of Xã Phương Định with a MAJOR and a MINOR finding (API)', async () => {
    inspector = await englishPage('inspector');
    const { units } = await gql<{ units: { id: string; name: string }[] }>(
      inspector,
      '{ units { id name } }',
    );
    const target = units.find((unit) => unit.name === phuongDinh)!.id;
    const { inspectorCandidates } = await gql<{ inspectorCandidates: { id: string; name: string }[] }>(
      inspector,
      'query ($t: ID!) { inspectorCandidates(targetUnitId: $t) { id name } }',
      { t: target },
    );
    const me = inspectorCandidates.find((person) => person.name === inspectorName)!.id;
    const command = async (mutation: string, input: Record<string, unknown>) => {
      const { result } = await gql<Result>(
        inspector,
        `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) {
          result: ${mutation}(input: $input) { __typename ... on Inspection { id } ... on Error { message } }
        }`,
        { input: { requestId: crypto.randomUUID(), ...input } },
      );
      expect(result.__typename, result.message).toBe('Inspection');
      return result.id!;
    };
    const inspectionId = await command('planInspection', {
      kind: 'ANNOUNCED',
      targetUnitId: target,
      title: 'Kiểm tra công tác niêm yết thủ tục (e2e khắc phục)',
      scheduledOn: workingDayAfter(7),
      inspectorIds: [me],
      leadInspectorId: me,
      checklist: ['Niêm yết thủ tục hành chính tại bộ phận một cửa'],
    });
    await command('startInspection', { inspectionId });
    await command('recordFinding', {
      findingId: crypto.randomUUID(),
      inspectionId,
      severity: 'MAJOR',
      description: findingText,
      requiresCorrection: true,
    });
    await command('recordFinding', {
      findingId: crypto.randomUUID(),
      inspectionId,
      severity: 'MINOR',
      description: secondFinding,
      requiresCorrection: true,
    });
    await command('closeInspection', { inspectionId, summary: 'Hai phát hiện cần khắc phục' });
    // Closing starts the corrective action's workflow; it is there a moment later.
    await expect
      .poll(
        async () => {
          const { correctiveActions } = await gql<{ correctiveActions: { totalCount: number } }>(
            inspector,
            'query ($id: ID!) { correctiveActions(filter: { inspectionId: $id }) { totalCount } }',
            { id: inspectionId },
          );
          return correctiveActions.totalCount;
        },
        { timeout: 30_000 },
      )
      .toBe(2);
  });

  it('the unit head finds it under "Corrective actions" and answers with a photo', async () => {
    head = await englishPage('unitHead');
    await head.getByRole('link', { name: 'Corrective actions', exact: true }).click();
    await head.waitForURL(`${base}/corrective`);
    const row = head.getByRole('row').filter({ has: head.getByRole('link', { name: findingText }) });
    await expect(row.textContent()).resolves.toContain(phuongDinh);
    await expect(row.textContent()).resolves.toContain('Major');
    await expect(row.textContent()).resolves.toMatch(/working days left/);
    expect(await overflowsPhone(head, 'corrective-list-head')).toBe(false);
    await head.getByRole('link', { name: findingText }).click();
    await head.waitForURL(/\/corrective\/[\w-]+$/);
    actionUrl = head.url();
    await expect(head.getByTestId('status').textContent()).resolves.toContain('Open');
    await expect(head.getByTestId('due-date').textContent()).resolves.toMatch(/working days left/);
    // The head sees no inspector's form.
    await expect(head.getByRole('button', { name: 'Verify as corrected' }).count()).resolves.toBe(0);
    expect(await overflowsPhone(head, 'corrective-head-open')).toBe(false);

    await head.getByLabel('What was done to correct it').fill(remedy1);
    await head
      .getByLabel('Attach files')
      .setInputFiles({ name: 'bang-niem-yet.png', mimeType: 'image/png', buffer: png() });
    await head.getByRole('button', { name: 'Send the correction' }).click();
    await statusSays(head, 'Correction sent for verification.');
    await expect(head.getByTestId('status').textContent()).resolves.toContain('Submitted');
    const round = head.getByRole('listitem').filter({ has: head.getByRole('heading', { name: 'Round 1' }) });
    await expect(round.textContent()).resolves.toContain(remedy1);
    await expect(round.getByRole('link', { name: /bang-niem-yet\.png/ }).count()).resolves.toBe(1);
    await expect(round.textContent()).resolves.toContain('Waiting for verification.');
    await expect(head.getByRole('button', { name: 'Send the correction' }).count()).resolves.toBe(0);
  });

  it('the inspector finds it waiting for verification and returns it with a reason', async () => {
    await inspector.goto(`${base}/`);
    await inspector.getByRole('link', { name: 'Corrective actions', exact: true }).click();
    await inspector.getByRole('heading', { name: 'Corrective actions waiting for verification' }).waitFor();
    expect(await overflowsPhone(inspector, 'corrective-list-inspector')).toBe(false);
    await inspector.getByRole('link', { name: findingText }).click();
    await inspector.waitForURL(actionUrl);
    // The photo of the round is shown and can be downloaded by the inspector.
    const photo = inspector.getByRole('img', { name: /bang-niem-yet\.png/ });
    const src = (await photo.getAttribute('src')) ?? '';
    await expect(inspector.evaluate(async (url) => (await fetch(url)).status, src)).resolves.toBe(200);
    await photo.scrollIntoViewIfNeeded();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    expect(await overflowsPhone(inspector, 'corrective-inspector-submitted')).toBe(false);

    // Returning without a reason is refused next to the field.
    await inspector.getByRole('button', { name: 'Return to the unit' }).click();
    await inspector.locator('.field-error').first().waitFor();
    await expect(
      inspector.getByLabel('Reason for returning (required)').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await inspector.getByLabel('Reason for returning (required)').fill(rejectReason);
    await inspector.getByRole('button', { name: 'Return to the unit' }).click();
    await statusSays(inspector, 'Returned to the unit for further correction.');
    await expect(inspector.getByTestId('status').textContent()).resolves.toContain('Open');
    await expect(inspector.getByTestId('round').textContent()).resolves.toContain('2');
    const round = inspector
      .getByRole('listitem')
      .filter({ has: inspector.getByRole('heading', { name: 'Round 1' }) });
    await expect(round.textContent()).resolves.toContain(`Returned: ${rejectReason}`);
  });

  it('the unit head answers again, in Vietnamese', async () => {
    await head.goto(actionUrl);
    await switchTo(head, 'vi');
    await expect(head.getByTestId('last-rejection').textContent()).resolves.toContain(rejectReason);
    await expect(head.getByTestId('status').textContent()).resolves.toContain('Đang khắc phục');
    expect(await overflowsPhone(head, 'corrective-head-returned-vi')).toBe(false);
    await head.getByLabel('Đã khắc phục như thế nào').fill(remedy2);
    await head
      .getByLabel('Đính kèm tệp')
      .setInputFiles({ name: 'anh-bo-phan-mot-cua.png', mimeType: 'image/png', buffer: png() });
    await head.getByRole('button', { name: 'Gửi kết quả khắc phục' }).click();
    await statusSays(head, 'Đã gửi kết quả khắc phục để xác minh.');
    await expect(head.getByTestId('status').textContent()).resolves.toContain('Chờ xác minh');
    const round = head.getByRole('listitem').filter({ has: head.getByRole('heading', { name: 'Lần 2' }) });
    await expect(round.textContent()).resolves.toContain(remedy2);
    await head.goto(`${base}/corrective`);
    await head.getByRole('heading', { name: 'Biện pháp khắc phục' }).waitFor();
    const row = head.getByRole('row').filter({ has: head.getByRole('link', { name: findingText }) });
    await expect(row.textContent()).resolves.toContain('Chờ xác minh');
    expect(await overflowsPhone(head, 'corrective-list-head-vi')).toBe(false);
    await switchTo(head, 'en');
  });

  it('the inspector verifies it; the list and the overview count it as done', async () => {
    await inspector.goto(actionUrl);
    await inspector.getByLabel('Note (optional)').fill('Đạt yêu cầu');
    await inspector.getByRole('button', { name: 'Verify as corrected' }).click();
    await statusSays(inspector, 'Correction verified.');
    await expect(inspector.getByTestId('status').textContent()).resolves.toContain('Verified');
    await expect(inspector.getByRole('button', { name: 'Return to the unit' }).count()).resolves.toBe(0);
    const round2 = inspector
      .getByRole('listitem')
      .filter({ has: inspector.getByRole('heading', { name: 'Round 2' }) });
    await expect(round2.textContent()).resolves.toContain(`Verified by ${inspectorName}`);
    await expect(inspector.getByRole('list', { name: 'Timeline' }).count()).resolves.toBe(1);
    expect(await overflowsPhone(inspector, 'corrective-verified')).toBe(false);

    // No longer waiting for the inspector; listed as verified for the unit.
    await inspector.goto(`${base}/corrective`);
    await expect(inspector.getByRole('link', { name: findingText }).count()).resolves.toBe(0);
    await head.goto(`${base}/corrective?f=1&status=VERIFIED`);
    const row = head.getByRole('row').filter({ has: head.getByRole('link', { name: findingText }) });
    await expect(row.textContent()).resolves.toContain('Verified');

    await inspector.goto(`${base}/inspections/overview`);
    await inspector.getByRole('heading', { name: 'Findings and corrective actions by unit' }).waitFor();
    expect(await overflowsPhone(inspector, 'overview-en')).toBe(false);
    await switchTo(inspector, 'vi');
    expect(await overflowsPhone(inspector, 'overview-vi')).toBe(false);
    await switchTo(inspector, 'en');
    // Each count leads to the actions it counts: Phương Định's open one (the MINOR finding)…
    await inspector.getByRole('link', { name: `1: Open actions of ${phuongDinh}` }).click();
    await inspector.getByRole('link', { name: secondFinding }).waitFor();
    await expect(inspector.getByRole('link', { name: findingText }).count()).resolves.toBe(0);
    await inspector.goBack();
    // … and the late ones of a unit that has some (the demo data's).
    const lateLinks = inspector.getByRole('link', { name: /^[1-9]\d*: Late actions of / });
    if ((await lateLinks.count()) > 0) {
      const label = (await lateLinks.first().getAttribute('aria-label')) ?? '';
      const unitName = label.replace(/^.*Late actions of /, '');
      await lateLinks.first().click();
      await inspector.getByRole('heading', { name: 'Late corrective actions' }).waitFor();
      await expect(inspector.getByRole('cell', { name: unitName }).count()).resolves.toBeGreaterThan(0);
    }
    // A unit head may not see the overview.
    const refused = await head.goto(`${base}/inspections/overview`);
    expect(refused?.status()).toBe(403);
  });

  it('the unit head asks for more time for the other finding; the inspector grants it', async () => {
    await head.goto(`${base}/corrective?f=1&status=OPEN`);
    await head.getByRole('link', { name: secondFinding }).click();
    await head.waitForURL(/\/corrective\/[\w-]+$/);
    const later = workingDayAfter(45);
    const [y, mo, d] = later.split('-');
    await head.getByLabel('Requested new due date').fill(later);
    await head.getByLabel('Why more time is needed').fill('Chờ in sổ theo dõi mới');
    await head.getByRole('button', { name: 'Request extension' }).click();
    await statusSays(head, 'Extension requested.');
    await head.getByRole('heading', { name: 'Extension request waiting' }).waitFor();
    await expect(head.getByRole('button', { name: 'Grant extension' }).count()).resolves.toBe(0);

    await inspector.goto(head.url());
    const request = inspector
      .locator('section')
      .filter({ has: inspector.getByRole('heading', { name: 'Extension request waiting' }) });
    await expect(request.textContent()).resolves.toContain('Chờ in sổ theo dõi mới');
    await inspector.getByLabel('Note on the decision').fill('Đồng ý');
    await inspector.getByRole('button', { name: 'Grant extension' }).click();
    await statusSays(inspector, 'Extension granted.');
    await expect(inspector.getByTestId('due-date').textContent()).resolves.toContain(`${d}/${mo}/${y}`);
    await expect(inspector.getByRole('heading', { name: 'Extension request waiting' }).count()).resolves.toBe(
      0,
    );
  });

  it('the committee plans a surprise inspection through the planner', async () => {
    const steering = await englishPage('steering');
    await steering.getByRole('link', { name: 'Plan an inspection' }).click();
    await steering.waitForURL(`${base}/inspections/new`);
    await steering.getByLabel('Surprise').check();
    await expect(steering.getByText('The unit will not see it until it starts').count()).resolves.toBe(1);
    // With JavaScript the people follow the unit chosen.
    await chooseUnit(steering, 'Unit to inspect', 'Xã Việt Hùng');
    await steering.getByRole('checkbox', { name: new RegExp(inspectorName) }).check();
    await steering.getByLabel('Lead inspector').selectOption({ label: inspectorName });
    await steering.getByLabel('Title').fill('Kiểm tra đột xuất việc tiếp nhận hồ sơ (e2e)');
    // A window ending before it starts is refused next to its field.
    await steering.getByLabel('Window from').fill(workingDayAfter(30));
    await steering.getByLabel('Window to').fill(workingDayAfter(10));
    await steering.getByLabel('More items (one per line)').fill('Sổ theo dõi hồ sơ\nPhiếu hẹn trả kết quả');
    await steering.getByRole('button', { name: 'Plan the inspection' }).click();
    await steering.locator('.field-error').first().waitFor();
    expect(await overflowsPhone(steering, 'planner-refused')).toBe(false);
    await steering.getByLabel('Window to').fill(workingDayAfter(60));
    await steering.getByRole('button', { name: 'Plan the inspection' }).click();
    await steering.waitForURL(/\/inspections\/(?!new$)[\w-]+$/);

    // The unit does not see it: a surprise.
    const id = new URL(steering.url()).pathname.split('/').pop()!;
    const hidden = await head.goto(`${base}/inspections/${id}`);
    expect(hidden?.status()).toBe(404);
  });

  it('the planner works without JavaScript (choose the unit, then the people), in Vietnamese, with a template', async () => {
    const context = await app.browser().newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'rt_locale', value: 'vi', url: base }]);
    const page = await context.newPage();
    await signIn(page, 'inspector');
    // A checklist template of the inspector's (through the API: the planner only uses them).
    const { result: template } = await gql<{ result: { __typename: string } }>(
      inspector,
      `mutation ($input: CreateChecklistTemplateInput!) {
        result: createChecklistTemplate(input: $input) { __typename }
      }`,
      {
        input: {
          topic: 'one-stop-office',
          name: 'Bộ phận một cửa (e2e)',
          items: ['Niêm yết thủ tục hành chính', 'Sổ theo dõi hồ sơ'],
        },
      },
    );
    expect(template.__typename).toBe('ChecklistTemplate');
    await page.goto(`${base}/inspections/new`);
    await page.getByLabel('Kiểm tra có thông báo trước').check();
    await chooseUnit(page, 'Đơn vị được kiểm tra', 'Xã Trung Đông');
    await page.getByLabel('Tên cuộc kiểm tra').fill('Kiểm tra có thông báo (e2e, không JavaScript)');
    await page.getByRole('button', { name: 'Xem người có thể kiểm tra đơn vị này' }).click();
    await page.getByRole('checkbox', { name: new RegExp(inspectorName) }).check();
    // What was typed came back with the people.
    await expect(page.getByLabel('Tên cuộc kiểm tra').inputValue()).resolves.toBe(
      'Kiểm tra có thông báo (e2e, không JavaScript)',
    );
    await page.getByLabel('Ngày kiểm tra').fill(workingDayAfter(14));
    const templateSelect = page.getByLabel('Mẫu danh mục');
    const templateOption = await templateSelect
      .locator('option', { hasText: 'Bộ phận một cửa (e2e) (2 mục)' })
      .getAttribute('value');
    await templateSelect.selectOption(templateOption ?? '');
    await page.getByLabel('Các mục thêm (mỗi dòng một mục)').fill('Phiếu hẹn trả kết quả\n\n');
    expect(await overflowsPhone(page, 'planner-nojs-vi')).toBe(false);
    await page.getByRole('button', { name: 'Lập kế hoạch kiểm tra' }).click();
    await page.waitForURL(/\/inspections\/(?!new$)[\w-]+$/);
    // The checklist: the template's items, then the line typed (the blank ones left out).
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const { inspection } = await gql<{ inspection: { checklist: { text: string }[] } }>(
      inspector,
      'query ($id: ID!) { inspection(id: $id) { checklist { text } } }',
      { id },
    );
    expect(inspection.checklist.map((item) => item.text)).toEqual([
      'Niêm yết thủ tục hành chính',
      'Sổ theo dõi hồ sơ',
      'Phiếu hẹn trả kết quả',
    ]);
    await context.close();
  });
});
