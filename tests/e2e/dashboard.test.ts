// Issue 11's dashboard in a real Chromium against the real `npm start` (embedded PostgreSQL,
// Temporal dev server, worker, web app) with the demo data, on ports of its own. The committee
// opens the heat map of Trực Ninh's plan, drills from the district to Xã Phương Định and downloads
// the table as XLSX: the file is opened with ExcelJS and its cells are the page's figures. A
// commune's head sees the dashboard of their own commune only. Once in English; every page fits
// a 390 px phone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 4017, postgres: 55528, temporal: 7499 });
const { base, signIn } = app;

/** Whether the page is wider than a 390 px phone (screenshots at 390 and 1280 px). */
async function overflowsPhone(page: Page, name: string): Promise<boolean> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, `dashboard-${name}-390.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(artifacts, `dashboard-${name}-desktop.png`), fullPage: true });
  return overflow;
}

/** A percentage as the page writes it ("55,7 %", "55.7%") → 55.7; "no data" → null. */
function percentOf(text: string): number | null {
  const found = /(\d+(?:[.,]\d+)?)\s*%/.exec(text);
  return found ? Number(found[1]!.replace(',', '.')) : null;
}

/** The heat map as the page shows it: each row's unit and its cells' percentages. */
async function heatMap(page: Page): Promise<{ unit: string; cells: (number | null)[] }[]> {
  const rows = page.locator('table.heat tbody tr');
  const out: { unit: string; cells: (number | null)[] }[] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const unit = (await row.locator('th a').first().textContent())!.trim();
    const cells = await row.locator('td').allTextContents();
    out.push({ unit, cells: cells.map(percentOf) });
  }
  return out;
}

/** The district's ID, from the commune's unit page (the head sees its parent's name, not a link). */
async function districtId(page: Page): Promise<string> {
  const result = await page.evaluate(async () => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ plans(first: 50) { edges { node { issuingUnit { id name } } } } }' }),
    });
    return (await response.json()) as {
      data: { plans: { edges: { node: { issuingUnit: { id: string; name: string } } }[] } };
    };
  });
  const unit = result.data.plans.edges
    .map((edge) => edge.node.issuingUnit)
    .find((u) => u.name === 'Huyện Trực Ninh');
  if (!unit) throw new Error('the head sees no plan of Huyện Trực Ninh');
  return unit.id;
}

async function choosePlan(page: Page, planName: RegExp, button: string): Promise<void> {
  // The select's accessible name is its label's word followed by the chosen plan.
  const select = page.getByRole('combobox', { name: /^(Kế hoạch|Plan)\b/ });
  const options = await select.locator('option').allTextContents();
  const chosen = options.find((text) => planName.test(text));
  expect(chosen, `a plan matching ${planName} among ${options.join(' | ')}`).toBeDefined();
  await select.selectOption({ label: chosen! });
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(/\/dashboard\?plan=/);
}

describe('the committee’s dashboard', () => {
  it('opens the heat map, drills from the district to a commune and downloads the table as XLSX', async () => {
    const context = await app.browser().newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, 'steering');
    await page.goto(`${base}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
    await choosePlan(page, new RegExp(`^${new Date().getFullYear()} · .*Trực Ninh`), 'Xem');

    // The district's heat map: its communes as rows, numbers in the cells, a legend beside it.
    await page
      .getByRole('heading', { level: 2, name: /Mức hoàn thành của Huyện Trực Ninh theo lĩnh vực/ })
      .waitFor();
    const legend = page.getByRole('list', { name: 'Chú giải màu' });
    await legend.getByText('dưới 25 %').waitFor();
    await legend.getByText('chưa có số liệu').waitFor();
    const district = await heatMap(page);
    const phuongDinh = district.find((row) => row.unit === 'Xã Phương Định');
    expect(phuongDinh, district.map((row) => row.unit).join(', ')).toBeDefined();
    expect(phuongDinh!.cells.some((cell) => cell !== null)).toBe(true);
    expect(await overflowsPhone(page, 'district')).toBe(false);
    // A wide table scrolls inside its own box on a phone, not the page.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = await page
      .locator('.scroll')
      .first()
      .evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Drill down to the commune: its own tasks by area, the district above it to go back.
    await page.getByRole('link', { name: 'Xã Phương Định: xem theo đơn vị trực thuộc' }).click();
    await page.waitForURL(/unit=/);
    await page
      .getByRole('heading', { level: 2, name: /Mức hoàn thành của Xã Phương Định theo lĩnh vực/ })
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Vị trí trong cây đơn vị' })
      .getByRole('link', { name: 'Huyện Trực Ninh' })
      .waitFor();
    const commune = await heatMap(page);
    expect(commune.map((row) => row.unit)).toEqual(['Xã Phương Định']);
    // The commune's overall figure is the one its row had on the district's map.
    expect(commune[0]!.cells.at(-1)).toBe(phuongDinh!.cells.at(-1));
    expect(await overflowsPhone(page, 'commune')).toBe(false);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải về (XLSX): Bảng mức hoàn thành' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(artifacts, 'dashboard-commune.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const areaNames = await page.locator('table.heat thead th').allTextContents();
    // Unit, the six areas as on the page, then overall, tasks, completed, overdue.
    expect(header.slice(0, areaNames.length)).toEqual(areaNames.map((name) => name.trim()));
    expect(header.slice(areaNames.length)).toEqual(['Số nhiệm vụ', 'Đã hoàn thành', 'Quá hạn']);
    const own = sheet.getRow(2);
    expect(own.getCell(1).value).toBe('Xã Phương Định (nhiệm vụ của đơn vị)');
    const fromFile = commune[0]!.cells.map((_, index) => {
      const value = own.getCell(index + 2).value as number | null;
      return value === null ? null : Math.round(value * 1000) / 10;
    });
    expect(fromFile).toEqual(commune[0]!.cells);
    expect(own.getCell(areaNames.length + 1).value).toBeGreaterThan(0);
    expect(sheet.getRow(3).getCell(1).value).toBe('Tổng: Xã Phương Định');
    await context.close();
  });

  it('in English, on a phone: the trend section and the lists', async () => {
    const page = await app.englishPage();
    await signIn(page, 'steering');
    await page.goto(`${base}/dashboard`);
    await choosePlan(page, new RegExp(`^${new Date().getFullYear()} · .*Trực Ninh`), 'Show');
    await page
      .getByRole('heading', { level: 2, name: /Completion in Huyện Trực Ninh by reform area/ })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Trend over the reporting periods' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Overdue tasks' }).waitFor();
    await page.getByText(/overdue tasks, \d+ of them escalated to the steering committee/).waitFor();
    await page.getByRole('link', { name: 'Download (XLSX): Completion table' }).waitFor();
    expect(await overflowsPhone(page, 'english')).toBe(false);
    await page.context().close();
  });
});

describe('a commune’s head', () => {
  it('sees the dashboard and the page of their own commune only', async () => {
    const context = await app.browser().newContext();
    const page = await context.newPage();
    await signIn(page, 'unitHead');
    await page.goto(`${base}/dashboard`);
    await page.getByRole('heading', { level: 2, name: /Mức hoàn thành của Xã Phương Định/ }).waitFor();
    expect((await heatMap(page)).map((row) => row.unit)).toEqual(['Xã Phương Định']);
    expect(await page.getByText('Xã Trực Mỹ').count()).toBe(0);
    // No way up: the district is not theirs.
    const up = page.getByRole('navigation', { name: 'Vị trí trong cây đơn vị' }).getByRole('link');
    expect(await up.count()).toBe(0);
    // Their unit's page: its people with their roles, its tasks, on a phone.
    await page.getByRole('link', { name: 'Xã Phương Định', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Xã Phương Định' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Cán bộ' }).waitFor();
    await page.getByText('Trưởng đơn vị').first().waitFor();
    await page.getByRole('heading', { level: 2, name: /^Nhiệm vụ \(\d+\)$/ }).waitFor();
    expect(await overflowsPhone(page, 'unit-page')).toBe(false);
    // The district's dashboard answers as a unit that does not exist.
    const response = await page.goto(`${base}/dashboard?unit=${encodeURIComponent(await districtId(page))}`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
