/**
 * The real app end to end: web mode (child process, fresh data folder, passphrase vault) + Debian
 * Chromium + the Kasushou simulator as the provider. Adds, tests, edits and removes an account
 * through the UI and checks that the secret never comes back out of the contract.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKasushouSimulator, type KasushouSimulator } from '../../src-main/providers/kasushou/simulator.js';
import { recordApiResponses, type ApiRecorder } from './support/api-recorder.js';
import { launchChromium, openPage, openView } from './support/browser.js';
import { SCREENSHOT_DIR } from './support/paths.js';
import { collectSse, type SseCollector } from './support/sse.js';
import { startWebApp, type RunningWebApp } from './support/web-app.js';

const SECRET = 'sk-e2e-SECRET-12345678';
const OTHER_SECRET = 'sk-e2e-OTHER-87654321';
const ACCOUNT_NAME = 'E2E 卡速售';

const VIEWS = [
  { path: '/dashboard', name: 'dashboard' },
  { path: '/orders', name: 'orders' },
  { path: '/cards', name: 'cards' },
  { path: '/commissions', name: 'commissions' },
  { path: '/settlements', name: 'settlements' },
  { path: '/flows', name: 'flows' },
  { path: '/reports', name: 'reports' },
  { path: '/reconcile', name: 'reconcile' },
  { path: '/accounts', name: 'accounts' },
  { path: '/sync-log', name: 'sync-log' },
  { path: '/settings', name: 'settings' },
] as const;

let sim: KasushouSimulator;
let app: RunningWebApp;
let browser: Browser;
let page: Page;
let recorder: ApiRecorder;
let sse: SseCollector;
const pageProblems: string[] = [];
const htmlSnapshots: string[] = [];

async function shot(name: string): Promise<void> {
  // Toasts from earlier steps would cover the page header.
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((el) => el.remove()));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

async function snapshotHtml(): Promise<void> {
  htmlSnapshots.push(await page.content());
}

function accountRow(name: string): Locator {
  return page.locator('[data-test=account-table] .el-table__body tr', { has: page.locator(`[data-account="${name}"]`) });
}

function openDialog(): Locator {
  return page.locator('.el-dialog:visible');
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  sim = await startKasushouSimulator();
  app = await startWebApp();
  sse = collectSse(app);
  browser = await launchChromium();
  ({ page } = await openPage(browser, pageProblems));
  recorder = recordApiResponses(page);
});

afterAll(async () => {
  await browser?.close();
  sse?.stop();
  await app?.stop();
  await sim?.close();
});

describe('web mode security', () => {
  it('answers 401 to an API call without the session cookie', async () => {
    const response = await fetch(`${app.origin}/api/accounts:list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { ok: boolean; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('unauthorized');
    const events = await fetch(`${app.origin}/api/events`);
    expect(events.status).toBe(401);
  });
});

describe('accounts in Chromium', () => {
  it('signs in with the launch URL and shows the app shell', async () => {
    await page.goto(app.launchUrl);
    await page.waitForURL(/#\/dashboard$/);
    await expect.poll(() => page.locator('[data-test=app-meta]').innerText()).toContain(app.dataDir);
    await page.locator('[data-test=status-tiles]').waitFor();
    expect(await page.locator('[data-count=accounts]').innerText()).toContain('0');
  });

  it('captures every main view in zh-CN (empty ledger)', async () => {
    for (const [index, view] of VIEWS.entries()) {
      await openView(page, app.origin, view.path);
      if (view.name === 'sync-log') {
        await expect.poll(() => page.locator('[data-test=runs-empty]').innerText()).toContain('还没有同步记录');
      } else if (['orders', 'cards', 'commissions', 'settlements', 'flows'].includes(view.name)) {
        await expect.poll(() => page.locator('[data-test=no-data]').innerText()).toContain('尚未同步数据');
      }
      await shot(`zh-CN-${index + 1}-${view.name}`);
    }
    await page.locator('.nav-toggle').click();
    await page.locator('.app-sidebar.is-collapsed').waitFor();
    await shot('zh-CN-nav-collapsed');
    await page.locator('.nav-toggle').click();
    await page.locator('.app-sidebar:not(.is-collapsed)').waitFor();
  });

  it('switches views with Ctrl+number', async () => {
    await openView(page, app.origin, '/dashboard');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+9');
    await page.waitForURL(/#\/accounts$/);
    await page.keyboard.press('Control+7');
    await page.waitForURL(/#\/reports$/);
    await page.keyboard.press('Control+2');
    await page.waitForURL(/#\/orders$/);
  });

  it('adds a Kasushou account through the form and lists it with a masked hint', async () => {
    await openView(page, app.origin, '/accounts');
    await page.locator('[data-test=add-account]').click();
    let dialog = openDialog();
    await dialog.waitFor();
    // Esc closes the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.locator('[data-test=add-account]').click();
    dialog = openDialog();
    await dialog.waitFor();
    await dialog.locator('.el-select').first().click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '卡速售' }).click();
    await expect.poll(() => dialog.locator('[data-test=base-url-help]').innerText()).toContain('卡速售每个站点有自己的域名');

    const secretInput = dialog.locator('input[data-field=apikey]');
    expect(await secretInput.getAttribute('type')).toBe('password');
    expect(await secretInput.inputValue()).toBe('');

    // Submitting empty shows the required-field errors and sends nothing.
    await dialog.locator('[data-test=dialog-submit]').click();
    await expect.poll(() => dialog.locator('.el-form-item__error').count()).toBeGreaterThan(0);

    await dialog.locator('input[data-field=name]').fill(ACCOUNT_NAME);
    await dialog.locator('input[data-field=baseUrl]').fill(sim.url);
    await dialog.locator('input[data-field=userId]').fill(sim.credentials.userId);
    await secretInput.fill(SECRET);
    await shot('zh-CN-accounts-add-dialog');
    await secretInput.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    const row = accountRow(ACCOUNT_NAME);
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('已配置 ••••5678');
    expect(await row.innerText()).toContain('卡速售');
    expect(await row.innerText()).toContain(sim.url);
    await snapshotHtml();
    await shot('zh-CN-accounts-with-account');
  });

  it('tests the connection and shows the provider message', async () => {
    const row = accountRow(ACCOUNT_NAME);
    await row.locator('[data-test=test-account]').click();
    const result = row.locator('[data-test=test-result]');
    await result.waitFor();
    // The key is not the simulator's, so the gateway refuses the signature.
    await expect.poll(() => result.innerText()).toContain('连接失败');
  });

  it('replaces the secret in the edit dialog (blank keeps it, typed replaces it)', async () => {
    const row = accountRow(ACCOUNT_NAME);
    await row.locator('[data-test=edit-account]').click();
    const dialog = openDialog();
    await dialog.waitFor();
    const secretInput = dialog.locator('input[data-field=apikey]');
    expect(await secretInput.inputValue()).toBe('');
    expect(await secretInput.getAttribute('placeholder')).toContain('••••5678');
    await snapshotHtml();
    await secretInput.fill(sim.credentials.apikey);
    await secretInput.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.innerText()).toContain(`已配置 ••••${sim.credentials.apikey.slice(-4)}`);

    await row.locator('[data-test=test-account]').click();
    await expect.poll(() => row.locator('[data-test=test-result]').innerText()).toContain('连接成功');
    await snapshotHtml();
  });

  it('imports order numbers to track for the Kasushou buyer account, pasted and from a GBK CSV file', async () => {
    const row = accountRow(ACCOUNT_NAME);
    await row.locator('[data-test=import-ids]').click();
    const dialog = openDialog();
    await dialog.waitFor();
    await dialog.locator('textarea[data-field=ids], [data-field=ids] textarea').fill('KS-E2E-0001\nKS-E2E-0002, KS-E2E-0001');
    await expect.poll(() => dialog.locator('[data-test=import-count]').innerText()).toContain('识别到 2 个订单号');
    await dialog.locator('[data-test=import-submit]').click();
    await expect.poll(() => dialog.locator('[data-test=import-result]').innerText()).toContain('新增 2 个，共跟踪 2 个');
    await shot('zh-CN-accounts-import-ids');
    await dialog.locator('textarea[data-field=ids], [data-field=ids] textarea').fill('KS-E2E-0002\nKS-E2E-0003');
    await dialog.locator('[data-test=import-submit]').click();
    await expect.poll(() => dialog.locator('[data-test=import-result]').innerText()).toContain('新增 1 个，共跟踪 3 个');

    // A CSV as a spreadsheet on a Chinese Windows saves it (GBK), with a 合计 row: only the ids of the 订单号 column are read.
    const gbk = (bytes: number[]) => Buffer.from(bytes);
    const csv = Buffer.concat([gbk([0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5]), Buffer.from(','), gbk([0xbd, 0xf0, 0xb6, 0xee]), Buffer.from('\r\nKS-E2E-0003,1.00\r\nKS-E2E-0004,2.00\r\n'), gbk([0xba, 0xcf, 0xbc, 0xc6]), Buffer.from(',3.00\r\n')]);
    await dialog.locator('[data-test=import-file-input]').setInputFiles({ name: '订单.csv', mimeType: 'text/csv', buffer: csv });
    await expect.poll(() => dialog.locator('[data-test=import-count]').innerText()).toContain('识别到 2 个订单号（来自「订单号」列，跳过 1 个不是订单号的单元格');
    expect(await dialog.locator('[data-test=import-file-name]').innerText()).toBe('订单.csv');
    await dialog.locator('[data-test=import-submit]').click();
    await expect.poll(() => dialog.locator('[data-test=import-result]').innerText()).toContain('新增 1 个，共跟踪 4 个');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('captures every main view in en after switching the language in Settings', async () => {
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=language-switch]').getByText('English').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Settings');
    await page.reload();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Settings');
    for (const [index, view] of VIEWS.entries()) {
      await openView(page, app.origin, view.path);
      // Every view title is translated: no Chinese left in the heading.
      await expect.poll(() => page.locator('main h2').first().innerText()).toMatch(/^[^\u4e00-\u9fff]+$/);
      await shot(`en-${index + 1}-${view.name}`);
    }
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=theme-switch]').getByText('Dark').click();
    await openView(page, app.origin, '/accounts');
    await accountRow(ACCOUNT_NAME).waitFor();
    await shot('en-accounts-dark');
    await openView(page, app.origin, '/settings');
    await page.locator('[data-test=theme-switch]').getByText('Light').click();
    await page.locator('[data-test=language-switch]').getByText('简体中文').click();
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('设置');
  });

  it('removes the account after confirmation', async () => {
    await openView(page, app.origin, '/accounts');
    const row = accountRow(ACCOUNT_NAME);
    await row.locator('[data-test=remove-account]').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    expect(await box.innerText()).toContain(ACCOUNT_NAME);
    await box.getByRole('button', { name: '删除' }).click();
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-test=account-table]').innerText()).toContain('还没有账户');
    await snapshotHtml();
  });

  it('follows changes made by another face (accounts:changed over SSE) without a reload', async () => {
    const token = new URL(app.launchUrl).searchParams.get('token') ?? '';
    const call = async (channel: string, args: unknown): Promise<{ ok: boolean; value?: { id: number } }> => {
      const response = await fetch(`${app.origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(args),
      });
      return (await response.json()) as { ok: boolean; value?: { id: number } };
    };
    await openView(page, app.origin, '/accounts');
    const added = await call('accounts:add', {
      provider: 'kasushou',
      name: 'CLI 添加',
      baseUrl: sim.url,
      settings: { userId: '42' },
      secrets: { apikey: OTHER_SECRET },
    });
    expect(added.ok).toBe(true);
    const row = accountRow('CLI 添加');
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('••••4321');
    await snapshotHtml();
    expect((await call('accounts:remove', { id: added.value?.id })).ok).toBe(true);
    await row.waitFor({ state: 'detached' });
  });

  it('never let a secret out: page HTML, API responses and the event stream', async () => {
    const secrets = [SECRET, OTHER_SECRET, sim.credentials.apikey];
    const responses = await recorder.settled();
    expect(responses.some((r) => r.url === '/api/accounts:add')).toBe(true);
    expect(responses.some((r) => r.url === '/api/accounts:list')).toBe(true);
    for (const secret of secrets) {
      for (const html of htmlSnapshots) expect(html).not.toContain(secret);
      for (const r of responses) expect(r.body, r.url).not.toContain(secret);
      expect(sse.text()).not.toContain(secret);
    }
    expect(sse.text()).toContain('event: accounts:changed');
    expect(pageProblems).toEqual([]);
  });
});
