/** Debian's Chromium driven by playwright-core: never a downloaded browser. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './paths.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumMissingMessage(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `找不到 Chromium：${CHROMIUM_PATH}。请先运行 apt-get install -y chromium (end-to-end tests need Debian's chromium at ${CHROMIUM_PATH}; set MERCHANT_LEDGER_CHROMIUM to use another path)`;
}

export async function launchChromium(): Promise<Browser> {
  const missing = chromiumMissingMessage();
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A page in a new context as the merchant sees the app: zh-CN at desktop size. Its uncaught errors and
 * console errors are appended to `problems`, which a suite expects to stay empty.
 */
export async function openPage(browser: Browser, problems: string[], options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  return { context, page };
}

/** Opens a view of the web app by its route and waits until the view's heading shows. */
export async function openView(page: Page, origin: string, viewPath: string): Promise<void> {
  await page.goto(`${origin}/#${viewPath}`);
  await page.locator('main h2').first().waitFor({ state: 'visible' });
}
