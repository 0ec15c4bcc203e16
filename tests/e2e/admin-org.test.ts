// Issue 11's administration in a real Chromium against the real `npm start` (embedded
// PostgreSQL, Temporal dev server, worker, web app) with the demo data, on ports of its own.
// The province's administrator creates an account (in Vietnamese) and sees its one-time password
// once; the new person signs in with it and must choose their own password before any other page.
// In English, the administrator merges Xã Trực Đại into Xã Trực Thái after reading the preview
// (counts, the open task, the head whose role follows) and then finds the open task under the
// successor. Every page fits a 390 px phone.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 4027, postgres: 55538, temporal: 7509 });
const { base, signIn } = app;

/** Whether the page is wider than a 390 px phone (screenshots at 390 and 1280 px). */
async function overflowsPhone(page: Page, name: string): Promise<boolean> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, `admin-${name}-390.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(artifacts, `admin-${name}-desktop.png`), fullPage: true });
  return overflow;
}

/** Chooses the option naming `name` (unit choices are indented by depth and carry their code). */
async function chooseOption(page: Page, label: string | RegExp, name: string): Promise<void> {
  const select = page.getByLabel(label);
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

describe('the administrator runs units and people', () => {
  it('creates an account (Vietnamese): the one-time password is shown once and must be replaced at first sign-in', async () => {
    const context = await app.browser().newContext();
    const admin = await context.newPage();
    onTestFailed(async () => {
      await admin
        .screenshot({ path: path.join(artifacts, 'admin-account-failed.png'), fullPage: true })
        .catch(() => undefined);
    });
    // The person form posts without JavaScript (a whole page each time): fields are typed only once
    // the new page's script has taken over, or hydration may put back the values it was served with.
    const settled = () => admin.waitForLoadState('networkidle');
    await signIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Quản trị', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
    expect(await overflowsPhone(admin, 'index')).toBe(false);
    await admin.getByRole('link', { name: 'Người dùng', exact: true }).click();
    await admin.getByRole('link', { name: 'Thêm người dùng' }).click();
    await admin.getByLabel('Họ và tên').waitFor();
    await settled();

    // A bad address is said next to its field, the typed values kept.
    await admin.getByLabel('Họ và tên').fill('Đỗ Thị Thu Trang');
    await admin.getByLabel('Email').fill('khong-phai-email');
    await chooseOption(admin, 'Tại đơn vị', 'Xã Trực Hùng');
    // The browser's own check would stop a non-address first; the server's answer is what counts.
    await admin.getByLabel('Email').evaluate((input: HTMLInputElement) => (input.type = 'text'));
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByText('Nhập một địa chỉ email hợp lệ.').waitFor();
    await settled();
    expect(await admin.getByLabel('Họ và tên').inputValue()).toBe('Đỗ Thị Thu Trang');

    await admin.getByLabel('Email').fill('trang.truchung@reform.demo');
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const shown = admin.getByTestId('one-time-password');
    await shown.waitFor();
    await admin.getByText('Đỗ Thị Thu Trang (trang.truchung@reform.demo)').waitFor();
    const password = (await shown.textContent())!.trim();
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    await admin.getByText('chỉ hiện một lần').waitFor();
    expect(await overflowsPhone(admin, 'one-time-password')).toBe(false);
    // Shown once: the page opened again has no password on it.
    await admin.goto(`${base}/admin/people/new`, { waitUntil: 'networkidle' });
    expect(await admin.getByTestId('one-time-password').count()).toBe(0);
    expect(await admin.content()).not.toContain(password);

    // The same e-mail again is refused next to the field.
    await admin.getByLabel('Họ và tên').fill('Người Trùng');
    await admin.getByLabel('Email').fill('trang.truchung@reform.demo');
    await chooseOption(admin, 'Tại đơn vị', 'Xã Trực Hùng');
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByText('Địa chỉ email trang.truchung@reform.demo đã có tài khoản.').waitFor();

    // The new person signs in with the one-time password and is held on the password page.
    const own = await app.browser().newContext();
    const person = await own.newPage();
    // Typed only once the page's script has taken over the form (as signIn does): values typed
    // before could be reset by hydration, and the sign-in would be sent empty.
    await person.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await person.getByLabel('Email').fill('trang.truchung@reform.demo');
    await person.getByLabel('Mật khẩu').fill(password);
    await person.getByRole('button', { name: 'Đăng nhập' }).click();
    await person.waitForURL(`${base}/account/password`);
    await person.getByText('Bạn đang dùng mật khẩu dùng một lần.').waitFor();
    await person.goto(`${base}/tasks`, { waitUntil: 'networkidle' });
    await person.waitForURL(`${base}/account/password`);
    await person.waitForLoadState('networkidle');
    expect(await overflowsPhone(person, 'change-password')).toBe(false);
    await person.getByLabel('Mật khẩu hiện tại').fill(password);
    await person.getByLabel('Mật khẩu mới (ít nhất 12 ký tự)').fill('Trực Hùng 2026 của tôi');
    await person.getByLabel('Nhập lại mật khẩu mới').fill('Trực Hùng 2026 của tôi');
    await person.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await person.waitForURL(`${base}/`);
    await person.goto(`${base}/tasks`);
    await person.waitForURL(`${base}/tasks`);
    await own.close();

    // The administrator sees the account, with its role, among the people of the province.
    await admin.goto(`${base}/admin/people?q=trang.truchung`);
    await admin.getByText('Cán bộ đơn vị · Xã Trực Hùng').waitFor();
    await admin.getByRole('link', { name: 'Đỗ Thị Thu Trang' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Đỗ Thị Thu Trang' }).waitFor();
    await admin.getByRole('button', { name: 'Bỏ vai trò Cán bộ đơn vị tại Xã Trực Hùng' }).waitFor();
    expect(await overflowsPhone(admin, 'person')).toBe(false);
    // Her only role cannot go; a password reset is shown once; deactivation ends her access.
    await admin.getByRole('button', { name: 'Bỏ vai trò Cán bộ đơn vị tại Xã Trực Hùng' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Đây là vai trò cuối cùng của người này' }).waitFor();
    await admin.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await admin.getByTestId('one-time-password').waitFor();
    await admin.getByRole('button', { name: 'Khoá tài khoản' }).click();
    await admin.getByRole('status').filter({ hasText: 'Đã khoá tài khoản' }).waitFor();
    await admin.getByRole('button', { name: 'Mở lại tài khoản' }).waitFor();
    await context.close();
  });

  it('merges two communes after reading the preview (English), then finds their open task under the successor', async () => {
    const admin = await app.englishPage();
    await signIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Administration', exact: true }).click();
    await admin.getByRole('link', { name: 'Units', exact: true }).click();
    await admin.getByLabel('Unit name or code').fill('Trực');
    await admin.getByRole('button', { name: 'Search' }).click();
    expect(await overflowsPhone(admin, 'units')).toBe(false);
    await admin.getByRole('link', { name: 'Xã Trực Đại', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Xã Trực Đại', exact: true }).waitFor();
    expect(await overflowsPhone(admin, 'unit')).toBe(false);

    await chooseOption(admin, 'Successor', 'Xã Trực Thái');
    await admin.getByRole('button', { name: 'Preview what moves' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Merge Xã Trực Đại into Xã Trực Thái' }).waitFor();
    const count = (term: string) =>
      admin.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(await count('Open tasks that move')).toBe('1');
    expect(await count('Open corrective actions that move')).toBe('0');
    expect(await count('Roles given at the successor')).toBe('1');
    const task = 'Tạo lập hồ sơ điện tử và nộp lưu vào lưu trữ cơ quan';
    await admin.getByRole('link', { name: task }).waitFor();
    await admin.getByText('Trần Quốc Việt').waitFor();
    expect(await overflowsPhone(admin, 'merger-preview')).toBe(false);

    // Without a basis the merger is refused next to its field (the browser's check set aside).
    await admin.getByLabel(/^Basis of the merger/).evaluate((input: HTMLInputElement) => {
      input.required = false;
      input.value = '   ';
    });
    await admin.getByRole('button', { name: 'Confirm the merger' }).click();
    await admin.getByText('Give the basis of the merger').waitFor();
    await admin.getByLabel(/^Basis of the merger/).fill('Nghị quyết 1234/NQ-UBTVQH15');
    await admin.getByRole('button', { name: 'Confirm the merger' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Xã Trực Thái', exact: true }).waitFor();
    await admin
      .getByRole('status')
      .filter({ hasText: 'Xã Trực Đại was merged: 1 tasks and 0 corrective actions moved to this unit.' })
      .waitFor();
    // The merged commune's head now holds the same role at the successor.
    await admin.getByRole('link', { name: 'Trần Quốc Việt' }).waitFor();

    await admin.getByRole('link', { name: 'Tasks of Xã Trực Thái' }).click();
    await admin.getByRole('link', { name: task }).waitFor();
    await admin.getByRole('link', { name: task }).click();
    await admin.getByText('Xã Trực Thái').first().waitFor();

    // The merged unit says where it went and takes no more changes.
    await admin.goto(`${base}/admin/units?q=${encodeURIComponent('Trực Đại')}`);
    await admin.getByText('Merged into Xã Trực Thái').waitFor();
    await admin.getByRole('link', { name: 'Xã Trực Đại', exact: true }).click();
    expect(await admin.getByRole('button', { name: 'Preview what moves' }).count()).toBe(0);
    await admin.context().close();
  });
});
