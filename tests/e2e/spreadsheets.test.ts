// Issue 11's spreadsheet journey in a real Chromium against the real `npm start` (embedded
// PostgreSQL, Temporal dev server, worker, web app) on a fresh data folder and ports of its own:
// the administrator downloads the users template (Vietnamese headers), uploads 30 people in an XLSX
// the test writes with two bad rows; the dry run names each bad row and column and writes nothing;
// after fixing the file the import applies once, the one-time passwords are shown once, and one of
// the new people signs in (and is asked for their own password). Every page fits a 390 px phone.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, demoLogin, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 4047, postgres: 55558, temporal: 7529 });
const { base, signIn } = app;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thu Hà', 'Đức Huy'];

/** 30 people of Trực Ninh's communes, one a row; `bad` breaks row 7's unit code and repeats row 4's e-mail on row 19. */
async function peopleWorkbook(bad: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Người dùng');
  // Not the template's column order: the headers are matched by name.
  sheet.addRow(['Họ và tên', 'Email', 'Vai trò', 'Mã đơn vị', 'Ngôn ngữ']);
  for (let i = 0; i < 30; i += 1) {
    const row = i + 2;
    const name = `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`;
    let email = `can.bo.${i + 1}@trucninh.gov.vn`;
    let unit = i % 3 === 0 ? 'ND-TN-CT' : 'ND-TN-PD';
    if (bad && row === 7) unit = 'ND-TN-XX';
    if (bad && row === 19) email = 'can.bo.3@trucninh.gov.vn';
    sheet.addRow([
      name,
      i === 0 ? email.toUpperCase() : email,
      i % 10 === 0 ? 'Trưởng đơn vị' : 'Cán bộ',
      unit,
      'vi',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function vietnamesePage(): Promise<Page> {
  const context = await app.browser().newContext();
  await context.addCookies([{ name: 'rt_locale', value: 'vi', url: base }]);
  return context.newPage();
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

async function upload(page: Page, file: Buffer): Promise<void> {
  await page.getByLabel('Loại dữ liệu').selectOption('USERS');
  await page.getByLabel(/Tệp XLSX hoặc CSV/).setInputFiles({
    name: 'nguoi-dung-truc-ninh.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await page.waitForURL(/\/import\?batch=/);
}

describe('importing people from a spreadsheet', () => {
  it('lists the bad rows by row and column, then imports the fixed file once', async () => {
    const page = await vietnamesePage();
    await signIn(page, 'admin');
    await page.goto(`${base}/import`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Nhập dữ liệu từ bảng tính' }).waitFor();
    expect(await overflowsPhone(page, 'import-form')).toBe(false);

    // The template's headers are in the reader's language.
    const template = await page.request.get(`${base}/import/templates/users.xlsx`);
    expect(template.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(1).values).toEqual([
      undefined,
      'Email',
      'Họ và tên',
      'Vai trò',
      'Mã đơn vị',
      'Ngôn ngữ',
    ]);

    await upload(page, await peopleWorkbook(true));
    await page.getByRole('heading', { name: 'Tệp nguoi-dung-truc-ninh.xlsx có 2 lỗi' }).waitFor();
    const problems = page.getByRole('table', { name: /có 2 lỗi/ });
    const rows = await problems.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      '7 Mã đơn vị Không có đơn vị nào mang mã này.',
      '19 Email Email này trùng với một dòng khác trong tệp.',
    ]);
    // Nothing to confirm, and nobody was created.
    expect(await page.getByRole('button', { name: /^Nhập \d+ dòng$/ }).count()).toBe(0);
    const before = await page.request.get(`${base}/export/users.csv`);
    expect(await before.text()).not.toContain('can.bo.1@trucninh.gov.vn');
    expect(await overflowsPhone(page, 'import-problems')).toBe(false);

    await upload(page, await peopleWorkbook(false));
    await page.getByRole('status').filter({ hasText: '30 dòng hợp lệ' }).waitFor();
    const batchUrl = page.url();
    await page.getByRole('button', { name: 'Nhập 30 dòng' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã nhập 30 dòng từ tệp nguoi-dung-truc-ninh.xlsx.' })
      .waitFor();
    await page.getByRole('heading', { name: 'Mật khẩu dùng một lần' }).waitFor();
    const first = page.locator('.passwords li', { hasText: 'can.bo.1@trucninh.gov.vn' });
    const password = (await first.locator('code').innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(await page.locator('.passwords li').count()).toBe(30);
    expect(await overflowsPhone(page, 'import-applied')).toBe(false);

    // Sent again (the browser's back and resubmit), nothing more is written.
    await page.goto(batchUrl, { waitUntil: 'networkidle' });
    await page.getByRole('status').filter({ hasText: 'đã được nhập trước đó' }).waitFor();

    // The people list's export has them, with their roles.
    const after = await page.request.get(`${base}/export/users.csv`);
    const csv = await after.text();
    expect(csv.match(/@trucninh\.gov\.vn/g)).toHaveLength(30);
    expect(csv).toContain('can.bo.1@trucninh.gov.vn,Nguyễn Văn An,Trưởng đơn vị (ND-TN-CT)');

    // One of them signs in with the one-time password and is asked to choose their own.
    const newcomer = await vietnamesePage();
    await newcomer.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await newcomer.getByLabel(/^\s*(E-mail|Email)\s*$/).fill('can.bo.1@trucninh.gov.vn');
    await newcomer.getByLabel(/^\s*(Password|Mật khẩu)\s*$/).fill(password);
    await newcomer.getByRole('button', { name: /^(Sign in|Đăng nhập)$/ }).click();
    await newcomer.waitForURL(`${base}/account/password`);
    expect(demoLogin('admin').email).not.toBe('can.bo.1@trucninh.gov.vn');
  });

  it('lets the committee assign a draft plan’s tasks from a CSV, in English', async () => {
    const page = await app.englishPage();
    await signIn(page, 'steering');
    const year = new Date().getFullYear() + 1;
    await page.goto(`${base}/plans/new`, { waitUntil: 'networkidle' });
    await page.getByLabel('Title', { exact: true }).fill(`Reform plan ${year} (imported tasks)`);
    await page.getByRole('spinbutton', { name: 'Year' }).fill(String(year));
    await page.getByRole('button', { name: 'Create plan' }).click();
    // The new plan's own page (not the form's address, which matches a looser pattern).
    await page.waitForURL(/\/plans\/(?!new$)[^/?]+$/);
    const planUrl = page.url();
    await page.getByRole('link', { name: 'Assign tasks from an Excel or CSV file' }).click();
    await page.waitForURL(/\/import\?plan=/);
    expect(await page.getByLabel('What to import').inputValue()).toBe('TASKS');
    expect(
      await page.getByLabel('Plan (for task assignments)').locator('option:checked').innerText(),
    ).toContain(`Reform plan ${year} (imported tasks)`);
    expect(await overflowsPhone(page, 'import-form-en')).toBe(false);
    const csv =
      '\uFEFFTask title,Unit code,Reform area,Due date,Weight\r\n' +
      `Publish administrative procedures at the one-stop desk,ND-TN-PD,Administrative procedures,31/12/${year},2\r\n` +
      `Digitise one-stop dossiers,ND-TN-CT,ADMIN_PROCEDURES,${year}-09-30,\r\n` +
      `Review local regulations,ND-TN-PD,Institutional reform,15/6/${year},1\r\n`;
    await page.getByLabel(/XLSX or CSV file/).setInputFiles({
      name: `tasks-${year}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('status').filter({ hasText: '3 valid row(s)' }).waitFor();
    await page.getByRole('button', { name: 'Import 3 row(s)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Imported 3 row(s) from tasks-${year}.csv.` })
      .waitFor();
    await page.goto(planUrl, { waitUntil: 'networkidle' });
    await page.getByText('Digitise one-stop dossiers').first().waitFor();
    await page.getByText('Review local regulations').first().waitFor();
  });
});
