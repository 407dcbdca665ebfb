/**
 * UI benchmark in Chromium against the real web mode: seeds `scale` orders (default 1,000,000, the
 * query benchmark's ledger), starts the web mode on it, opens the Orders view in Debian's Chromium and
 * measures (1) a filter change → its first rows painted, for status, provider, date range, amount
 * range and search, several times each, and (2) wheeling through 10,000 rows (or to the end) of the unfiltered list
 * while counting, every animation frame, the row slots in view that are blank.
 *
 * Result: `ui.filterToPaintP50Ms`, `ui.filterToPaintP95Ms`, `ui.maxConsecutiveBlankFrames`,
 * `ui.blankFrames`, `ui.framesSampled`; `ui` has the per-filter breakdown and the scroll run.
 * Targets (issue 5): filter → first rows painted < 150 ms; never blank for more than one frame.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser.js';
import { PROJECT_ROOT } from '../e2e/support/paths.js';
import { startWebApp } from '../e2e/support/web-app.js';
import { TEST_PASSPHRASE } from '../support/temp-core.js';
import { openLedger } from './query-bench.js';
import { clearFilters, measureFilterChanges } from './ui-bench-filters.js';
import { scrollProbe, type ScrollOptions, type ScrollRun } from './ui-bench-probes.js';

export interface UiBenchOptions {
  /** Orders to seed (default 1,000,000). */
  readonly scale?: number;
  /** Keep the seeded ledger here and reuse it next time when it holds exactly `scale` orders. */
  readonly dataDir?: string;
  /** Measurements per filter change (default 5). */
  readonly reps?: number;
  readonly scroll?: Partial<Omit<ScrollOptions, 'direction'>>;
  readonly log?: (line: string) => void;
}

/** A fast two-finger fling, held for the whole 10,000 rows (about 17,000 px/s at 56 px rows). */
const DEFAULT_SCROLL: Omit<ScrollOptions, 'direction'> = { rows: 10_000, rowsPerSecond: 300, timeoutMs: 180_000 };

async function call(page: Page, channel: string, args: unknown): Promise<unknown> {
  return page.evaluate(
    async ([c, a]) => {
      const response = await fetch(`/api/${encodeURIComponent(c as string)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
      return (await response.json()) as unknown;
    },
    [channel, args] as const,
  );
}

/** Builds the renderer the web mode serves when its sources changed; the build's output goes to stderr (stdout is the JSON). */
function ensureRenderer(): void {
  const script = "import { ensureRendererBuilt } from './scripts/renderer-build.mjs'; ensureRendererBuilt(process.cwd());";
  const build = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error(`building the renderer failed (exit ${build.status})`);
}

async function openOrders(page: Page, launchUrl: string, origin: string): Promise<void> {
  // tsx compiles with keepNames: functions it serializes into the page call a __name helper.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.goto(launchUrl);
  await page.waitForURL(/#\/dashboard$/);
  // A scheduled backup of a 1M-order ledger would compete with the measurements.
  await call(page, 'backup:settings', { enabled: false });
  await page.goto(`${origin}/#/orders`);
  await page.locator('[data-test=orders-grid-wrap] [role=row][data-order-id]').first().waitFor({ timeout: 60_000 });
}

/** Seeds (or reuses), measures, and returns the figures for `npm run bench -- --only ui`. */
export async function runUiBench(options: UiBenchOptions = {}): Promise<Record<string, number | object>> {
  const scale = options.scale ?? 1_000_000;
  const log = options.log ?? (() => undefined);
  const ledger = await openLedger(options, scale, log);
  const keepAlive = setInterval(() => undefined, 1000);
  await ledger.core.close().finally(() => clearInterval(keepAlive));
  ensureRenderer();
  const app = await startWebApp({ dataDir: ledger.dataDir, passphrase: TEST_PASSPHRASE, timeoutMs: 180_000 });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await openOrders(page, app.launchUrl, app.origin);
    log('ui: filter changes → first rows painted…');
    const filters = await measureFilterChanges(page, options.reps ?? 5, log);
    await clearFilters(page);
    const scrollOptions = { ...DEFAULT_SCROLL, ...options.scroll };
    // Down through freshly appended pages, then back up through pages the window dropped meanwhile.
    const passes: ScrollRun[] = [];
    for (const direction of [1, -1] as const) {
      log(`ui: wheeling ${direction > 0 ? 'down' : 'up'} through up to ${scrollOptions.rows} rows at ${scrollOptions.rowsPerSecond} rows/s…`);
      const pass = await page.evaluate(scrollProbe, { ...scrollOptions, direction });
      passes.push(pass);
      log(`ui: ${JSON.stringify(pass)}`);
      if (pass.timedOut) log(`ui: WARNING: the grid stopped moving after ${pass.rowsScrolled} rows and the pass timed out; its frame counts are not a full run`);
    }
    const [down, up] = passes as [ScrollRun, ScrollRun];
    return {
      'ui.filterToPaintP50Ms': filters.p50 as number,
      'ui.filterToPaintP95Ms': filters.p95 as number,
      'ui.maxConsecutiveBlankFrames': Math.max(down.maxConsecutiveBlankFrames, up.maxConsecutiveBlankFrames),
      'ui.blankFrames': down.blankFrames + up.blankFrames,
      'ui.framesSampled': down.frames + up.frames,
      ui: { filters, scroll: { rowsPerSecond: scrollOptions.rowsPerSecond, down, up }, seed: { scale, seedMs: ledger.seedMs } },
    };
  } finally {
    await browser.close();
    await app.stop();
    if (options.dataDir === undefined) rmSync(ledger.dataDir, { recursive: true, force: true });
  }
}

// `tsx test/bench/ui-bench.ts [scale] [dataDir]` runs it alone (figures on stdout, progress on stderr).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const scale = Number(process.argv[2] ?? 1_000_000);
  const result = await runUiBench({ scale, ...(process.argv[3] ? { dataDir: process.argv[3] } : {}), log: (line) => console.error(line) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
