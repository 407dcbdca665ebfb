/**
 * Kuaimai (快麦) sync: trades are discovered through `erp.trade.list.query` on their update time
 * (`upd_time`), walking business-day windows (≤ 1 day, both ends inclusive, whole seconds) from the
 * account's watermark to now and paging each window to exhaustion; for the trades of every page the
 * distributor money records are fetched and the page's trades and flows are committed together with
 * the cursor. Tids the merchant imported are then asked for their money records as well.
 *
 * Cursor `trades`: `{ next, pageNo, complete }` — `next` is the start (epoch ms) of the window to read
 * and `pageNo` its page. While a pass is under way (`complete: false`) a new run resumes exactly there;
 * after a finished pass `next` is the watermark and the next run starts OVERLAP_MS before it.
 * Cursor `tracked-tids`: `{ offset }` into the imported tids while that pass is under way.
 */
import type { MoneyFlowRecord, RecordBatch } from '../../domain/models.js';
import { businessDay, businessDayStart, DAY_MS } from '../../domain/time.js';
import { isLastTradePage, MAX_TRADE_PAGE_SIZE, type KuaimaiClient } from '../../providers/kuaimai/client.js';
import { mapTrades } from '../../providers/kuaimai/mapping.js';
import type { KuaimaiTrade } from '../../providers/kuaimai/schemas.js';
import type { StrategyContext, SyncStrategy } from '../strategy.js';
import { fetchFlows } from './kuaimai-flows.js';
import { KuaimaiSessionKeeper } from './kuaimai-session.js';

export const KUAIMAI_TRADES_STREAM = 'trades';
export const KUAIMAI_TRACKED_STREAM = 'tracked-tids';
export const KUAIMAI_PAGE_SIZE = MAX_TRADE_PAGE_SIZE;
/** Re-read before the watermark: trades the gateway records a little late, clocks a little apart. */
export const KUAIMAI_OVERLAP_MS = 10 * 60_000;
/** Imported tids asked per committed page. */
export const KUAIMAI_TRACKED_CHUNK = 50;

const TRADES_PHASE = '订单 trades';
const TRACKED_PHASE = '资金流水（导入的 tid） money records of imported tids';

export interface KuaimaiTradeCursor {
  readonly next: number;
  readonly pageNo: number;
  readonly complete: boolean;
}

interface TrackedCursor {
  readonly offset: number;
}

const SECOND_MS = 1000;

function floorSecond(ms: number): number {
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}

function isTradeCursor(value: unknown): value is KuaimaiTradeCursor {
  const c = value as Partial<KuaimaiTradeCursor> | null;
  return !!c && Number.isSafeInteger(c.next) && Number.isSafeInteger(c.pageNo) && (c.pageNo ?? 0) >= 1 && typeof c.complete === 'boolean';
}

/** Where this run starts: `--since`, an unfinished pass, the watermark minus the overlap, or the lookback. */
export function tradeStart(ctx: Pick<StrategyContext<unknown>, 'since' | 'now' | 'lookbackDays' | 'cursor'>): { from: number; pageNo: number } {
  if (ctx.since !== null) return { from: floorSecond(ctx.since), pageNo: 1 };
  const saved = ctx.cursor<unknown>(KUAIMAI_TRADES_STREAM);
  if (isTradeCursor(saved)) {
    return saved.complete ? { from: floorSecond(saved.next - KUAIMAI_OVERLAP_MS), pageNo: 1 } : { from: saved.next, pageNo: saved.pageNo };
  }
  return { from: floorSecond(ctx.now() - ctx.lookbackDays * DAY_MS), pageNo: 1 };
}

/** The window starting at `from`: up to the end of its Shanghai business day, never past `until`. */
export function windowAt(from: number, until: number): { from: number; to: number; label: string } {
  const day = businessDay(from);
  const dayEnd = businessDayStart(day) + DAY_MS - SECOND_MS;
  return { from, to: Math.min(dayEnd, until), label: day };
}

function batchOf(trades: readonly KuaimaiTrade[], flows: MoneyFlowRecord[]): RecordBatch {
  return { orders: mapTrades(trades), cards: [], commissions: [], settlements: [], flows };
}

/** Business days from the one holding `from` to the one holding `until`, both counted. */
function dayCount(from: number, until: number): number {
  return Math.max(1, Math.round((businessDayStart(businessDay(until)) - businessDayStart(businessDay(from))) / DAY_MS) + 1);
}

/** Walks the trade windows; returns the tids whose money records were fetched. */
async function syncTrades(ctx: StrategyContext<KuaimaiClient>, session: KuaimaiSessionKeeper): Promise<Set<string>> {
  const { client } = ctx;
  const until = floorSecond(ctx.now());
  const start = tradeStart(ctx);
  const total = dayCount(start.from, until);
  const fetched = new Set<string>();
  let from = start.from;
  let pageNo = start.pageNo;
  for (let done = 0; from <= until; done++) {
    const window = windowAt(from, until);
    for (let last = false; !last; pageNo++) {
      ctx.signal.throwIfAborted();
      ctx.progress({ phase: `${TRADES_PHASE} ${window.label}`, window: window.label, page: pageNo, done, total });
      const query = { timeType: 'upd_time', startTime: window.from, endTime: window.to, pageNo, pageSize: KUAIMAI_PAGE_SIZE } as const;
      const page = await session.call(`订单列表 ${window.label} #${pageNo}`, () => client.tradeList(query));
      last = isLastTradePage(page, query);
      const cursor: KuaimaiTradeCursor = last
        ? { next: window.to + SECOND_MS, pageNo: 1, complete: window.to >= until }
        : { next: window.from, pageNo: pageNo + 1, complete: false };
      if (page.list.length === 0) {
        ctx.saveCursor({ stream: KUAIMAI_TRADES_STREAM, value: cursor });
        continue;
      }
      const tids = page.list.flatMap((t) => (t.tid === null || t.tid === undefined ? [] : [String(t.tid)]));
      const flows = await fetchFlows(client, session, tids);
      await ctx.commit(batchOf(page.list, flows), { stream: KUAIMAI_TRADES_STREAM, value: cursor });
      for (const tid of tids) fetched.add(tid.trim());
    }
    from = window.to + SECOND_MS;
    pageNo = 1;
  }
  return fetched;
}

/** Money records of the tids the merchant imported (those not already read by the window walk). */
async function syncTrackedTids(ctx: StrategyContext<KuaimaiClient>, session: KuaimaiSessionKeeper, alreadyFetched: ReadonlySet<string>): Promise<void> {
  const tids = ctx.store.trackedIds('tid');
  if (tids.length === 0) return;
  const saved = ctx.cursor<TrackedCursor>(KUAIMAI_TRACKED_STREAM);
  const startAt = saved && Number.isSafeInteger(saved.offset) && saved.offset > 0 && saved.offset < tids.length ? saved.offset : 0;
  const chunks = Math.ceil((tids.length - startAt) / KUAIMAI_TRACKED_CHUNK);
  for (let offset = startAt, n = 0; offset < tids.length; offset += KUAIMAI_TRACKED_CHUNK, n++) {
    ctx.signal.throwIfAborted();
    ctx.progress({ phase: TRACKED_PHASE, window: TRACKED_PHASE, page: n + 1, done: n, total: chunks });
    const chunk = tids.slice(offset, offset + KUAIMAI_TRACKED_CHUNK).filter((tid) => !alreadyFetched.has(tid.trim()));
    const flows = await fetchFlows(ctx.client, session, chunk);
    const end = offset + KUAIMAI_TRACKED_CHUNK;
    const cursor = { stream: KUAIMAI_TRACKED_STREAM, value: end >= tids.length ? null : { offset: end } };
    if (flows.length === 0) ctx.saveCursor(cursor);
    else await ctx.commit({ orders: [], cards: [], commissions: [], settlements: [], flows }, cursor);
  }
}

export const kuaimaiStrategy: SyncStrategy<KuaimaiClient> = {
  provider: 'kuaimai',
  async run(ctx) {
    const session = new KuaimaiSessionKeeper(ctx);
    await session.refreshIfDue();
    const fetched = await syncTrades(ctx, session);
    await syncTrackedTids(ctx, session, fetched);
  },
};
