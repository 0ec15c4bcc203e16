// The steering committee's plan editor in a real Chromium against the real `npm start` (embedded
// PostgreSQL, Temporal dev server, worker, web app), on a fresh data folder and ports of its own:
// a draft's task edited on its own page (a refused date keeps what was typed) and deleted after a
// confirmation, the draft's title changed, one task given to every commune of Trực Ninh after a
// preview, the plan issued after a confirmation with a progress bar that reaches the end by
// itself, the phase dates refused out of order, the next phase reached after a confirmation. The
// same without JavaScript (form posts, a refresh while the tasks are sent). A unit head sees no
// form and gets a 403 page for /plans/new; the overdue counts link to the filtered task list.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, useAppInBrowser } from '../helpers/app-in-browser.ts';

const app = useAppInBrowser({ web: 3957, postgres: 55468, temporal: 7439 });
const { base, signIn } = app;

// Due dates in the plan's year, which is next year: never in the past.
const year = new Date().getFullYear() + 1;

async function steeringPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{
  context: BrowserContext;
  page: Page;
}> {
  const context = await app.browser().newContext(options);
  await context.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
  const page = await context.newPage();
  try {
    await signIn(page, 'steering');
  } catch (error) {
    await page.screenshot({ path: path.join(artifacts, 'plan-editor-signin-failed.png'), fullPage: true });
    console.log(
      'sign-in failed on',
      page.url(),
      (await page.content()).slice(0, 3000),
      app.output().slice(-3000),
    );
    throw error;
  }
  return { context, page };
}

async function statusSays(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

/** Whether the page is wider than a 390 px phone screen (screenshots of both sizes). */
async function overflowsPhone(page: Page, name: string): Promise<boolean> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, `plan-editor-${name}-390.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(artifacts, `plan-editor-${name}-desktop.png`), fullPage: true });
  return overflow;
}

async function newDraft(page: Page, title: string): Promise<string> {
  await page.goto(`${base}/plans/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Year', { exact: true }).fill(String(year));
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.waitForURL(/\/plans\/(?!new$)[\w-]+$/);
  // The plan page's forms are filled once it has settled (hydrated, nothing loading).
  await page.waitForLoadState('networkidle');
  return page.url();
}

const section = (page: Page, heading: string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: heading }) });

/** Previews and assigns one task to every commune of Huyện Trực Ninh; returns how many. */
async function bulkAssign(page: Page, title: string): Promise<number> {
  const bulk = section(page, 'Assign to every unit of a level');
  await bulk.getByLabel('Under the unit').selectOption({ label: 'Huyện Trực Ninh' });
  await bulk.getByLabel('Level', { exact: true }).selectOption({ label: 'Communes' });
  await bulk.getByLabel('Reform area').selectOption({ index: 1 });
  await bulk.getByLabel('Task', { exact: true }).fill(title);
  await bulk.getByLabel('Due date').fill(`${year}-06-30`);
  await bulk.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('status').filter({ hasText: 'This will create' });
  await preview.waitFor();
  const count = Number(/This will create (\d+) tasks/.exec((await preview.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThan(1);
  expect(await preview.textContent()).toContain('Xã Phương Định');
  // "Change" goes back to the form with what was typed.
  await page.getByRole('button', { name: 'Change' }).click();
  await expect.poll(() => bulk.getByLabel('Task', { exact: true }).inputValue()).toBe(title);
  await bulk.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: `Assign to all ${count}` }).click();
  await statusSays(page, `${count} tasks assigned.`);
  return count;
}

/** Issues the plan after its confirmation and waits for the bar to reach the end by itself. */
async function issueAndWatch(page: Page, tasks: number): Promise<number[]> {
  await page.getByRole('button', { name: 'Issue plan…' }).click();
  const question = page.getByText(/^Issue the plan: \d+ tasks go to \d+ units; this cannot be undone\.$/);
  await question.waitFor();
  expect(await question.textContent()).toContain(`${tasks} tasks go to`);
  await page.getByRole('button', { name: 'Yes, issue the plan' }).click();
  await statusSays(page, 'Plan issued');
  const bar = page
    .getByRole('region', { name: 'Tasks sent to units' })
    .getByRole('meter', { name: 'Tasks sent to units' });
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
  await statusSays(page, `All ${tasks} tasks have reached their units.`);
  return seen;
}

describe('the plan editor', () => {
  it('edits and deletes draft tasks, renames the draft, bulk-assigns after a preview, issues with a confirmation and a moving bar, moves the phase dates and the phase', async () => {
    const { context, page } = await steeringPage();
    const planUrl = await newDraft(page, `Kế hoạch biên tập ${year}`);

    // One task through the single assignment form.
    const assign = section(page, 'Assign a task');
    await assign.getByLabel('Task', { exact: true }).fill('Rà soát quy chế một cửa');
    await assign.getByLabel('Reform area').selectOption({ index: 1 });
    await assign.getByLabel('Assigned to').selectOption({ label: 'Xã Phương Định' });
    await assign.getByLabel('Due date').fill(`${year}-05-31`);
    await assign.getByRole('button', { name: 'Assign task' }).click();
    await page.getByRole('link', { name: 'Rà soát quy chế một cửa', exact: true }).waitFor();

    // Edit on its own page: a date outside the plan's year is refused next to its field, and
    // the title typed meanwhile is kept.
    await page.getByRole('link', { name: 'Edit “Rà soát quy chế một cửa” for Xã Phương Định' }).click();
    await page.getByRole('heading', { name: 'Edit a draft task' }).waitFor();
    await page.getByLabel('Task', { exact: true }).fill('Rà soát quy chế một cửa (sửa)');
    await page.getByLabel('Due date').fill(`${year + 1}-03-01`);
    await page.getByRole('button', { name: 'Save task' }).click();
    await page.getByText('The due date must lie in the plan’s year').waitFor();
    expect(await page.locator('.field-error').count()).toBe(1);
    expect(await page.getByLabel('Task', { exact: true }).inputValue()).toBe('Rà soát quy chế một cửa (sửa)');
    expect(await overflowsPhone(page, 'edit-task')).toBe(false);
    await page.getByLabel('Due date').fill(`${year}-07-31`);
    await page.getByRole('button', { name: 'Save task' }).click();
    await statusSays(page, 'Task saved.');
    const row = page.getByRole('row').filter({ hasText: 'Rà soát quy chế một cửa (sửa)' });
    expect(await row.textContent()).toContain(`31/07/${year}`);

    // Delete asks first; "No, keep it" keeps it.
    const deleteLink = page.getByRole('link', {
      name: 'Delete “Rà soát quy chế một cửa (sửa)” for Xã Phương Định',
    });
    await deleteLink.click();
    await page.getByText('This cannot be undone.').waitFor();
    await page.getByRole('link', { name: 'No, keep it' }).click();
    await row.waitFor();
    // The plan page again, hydrated: a click during its navigation was lost once in a loaded full run.
    await page.waitForLoadState('networkidle');
    await page.getByText('This cannot be undone.').waitFor({ state: 'detached' });
    await deleteLink.click();
    await page.getByRole('button', { name: 'Yes, delete the task' }).click();
    await statusSays(page, 'Task deleted.');
    expect(await row.count()).toBe(0);

    // The draft's title.
    await page.getByText('Edit the draft plan').click();
    await page.locator('details').getByLabel('Title').fill(`Kế hoạch số hoá cấp xã ${year}`);
    await page.getByRole('button', { name: 'Save plan' }).click();
    await statusSays(page, 'Plan saved.');
    await page.getByRole('heading', { level: 1, name: `Kế hoạch số hoá cấp xã ${year}` }).waitFor();

    const count = await bulkAssign(page, 'Triển khai chữ ký số cho công chức xã');
    expect(await overflowsPhone(page, 'draft')).toBe(false);
    const seen = await issueAndWatch(page, count);
    // The bar only moves forward.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // Phase dates: out of order is refused next to the date; then the next phase, after a question.
    await page.goto(planUrl);
    const phases = section(page, 'Phase dates');
    await phases.getByLabel('Appraisal opens').fill(`${year}-11-01`);
    await phases.getByRole('button', { name: 'Save dates' }).click();
    await page.getByText('this date must come after the one before it').waitFor();
    expect(await phases.getByLabel('Appraisal opens').inputValue()).toBe(`${year}-11-01`);
    await page.goto(planUrl);
    await page.getByRole('button', { name: 'Move to Self-assessment…' }).click();
    await page.getByText('Move the plan from Issued to Self-assessment now?').waitFor();
    await page.getByRole('button', { name: 'Yes, move to Self-assessment' }).click();
    await statusSays(page, 'The plan is now in phase Self-assessment.');
    // Its date has passed now: it can no longer be changed.
    expect(
      await section(page, 'Phase dates').getByLabel('Self-assessment opens').getAttribute('readonly'),
    ).not.toBeNull();
    expect(await overflowsPhone(page, 'issued')).toBe(false);
    await context.close();
  }, 240_000);

  it('works without JavaScript: preview, assignment, issue confirmation and a bar that reaches the end on refresh', async () => {
    const { context, page } = await steeringPage({ javaScriptEnabled: false });
    await newDraft(page, `Kế hoạch không JavaScript ${year}`);
    const count = await bulkAssign(page, 'Niêm yết thủ tục tại bộ phận một cửa xã');
    await issueAndWatch(page, count);
    await context.close();
  }, 240_000);

  it('a unit head sees the plan without any form and gets a 403 page for /plans/new; overdue counts link to the filtered task list', async () => {
    const { context, page } = await steeringPage();
    await page
      .getByRole('link', {
        name: `Kế hoạch cải cách hành chính huyện Trực Ninh năm ${year - 1}`,
        exact: true,
      })
      .first()
      .click();
    await page.waitForURL(/\/plans\/[\w-]+$/);
    const planUrl = page.url();
    const overdue = page.getByRole('link', { name: /^\d+ overdue tasks of / }).first();
    const href = new URL((await overdue.getAttribute('href')) ?? '', page.url());
    expect(href.pathname).toBe('/tasks');
    expect(href.searchParams.get('plan')).toBe(planUrl.split('/').pop());
    expect(href.searchParams.get('unit')).toBeTruthy();
    expect(href.searchParams.get('overdue')).toBe('1');
    await context.close();

    const headContext = await app.browser().newContext();
    await headContext.addCookies([{ name: 'rt_locale', value: 'en', url: base }]);
    const head = await headContext.newPage();
    await signIn(head, 'unitHead');
    await head.goto(planUrl);
    await head.getByRole('heading', { level: 1 }).waitFor();
    expect(await head.locator('main form').count()).toBe(0);
    expect(await head.getByRole('link', { name: /^(Edit|Delete) “/ }).count()).toBe(0);
    const response = await head.goto(`${base}/plans/new`);
    expect(response?.status()).toBe(403);
    await head.getByText('Only the steering committee creates reform plans; your role cannot.').waitFor();
    expect(await head.locator('main form').count()).toBe(0);
    await headContext.close();
  }, 120_000);
});
