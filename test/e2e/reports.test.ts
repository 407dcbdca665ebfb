/**
 * Reports, reconciliation and backups end to end: web mode (child process, fresh data folder) + Debian
 * Chromium + the Kasushou and Kuaimai simulators, synced through the contract. Checks that a report's
 * totals equal the sum of the rows on screen (exactly, as scale-4 integers), drills into a figure, exports
 * the report, runs the reconciliation checks (the simulators contain deliberate mismatches) and marks a
 * finding reviewed, and takes a backup from Settings. Screenshots in zh-CN and en.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetMember, type FleetMember } from '../../src-main/demo/simulator-fleet.js';
import { parseScaledText } from '../../src-renderer/src/composables/exact-money.js';
import { launchChromium, openPage, openView } from './support/browser.js';
import { addAndSync } from './support/ledger-api.js';
import { SCREENSHOT_DIR } from './support/paths.js';
import { startWebApp, type RunningWebApp } from './support/web-app.js';

let kasushou: FleetMember<'kasushou'>;
let kuaimai: FleetMember<'kuaimai'>;
let app: RunningWebApp;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

async function shot(name: string): Promise<void> {
  // Toasts from earlier steps would cover the page header; a hovered button looks disabled.
  await page.mouse.move(0, 890);
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((el) => el.remove()));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

function reportTable(kind: string): Locator {
  return page.locator(`[data-test=report-table][data-kind=${kind}]`);
}

/** Exact sum (scale 4) of the `data-amount` of every element the locator finds. */
async function sumOf(locator: Locator): Promise<bigint> {
  const amounts = await locator.evaluateAll((els) => els.map((el) => el.getAttribute('data-amount') ?? ''));
  let sum = 0n;
  for (const a of amounts) {
    const scaled = parseScaledText(a);
    if (scaled === null) throw new Error(`not an exact amount: "${a}"`);
    sum += scaled;
  }
  return sum;
}

async function countsOf(locator: Locator): Promise<number> {
  const counts = await locator.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
  return counts.reduce((a, b) => a + b, 0);
}

/** Checks, per currency and money figure, that the total row equals the sum of the rows shown. */
async function expectTotalsEqualRows(kind: string, figures: readonly string[], countFigure: string): Promise<string[]> {
  const table = reportTable(kind);
  const currencies = await table.locator(`[data-test=total-figure][data-figure=${figures[0]}]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-currency') ?? ''));
  expect(currencies.length).toBeGreaterThan(0);
  for (const currency of currencies) {
    for (const figure of figures) {
      const rows = table.locator(`[data-test=figure][data-figure=${figure}][data-currency=${currency}]`);
      expect(await rows.count()).toBeGreaterThan(0);
      const total = await table.locator(`[data-test=total-figure][data-figure=${figure}][data-currency=${currency}]`).getAttribute('data-amount');
      expect(await sumOf(rows), `${figure} ${currency}`).toBe(parseScaledText(total ?? ''));
    }
    const counted = table.locator(`[data-figure=${countFigure}][data-currency=${currency}]:not([data-test=total-figure])`);
    const totalCount = await table.locator(`[data-test=total-figure][data-figure=${countFigure}][data-currency=${currency}]`).getAttribute('data-count');
    expect(await countsOf(counted)).toBe(Number(totalCount));
  }
  return currencies;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [kasushou, kuaimai] = await Promise.all([fleetMember('kasushou', { scale: 300 }), fleetMember('kuaimai', { scale: 300 })]);
  app = await startWebApp();
  for (const member of [kasushou, kuaimai]) {
    const run = await addAndSync(app, member.account);
    if (run.status !== 'succeeded') throw new Error(`sync of ${member.account.name} ended ${run.status}: ${run.errorMessage ?? ''}`);
  }
  browser = await launchChromium();
  ({ page } = await openPage(browser, pageProblems, { acceptDownloads: true }));
  await page.goto(app.launchUrl);
  await page.waitForURL(/#\/dashboard$/);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await kasushou?.simulator.close();
  await kuaimai?.simulator.close();
});

describe('reports in Chromium', () => {
  it('shows revenue per day whose totals equal the sum of the rows shown, also by month', async () => {
    await openView(page, app.origin, '/reports');
    const table = reportTable('revenue');
    await table.locator('[data-test=figure]').first().waitFor();
    expect(await table.locator('[data-dim=provider]').allInnerTexts()).toEqual(expect.arrayContaining(['卡速售', '快麦']));
    const currencies = await expectTotalsEqualRows('revenue', ['revenue', 'refunds', 'net'], 'orders');
    const dailyTotal = await table.locator(`[data-test=total-figure][data-figure=revenue][data-currency=${currencies[0]}]`).getAttribute('data-amount');
    await shot('zh-CN-reports');

    await page.locator('[data-test=report-group]').getByText('按月').click();
    await expect.poll(() => table.locator('[data-test=row-period]').first().innerText()).toMatch(/^\d{4}-\d{2}$/);
    await expectTotalsEqualRows('revenue', ['revenue', 'refunds', 'net'], 'orders');
    // The same period grouped differently has the same total.
    expect(await table.locator(`[data-test=total-figure][data-figure=revenue][data-currency=${currencies[0]}]`).getAttribute('data-amount')).toBe(dailyTotal);
    await shot('zh-CN-reports-by-month');
    await page.locator('[data-test=report-group]').getByText('按日').click();
    await expect.poll(() => table.locator('[data-test=row-period]').first().innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('drills into a figure: the records listed add up to it', async () => {
    const table = reportTable('revenue');
    const figure = table.locator('[data-test=figure][data-figure=orders]').first();
    const expected = Number(await figure.getAttribute('data-count'));
    expect(expected).toBeGreaterThan(0);
    await figure.click();
    const drawer = page.locator('.el-drawer:visible');
    await drawer.waitFor();
    await expect.poll(() => drawer.locator('[data-test=drill-count]').getAttribute('data-complete')).toBe('true');
    await expect.poll(() => drawer.locator('[data-test=drill-ref]').count()).toBe(expected);
    expect(await drawer.locator('[data-test=drill-count]').innerText()).toBe(`共 ${expected} 条`);
    await shot('zh-CN-reports-drilldown');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    const refund = table.locator('[data-test=figure][data-figure=refunds]:not(.is-zero)').first();
    const refundAmount = parseScaledText((await refund.getAttribute('data-amount')) ?? '');
    await refund.click();
    await drawer.waitFor();
    await expect.poll(() => drawer.locator('[data-test=drill-count]').getAttribute('data-complete')).toBe('true');
    expect(await sumOf(drawer.locator('[data-money=refunds]'))).toBe(refundAmount);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('shows the other report kinds', async () => {
    for (const [tab, kind] of [
      ['快麦流水', 'flows'],
      ['卡密交付', 'cards'],
      ['佣金发放', 'commissions'],
    ] as const) {
      await page.locator('[data-test=report-kinds] .el-tabs__item', { hasText: tab }).click();
      await page.locator(`[data-test=report-table][data-kind=${kind}], [data-test=report-empty]`).first().waitFor();
    }
    await page.locator('[data-test=report-kinds] .el-tabs__item', { hasText: '快麦流水' }).click();
    await reportTable('flows').locator('[data-test=figure]').first().waitFor();
    await expectTotalsEqualRows('flows', ['payments', 'refunds', 'net'], 'flows');
    await page.locator('[data-test=report-kinds] .el-tabs__item', { hasText: '收入退款' }).click();
    await reportTable('revenue').locator('[data-test=figure]').first().waitFor();
  });

  it('exports the report to CSV with progress and shows where the file is', async () => {
    await page.locator('[data-test=export-button]').click();
    await page.locator('.el-dropdown-menu:visible [data-test=export-csv]').click();
    const card = page.locator('[data-test=export-job]');
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    const file = await card.locator('[data-test=export-path]').innerText();
    expect(file.startsWith(path.join(app.dataDir, 'exports'))).toBe(true);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('CNY');
    // The web mode hands the same file to the browser as a download.
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('[data-test=export-download]').click()]);
    expect(download.suggestedFilename()).toBe(path.basename(file));
    expect(readFileSync(await download.path()).equals(readFileSync(file))).toBe(true);
    await shot('zh-CN-reports-export');
    await card.locator('[data-test=export-dismiss]').click();
    await card.waitFor({ state: 'detached' });
  });
});

describe('reconciliation in Chromium', () => {
  it('runs the checks and lists the deliberate mismatches of the simulators', async () => {
    await openView(page, app.origin, '/reconcile');
    await page.locator('[data-test=reconcile-run]').click();
    const rows = page.locator('[data-test=finding-table] .el-table__body tr');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.el-message--success').first().innerText()).toContain('检查完成');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test=run-info]').innerText()).toContain('个待复核');
    const checks = await page.locator('[data-test=finding-table] [data-check]').evaluateAll((els) => els.map((el) => el.getAttribute('data-check')));
    expect(checks).toEqual(expect.arrayContaining(['kuaimai_flow_mismatch', 'kasushou_refund_missing']));
    expect(await rows.first().locator('[data-test=finding-explanation]').first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    await shot('zh-CN-reconcile');
  });

  it('marks a finding reviewed with a note; “unreviewed only” then leaves it out', async () => {
    await page.locator('[data-test=check-tabs] .el-tabs__item', { hasText: '卡速售退款金额缺失' }).click();
    const rows = page.locator('[data-test=finding-table] .el-table__body tr');
    await rows.first().locator('[data-check], [data-severity]').first().waitFor();
    const first = rows.first();
    const subject = await first.locator('.mono').innerText();
    await first.locator('[data-test=mark-reviewed]').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    await dialog.locator('textarea[data-test=review-note-input]').fill('已在卡速售后台核实退款');
    await dialog.locator('[data-test=review-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    const reviewed = rows.filter({ hasText: subject });
    await reviewed.locator('[data-test=reviewed-tag]').waitFor();
    expect(await reviewed.locator('[data-test=review-note]').innerText()).toBe('已在卡速售后台核实退款');
    await shot('zh-CN-reconcile-reviewed');

    await page.locator('[data-test=unreviewed-only]').click();
    await expect.poll(() => rows.filter({ hasText: subject }).count()).toBe(0);
    await page.locator('[data-test=unreviewed-only]').click();
    await expect.poll(() => rows.filter({ hasText: subject }).count()).toBe(1);
  });
});

describe('settings in Chromium', () => {
  it('shows the data folder and takes a backup that is then listed', async () => {
    await openView(page, app.origin, '/settings');
    expect(await page.locator('[data-test=data-dir]').innerText()).toBe(app.dataDir);
    const manual = page.locator('[data-test=backup-table] [data-kind=manual]');
    await page.locator('[data-test=backup-table] .el-table__body tr').first().waitFor();
    const before = await manual.count();
    await page.locator('[data-test=backup-now]').click();
    await expect.poll(() => manual.count(), { timeout: 30_000 }).toBe(before + 1);
    expect(await page.locator('.el-message--success').first().innerText()).toContain('已备份');
    await shot('zh-CN-settings');
  });

  it('shows Reports, Reconciliation and Settings in English', async () => {
    await page.locator('[data-test=language-switch]').getByText('English').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Settings');
    await shot('en-settings');
    await openView(page, app.origin, '/reports');
    await reportTable('revenue').locator('[data-test=figure]').first().waitFor();
    expect(await page.locator('[data-test=report-kinds] .el-tabs__item').allInnerTexts()).toContain('Revenue & refunds');
    await shot('en-reports');
    await openView(page, app.origin, '/reconcile');
    await page.locator('[data-test=reconcile-run]').click();
    await page.locator('[data-test=finding-table] .el-table__body tr').first().waitFor();
    await page.locator('.el-message--success').first().waitFor();
    expect(await page.locator('[data-test=finding-explanation]').first().innerText()).toMatch(/[A-Za-z]/);
    await shot('en-reconcile');
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=language-switch]').getByText('简体中文').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('设置');
  });

  it('raised no page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
