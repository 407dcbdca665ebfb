/** Debian's Chromium driven by playwright-core: never a downloaded browser. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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
