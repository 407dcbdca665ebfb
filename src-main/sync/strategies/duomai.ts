/**
 * 多麦 Duomai sync strategy. Two streams, both walked in one-day windows of 200-row pages:
 *
 * - `orders` — by UPDATE time, from the watermark of the last complete pass minus an overlap (the
 *   first sync backfills the lookback period; `--since` sets the start). Changed orders are upserted,
 *   so status moves (unconfirmed → confirmed → settled / invalid) leave history rows.
 * - `settlements` — the gateway selects settlement changes by ORDER time, so a revision of an old
 *   order only shows when that order's day is asked again: every sync re-walks the order-time days of
 *   the lookback period. Days on which provably no order was placed (known from the orders stream)
 *   are skipped. Changes are append-only facts keyed by changeKey, so re-reading writes nothing.
 *
 * Cursors (JSON): orders `{v, watermark, from, days, blind, pass}`, settlements `{v, pass, completedTo,
 * pages}` where `pass = {start, stime, etime, page}` is the next page of an unfinished pass and `pages`
 * the digests of pages already committed, which are then not mapped again (see duomai-cursors.ts).
 */
import type { DuomaiClient } from '../../providers/duomai/index.js';
import type { DuomaiOrderRow, DuomaiSettlementRow } from '../../providers/duomai/schemas.js';
import { duomaiWindows, type DuomaiWindow } from '../../providers/duomai/windows.js';
import { toShanghaiWallTime } from '../../domain/time.js';
import type { StrategyContext, SyncStrategy } from '../strategy.js';
import { orderPageBatch, settlementDigest, settlementKeys, settlementPageBatch, type OrderDays } from './duomai-batches.js';
import {
  coverageAfterPass,
  DAY_SECONDS,
  digestsWithin,
  ORDERS_STREAM,
  provablyEmpty,
  pruneDays,
  readOrdersCursor,
  readSettlementsCursor,
  SETTLEMENTS_STREAM,
  shanghaiDayNo,
  shanghaiDayStart,
  type OrdersCursor,
  type PassPosition,
  type SettlementsCursor,
  withDigest,
} from './duomai-cursors.js';
import { walkWindows, type RunTally, type WalkPosition, type WindowDedupe } from './duomai-walk.js';

/** Rows per request: the gateway's maximum. */
export const DUOMAI_SYNC_PAGE_SIZE = 200;
/**
 * How far before the watermark the next orders pass starts: re-reads the tail of the last window, for
 * updates stamped just before it that the gateway showed late and for clock skew between us and it.
 */
export const DUOMAI_ORDER_OVERLAP_SECONDS = 2 * 3600;
/** The day list kept in the orders cursor covers at least this many days (more if the lookback is longer). */
const MIN_DAYS_KEPT = 400;

type Ctx = StrategyContext<DuomaiClient>;

interface PassPlan {
  readonly start: number;
  readonly windows: DuomaiWindow[];
  readonly firstPage: number;
}

const sinceSec = (ctx: Ctx): number | null => (ctx.since === null ? null : Math.floor(ctx.since / 1000));
const wallMinute = (sec: number): string => toShanghaiWallTime(sec * 1000).slice(0, 16);

/** Windows from a resumed position on: the unfinished window itself, then fresh windows to `end`. */
function resumedWindows(pass: PassPosition, restFrom: number, end: number): DuomaiWindow[] {
  // A window's end is inclusive, so nothing is left to read when the rest would start at `end`.
  const rest = restFrom < end ? [...duomaiWindows(restFrom, end)] : [];
  return [{ stime: pass.stime, etime: pass.etime }, ...rest];
}

/**
 * Where the orders pass of this run starts and which update-time windows it walks: `--since` to now;
 * else an unfinished pass from where it stopped; else the watermark minus the overlap to now, plus —
 * when the covered period does not reach back to the lookback start (a first sync, a first sync run
 * with `--since`, a longer lookback) — the missing stretch before it.
 */
export function planOrdersPass(saved: OrdersCursor, since: number | null, end: number, lookbackDays: number): PassPlan {
  if (since !== null) {
    const start = Math.min(since, end);
    return { start, windows: [...duomaiWindows(start, end)], firstPage: 1 };
  }
  if (saved.pass) return { start: saved.pass.start, windows: resumedWindows(saved.pass, saved.pass.etime, end), firstPage: saved.pass.page };
  const lookbackStart = shanghaiDayStart(end - lookbackDays * DAY_SECONDS);
  if (saved.watermark === null || saved.from === null) return { start: lookbackStart, windows: [...duomaiWindows(lookbackStart, end)], firstPage: 1 };
  const resume = Math.min(saved.watermark - DUOMAI_ORDER_OVERLAP_SECONDS, end);
  if (lookbackStart >= saved.from) return { start: resume, windows: [...duomaiWindows(resume, end)], firstPage: 1 };
  const gap = saved.from < resume ? [...duomaiWindows(lookbackStart, saved.from)] : [];
  const rest = gap.length > 0 ? [...duomaiWindows(resume, end)] : [...duomaiWindows(lookbackStart, end)];
  return { start: lookbackStart, windows: [...gap, ...rest], firstPage: 1 };
}

/** Which order-time days the settlement re-walk reads: the lookback (or `--since`) minus provably empty days. */
export function planSettlementsPass(
  saved: SettlementsCursor,
  orders: OrdersCursor,
  since: number | null,
  end: number,
  lookbackDays: number,
): PassPlan {
  const days = new Set(orders.days);
  const keep = (w: DuomaiWindow): boolean => !provablyEmpty(orders, days, w.stime, w.etime);
  if (since === null && saved.pass) {
    const [first, ...rest] = resumedWindows(saved.pass, saved.pass.stime + DAY_SECONDS, end);
    return { start: saved.pass.start, windows: [first!, ...rest.filter(keep)], firstPage: saved.pass.page };
  }
  const start = shanghaiDayStart(since ?? end - lookbackDays * DAY_SECONDS);
  return { start, windows: start <= end ? [...duomaiWindows(start, end)].filter(keep) : [], firstPage: 1 };
}

function sortedDays(days: ReadonlySet<number>): number[] {
  return [...days].sort((a, b) => a - b);
}

/** Orders by update time; returns the orders cursor as it stands after the pass. */
async function syncOrders(ctx: Ctx, end: number, tally: RunTally): Promise<OrdersCursor> {
  const saved = readOrdersCursor(ctx.cursor(ORDERS_STREAM));
  const plan = planOrdersPass(saved, sinceSec(ctx), end, ctx.lookbackDays);
  const seen: OrderDays = { days: new Set(saved.days), blind: saved.blind };
  const lastEtime = plan.windows.reduce((max, w) => Math.max(max, w.etime), end);
  const keepFromDay = shanghaiDayNo(end) - Math.max(ctx.lookbackDays, MIN_DAYS_KEPT) - 1;
  const current = (pass: PassPosition | null): OrdersCursor => {
    const base = { ...saved, days: sortedDays(seen.days), blind: seen.blind, pass };
    return pruneDays(pass ? base : { ...base, ...coverageAfterPass(saved, plan.start, lastEtime) }, keepFromDay);
  };
  tally.total += plan.windows.length;
  await walkWindows(
    ctx,
    {
      stream: ORDERS_STREAM,
      phase: '订单 orders',
      label: (w) => `订单更新 ${wallMinute(w.stime)}–${wallMinute(w.etime)}`,
      windows: plan.windows,
      firstPage: plan.firstPage,
      fetch: (w, page) =>
        ctx.call('cps-mesh.open.orders.query.get', () => ctx.client.ordersQuery({ stime: w.stime, etime: w.etime, page, page_size: DUOMAI_SYNC_PAGE_SIZE })),
      toBatch: (rows: readonly DuomaiOrderRow[], dedupe) => orderPageBatch(rows, dedupe, seen),
      cursorFor: (next: WalkPosition | null) => current(next ? { start: plan.start, ...next } : null),
    },
    tally,
  );
  const final = current(null);
  if (plan.windows.length === 0) ctx.saveCursor({ stream: ORDERS_STREAM, value: final });
  return final;
}

/** Settlement changes by order time over the lookback period (resuming an unfinished re-walk). */
async function syncSettlements(ctx: Ctx, orders: OrdersCursor, end: number, tally: RunTally, estimate: number): Promise<void> {
  const saved = readSettlementsCursor(ctx.cursor(SETTLEMENTS_STREAM));
  const plan = planSettlementsPass(saved, orders, sinceSec(ctx), end, ctx.lookbackDays);
  tally.total += plan.windows.length - estimate;
  const firstDay = Math.min(shanghaiDayNo(plan.start), ...plan.windows.map((w) => shanghaiDayNo(w.stime)));
  const pages = digestsWithin(saved.pages, firstDay, shanghaiDayNo(end));
  const cursor = (pass: PassPosition | null): SettlementsCursor =>
    pass ? { v: 1, pass, completedTo: saved.completedTo, pages } : { v: 1, pass: null, completedTo: end, pages };
  const toBatch = (rows: readonly DuomaiSettlementRow[], dedupe: WindowDedupe, w: DuomaiWindow, page: number) => {
    const day = String(shanghaiDayNo(w.stime));
    const keys = settlementKeys(rows);
    if (keys === null) return settlementPageBatch(rows, dedupe, null);
    const digest = settlementDigest(keys);
    const known = pages[day]?.[page - 1] === digest;
    pages[day] = withDigest(pages[day] ?? [], page - 1, digest);
    return settlementPageBatch(rows, dedupe, known ? keys : null);
  };
  await walkWindows(
    ctx,
    {
      stream: SETTLEMENTS_STREAM,
      phase: '结算变动 settlements',
      label: (w) => `结算变动 ${wallMinute(w.stime).slice(0, 10)}`,
      windows: plan.windows,
      firstPage: plan.firstPage,
      fetch: (w, page) =>
        ctx.call('cps-mesh.open.orders.settlement.get', () =>
          ctx.client.settlementChanges({ stime: w.stime, etime: w.etime, page, page_size: DUOMAI_SYNC_PAGE_SIZE }),
        ),
      toBatch,
      cursorFor: (next) => cursor(next ? { start: plan.start, ...next } : null),
    },
    tally,
  );
  if (plan.windows.length === 0) ctx.saveCursor({ stream: SETTLEMENTS_STREAM, value: cursor(null) });
}

/** Day windows the settlement pass would read without skipping: the first progress estimate. */
function settlementEstimate(ctx: Ctx, end: number): number {
  const since = sinceSec(ctx);
  const start = shanghaiDayStart(since ?? end - ctx.lookbackDays * DAY_SECONDS);
  return start <= end ? Math.floor((end - start) / DAY_SECONDS) + 1 : 0;
}

export const duomaiStrategy: SyncStrategy<DuomaiClient> = {
  provider: 'duomai',
  async run(ctx) {
    const end = Math.floor(ctx.now() / 1000);
    const estimate = settlementEstimate(ctx, end);
    const tally: RunTally = { done: 0, total: estimate };
    const orders = await syncOrders(ctx, end, tally);
    await syncSettlements(ctx, orders, end, tally, estimate);
    ctx.progress({ phase: '完成 done', done: tally.total, total: tally.total });
  },
};
