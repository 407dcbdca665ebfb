/**
 * union-home (联盟之都) sync strategy. The API answers one order per `order_id` and has no list, so:
 * 1. re-poll: the order ids last seen in a non-final status are fetched again until final (skipped when
 *    resuming a scan a stopped run left: that run had re-polled already);
 * 2. scan: ids are tried upward from max(highest stored order_id + 1, setting `startOrderId`) until
 *    `scanMissLimit` (default 20) consecutive ids are "not found" — deleted orders leave gaps;
 * 3. `sync --since`: ids are re-fetched downward from the highest stored one until an order created
 *    before `since` (order ids grow with creation time).
 * Each batch of 20 ids is fetched concurrently (the engine's limiter caps it) and committed with the
 * cursor, so a stopped run resumes at the next id. An expired token fails the run with kind `auth`
 * (the engine then asks the merchant for a new token).
 *
 * Cursor (stream `scan`): `next`/`misses` of the scan, the non-final ids (the store keys orders by
 * goods_order_num, so the ids to re-poll are kept here), and the resume points of a re-poll pass and
 * of a `--since` re-check.
 */
import { FINAL_ORDER_STATUSES, emptyBatch, type OrderRecord } from '../../domain/models.js';
import type { UnionhomeClient } from '../../providers/unionhome/client.js';
import type { StrategyContext, SyncStrategy } from '../strategy.js';

type UnionhomeContext = StrategyContext<UnionhomeClient>;

export const SCAN_STREAM = 'scan';
/** Ids fetched (concurrently) and committed together. */
export const SCAN_BATCH = 20;
export const DEFAULT_SCAN_MISS_LIMIT = 20;

export interface UnionhomeCursor {
  /** First id the upward scan has not tried; after a finished scan, the id after the highest found. */
  readonly next: number;
  /** Consecutive misses just below `next` while a scan is under way. */
  readonly misses: number;
  /** A scan is under way (a run stopped during it): the next run resumes it before anything else. */
  readonly scanning: boolean;
  /** Ids last seen in a non-final status, ascending. */
  readonly open: readonly number[];
  /** Open ids that answered "not found" on the last re-polls, with how many times in a row. */
  readonly missing: Readonly<Record<string, number>>;
  /** A re-poll pass under way: open ids below this were already re-polled. */
  readonly repollFrom: number | null;
  /** A `--since` re-check under way: the next id to fetch going down. */
  readonly recheck: { readonly since: number; readonly next: number } | null;
}

const EMPTY: UnionhomeCursor = { next: 0, misses: 0, scanning: false, open: [], missing: {}, repollFrom: null, recheck: null };
/** An open order is given up after this many "not found" re-polls in a row (a deleted order, not a hiccup). */
export const OPEN_GIVE_UP_MISSES = 3;

/** `scanMissLimit` from the account settings (1..9999), else the default. */
export function scanMissLimit(settings: Readonly<Record<string, string>>): number {
  const text = settings['scanMissLimit']?.trim() ?? '';
  return /^[1-9]\d{0,3}$/.test(text) ? Number(text) : DEFAULT_SCAN_MISS_LIMIT;
}

function isFinal(order: OrderRecord): boolean {
  return FINAL_ORDER_STATUSES.includes(order.status);
}

/** The run's state: the cursor as last committed plus the open set it carries. */
class ScanState {
  private cursor: UnionhomeCursor;
  private readonly open: Set<number>;
  private readonly missing: Map<number, number>;
  /** Ids fetched in this run, so the `--since` re-check does not fetch them twice. */
  readonly fetched = new Set<number>();

  constructor(
    private readonly ctx: UnionhomeContext,
    saved: UnionhomeCursor | null,
  ) {
    this.cursor = { ...EMPTY, ...saved };
    this.open = new Set(this.cursor.open);
    this.missing = new Map(Object.entries(this.cursor.missing).map(([id, n]) => [Number(id), n]));
  }

  get value(): UnionhomeCursor {
    return this.cursor;
  }

  openIds(): number[] {
    return [...this.open].sort((a, b) => a - b);
  }

  /** Notes what a lookup found (null = not found) for an id. */
  note(id: number, order: OrderRecord | null): void {
    this.fetched.add(id);
    this.missing.delete(id);
    if (order === null || isFinal(order)) this.open.delete(id);
    else this.open.add(id);
  }

  /** An open id answered "not found"; returns true when it is given up (no longer re-polled). */
  lost(id: number): boolean {
    this.fetched.add(id);
    const times = (this.missing.get(id) ?? 0) + 1;
    if (times < OPEN_GIVE_UP_MISSES) {
      this.missing.set(id, times);
      return false;
    }
    this.missing.delete(id);
    this.open.delete(id);
    return true;
  }

  private withState(patch: Partial<UnionhomeCursor>): UnionhomeCursor {
    return { ...this.cursor, ...patch, open: this.openIds(), missing: Object.fromEntries([...this.missing].map(([id, n]) => [String(id), n])) };
  }

  /** Commits the orders with the cursor changed by `patch` (and the current open set) in one transaction. */
  async commit(orders: readonly OrderRecord[], patch: Partial<UnionhomeCursor>): Promise<void> {
    const next = this.withState(patch);
    await this.ctx.commit({ ...emptyBatch(), orders }, { stream: SCAN_STREAM, value: next });
    this.cursor = next;
  }

  save(patch: Partial<UnionhomeCursor>): void {
    const next = this.withState(patch);
    this.ctx.saveCursor({ stream: SCAN_STREAM, value: next });
    this.cursor = next;
  }
}

/** Looks ids up concurrently (each its own engine call); results in the order of `ids`. */
async function fetchIds(ctx: UnionhomeContext, ids: readonly number[]): Promise<(OrderRecord | null)[]> {
  const settled = await Promise.allSettled(ids.map((id) => ctx.call(`order ${id}`, () => ctx.client.fetchOrder(id))));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s.status === 'fulfilled' ? (s.value?.record ?? null) : null));
}

function range(from: number, count: number, step = 1): number[] {
  return Array.from({ length: count }, (_, i) => from + i * step);
}

async function repollOpen(ctx: UnionhomeContext, state: ScanState): Promise<void> {
  const from = state.value.repollFrom ?? 0;
  const ids = state.openIds().filter((id) => id >= from);
  let gone = 0;
  for (let start = 0; start < ids.length; start += SCAN_BATCH) {
    const batch = ids.slice(start, start + SCAN_BATCH);
    ctx.progress({ phase: '复查未完成订单 open orders', window: '未完成订单 open orders', page: start / SCAN_BATCH + 1, done: start, total: ids.length });
    const records = await fetchIds(ctx, batch);
    const found: OrderRecord[] = [];
    batch.forEach((id, i) => {
      const order = records[i] ?? null;
      if (order === null) {
        if (state.lost(id)) gone++;
        return;
      }
      state.note(id, order);
      found.push(order);
    });
    await state.commit(found, { repollFrom: batch[batch.length - 1]! + 1 });
  }
  if (state.value.repollFrom !== null) state.save({ repollFrom: null });
  if (gone > 0) ctx.warn(`${gone} 个未完成的订单连续 ${OPEN_GIVE_UP_MISSES} 次查不到（可能已被删除），不再复查 (${gone} open orders are no longer found upstream)`);
}

async function scanUpward(ctx: UnionhomeContext, state: ScanState): Promise<void> {
  const limit = scanMissLimit(ctx.settings);
  const { next: savedNext, misses: savedMisses } = state.value;
  let next = Math.max(savedNext, (ctx.store.maxExternalOrderId() ?? 0) + 1, ctx.client.startOrderId);
  let misses = next === savedNext ? savedMisses : 0;
  const window = `订单号 ≥ ${next} order ids from ${next}`;
  while (misses < limit) {
    ctx.progress({ phase: '扫描新订单 scanning order ids', window, page: next });
    // Near the end, ask only for as many ids as could still end the scan.
    const ids = range(next, Math.min(SCAN_BATCH, Math.max(1, limit - misses)));
    const records = await fetchIds(ctx, ids);
    const found: OrderRecord[] = [];
    for (const [i, id] of ids.entries()) {
      const order = records[i] ?? null;
      state.note(id, order);
      next = id + 1;
      if (order) {
        found.push(order);
        misses = 0;
      } else if (++misses >= limit) {
        break;
      }
    }
    await state.commit(found, { next, misses, scanning: true });
  }
  // New orders appear right above the highest one: the next scan starts there again.
  state.save({ next: next - misses, misses: 0, scanning: false });
}

async function recheckSince(ctx: UnionhomeContext, state: ScanState, since: number): Promise<void> {
  const floor = ctx.client.startOrderId;
  const resume = state.value.recheck;
  let next = resume?.since === since ? resume.next : (ctx.store.maxExternalOrderId() ?? 0);
  let reachedOlder = false;
  while (!reachedOlder && next >= floor) {
    ctx.progress({ phase: '复查订单 re-checking orders', window: `复查 re-check ≥ ${new Date(since).toISOString().slice(0, 10)}`, page: next });
    const ids = range(next, Math.min(SCAN_BATCH, next - floor + 1), -1).filter((id) => !state.fetched.has(id));
    const records = await fetchIds(ctx, ids);
    const found: OrderRecord[] = [];
    for (const [i, id] of ids.entries()) {
      const order = records[i] ?? null;
      if (order === null) continue;
      state.note(id, order);
      found.push(order);
      if (order.createdAt !== null && order.createdAt < since) reachedOlder = true;
    }
    next -= SCAN_BATCH;
    await state.commit(found, { recheck: { since, next } });
  }
  state.save({ recheck: null });
}

export const unionhomeStrategy: SyncStrategy<UnionhomeClient> = {
  provider: 'unionhome',
  async run(ctx) {
    const state = new ScanState(ctx, ctx.cursor<UnionhomeCursor>(SCAN_STREAM));
    // A run stopped during its scan had finished its re-poll: resume the scan straight away.
    if (!state.value.scanning) await repollOpen(ctx, state);
    await scanUpward(ctx, state);
    if (ctx.since !== null) await recheckSince(ctx, state, ctx.since);
  },
};
