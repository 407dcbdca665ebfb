/**
 * Filter changes for the UI benchmark, each done the way the merchant does it (pick an option, type
 * dates or amounts and press Enter, submit a search), and timed from that input event to the first
 * painted frame of the new rows (see armFilterProbe). Every measured change starts from the unfiltered
 * list; the painted rows are checked against the filter, so a fast but wrong paint cannot count.
 */
import type { Page } from 'playwright-core';
import { COMMON_TERM, RARE_TERM, SHORT_TERM } from '../support/ledger-seed.js';
import { percentile } from './query-bench.js';
import { armFilterProbe, type FilterPaint, type PaintedRow } from './ui-bench-probes.js';

interface FilterChange {
  readonly name: string;
  /** Counted in the p50/p95 (false: shown in the breakdown only). */
  readonly counted: boolean;
  /** Everything before the measured input event (open a dropdown, type the first bound). */
  prepare(page: Page, rep: number): Promise<void>;
  /** The input event that changes the filter. */
  act(page: Page, rep: number): Promise<void>;
  /** Why a painted row does not fit the filter, or null. */
  misfit(row: PaintedRow, rep: number): string | null;
}

const STATUSES = ['refunded', 'pending', 'cancelled', 'failed'] as const;
const PROVIDERS = ['duomai', 'kuaimai', 'kasushou', 'itboye', 'unionhome'] as const;
const DAYS: readonly [string, string][] = [
  ['2024-06-01', '2024-06-30'],
  ['2023-03-01', '2023-03-07'],
  ['2024-11-11', '2024-11-11'],
];
const AMOUNTS: readonly [string, string][] = [
  ['100', '200'],
  ['50', '50.5'],
  ['1000', '5000'],
];
const TERMS = [COMMON_TERM, RARE_TERM, SHORT_TERM, '腾讯视频'];
const at = <T>(list: readonly T[], rep: number): T => list[rep % list.length]!;

/** The amount in a painted row's total column (grouping commas and currency sign dropped). */
function totalOf(row: PaintedRow): number | null {
  const match = /(?:¥|US\$)([\d,]+\.\d+)/.exec(row.text);
  return match ? Number(match[1]!.replaceAll(',', '')) : null;
}

async function openSelect(page: Page, test: string): Promise<void> {
  await page.locator(`[data-test=${test}]`).click();
  await page.locator('.el-select-dropdown:visible').first().waitFor();
}

const pickOption = (attr: string, value: string) => (page: Page) => page.locator(`.el-select-dropdown:visible li[data-${attr}=${value}]`).first().click();

export const FILTER_CHANGES: readonly FilterChange[] = [
  {
    name: 'status',
    counted: true,
    prepare: (page) => openSelect(page, 'filter-status'),
    act: (page, rep) => pickOption('status', at(STATUSES, rep))(page),
    misfit: (row, rep) => (row.status === at(STATUSES, rep) ? null : `status ${row.status}`),
  },
  {
    name: 'provider',
    counted: true,
    prepare: (page) => openSelect(page, 'filter-provider'),
    act: (page, rep) => pickOption('provider', at(PROVIDERS, rep))(page),
    misfit: (row, rep) => (row.provider === at(PROVIDERS, rep) ? null : `provider ${row.provider}`),
  },
  {
    name: 'date range',
    counted: true,
    async prepare(page, rep) {
      const [from, to] = at(DAYS, rep);
      const inputs = page.locator('.f-days input');
      await inputs.nth(0).fill(from);
      await inputs.nth(1).fill(to);
    },
    act: (page) => page.locator('.f-days input').nth(1).press('Enter'),
    misfit(row, rep) {
      const [from, to] = at(DAYS, rep);
      const day = /(\d{4})[-/](\d{2})[-/](\d{2})/.exec(row.text);
      const text = day ? `${day[1]}-${day[2]}-${day[3]}` : null;
      return text && text >= from && text <= to ? null : `created ${text ?? '?'}`;
    },
  },
  {
    name: 'amount range',
    counted: true,
    async prepare(page, rep) {
      const [min, max] = at(AMOUNTS, rep);
      await page.locator('input[data-test=filter-amount-min]').fill(min);
      await page.locator('input[data-test=filter-amount-max]').fill(max);
    },
    act: (page) => page.locator('input[data-test=filter-amount-max]').press('Enter'),
    misfit(row, rep) {
      const [min, max] = at(AMOUNTS, rep).map(Number) as [number, number];
      const total = totalOf(row);
      return total !== null && total >= min && total <= max ? null : `total ${total}`;
    },
  },
  {
    name: 'search (Enter)',
    counted: true,
    prepare: (page, rep) => page.locator('input[data-test=order-search]').fill(at(TERMS, rep)),
    act: (page) => page.locator('input[data-test=order-search]').press('Enter'),
    misfit: (row, rep) => (row.text.includes(at(TERMS, rep)) ? null : 'term not in row'),
  },
  {
    // Typing applies the search after a 300 ms pause (debounce), by design: shown, not counted.
    name: 'search (typed, debounced)',
    counted: false,
    prepare: async () => undefined,
    act: (page, rep) => page.locator('input[data-test=order-search]').fill(at(TERMS, rep + 1)),
    misfit: (row, rep) => (row.text.includes(at(TERMS, rep + 1)) ? null : 'term not in row'),
  },
];

async function generation(page: Page): Promise<number> {
  return Number(await page.locator('[data-test=orders-grid-wrap]').getAttribute('data-generation'));
}

/** Waits until the list generation after `before` has painted its first rows (or its empty state). */
export async function settled(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (b) => {
      const wrap = document.querySelector<HTMLElement>('[data-test=orders-grid-wrap]');
      return Number(wrap?.dataset['generation']) > b && wrap?.dataset['paintMs'] !== undefined;
    },
    before,
    { timeout: 30_000 },
  );
}

/** Back to the unfiltered list, with no dropdown open. */
export async function clearFilters(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  const clear = page.locator('[data-test=clear-filters]');
  if ((await clear.count()) === 0) return;
  const before = await generation(page);
  await clear.click();
  await settled(page, before);
}

interface Sample {
  readonly ms: number;
  readonly viewMs: number | null;
  readonly inputToFrameMs: number;
  readonly requestStartMs: number | null;
  readonly responseEndMs: number | null;
}

async function measureOnce(page: Page, change: FilterChange, rep: number): Promise<Sample> {
  await clearFilters(page);
  await change.prepare(page, rep);
  await page.evaluate(armFilterProbe, await generation(page));
  await change.act(page, rep);
  const handle = await page.waitForFunction(() => (window as unknown as { __uiBenchPaint?: FilterPaint | null }).__uiBenchPaint, undefined, { timeout: 30_000 });
  const paint = (await handle.jsonValue()) as FilterPaint;
  const wrong = paint.rows.map((r) => change.misfit(r, rep)).filter((m) => m !== null);
  if (wrong.length > 0) throw new Error(`${change.name} #${rep}: painted rows do not fit the filter: ${wrong.slice(0, 3).join('; ')}`);
  return { ms: paint.paintedAt - paint.inputAt, viewMs: paint.viewPaintMs, inputToFrameMs: paint.frameAt - paint.inputAt,
    requestStartMs: paint.request?.startMs ?? null,
    responseEndMs: paint.request?.endMs ?? null,
  };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const median = (values: number[]): number | null => (values.length ? round1(percentile(values.sort((a, b) => a - b), 50)) : null);

/** Measures every filter change `reps` times; p50/p95 over the counted ones. */
export async function measureFilterChanges(page: Page, reps: number, log: (line: string) => void): Promise<Record<string, number | object>> {
  const counted: number[] = [];
  const breakdown: Record<string, object> = {};
  for (const change of FILTER_CHANGES) {
    const samples: Sample[] = [];
    for (let rep = 0; rep < reps; rep++) samples.push(await measureOnce(page, change, rep));
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    if (change.counted) counted.push(...ms);
    breakdown[change.name] = {
      p50Ms: round1(percentile(ms, 50)),
      p95Ms: round1(percentile(ms, 95)),
      maxMs: round1(ms.at(-1) ?? 0),
      samplesMs: samples.map((s) => round1(s.ms)),
      inputToFrameP50Ms: median(samples.map((s) => s.inputToFrameMs)),
      inputToRequestP50Ms: median(samples.flatMap((s) => (s.requestStartMs === null ? [] : [s.requestStartMs]))),
      inputToResponseP50Ms: median(samples.flatMap((s) => (s.responseEndMs === null ? [] : [s.responseEndMs]))),
      viewRequestToPaintP50Ms: median(samples.flatMap((s) => (s.viewMs === null ? [] : [s.viewMs]))),
      counted: change.counted,
    };
    log(`filter ${change.name}: p50 ${round1(percentile(ms, 50))} ms, p95 ${round1(percentile(ms, 95))} ms (${ms.map(round1).join(', ')})`);
  }
  await clearFilters(page);
  counted.sort((a, b) => a - b);
  return { p50: round1(percentile(counted, 50)), p95: round1(percentile(counted, 95)), samples: counted.length, breakdown };
}
