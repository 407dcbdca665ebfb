/**
 * Every provider can be set up by hand: Kasushou (accounts.test.ts) and Duomai (sync.test.ts) have
 * their own journeys; here Kuaimai, union-home and itboye are added through the account form against
 * their simulators, tested, synced with “立即同步”, and their records appear in the views.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetMember, type FleetMember } from '../../src-main/demo/simulator-fleet.js';
import { launchChromium, openPage, openView } from './support/browser.js';
import { callApi } from './support/ledger-api.js';
import { SCREENSHOT_DIR } from './support/paths.js';
import { startWebApp, type RunningWebApp } from './support/web-app.js';

type FormProvider = 'kuaimai' | 'unionhome' | 'itboye';

const CASES: readonly { provider: FormProvider; label: string; name: string; view: string; rows: string }[] = [
  { provider: 'kuaimai', label: '快麦', name: 'E2E 快麦', view: '/flows', rows: '[data-test=flow-table] [data-test=toggle-items]' },
  { provider: 'unionhome', label: '联盟之都', name: 'E2E 联盟之都', view: '/orders', rows: '[data-test=order-grid-body] [role=row]' },
  { provider: 'itboye', label: '博也', name: 'E2E 博也', view: '/commissions', rows: '[data-test=commission-summary] .el-table__body tr' },
];

const members = new Map<FormProvider, FleetMember>();
let app: RunningWebApp;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

function accountRow(name: string): Locator {
  return page.locator('[data-test=account-table] .el-table__body tr', { has: page.locator(`[data-account="${name}"]`) });
}

/** Fills one provider field: a select gets its option picked, an input is typed into. */
async function fillField(dialog: Locator, key: string, value: string): Promise<void> {
  const select = dialog.locator(`.el-select[data-field="${key}"]`);
  if ((await select.count()) > 0) {
    await select.click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: value }).first().click();
    return;
  }
  await dialog.locator(`input[data-field="${key}"], textarea[data-field="${key}"], [data-field="${key}"] input, [data-field="${key}"] textarea`).first().fill(value);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const { provider } of CASES) members.set(provider, await fleetMember(provider, { scale: 60 }));
  app = await startWebApp();
  browser = await launchChromium();
  ({ page } = await openPage(browser, pageProblems));
  // Signs the browser in (session cookie) like the link printed at launch.
  await page.goto(app.launchUrl);
  await page.locator('main h2').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await Promise.all([...members.values()].map((member) => member.simulator.close()));
});

describe('adding each remaining provider through the form in Chromium', () => {
  it.each(CASES)('$provider: adds, tests and syncs the account, and its records show up', async ({ provider, label, name, view, rows }) => {
    const account = members.get(provider)!.account;
    await openView(page, app.origin, '/accounts');
    await page.locator('[data-test=add-account]').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    await dialog.locator('.el-select').first().click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).click();
    await dialog.locator('input[data-field=name]').fill(name);
    await dialog.locator('input[data-field=baseUrl]').fill(account.baseUrl);
    for (const [key, value] of Object.entries(account.settings)) await fillField(dialog, key, value);
    for (const [key, value] of Object.entries(account.secrets)) await fillField(dialog, key, value);
    await dialog.locator('[data-test=dialog-submit]').click();
    await dialog.waitFor({ state: 'hidden' });

    const row = accountRow(name);
    await row.waitFor();
    await row.locator('[data-test=test-account]').click();
    await expect.poll(() => row.locator('[data-test=test-result]').innerText(), { timeout: 30_000 }).toContain('连接成功');
    await row.locator('[data-test=sync-account]').click();
    await expect.poll(() => row.locator('[data-test=health-state]').innerText(), { timeout: 90_000 }).toBe('正常');

    // What the form stored is what the simulator account needs (secrets stay write-only).
    const stored = (await callApi(app, 'accounts:list', {})).find((a) => a.name === name);
    expect(stored?.provider).toBe(provider);
    expect(stored?.settings).toMatchObject(account.settings);
    expect(JSON.stringify(stored)).not.toContain(Object.values(account.secrets)[0]);

    await openView(page, app.origin, view);
    await expect.poll(() => page.locator(rows).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-test=load-error]').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `zh-CN-form-${provider}.png`), fullPage: true, animations: 'disabled' });
  });

  it('raised no page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
