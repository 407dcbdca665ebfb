/**
 * Dashboard end to end: web mode (child process, fresh data folder) + Debian Chromium + the Duomai
 * (orders, commissions, settlement revisions) and Kasushou simulators — both place their data in the
 * 60 days before now — synced through the contract. The business overview shows per-period figures per provider and currency,
 * equal to `report:revenue` over the same days, and both charts; screenshots in zh-CN, en and dark.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetMember, type FleetMember } from '../../src-main/demo/simulator-fleet.js';
import { launchChromium, openPage, openView } from './support/browser.js';
import { addAndSync, callApi } from './support/ledger-api.js';
import { SCREENSHOT_DIR } from './support/paths.js';
import { startWebApp, type RunningWebApp } from './support/web-app.js';

let duomai: FleetMember<'duomai'>;
let kasushou: FleetMember<'kasushou'>;
let app: RunningWebApp;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

/** The view scrolls inside <main>, so the page is made as tall as the view for the picture, then restored. */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((el) => el.remove()));
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.evaluate(() => {
    const main = document.getElementById('main');
    return main ? main.scrollHeight + main.getBoundingClientRect().top + 16 : document.body.scrollHeight;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
  await chartsPainted();
  await page.waitForTimeout(300); // echarts redraws after the resize
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  await page.setViewportSize(viewport);
}

async function pickPeriod(period: string): Promise<void> {
  await page.locator(`[data-test=period-tabs] [data-period=${period}]`).click();
  await expect.poll(() => page.locator('[data-test=business-overview]').getAttribute('data-period')).toBe(period);
}

/** The charts draw on a canvas; wait until both have painted something. */
async function chartsPainted(): Promise<void> {
  await expect.poll(() => page.locator('[data-test=daily-chart] canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.locator('[data-test=level-chart] canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
}

const totalRevenue = () => page.locator('[data-test=total-cards] [data-currency=CNY] [data-figure=revenue]').innerText();

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  duomai = await fleetMember('duomai', { scale: 600 });
  kasushou = await fleetMember('kasushou', { scale: 300 });
  app = await startWebApp();
  for (const member of [duomai, kasushou]) {
    const run = await addAndSync(app, member.account);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
  }
  browser = await launchChromium();
  ({ page } = await openPage(browser, pageProblems));
  await page.goto(app.launchUrl);
  await page.waitForURL(/#\/dashboard$/);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await duomai?.simulator.close();
  await kasushou?.simulator.close();
});

describe('dashboard in Chromium', () => {
  it('shows the last 30 days per provider and currency, equal to the revenue report', async () => {
    await openView(page, app.origin, '/dashboard');
    await page.locator('[data-test=business-overview]').waitFor();
    await pickPeriod('last30');
    await page.locator('[data-test=total-cards] [data-test=figures-card]').first().waitFor();

    const summary = await callApi(app, 'dashboard:summary', {});
    const { from, to, total } = summary.periods.last30;
    const report = await callApi(app, 'report:revenue', { from, to, group: 'period' });
    const cnyReport = report.totals.find((t) => t.currency === 'CNY');
    const cnyTotal = total.find((f) => f.currency === 'CNY');
    expect(cnyTotal?.orders).toBeGreaterThan(0);
    expect(cnyTotal?.revenue.amount).toBe(cnyReport?.money.revenue.amount);
    expect(cnyTotal?.refunds.amount).toBe(cnyReport?.money.refunds.amount);

    // The card shows the same exact amount, as ¥ with grouping and (at least) two decimals.
    const [whole, fraction = ''] = cnyTotal!.revenue.amount.split('.');
    const shown = await totalRevenue();
    expect(shown.startsWith('¥')).toBe(true);
    expect(shown.replace(/[¥,]/g, '')).toBe(`${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`);
    expect(await page.locator('[data-test=period-range]').innerText()).toContain(`${from} 至 ${to}`);

    const providers = await page.locator('[data-test=provider-cards] [data-test=figures-card]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-provider')));
    expect(new Set(providers)).toEqual(new Set(['kasushou', 'duomai']));
    expect(await page.locator('[data-test=provider-cards] [data-provider=duomai] .card-title').first().innerText()).toContain('多麦');
    await chartsPainted();
    expect(await page.locator('[data-test=daily-chart]').getAttribute('data-points')).toBe('30');
    // Duomai reports the merchant's own commission (level 0).
    expect(Number(await page.locator('[data-test=level-chart]').getAttribute('data-levels'))).toBeGreaterThanOrEqual(1);
    await shot('zh-CN-dashboard');
  });

  it('switches periods: this month and the last 7 days are parts of the last 30 days', async () => {
    const summary = await callApi(app, 'dashboard:summary', {});
    await pickPeriod('last7');
    const last7Orders = summary.periods.last7.total.reduce((n, f) => n + f.orders, 0);
    const last30Orders = summary.periods.last30.total.reduce((n, f) => n + f.orders, 0);
    expect(last7Orders).toBeLessThanOrEqual(last30Orders);
    if (last7Orders === 0 && summary.periods.last7.total.length === 0) {
      expect(await page.locator('[data-test=overview-empty]').innerText()).toContain('该时段没有');
    } else {
      await page.locator('[data-test=total-cards] [data-test=figures-card]').first().waitFor();
    }
    await pickPeriod('today');
    await pickPeriod('month');
    await pickPeriod('last30');
  });

  it('shows the dashboard in English and in the dark theme', async () => {
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=language-switch]').getByText('English').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Settings');
    await openView(page, app.origin, '/dashboard');
    await pickPeriod('last30');
    await page.locator('[data-test=total-cards] [data-test=figures-card]').first().waitFor();
    expect(await page.locator('[data-test=period-tabs]').innerText()).toContain('Last 30 days');
    expect(await page.locator('[data-test=total-cards] [data-currency=CNY]').innerText()).toContain('Revenue');
    expect((await totalRevenue()).startsWith('¥')).toBe(true);
    await chartsPainted();
    await shot('en-dashboard');

    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=theme-switch]').getByText('Dark').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await openView(page, app.origin, '/dashboard');
    await pickPeriod('last30');
    await chartsPainted();
    await shot('en-dashboard-dark');

    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=theme-switch]').getByText('Light').click();
    await page.locator('[data-test=language-switch]').getByText('简体中文').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('设置');
  });

  it('raised no page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
