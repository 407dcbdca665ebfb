/**
 * Sync end to end: web mode (child process, fresh data folder) + Debian Chromium + the Duomai
 * simulator from the fleet (400 orders). Adds the account through the UI, syncs it with “立即同步”,
 * follows the run in the Sync log until it is 成功 with real counts, then slows the gateway down to
 * watch a live run and cancel it. Screenshots of the Sync log and Accounts in zh-CN and en.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetMember, type FleetMember } from '../../src-main/demo/simulator-fleet.js';
import { launchChromium, openPage, openView } from './support/browser.js';
import { SCREENSHOT_DIR } from './support/paths.js';
import { startWebApp, type RunningWebApp } from './support/web-app.js';

const ACCOUNT_NAME = 'E2E 多麦';

let member: FleetMember<'duomai'>;
let app: RunningWebApp;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

async function shot(name: string): Promise<void> {
  // Toasts from earlier steps would cover the page header.
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((el) => el.remove()));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

function accountRow(name: string): Locator {
  return page.locator('[data-test=account-table] .el-table__body tr', { has: page.locator(`[data-account="${name}"]`) });
}

function runRows(): Locator {
  return page.locator('[data-test=run-table] .el-table__body tr');
}

async function count(row: Locator, column: string): Promise<number> {
  return Number((await row.locator(`[data-col=${column}]`).innerText()).replace(/[^\d]/g, ''));
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  member = await fleetMember('duomai', { scale: 400 });
  app = await startWebApp();
  browser = await launchChromium();
  ({ page } = await openPage(browser, pageProblems));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await member?.simulator.close();
});

describe('sync in Chromium', () => {
  it('shows an empty Sync log before any run', async () => {
    await page.goto(app.launchUrl);
    await page.waitForURL(/#\/dashboard$/);
    await openView(page, app.origin, '/sync-log');
    await expect.poll(() => page.locator('[data-test=runs-empty]').innerText()).toContain('还没有同步记录');
    expect(await page.locator('[data-test=sync-idle]').innerText()).toContain('当前没有正在进行的同步');
    await shot('zh-CN-sync-log-empty');
  });

  it('adds the Duomai account through the form', async () => {
    await openView(page, app.origin, '/accounts');
    await page.locator('[data-test=add-account]').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    await dialog.locator('.el-select').first().click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '多麦' }).click();
    await dialog.locator('input[data-field=name]').fill(ACCOUNT_NAME);
    await dialog.locator('input[data-field=baseUrl]').fill(member.account.baseUrl);
    await dialog.locator('input[data-field=appKey]').fill(member.account.settings['appKey'] ?? '');
    await dialog.locator('input[data-field=appSecret]').fill(member.account.secrets['appSecret'] ?? '');
    await dialog.locator('[data-test=dialog-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = accountRow(ACCOUNT_NAME);
    await row.waitFor();
    expect(await row.locator('[data-test=health-state]').innerText()).toBe('尚未同步');
    // Duomai lists its own orders: no id import for it.
    expect(await row.locator('[data-test=import-ids]').count()).toBe(0);
  });

  it('syncs with “立即同步” and the run finishes as 成功 with real counts in the Sync log', async () => {
    const row = accountRow(ACCOUNT_NAME);
    await row.locator('[data-test=sync-account]').click();
    await openView(page, app.origin, '/sync-log');
    const run = runRows().first();
    await run.waitFor({ timeout: 90_000 });
    await expect.poll(() => run.locator('[data-status]').getAttribute('data-status'), { timeout: 90_000 }).not.toBe('running');
    const status = await run.locator('[data-status]').getAttribute('data-status');
    expect(status, await run.innerText()).toBe('succeeded');
    expect(await run.locator('[data-status]').innerText()).toBe('成功');
    expect(await run.innerText()).toContain(ACCOUNT_NAME);
    expect(await run.innerText()).toContain('手动');
    expect(await count(run, 'fetched')).toBeGreaterThan(0);
    expect(await count(run, 'inserted')).toBeGreaterThan(0);
    expect(await page.locator('[data-test=sync-progress]').count()).toBe(0);
    await shot('zh-CN-sync-log');
  });

  it('shows the new health on Accounts and on the dashboard', async () => {
    await openView(page, app.origin, '/accounts');
    const row = accountRow(ACCOUNT_NAME);
    await expect.poll(() => row.locator('[data-test=health-state]').innerText()).toBe('正常');
    const times = row.locator('[data-test=health-times]');
    expect(await times.locator('[data-time=last-success]').innerText()).toMatch(/现在|秒钟前|分钟前/);
    expect(await times.locator('[data-time=next-run]').innerText()).toMatch(/分钟后|小时后/);
    expect(await row.locator('[data-test=sync-account]').innerText()).toBe('立即同步');
    await shot('zh-CN-accounts-synced');

    await openView(page, app.origin, '/dashboard');
    const card = page.locator('[data-test=sync-health-card]').first();
    await card.waitFor();
    expect(await card.innerText()).toContain(ACCOUNT_NAME);
    expect(await card.innerText()).toContain('正常');
    await expect.poll(async () => Number((await page.locator('[data-count=orders]').innerText()).replace(/[^\d]/g, ''))).toBeGreaterThan(0);
    await shot('zh-CN-dashboard-sync-health');
  });

  it('edits the schedule in the edit dialog', async () => {
    await openView(page, app.origin, '/accounts');
    const row = accountRow(ACCOUNT_NAME);
    await row.locator('[data-test=edit-account]').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    const interval = dialog.locator('[data-field=syncIntervalMinutes] input');
    await interval.fill('60');
    await interval.blur();
    await dialog.locator('[data-field=lookbackDays] input').fill('120');
    await shot('zh-CN-accounts-edit-schedule');
    await dialog.locator('[data-test=dialog-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.locator('[data-time=next-run]').innerText()).toContain('每 60 分钟');
  });

  it('shows a slow run live (Ctrl+R) and cancels it', async () => {
    member.mutate(60);
    member.simulator.injectFault({ kind: 'latency', ms: 700 }, Number.POSITIVE_INFINITY);
    try {
      await openView(page, app.origin, '/sync-log');
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+r');
      const card = page.locator('[data-test=sync-progress]');
      await card.waitFor({ timeout: 30_000 });
      expect(page.url()).toMatch(/#\/sync-log$/); // Ctrl+R started a sync instead of reloading the page
      expect(await card.innerText()).toContain(ACCOUNT_NAME);
      await expect.poll(() => card.locator('[data-test=sync-page]').count(), { timeout: 30_000 }).toBe(1);
      await shot('zh-CN-sync-log-live');
      await card.locator('[data-test=cancel-run]').click();
      await card.waitFor({ state: 'detached', timeout: 30_000 });
      const run = runRows().first();
      await expect.poll(() => run.locator('[data-status]').getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
      expect(await run.locator('[data-status]').innerText()).toBe('已取消');
      expect(await run.locator('[data-test=run-error]').count()).toBe(0);
      expect(await runRows().count()).toBe(2);
    } finally {
      member.simulator.clearFaults();
    }
  });

  it('shows the Sync log and Accounts in English', async () => {
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=language-switch]').getByText('English').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Settings');
    await openView(page, app.origin, '/sync-log');
    await runRows().first().waitFor();
    await expect.poll(() => runRows().nth(1).locator('[data-status]').innerText()).toBe('Succeeded');
    expect(await runRows().first().locator('[data-status]').innerText()).toBe('Cancelled');
    await shot('en-sync-log');
    await openView(page, app.origin, '/accounts');
    await expect.poll(() => accountRow(ACCOUNT_NAME).locator('[data-test=health-state]').innerText()).toBe('OK');
    expect(await accountRow(ACCOUNT_NAME).locator('[data-time=last-success]').innerText()).toMatch(/ago|now/);
    await shot('en-accounts-synced');
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=language-switch]').getByText('简体中文').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('设置');
  });

  it('raised no page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
