// Issue 9's browser journeys 1–5 in a real Chromium against the real `npm start` and its demo
// data (embedded PostgreSQL, Temporal dev server, worker, web app), on a fresh data folder and
// ports of its own. Each journey runs in one browser context (people change by signing out and
// in again) and switches the language once, checking a text in the new language. The journeys
// share the stack and run in order: journey 2 continues the task of journey 1.
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { demoLogins } from '../../prisma/seed.ts';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3967, postgres: 55478, temporal: 7449 });
const { base, signIn } = app;

/** A journey's browser context, its language chosen on the cookie the language switch sets. */
async function journey(language: 'en' | 'vi', viewport = { width: 1280, height: 800 }) {
  const context: BrowserContext = await app.browser().newContext({ viewport });
  await context.addCookies([{ name: 'rt_locale', value: language, url: base }]);
  const page = await context.newPage();
  // What the page showed when a step failed, for the report.
  const name = (expect.getState().currentTestName ?? 'journey').replace(/^.*> /, '').slice(0, 9);
  onTestFailed(async () => {
    await page
      .screenshot({ path: path.join(artifacts, `${name.replace(/\W+/g, '-')}-failed.png`), fullPage: true })
      .catch(() => undefined);
    await context.close();
  });
  return { context, page };
}

/**
 * Waits until the page has loaded its scripts and hydrated: a value typed before that is
 * overwritten by hydration (the field's server-rendered value), so the journeys type after it.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Sign out|Đăng xuất)$/ }).click();
  await page.waitForURL(`${base}/login`);
}

/** Presses the header's language switch: "Tiếng Việt" in English, "English" in Vietnamese. */
async function switchLanguage(page: Page, to: 'en' | 'vi'): Promise<void> {
  await page.getByRole('button', { name: to === 'vi' ? 'Tiếng Việt' : 'English' }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
  await settled(page);
}

/** The status message shown after a command, once it contains `text`. */
async function statusSays(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `journey-${name}.png`), fullPage: true });
}

/** The plan page's headline figure: its completion meter's value (0–100). */
async function planCompletion(page: Page): Promise<number> {
  const meter = page.getByRole('meter', { name: /^(Completion|Mức độ hoàn thành)$/ });
  return Number(await meter.getAttribute('value'));
}

/** How many tasks of `unit` the plan page's "Progress by unit" table counts as completed. */
async function completedTasksOf(page: Page, unit: string): Promise<number> {
  const table = page.getByRole('table', { name: /^(Progress by unit|Tiến độ theo đơn vị)$/ });
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: unit, exact: true }) });
  // Columns: unit, tasks, completed, overdue, progress.
  return Number(await row.getByRole('cell').nth(2).textContent());
}

/** The review queue's entry for a task, found by the link to it. */
function reviewItem(page: Page, title: string): Locator {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

/** A small but real one-page PDF (with a correct cross-reference table). */
function smallPdf(text: string): Buffer {
  const content = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * dd/mm/yyyy (as both languages write a date) `days` later, moved on to a Monday when it falls
 * on a weekend: as a date input takes it and as the pages write it.
 */
function daysAfter(ddmmyyyy: string, days: number): { iso: string; shown: string } {
  const [day, month, year] = ddmmyyyy.split('/').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day! + days));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  const iso = date.toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return { iso, shown: `${d}/${m}/${y}` };
}

/** The communes (level COMMUNE) directly under `district`, as the API tells the signed-in user. */
async function communesOf(page: Page, district: string): Promise<string[]> {
  return page.evaluate(async (districtName) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
      body: JSON.stringify({
        query:
          '{ districts: units(level: DISTRICT) { id name } communes: units(level: COMMUNE) { name parentId } }',
      }),
    });
    const { data } = (await response.json()) as {
      data: { districts: { id: string; name: string }[]; communes: { name: string; parentId: string }[] };
    };
    const id = data.districts.find((unit) => unit.name === districtName)?.id;
    return data.communes.filter((unit) => unit.parentId === id).map((unit) => unit.name);
  }, district);
}

/** The year in Vietnam: the demo's current plan is Trực Ninh's plan of this year. */
const year = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
);
const demoPlanTitle = `Kế hoạch cải cách hành chính huyện Trực Ninh năm ${year}`;
const phuongDinh = 'Xã Phương Định';
const colleague = demoLogins.find((login) => login.persona === 'unitStaff')?.name ?? 'unitStaff';
const pdfName = 'bien-ban-cong-khai-duong-day-nong.pdf';
const completionNote = 'Đã niêm yết số điện thoại đường dây nóng và hòm thư góp ý (hành trình 1)';
const returnReason = 'Thiếu ảnh chụp bảng niêm yết tại bộ phận một cửa (hành trình 2)';

/** What one journey leaves for the next. */
const state = {
  planUrl: '',
  completionBefore: Number.NaN,
  taskUrl: '',
  taskTitle: '',
  extendedTaskUrl: '',
  bulkPlanUrl: '',
};

describe('issue 9 journeys in a browser', () => {
  it("before the journeys: the steering member reads the completion of Trực Ninh's plan of this year", async () => {
    const { context, page } = await journey('en');
    await signIn(page, 'steering');
    await page.getByRole('link', { name: demoPlanTitle, exact: true }).first().click();
    await page.waitForURL(/\/plans\/[\w-]+$/);
    state.planUrl = page.url();
    state.completionBefore = await planCompletion(page);
    expect(state.completionBefore).toBeGreaterThanOrEqual(0);
    expect(state.completionBefore).toBeLessThan(100);
    await context.close();
  });

  it('journey 1: the Phương Định unit head sees an overdue task first, accepts a new task naming a colleague, reports 60 % with a PDF, then (in Vietnamese) 100 % and submits', async () => {
    const { context, page } = await journey('en');
    await signIn(page, 'unitHead');
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    const work = page.getByRole('list', { name: 'My work' }).nth(1);
    await expect(work.getByRole('listitem').first().textContent()).resolves.toMatch(
      /\d+ working days overdue/,
    );
    await shot(page, '1-my-work');

    // A new task: assigned to the unit, not yet accepted.
    const fresh = work.getByRole('listitem').filter({ hasText: /· Assigned\b/ });
    expect(await fresh.count(), 'an ASSIGNED task in the head’s “My work”').toBeGreaterThan(0);
    const link = fresh.first().getByRole('link').first();
    state.taskTitle = ((await link.textContent()) ?? '').trim();
    await link.click();
    await page.waitForURL(/\/tasks\/[\w-]+$/);
    await settled(page);
    state.taskUrl = page.url();
    await page.getByRole('heading', { level: 1, name: state.taskTitle }).waitFor();
    await expect(page.getByRole('link', { name: demoPlanTitle, exact: true }).count()).resolves.toBe(1);

    // Accept, naming a colleague as the responsible official.
    await page.getByRole('heading', { name: 'Accept the task' }).waitFor();
    const responsible = page.getByLabel('Responsible official');
    const option = responsible.getByRole('option', { name: new RegExp(`^${colleague}\\b`) });
    await responsible.selectOption((await option.getAttribute('value')) ?? '');
    await page.getByRole('button', { name: 'Accept task' }).click();
    await statusSays(page, 'Task accepted.');
    await expect(page.getByTestId('responsible').textContent()).resolves.toContain(colleague);
    await expect(page.getByRole('heading', { name: 'Accept the task' }).count()).resolves.toBe(0);

    // 60 % with a PDF attached through the file input.
    await page.getByRole('heading', { name: 'Report progress' }).waitFor();
    await page.getByLabel('Progress (%)').fill('60');
    await page.getByLabel('What was done').fill('Đã chuẩn bị bảng niêm yết, chờ lắp đặt');
    await page.getByLabel('Attach files').setInputFiles({
      name: pdfName,
      mimeType: 'application/pdf',
      buffer: smallPdf('Bien ban cong khai duong day nong - Xa Phuong Dinh'),
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await statusSays(page, 'Progress recorded: 60 %.');
    await statusSays(page, '1 files attached.');
    const file = page.getByRole('list', { name: 'Evidence files of the report' }).getByRole('link', {
      name: pdfName,
    });
    await file.waitFor();
    // The file is served back as the PDF it was.
    const download = await page.request.get(
      new URL((await file.getAttribute('href')) ?? '', page.url()).href,
    );
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot(page, '1-task-60');

    // The language switch: the rest of the journey in Vietnamese.
    await switchLanguage(page, 'vi');
    await page.getByLabel('Tiến độ (%)').waitFor();
    await page.getByLabel('Tiến độ (%)').fill('100');
    await page.getByLabel('Nội dung đã thực hiện').fill('Đã niêm yết tại bộ phận một cửa');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await statusSays(page, 'Đã ghi nhận tiến độ: 100 %.');
    await page.getByLabel('Báo cáo kết quả').fill(completionNote);
    await page.getByRole('button', { name: 'Gửi để xem xét' }).click();
    await statusSays(page, 'Đã gửi nhiệm vụ để Ban Chỉ đạo xem xét.');
    await expect(page.getByTestId('status').textContent()).resolves.toContain('Đã báo cáo hoàn thành');
    await expect(page.getByRole('button', { name: 'Gửi báo cáo' }).count()).resolves.toBe(0);
    await shot(page, '1-task-submitted-vi');
    await context.close();
  }, 240_000);

  it('journey 2: the steering member returns the report with a reason; the head reads it in a notification, reports again and submits (in Vietnamese); the steering member accepts and the plan’s figures rise', async () => {
    expect(state.taskUrl, 'journey 1’s task').not.toBe('');
    const { context, page } = await journey('en');
    await signIn(page, 'steering');
    await page.getByRole('link', { name: 'Review queue', exact: true }).click();
    await page.waitForURL(`${base}/review`);
    await settled(page);
    const item = reviewItem(page, state.taskTitle);
    await expect(item.textContent()).resolves.toContain(completionNote);
    await expect(item.textContent()).resolves.toContain(phuongDinh);
    await item.getByLabel('Reason (required to return)').fill(returnReason);
    await item.getByRole('button', { name: 'Return to the unit' }).click();
    await statusSays(page, 'Task returned to the unit.');
    await expect(reviewItem(page, state.taskTitle).count()).resolves.toBe(0);
    await signOut(page);

    // The head: bell → notifications page → the return and its reason.
    await signIn(page, 'unitHead');
    await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).click();
    await page.waitForURL(`${base}/notifications`);
    const notice = page
      .getByRole('list', { name: 'Notifications' })
      .getByRole('listitem')
      .filter({ hasText: returnReason });
    // The task's workflow writes the notification within a moment.
    await expect
      .poll(
        async () => {
          const count = await notice.count();
          if (count === 0) await page.reload();
          return count;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await expect(notice.first().textContent()).resolves.toContain(state.taskTitle);
    await shot(page, '2-notifications');

    // The language switch: the head reads and answers in Vietnamese.
    await switchLanguage(page, 'vi');
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const noticeVi = page
      .getByRole('list', { name: 'Thông báo' })
      .getByRole('listitem')
      .filter({ hasText: returnReason })
      .first();
    await noticeVi.getByRole('link', { name: /^Mở: / }).click();
    await page.waitForURL(state.taskUrl);
    await settled(page);
    await expect(page.getByTestId('status').textContent()).resolves.toContain('Bị trả lại');
    await page.getByLabel('Tiến độ (%)').fill('100');
    await page.getByLabel('Nội dung đã thực hiện').fill('Bổ sung ảnh chụp bảng niêm yết');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await statusSays(page, 'Đã ghi nhận tiến độ: 100 %.');
    await page.getByLabel('Báo cáo kết quả').fill(`${completionNote}, đã bổ sung ảnh`);
    await page.getByRole('button', { name: 'Gửi để xem xét' }).click();
    await statusSays(page, 'Đã gửi nhiệm vụ để Ban Chỉ đạo xem xét.');
    await signOut(page);

    // The steering member (now in Vietnamese) reads the plan's figures, accepts, reads them again.
    await signIn(page, 'steering');
    await page.goto(state.planUrl);
    const completedBefore = await completedTasksOf(page, phuongDinh);
    const completionBeforeAccept = await planCompletion(page);
    await page.getByRole('link', { name: 'Chờ xem xét' }).click();
    await page.waitForURL(`${base}/review`);
    const again = reviewItem(page, state.taskTitle);
    await expect(again.textContent()).resolves.toContain('đã bổ sung ảnh');
    await again.getByRole('button', { name: 'Chấp nhận hoàn thành' }).click();
    await statusSays(page, 'Đã chấp nhận: nhiệm vụ hoàn thành.');
    await page.goto(state.taskUrl);
    await expect(page.getByTestId('status').textContent()).resolves.toContain('Hoàn thành');
    await page.goto(state.planUrl);
    await expect
      .poll(() => completedTasksOf(page, phuongDinh), { timeout: 30_000, interval: 1000 })
      .toBe(completedBefore + 1);
    const completionAfter = await planCompletion(page);
    // Completion is the weighted mean of progress (DESIGN.md "Roll-ups"): it rose with the task's
    // reports (0 → 100 %) and the acceptance does not lower it.
    expect(completionAfter).toBeGreaterThan(state.completionBefore);
    expect(completionAfter).toBeGreaterThanOrEqual(completionBeforeAccept);
    await shot(page, '2-plan-after-vi');
    await context.close();
  }, 240_000);

  it('journey 3: the unit head asks for an extension; the steering member grants it (in Vietnamese) from /review; the due date moves and the timeline says so', async () => {
    const { context, page } = await journey('en');
    await signIn(page, 'unitHead');
    // A task of the head's that is not yet due and takes an extension request.
    const work = page.getByRole('list', { name: 'My work' }).nth(1);
    const hrefs = await work
      .getByRole('listitem')
      .filter({ hasText: /working days left/ })
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of hrefs) {
      await page.goto(href, { waitUntil: 'networkidle' });
      if ((await page.getByRole('heading', { name: 'Request an extension' }).count()) > 0) {
        state.extendedTaskUrl = href;
        break;
      }
    }
    expect(state.extendedTaskUrl, 'a task of the head’s that takes an extension request').not.toBe('');
    const title = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    const oldDue = /\d{2}\/\d{2}\/\d{4}/.exec((await page.getByTestId('due-date').textContent()) ?? '')?.[0];
    expect(oldDue, 'the due date as dd/mm/yyyy').toBeDefined();
    const newDue = daysAfter(oldDue!, 7);
    // The next reminder the task's workflow sends, as the task page shows it (dd/mm/yyyy → sortable).
    const nextNotice = async () => {
      const shown = /(\d{2})\/(\d{2})\/(\d{4})/.exec(
        (await page.getByTestId('next-deadline').textContent()) ?? '',
      );
      return shown ? `${shown[3]}-${shown[2]}-${shown[1]}` : '';
    };
    const noticeBefore = await nextNotice();
    expect(noticeBefore).not.toBe('');
    const why = 'Chờ tỉnh cấp bảng niêm yết mới (hành trình 3)';
    await page.getByLabel('New due date').fill(newDue.iso);
    await page.getByLabel('Why more time is needed').fill(why);
    await page.getByRole('button', { name: 'Request extension' }).click();
    await statusSays(page, 'Extension requested');
    await page.getByRole('heading', { name: 'Extension request waiting' }).waitFor();
    await expect(page.getByRole('list', { name: 'Timeline' }).textContent()).resolves.toContain(
      `Extension requested from ${oldDue} to ${newDue.shown}`,
    );
    await signOut(page);

    await signIn(page, 'steering');
    await page.getByRole('link', { name: 'Review queue', exact: true }).click();
    await page.waitForURL(`${base}/review`);
    // The language switch: the steering member decides in Vietnamese.
    await switchLanguage(page, 'vi');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ chờ xem xét' }).waitFor();
    const item = reviewItem(page, title);
    await expect(item.textContent()).resolves.toContain(newDue.shown);
    await expect(item.textContent()).resolves.toContain(why);
    await shot(page, '3-review-vi');
    await item.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    await statusSays(page, 'Đã đồng ý gia hạn');

    await page.goto(state.extendedTaskUrl);
    await expect(page.getByTestId('due-date').textContent()).resolves.toContain(newDue.shown);
    // The reminders moved with the due date.
    expect(await nextNotice()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await nextNotice()) > noticeBefore).toBe(true);
    await expect(page.getByRole('heading', { name: 'Đề nghị gia hạn đang chờ' }).count()).resolves.toBe(0);
    // The timeline (Vietnamese now) words the extension and the deadline it moved the reminders to.
    const timeline = page.getByRole('list', { name: 'Diễn biến' });
    await expect(timeline.textContent()).resolves.toContain(
      `Đồng ý gia hạn: hạn hoàn thành chuyển từ ${oldDue} sang ${newDue.shown}`,
    );
    await expect(timeline.textContent()).resolves.toContain(
      `Đề nghị gia hạn từ ${oldDue} đến ${newDue.shown}`,
    );
    await shot(page, '3-task-extended-vi');
    await context.close();
  }, 240_000);

  it('journey 4: the steering member creates a draft plan, bulk-assigns a task to every commune of Trực Ninh (the preview names the count), issues it (in Vietnamese) and watches the progress bar reach the end', async () => {
    const { context, page } = await journey('en');
    await signIn(page, 'steering');
    const communes = await communesOf(page, 'Huyện Trực Ninh');
    expect(communes.length).toBeGreaterThan(1);

    await page.getByRole('link', { name: 'New plan' }).click();
    await page.waitForURL(`${base}/plans/new`);
    await settled(page);
    await page.getByLabel('Title').fill(`Kế hoạch số hóa cấp xã năm ${year + 1} (hành trình 4)`);
    await page.getByLabel('Year', { exact: true }).fill(String(year + 1));
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
    await settled(page);
    state.bulkPlanUrl = page.url();

    // The bulk form (the page's other form, "Assign a task", has fields of the same names).
    const bulk = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Assign to every unit of a level' }) });
    await bulk.getByLabel('Under the unit').selectOption({ label: 'Huyện Trực Ninh' });
    await bulk.getByLabel('Level', { exact: true }).selectOption({ label: 'Communes' });
    await bulk.getByLabel('Reform area').selectOption({ index: 1 });
    await bulk
      .getByLabel('Task', { exact: true })
      .fill('Triển khai ký số cho toàn bộ công chức xã (hành trình 4)');
    await bulk.getByLabel('Due date').fill(`${year + 1}-06-30`);
    await bulk.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('status').filter({ hasText: 'This will create' });
    await preview.waitFor();
    const previewText = (await preview.textContent()) ?? '';
    expect(Number(/This will create (\d+) tasks/.exec(previewText)?.[1])).toBe(communes.length);
    for (const commune of communes) expect(previewText).toContain(commune);
    await shot(page, '4-bulk-preview');
    await page.getByRole('button', { name: `Assign to all ${communes.length}` }).click();
    await statusSays(page, `${communes.length} tasks assigned.`);

    // The language switch: the plan is issued in Vietnamese.
    await switchLanguage(page, 'vi');
    await page.getByRole('button', { name: 'Ban hành kế hoạch…' }).click();
    await page.getByRole('button', { name: 'Có, ban hành kế hoạch' }).click();
    const bar = page
      .getByRole('region', { name: 'Nhiệm vụ đã gửi tới đơn vị' })
      .getByRole('meter', { name: 'Nhiệm vụ đã gửi tới đơn vị' });
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const value = Number((await bar.getAttribute('value', { timeout: 5000 })) ?? Number.NaN);
          seen.push(value);
          return value;
        },
        { timeout: 90_000, interval: 250 },
      )
      .toBe(100);
    // The bar only moves forward, by itself (no reload here).
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await statusSays(page, `Cả ${communes.length} nhiệm vụ đã tới các đơn vị.`);
    await shot(page, '4-issued-vi');
    await context.close();
  }, 240_000);

  it('journey 5: the pages of journeys 1–4 have no horizontal overflow at 390 × 844, in Vietnamese and (after the switch) in English', async () => {
    const { context, page } = await journey('vi', { width: 390, height: 844 });
    const overflowing: string[] = [];
    const measure = async (name: string, url?: string) => {
      if (url) await page.goto(url, { waitUntil: 'networkidle' });
      const lang = await page.evaluate(() => document.documentElement.lang);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: path.join(artifacts, `journey-5-${name}-${lang}.png`), fullPage: true });
      if (width > 390) overflowing.push(`${name} (${lang}): ${width} px`);
    };

    const headPages = async () => {
      await measure('head-home', `${base}/`);
      const firstTask = await page
        .getByRole('list', { name: /^(My work|Việc của tôi)$/ })
        .nth(1)
        .getByRole('link')
        .first()
        .evaluate((link) => (link as HTMLAnchorElement).href);
      await measure('head-task-first', firstTask);
      if (state.taskUrl) await measure('head-task-journey1', state.taskUrl);
      if (state.extendedTaskUrl) await measure('head-task-journey3', state.extendedTaskUrl);
      await measure('head-notifications', `${base}/notifications`);
      await measure('head-tasks', `${base}/tasks`);
    };
    let draftUrl = '';
    const steeringPages = async () => {
      await measure('steering-home', `${base}/`);
      await measure('steering-review', `${base}/review`);
      await measure('steering-tasks', `${base}/tasks`);
      await measure('steering-new-plan', `${base}/plans/new`);
      const plan = page.getByRole('link', { name: demoPlanTitle, exact: true }).first();
      await page.goto(`${base}/`);
      await measure('steering-plan', new URL((await plan.getAttribute('href')) ?? '', page.url()).href);
      const taskLink = page
        .getByRole('table', { name: /^(Tasks|Nhiệm vụ)$/ })
        .getByRole('link')
        .first();
      await measure('steering-task', await taskLink.evaluate((link) => (link as HTMLAnchorElement).href));
      if (state.bulkPlanUrl) await measure('steering-plan-journey4', state.bulkPlanUrl);
      if (draftUrl) await measure('steering-plan-draft', draftUrl);
    };

    await signIn(page, 'unitHead');
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    await headPages();
    await signOut(page);
    await signIn(page, 'steering');
    // A draft plan with one task: the plan editor with its task table, edit/delete and bulk forms.
    await page.goto(`${base}/plans/new`, { waitUntil: 'networkidle' });
    await page.getByLabel('Tên kế hoạch').fill(`Kế hoạch dự thảo năm ${year + 1} (hành trình 5)`);
    await page.getByLabel('Năm', { exact: true }).fill(String(year + 1));
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
    await settled(page);
    draftUrl = page.url();
    const assign = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Giao nhiệm vụ' }) });
    await assign
      .getByLabel('Nhiệm vụ', { exact: true })
      .fill('Rà soát quy chế một cửa của xã (hành trình 5)');
    await assign.getByLabel('Lĩnh vực cải cách').selectOption({ index: 1 });
    await assign.getByLabel('Đơn vị thực hiện').selectOption({ label: phuongDinh });
    await assign.getByLabel('Hạn hoàn thành').fill(`${year + 1}-06-30`);
    await assign.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await page
      .getByRole('link', { name: 'Rà soát quy chế một cửa của xã (hành trình 5)', exact: true })
      .waitFor();
    await steeringPages();
    const edit = page.getByRole('link', { name: /^Sửa “Rà soát quy chế một cửa của xã/ });
    await measure(
      'steering-draft-task-edit',
      await edit.evaluate((link) => (link as HTMLAnchorElement).href),
    );

    // The language switch: the same pages in English.
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'Edit a draft task' }).waitFor();
    await steeringPages();
    await signOut(page);
    await signIn(page, 'unitHead');
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    await headPages();

    expect(overflowing).toEqual([]);
    await context.close();
  }, 300_000);
});
