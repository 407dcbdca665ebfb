/**
 * 佣金 / 结算变动 / 资金流水 end to end: web mode (child process, fresh data folder) + Debian Chromium +
 * the itboye (commissions with uplines), Duomai (settlement changes) and Kuaimai (money flows)
 * simulators, synced through the contract. Checks what the views show against the core's own answers,
 * drills from a sum to its commissions, opens a settlement timeline and expands a flow's sub-orders.
 * Then the simulators are stopped and the ledger must still be browsable offline (reload, every view).
 * Screenshots of the three views in zh-CN and en go to test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView, SettlementView } from '../../src-main/api/contract.js';
import { fleetMember, type FleetMember } from '../../src-main/demo/simulator-fleet.js';
import { launchChromium, openPage, openView } from './support/browser.js';
import { sidewaysScrollers, tablesShown } from './support/layout.js';
import { addAndSync, callApi } from './support/ledger-api.js';
import { SCREENSHOT_DIR } from './support/paths.js';
import { startWebApp, type RunningWebApp } from './support/web-app.js';

let itboye: FleetMember<'itboye'>;
let duomai: FleetMember<'duomai'>;
let kuaimai: FleetMember<'kuaimai'>;
let app: RunningWebApp;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];
/** An order with more than one settlement revision (found through the contract). */
let revisedOrder: { orderNo: string; revisions: SettlementView[] };

/** Today in Asia/Shanghai (UTC+8, no DST): the last day of the views' default periods. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The half-open epoch-ms range of the "全部" period (2000-01-01 … today, Asia/Shanghai). */
const ALL_TIME = { earnedFrom: Date.UTC(2000, 0, 1) - 8 * 3_600_000, earnedTo: Date.parse(`${TODAY}T00:00:00+08:00`) + 86_400_000 };

/** Exact sum of decimal texts as scale-4 BigInt (the test must not add floats either). */
function scaled(text: string): bigint {
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return text.startsWith('-') ? -value : value;
}

async function shot(name: string): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((el) => el.remove()));
  // The main column scrolls by itself: make the window as tall as the view to capture all of it.
  const height = await page.evaluate(() => Math.max(900, (document.querySelector('#main')?.scrollHeight ?? 0) + 60));
  await page.setViewportSize({ width: 1440, height: Math.min(height, 4000) });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

function drawer(test: string): Locator {
  return page.locator(`.el-drawer[data-test=${test}]`);
}

async function closeDrawer(test: string): Promise<void> {
  await page.keyboard.press('Escape');
  await drawer(test).waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [itboye, duomai, kuaimai] = await Promise.all([
    fleetMember('itboye', { scale: 200 }),
    fleetMember('duomai', { scale: 400 }),
    fleetMember('kuaimai', { scale: 300 }),
  ]);
  app = await startWebApp();
  for (const member of [itboye, duomai, kuaimai]) {
    const run = await addAndSync(app, member.account);
    if (run.status !== 'succeeded') throw new Error(`${member.provider} sync ${run.status}: ${run.errorMessage ?? ''}`);
  }
  const revisions = await callApi(app, 'settlements:list', { limit: 500 });
  const counts = new Map<string, number>();
  for (const s of revisions.items) counts.set(s.orderNo, (counts.get(s.orderNo) ?? 0) + 1);
  const orderNo = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!orderNo) throw new Error('the Duomai simulator produced no settlement changes');
  revisedOrder = { orderNo, revisions: await callApi(app, 'settlements:timeline', { orderNo }) };

  browser = await launchChromium();
  ({ page } = await openPage(browser, pageProblems));
  await page.goto(app.launchUrl);
  await page.waitForURL(/#\/dashboard$/);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await Promise.all([itboye?.simulator.close(), duomai?.simulator.close(), kuaimai?.simulator.close()]);
});

describe('ledger views in Chromium', () => {
  it('shows commissions per beneficiary and level (uplines included), equal to the core report', async () => {
    await openView(page, app.origin, '/commissions');
    const table = page.locator('[data-test=commission-summary]');
    await table.waitFor();
    const report: ReportView<'commissions'> = await callApi(app, 'report:commissions', { from: '2000-01-01', to: TODAY });
    const upline = report.rows.find((r) => r.dims.provider === 'itboye' && r.dims.level > 0 && r.counts.owedCount > 1);
    if (!upline) throw new Error('no itboye upline commissions were synced');
    expect(report.rows.some((r) => r.dims.provider === 'duomai')).toBe(true);
    // Every level of the report is in the table, uplines too.
    for (const label of ['本人', '一级上级', '二级上级', '三级上级']) await expect.poll(() => table.innerText()).toContain(label);

    const totals = page.locator('[data-test=commission-totals]');
    for (const total of report.totals) {
      const owed = totals.locator(`[data-currency=${total.currency}] [data-figure=owed] [data-amount]`);
      expect(await owed.getAttribute('data-amount')).toBe(total.money.owed.amount);
    }

    await page.locator('[data-test=beneficiary-filter]').fill(upline.dims.beneficiary);
    const row = table.locator('.el-table__body tr', { has: page.locator(`[data-level="${upline.dims.level}"]`) }).first();
    await expect.poll(() => row.locator('[data-figure=owed] [data-amount]').first().getAttribute('data-amount')).toBe(upline.money.owed.amount);
    expect(await row.locator('[data-figure=owed]').innerText()).toContain(`${upline.counts.owedCount} 条`);
    await shot('zh-CN-commissions');

    // Drill down from the owed sum (keyboard: focus the amount, Enter).
    await row.locator('[data-figure=owed] [data-test=drill]').focus();
    await page.keyboard.press('Enter');
    const drill = drawer('drill-drawer');
    await drill.waitFor();
    await expect.poll(() => drill.locator('[data-test=list-end], [data-test=load-more]').count()).toBe(1);
    while ((await drill.locator('[data-test=load-more]').count()) > 0) {
      const before = await drill.locator('[data-test=drill-amount]').count();
      await drill.locator('[data-test=load-more]').click();
      await expect.poll(() => drill.locator('[data-test=drill-amount]').count()).toBeGreaterThan(before);
    }
    const amounts = await drill.locator('[data-test=drill-amount]').evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') ?? ''));
    expect(amounts).toHaveLength(upline.counts.owedCount);
    expect(amounts.reduce((acc, a) => acc + scaled(a), 0n)).toBe(scaled(upline.money.owed.amount));
    expect(await drill.innerText()).toContain(upline.dims.beneficiary);
    await shot('zh-CN-commissions-drilldown');
    await closeDrawer('drill-drawer');
    await page.locator('[data-test=beneficiary-filter]').fill('');
  });

  it('shows the Duomai status breakdown (estimated, confirmed, settled)', async () => {
    const breakdown = page.locator('[data-test=status-breakdown]');
    await breakdown.waitFor();
    for (const status of ['estimated', 'confirmed', 'settled']) expect(await breakdown.locator(`[data-status=${status}]`).count()).toBe(1);
    const settled = await callApi(app, 'commissions:summary', { provider: 'duomai', status: ['settled'], ...ALL_TIME });
    const cny = settled.filter((s) => s.amount.currency === 'CNY').reduce((acc, s) => acc + scaled(s.amount.amount), 0n);
    const shown = await breakdown.locator('[data-status=settled] [data-currency=CNY] [data-amount]').getAttribute('data-amount');
    expect(scaled(shown ?? '')).toBe(cny);
  });

  it('shows a settlement timeline per order (old → new, delta)', async () => {
    await openView(page, app.origin, '/settlements');
    await page.locator('[data-test=settlement-totals]').waitFor();
    await page.locator('[data-test=settlement-table]').waitFor();
    await shot('zh-CN-settlements');
    const filter = page.locator('input[data-test=order-filter]');
    await filter.fill(revisedOrder.orderNo);
    await filter.press('Enter');
    const link = page.locator(`[data-test=open-timeline][data-order="${revisedOrder.orderNo}"]`).first();
    await link.waitFor();
    await link.click();
    const timeline = drawer('timeline-drawer');
    await timeline.waitFor();
    const items = timeline.locator('[data-test=timeline-item]');
    await expect.poll(() => items.count()).toBe(revisedOrder.revisions.length);
    for (const [i, revision] of revisedOrder.revisions.entries()) {
      const item = items.nth(i);
      const delta = revision.commissionDelta?.amount;
      if (delta) expect(await item.locator('[data-test=delta]').first().getAttribute('data-amount')).toBe(delta);
      if (revision.commissionNew) expect(await item.locator('[data-test=new]').first().getAttribute('data-amount')).toBe(revision.commissionNew.amount);
    }
    expect(await timeline.innerText()).toContain(revisedOrder.orderNo);
    await shot('zh-CN-settlements-timeline');
    await closeDrawer('timeline-drawer');
  });

  it('shows money flows with their sub-orders and the daily net chart', async () => {
    await openView(page, app.origin, '/flows');
    const table = page.locator('[data-test=flow-table]');
    await table.waitFor();
    await page.locator('[data-test=movement-chart] canvas').first().waitFor();
    const flows = await callApi(app, 'flows:list', { limit: 20 });
    const withItems = flows.items.find((f) => f.items.length > 1) ?? flows.items.find((f) => f.items.length > 0);
    if (!withItems) throw new Error('no Kuaimai flow with sub-orders was synced');
    const payment = flows.items.find((f) => f.flowType === 1);
    if (payment) expect(payment.amount.amount.startsWith('-')).toBe(true);

    const row = table.locator('.el-table__body tr', { has: page.locator(`[data-tid="${withItems.tid}"]`) }).first();
    await row.locator('[data-test=toggle-items]').click();
    const sub = table.locator('[data-test=flow-items]').first();
    await sub.waitFor();
    for (const item of withItems.items) if (item.title) expect(await sub.innerText()).toContain(item.title);
    expect(await row.locator('[data-test=toggle-items]').getAttribute('aria-expanded')).toBe('true');
    await shot('zh-CN-flows');
  });

  it('fits every view into a 1400 px window, and a 1366 × 768 laptop screen with the navigation collapsed (labelled on focus)', async () => {
    const navNames = await page.locator('[data-nav]').evaluateAll((links) => links.map((link) => link.getAttribute('data-nav') ?? ''));
    for (const [width, height, collapsed] of [[1400, 900, false], [1366, 768, true]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator(collapsed ? '.app-sidebar.is-collapsed' : '.app-sidebar:not(.is-collapsed)').waitFor();
      const scrolling: Record<string, string[]> = {};
      let tables = 0;
      for (const name of navNames) {
        await openView(page, app.origin, `/${name}`);
        await page.waitForFunction(() => !document.querySelector('#main .el-loading-mask'));
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const found = await sidewaysScrollers(page);
        if (found.length > 0) scrolling[name] = found;
        tables += await tablesShown(page);
      }
      expect(scrolling, `${width} px`).toEqual({});
      // Orders, commissions, settlements, flows, reports, reconciliation, accounts and the sync log have data here.
      expect(tables, `${width} px`).toBeGreaterThanOrEqual(8);
    }
    // Collapsed, the navigation names each view in a tooltip for the keyboard too, not only the mouse.
    await page.locator('[data-nav=orders]').focus();
    await expect.poll(() => page.locator('.el-popper:visible').allInnerTexts()).toEqual([expect.stringMatching(/^订单\s+Ctrl\+2$/)]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('.app-sidebar:not(.is-collapsed)').waitFor();
  });

  it('browses everything offline after the simulators stop (reload, every view)', async () => {
    await Promise.all([itboye.simulator.close(), duomai.simulator.close(), kuaimai.simulator.close()]);
    await page.reload();
    await page.locator('main h2').first().waitFor();
    const navNames = await page.locator('[data-nav]').evaluateAll((links) => links.map((link) => link.getAttribute('data-nav') ?? ''));
    expect(navNames.length).toBeGreaterThanOrEqual(11);
    for (const name of navNames) {
      await page.locator(`[data-nav="${name}"]`).click();
      await page.waitForURL(new RegExp(`#/${name}$`));
      await page.locator('main h2').first().waitFor();
    }
    await page.locator('[data-nav=commissions]').click();
    await page.locator('[data-test=commission-summary] .el-table__body tr').first().waitFor();
    expect(await page.locator('[data-test=load-error]').count()).toBe(0);
    await page.locator('[data-nav=settlements]').click();
    await page.locator('[data-test=open-timeline]').first().waitFor();
    await page.locator('[data-test=open-timeline]').first().click();
    await drawer('timeline-drawer').locator('[data-test=timeline-item]').first().waitFor();
    await closeDrawer('timeline-drawer');
    await page.locator('[data-nav=flows]').click();
    await page.locator('[data-test=flow-table] [data-test=toggle-items]').first().waitFor();
    if ((await page.locator('[data-test=load-more]').count()) > 0) {
      await page.locator('[data-test=load-more]').click();
      await expect.poll(() => page.locator('[data-test=flow-table] [data-test=toggle-items]').count()).toBeGreaterThan(50);
    }
    expect(await page.locator('[data-test=load-error]').count()).toBe(0);
  });

  it('shows the three views in English', async () => {
    await page.locator('.locale-toggle').click();
    await openView(page, app.origin, '/commissions');
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Commissions');
    await page.locator('[data-test=commission-summary]').waitFor();
    expect(await page.locator('[data-test=commission-summary]').innerText()).toContain('Upline 1');
    await shot('en-commissions');
    await openView(page, app.origin, '/settlements');
    await page.locator('[data-test=settlement-table]').waitFor();
    expect(await page.locator('[data-test=settlement-totals]').innerText()).toContain('Upward');
    await shot('en-settlements');
    await openView(page, app.origin, '/flows');
    await page.locator('[data-test=flow-table]').waitFor();
    await page.locator('[data-test=toggle-items]').first().click();
    await page.locator('[data-test=flow-items]').first().waitFor();
    expect(await page.locator('[data-test=flow-table]').innerText()).toContain('Sub-orders');
    await shot('en-flows');
    await page.locator('.locale-toggle').click();
  });

  it('raised no page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
