/**
 * The Duomai sync strategy end to end: a real core (SQLite, vault, engine) syncing the real Duomai
 * simulator over HTTP on a controlled clock. Ground truth is computed from the simulator's dataset
 * (not through the mapping code); requests are observed through the core's fetch so tests can prove
 * where a run started and step in at an exact request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../src-main/api/contract.js';
import { fleetMember, type FleetMember } from '../../../../src-main/demo/simulator-fleet.js';
import { DUOMAI_ORDERS_SERVICE, DUOMAI_SETTLEMENT_SERVICE } from '../../../../src-main/providers/duomai/client.js';
import type { DuomaiOrderCore } from '../../../../src-main/providers/duomai/simulator-data.js';
import type { DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import {
  DUOMAI_ORDER_OVERLAP_SECONDS,
  DUOMAI_SYNC_PAGE_SIZE,
  planOrdersPass,
  planSettlementsPass,
} from '../../../../src-main/sync/strategies/duomai.js';
import {
  coverageAfterPass,
  EMPTY_ORDERS_CURSOR,
  EMPTY_SETTLEMENTS_CURSOR,
  ORDERS_STREAM,
  pruneDays,
  readOrdersCursor,
  SETTLEMENTS_STREAM,
  shanghaiDayNo,
  shanghaiDayStart,
  shanghaiDayStartOfNo,
  type OrdersCursor,
  type SettlementsCursor,
} from '../../../../src-main/sync/strategies/duomai-cursors.js';
import { WindowDedupe } from '../../../../src-main/sync/strategies/duomai-walk.js';
import { toShanghaiWallTime } from '../../../../src-main/domain/time.js';
import { count as countIn, dispatch, historyCount as accountHistoryCount, sync as syncAccount } from '../../../support/core-calls.js';
import { RecordingFetch } from '../../../support/recording-fetch.js';
import { openTempCore, type TempCore } from '../../../support/temp-core.js';

// ---------------------------------------------------------------------------------------------------
// Kit: a controlled clock, a fetch that records every Duomai request and can act at a given one.

const DAY = 86_400;
const T0 = Date.UTC(2024, 5, 20, 3, 17, 41, 250); // 2024-06-20 11:17:41 Shanghai

interface Sent {
  readonly service: string;
  readonly stime: number;
  readonly etime: number;
  readonly page: number;
  readonly pageSize: number;
}

class DuomaiFetch extends RecordingFetch<Sent> {
  /** Requests that take longer than this fail (a short client timeout for the hang fault). */
  timeoutMs = 2_000;

  constructor() {
    super(
      (url, text) => {
        const body = JSON.parse(text || '{}') as Record<string, number>;
        return { service: url.searchParams.get('service') ?? '', stime: body.stime!, etime: body.etime!, page: body.page!, pageSize: body.page_size! };
      },
      (_sent, input, init) => globalThis.fetch(input, { ...init, signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), ...(init?.signal ? [init.signal] : [])]) }),
    );
  }
}

const ofService = (service: string) => (s: Sent) => s.service === service;

interface Rig {
  readonly core: TempCore;
  readonly member: FleetMember<'duomai'>;
  readonly sim: DuomaiSimulator;
  readonly rec: DuomaiFetch;
  readonly accountId: number;
  /** Moves the shared clock (core, client signatures and simulator) on. */
  advance(seconds: number): void;
  nowSec(): number;
}

const rigs: Rig[] = [];

async function rig(scale: number, seed = 7, cleanAfterEach = false, syncWriter: 'inline' | 'worker' = 'inline'): Promise<Rig> {
  let clock = T0;
  const now = () => clock;
  const member = await fleetMember('duomai', { scale, seed, now });
  const rec = new DuomaiFetch();
  const core = await openTempCore({ fetch: rec.fetch, now, syncWriter });
  const accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
  const made: Rig = {
    core,
    member,
    sim: member.simulator,
    rec,
    accountId,
    advance: (seconds) => (clock += seconds * 1000),
    nowSec: () => Math.floor(clock / 1000),
  };
  if (cleanAfterEach) rigs.push(made);
  return made;
}

afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.core.cleanup();
    await r.sim.close();
  }
});

const sync = (r: Rig, since?: number, accountId = r.accountId) => syncAccount(r.core, accountId, since);

const count = (r: Rig, sql: string, ...params: unknown[]) => countIn(r.core, sql, ...params);

const historyCount = (r: Rig) => accountHistoryCount(r.core, r.accountId);
const ordersCursor = (r: Rig, id = r.accountId) => r.core.store.state.cursor<OrdersCursor>(id, ORDERS_STREAM);
const settlementsCursor = (r: Rig, id = r.accountId) => r.core.store.state.cursor<SettlementsCursor>(id, SETTLEMENTS_STREAM);

// ---------------------------------------------------------------------------------------------------
// Ground truth from the dataset, in the shape the database stores (amounts as scale-4 integers).

function allOrders(sim: DuomaiSimulator): DuomaiOrderCore[] {
  return Array.from({ length: sim.dataset.config.count }, (_, i) => sim.dataset.order(i));
}

const bySn = <T extends { order_no: string }>(rows: T[]) => rows.sort((a, b) => (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : 0));
const confirmed = (o: DuomaiOrderCore) => o.status === 1 || o.status === 2;
const commissionOf = (o: DuomaiOrderCore) => (confirmed(o) ? o.confirmCommission! : o.commissionFen * 100);

function expectedOrders(orders: readonly DuomaiOrderCore[]) {
  return bySn(
    orders.map((o) => ({
      order_no: o.orderSn,
      external_order_no: o.parentOrderSn,
      status_raw: String(o.status),
      currency: o.ads.currency,
      total: o.priceFen * 100,
      commission: commissionOf(o),
      commission_currency: o.ads.currency,
      created_at: o.orderTimeSec * 1000,
      updated_at: o.chargeTimeSec === null ? null : o.chargeTimeSec * 1000,
      items: o.items.length,
    })),
  );
}

function storedOrders(r: Rig, id = r.accountId) {
  return bySn(
    r.core.db
      .prepare(
        `SELECT order_no, external_order_no, status_raw, currency, total, commission, commission_currency, created_at, updated_at,
           (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) AS items
         FROM orders o WHERE account_id = ?`,
      )
      .all(id) as ReturnType<typeof expectedOrders>,
  );
}

function expectedCommissions(orders: readonly DuomaiOrderCore[], siteId: string) {
  const status = { '-1': 'invalid', '0': 'estimated', '1': 'confirmed', '2': 'settled' } as const;
  return bySn(
    orders.map((o) => ({
      order_no: o.orderSn,
      beneficiary: `site:${siteId}`,
      level: 0,
      amount: commissionOf(o),
      currency: o.ads.currency,
      status: status[String(o.status) as keyof typeof status],
    })),
  );
}

function storedCommissions(r: Rig, id = r.accountId) {
  return bySn(
    r.core.db.prepare('SELECT order_no, beneficiary, level, amount, currency, status FROM commissions WHERE account_id = ?').all(id) as ReturnType<
      typeof expectedCommissions
    >,
  );
}

function expectedSettlements(orders: readonly DuomaiOrderCore[]) {
  const rows = orders.flatMap((o) =>
    o.revisions.map((rev) => ({
      order_no: o.orderSn,
      order_time: o.orderTimeSec * 1000,
      modified_at: rev.modifyAtSec * 1000,
      currency: o.ads.currency,
      price_old: rev.priceOld,
      price_new: rev.priceNew,
      price_delta: rev.priceOld === null || rev.priceNew === null ? null : rev.priceNew - rev.priceOld,
      commission_old: rev.commissionOld,
      commission_new: rev.commissionNew,
      commission_delta: rev.commissionNew - rev.commissionOld,
    })),
  );
  return sortSettlements(rows);
}

function sortSettlements<T extends { order_no: string; modified_at: number; commission_new: number }>(rows: T[]): T[] {
  return bySn(rows).sort((a, b) => (a.order_no === b.order_no ? a.modified_at - b.modified_at || a.commission_new - b.commission_new : 0));
}

function storedSettlements(r: Rig, id = r.accountId) {
  return sortSettlements(
    r.core.db
      .prepare(
        `SELECT order_no, order_time, modified_at, currency, price_old, price_new, price_delta, commission_old, commission_new, commission_delta
         FROM settlement_changes WHERE account_id = ?`,
      )
      .all(id) as ReturnType<typeof expectedSettlements>,
  );
}

function expectGroundTruth(r: Rig, orders = allOrders(r.sim), id = r.accountId): void {
  const stored = storedOrders(r, id);
  expect(stored.length).toBe(orders.length);
  expect(stored).toEqual(expectedOrders(orders));
  expect(storedCommissions(r, id)).toEqual(expectedCommissions(orders, r.sim.dataset.config.siteId));
  expect(storedSettlements(r, id)).toEqual(expectedSettlements(orders));
}

function settlementRowCount(orders: readonly DuomaiOrderCore[]): number {
  return orders.reduce((n, o) => n + o.revisions.length, 0);
}

// ---------------------------------------------------------------------------------------------------

describe('duomai strategy: pure parts', () => {
  const end = 1_718_853_461; // 2024-06-20 11:17:41 Shanghai
  const today = shanghaiDayStart(end);
  const cursor = (over: Partial<OrdersCursor> = {}): OrdersCursor => ({ ...EMPTY_ORDERS_CURSOR, ...over });

  it('day arithmetic follows Shanghai midnight', () => {
    expect(toShanghaiWallTime(today * 1000)).toBe('2024-06-20 00:00:00');
    expect(shanghaiDayNo(today - 1)).toBe(shanghaiDayNo(today) - 1);
    expect(shanghaiDayNo(today + DAY - 1)).toBe(shanghaiDayNo(today));
  });

  it('orders start at the lookback day, an unfinished pass, the watermark minus the overlap, or --since', () => {
    const first = planOrdersPass(cursor(), null, end, 90);
    expect(first.start).toBe(today - 90 * DAY);
    expect(first.windows[0]).toEqual({ stime: today - 90 * DAY, etime: today - 89 * DAY });
    expect(first.windows.at(-1)).toEqual({ stime: today, etime: end });
    expect(first.windows).toHaveLength(91);

    const watermark = end - 3600;
    const next = planOrdersPass(cursor({ watermark, from: today - 95 * DAY }), null, end, 90);
    expect(next).toEqual({ start: watermark - DUOMAI_ORDER_OVERLAP_SECONDS, windows: [{ stime: watermark - DUOMAI_ORDER_OVERLAP_SECONDS, etime: end }], firstPage: 1 });

    const pass = { start: 5, stime: end - 2 * DAY - 50, etime: end - DAY - 50, page: 4 };
    const resumed = planOrdersPass(cursor({ watermark, pass }), null, end, 90);
    expect(resumed.firstPage).toBe(4);
    expect(resumed.start).toBe(5);
    expect(resumed.windows).toEqual([{ stime: pass.stime, etime: pass.etime }, { stime: pass.etime, etime: end - 50 }, { stime: end - 50, etime: end }]);

    const since = planOrdersPass(cursor({ watermark, pass }), end - 100, end, 90);
    expect(since).toEqual({ start: end - 100, windows: [{ stime: end - 100, etime: end }], firstPage: 1 });

    // A covered period shorter than the lookback (an earlier --since, a longer lookback) gets its gap filled.
    const short = planOrdersPass(cursor({ watermark, from: today - 2 * DAY }), null, end, 4);
    expect(short.start).toBe(today - 4 * DAY);
    expect(short.windows).toEqual([
      { stime: today - 4 * DAY, etime: today - 3 * DAY },
      { stime: today - 3 * DAY, etime: today - 2 * DAY },
      { stime: watermark - DUOMAI_ORDER_OVERLAP_SECONDS, etime: end },
    ]);
    expect(planOrdersPass(cursor({ watermark, from: today - 5 * DAY }), null, end, 4).windows).toHaveLength(1);
  });

  it('the covered period grows only when a pass joins it', () => {
    expect(coverageAfterPass({ watermark: null, from: null }, 100, 900)).toEqual({ watermark: 900, from: 100 });
    expect(coverageAfterPass({ watermark: 500, from: 100 }, 400, 900)).toEqual({ watermark: 900, from: 100 });
    expect(coverageAfterPass({ watermark: 500, from: 100 }, 50, 900)).toEqual({ watermark: 900, from: 50 });
    // A --since after the watermark leaves a gap: keep the old watermark so the next sync fills it.
    expect(coverageAfterPass({ watermark: 500, from: 100 }, 600, 900)).toEqual({ watermark: 500, from: 100 });
  });

  it('skips only settlement days that provably had no order, and always resumes the unfinished day', () => {
    const d = shanghaiDayNo(today);
    const orders = cursor({ watermark: end, from: today - 10 * DAY, days: [d - 3, d] });
    const plan = planSettlementsPass(EMPTY_SETTLEMENTS_CURSOR, orders, null, end, 12);
    // Days before `from` are unknown, so walked; inside it, days with orders and the day before each (its
    // window ends on the shared midnight second).
    expect(plan.windows.map((w) => shanghaiDayNo(w.stime) - d)).toEqual([-12, -11, -4, -3, -1, 0]);
    expect(planSettlementsPass(EMPTY_SETTLEMENTS_CURSOR, { ...orders, blind: true }, null, end, 12).windows).toHaveLength(13);

    const pass = { start: today - 12 * DAY, stime: today - 5 * DAY, etime: today - 4 * DAY, page: 3 };
    const resumed = planSettlementsPass({ ...EMPTY_SETTLEMENTS_CURSOR, pass }, orders, null, end, 12);
    expect(resumed.firstPage).toBe(3);
    expect(resumed.windows.map((w) => shanghaiDayNo(w.stime) - d)).toEqual([-5, -4, -3, -1, 0]);
  });

  it('an unreadable cursor counts as absent; the day list is pruned with its period', () => {
    expect(readOrdersCursor({ v: 2 })).toEqual(EMPTY_ORDERS_CURSOR);
    expect(readOrdersCursor('x')).toEqual(EMPTY_ORDERS_CURSOR);
    const pruned = pruneDays(cursor({ from: 0, watermark: end, days: [10, 20, 30] }), 20);
    expect(pruned).toMatchObject({ days: [20, 30], from: shanghaiDayStartOfNo(20) });
  });

  it('drops a repeat with the same content, keeps a changed one', () => {
    const dedupe = new WindowDedupe();
    expect(dedupe.check('a', '1')).toBe('new');
    expect(dedupe.check('a', '1')).toBe('repeat-window');
    dedupe.nextWindow();
    expect(dedupe.check('a', '1')).toBe('repeat-boundary');
    expect(dedupe.check('b', '1')).toBe('new');
    dedupe.nextWindow();
    expect(dedupe.check('a', '2')).toBe('new');
    dedupe.nextWindow();
    dedupe.nextWindow();
    expect(dedupe.check('a', '2')).toBe('new');
  });
});

describe('duomai strategy: full sync, no-op sync, incremental sync (2000 orders, pages written by the store worker)', () => {
  let r: Rig;

  beforeAll(async () => {
    r = await rig(2000, 8, false, 'worker');
  });

  afterAll(async () => {
    await r.core.cleanup();
    await r.sim.close();
  });

  it('a first sync backfills the lookback and equals the simulator exactly', async () => {
    const end = r.nowSec();
    const run = await sync(r);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const orders = allOrders(r.sim);
    expectGroundTruth(r, orders);
    const revisions = settlementRowCount(orders);
    expect(revisions).toBeGreaterThan(100);
    expect(run.inserted).toBe(2 * orders.length + revisions);
    expect(run.fetched).toBe(run.inserted);
    expect(run.updated).toBe(0);

    // Item amounts, raw payloads and big bare-number order numbers survive as exact text/integers.
    const o1 = r.sim.dataset.order(1);
    expect(o1.bareNumber).toBe(true);
    const item = r.core.db
      .prepare('SELECT i.unit_price, i.amount, i.quantity FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.order_no = ? ORDER BY i.id LIMIT 1')
      .get(o1.orderSn);
    expect(item).toEqual({ unit_price: o1.items[0]!.priceFen * 100, amount: o1.items[0]!.amountFen * 100, quantity: o1.items[0]!.qty });
    const rawText = r.core.db.prepare('SELECT raw FROM orders WHERE order_no = ?').pluck().get(o1.orderSn) as string;
    expect((JSON.parse(rawText) as { order_sn: unknown }).order_sn).toBe(o1.orderSn);

    // Orders: update-time windows from the start of the lookback day; 200-row pages everywhere.
    const lookbackStart = shanghaiDayStart(end - 90 * DAY);
    const orderCalls = r.rec.since(0, ofService(DUOMAI_ORDERS_SERVICE));
    expect(orderCalls[0]).toMatchObject({ stime: lookbackStart, etime: lookbackStart + DAY, page: 1 });
    expect(orderCalls.at(-1)!.etime).toBe(end);
    expect(new Set(r.rec.sent.map((s) => s.pageSize))).toEqual(new Set([DUOMAI_SYNC_PAGE_SIZE]));
    // Settlements: the order-time days on which orders were placed; the empty days are skipped.
    const orderDays = new Set(orders.map((o) => shanghaiDayNo(o.orderTimeSec)));
    const settleDays = new Set(r.rec.since(0, ofService(DUOMAI_SETTLEMENT_SERVICE)).map((s) => shanghaiDayNo(s.stime)));
    for (const day of orderDays) expect(settleDays.has(day), `day ${day} walked`).toBe(true);
    expect(settleDays.size).toBeLessThanOrEqual(orderDays.size + 1);
    expect(ordersCursor(r)).toMatchObject({ watermark: end, from: lookbackStart, pass: null, blind: false });
    expect(settlementsCursor(r)).toMatchObject({ v: 1, pass: null, completedTo: end });
  });

  it('a second sync re-reads only the orders overlap and the settlement days, and writes nothing', async () => {
    const watermark = ordersCursor(r)!.watermark!;
    const history = historyCount(r);
    r.advance(600);
    const mark = r.rec.mark();
    const run = await sync(r);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    expect(historyCount(r)).toBe(history);
    const from = watermark - DUOMAI_ORDER_OVERLAP_SECONDS;
    expect(r.rec.since(mark, ofService(DUOMAI_ORDERS_SERVICE))).toEqual([{ service: DUOMAI_ORDERS_SERVICE, stime: from, etime: r.nowSec(), page: 1, pageSize: 200 }]);
    expect(r.rec.since(mark, ofService(DUOMAI_SETTLEMENT_SERVICE)).length).toBeGreaterThan(55);
    // Settlement pages identical to the ones committed last time are not mapped or written again.
    expect(run.fetched).toBe(2 * r.sim.expectedOrders(from, r.nowSec()).length);
    expectGroundTruth(r);
  });

  it('after mutate() an incremental sync picks up exactly the changes, with status history', async () => {
    const before = new Map(allOrders(r.sim).map((o) => [o.orderSn, o]));
    r.advance(300);
    const moved = r.sim.mutate(40);
    expect(moved.revisions).toBeGreaterThan(0);
    r.advance(300);
    const run = await sync(r);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const after = allOrders(r.sim);
    expectGroundTruth(r, after);
    const newRevisions = settlementRowCount(after) - [...before.values()].reduce((n, o) => n + o.revisions.length, 0);
    expect(newRevisions).toBeGreaterThan(0);
    expect(run.inserted).toBe(newRevisions);
    const changed = new Set(moved.orderSns);
    expect(run.updated).toBeGreaterThanOrEqual(changed.size);
    // Revisions of orders placed weeks ago arrive through the order-time re-walk.
    const oldest = Math.min(...[...changed].map((sn) => before.get(sn)!.orderTimeSec));
    expect(r.nowSec() - oldest).toBeGreaterThan(14 * DAY);

    const statusMoves = after.filter((o) => before.get(o.orderSn)!.status !== o.status);
    expect(statusMoves.length).toBeGreaterThan(0);
    const rows = r.core.db
      .prepare(
        `SELECT o.order_no, h.old_value, h.new_value FROM record_history h JOIN orders o ON o.id = h.entity_id
         WHERE h.account_id = ? AND h.entity = 'order' AND h.field = 'status_raw' AND h.sync_run_id = ?`,
      )
      .all(r.accountId, run.id) as { order_no: string; old_value: string; new_value: string }[];
    expect(bySn(rows)).toEqual(
      bySn(statusMoves.map((o) => ({ order_no: o.orderSn, old_value: String(before.get(o.orderSn)!.status), new_value: String(o.status) }))),
    );
  });
});

describe('duomai strategy: --since and window boundaries', () => {
  it('--since sets the start of both streams; a later sync without it backfills the rest of the lookback', async () => {
    const r = await rig(2000, 9, true);
    const end = r.nowSec();
    const since = (end - 10 * DAY) * 1000;
    const run = await sync(r, since);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const all = allOrders(r.sim);
    const updated = all.filter((o) => o.updateTimeSec >= since / 1000);
    expect(storedOrders(r)).toEqual(expectedOrders(updated));
    const placedFrom = shanghaiDayStart(since / 1000);
    expect(storedSettlements(r)).toEqual(expectedSettlements(all.filter((o) => o.orderTimeSec >= placedFrom)));
    expect(r.rec.since(0, ofService(DUOMAI_ORDERS_SERVICE))[0]).toMatchObject({ stime: since / 1000, page: 1 });
    expect(ordersCursor(r)).toMatchObject({ watermark: end, from: since / 1000 });

    // A re-check further back reads from the new --since, and fills in what the first run did not cover.
    r.advance(60);
    const mark = r.rec.mark();
    const recheck = await sync(r, (end - 20 * DAY) * 1000);
    expect(recheck.status).toBe('succeeded');
    expect(r.rec.since(mark, ofService(DUOMAI_ORDERS_SERVICE))[0]).toMatchObject({ stime: end - 20 * DAY, page: 1 });
    expect(storedOrders(r)).toEqual(expectedOrders(all.filter((o) => o.updateTimeSec >= end - 20 * DAY)));
    expect(ordersCursor(r)).toMatchObject({ watermark: r.nowSec(), from: end - 20 * DAY });

    // Without --since the lookback and the watermark decide again: the stretch of the lookback before
    // the covered period is backfilled, then the pass goes on from the watermark.
    const watermark = r.nowSec();
    r.advance(60);
    const mark2 = r.rec.mark();
    expect((await sync(r)).status).toBe('succeeded');
    const calls = r.rec.since(mark2, ofService(DUOMAI_ORDERS_SERVICE));
    const lookbackStart = shanghaiDayStart(r.nowSec() - 90 * DAY);
    expect(calls[0]).toMatchObject({ stime: lookbackStart, etime: lookbackStart + DAY });
    expect(calls.at(-2)).toMatchObject({ etime: end - 20 * DAY });
    expect(calls.at(-1)).toMatchObject({ stime: watermark - DUOMAI_ORDER_OVERLAP_SECONDS, etime: r.nowSec() });
    expect(calls.length).toBeLessThan(75);
    expectGroundTruth(r);
    expect(ordersCursor(r)).toMatchObject({ watermark: r.nowSec(), from: lookbackStart });
  });

  it('a record stamped on the shared boundary second is read twice but written and counted once', async () => {
    const r = await rig(2000, 10, true);
    const end = r.nowSec();
    const target = allOrders(r.sim).find((o) => o.updateTimeSec < end - 3 * DAY && o.updateTimeSec > end - 6 * DAY)!;
    // --since one day before the target's update time puts it on the boundary of windows 1 and 2.
    const since = (target.updateTimeSec - DAY) * 1000;
    const run = await sync(r, since);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const calls = r.rec.since(0, ofService(DUOMAI_ORDERS_SERVICE));
    expect(calls[0]!.etime).toBe(target.updateTimeSec);
    expect(calls[1]!.stime).toBe(target.updateTimeSec);
    const served = r.sim.expectedOrders(calls[1]!.stime, calls[1]!.etime).map((row) => String(row.order_sn));
    expect(served).toContain(target.orderSn);
    const updated = allOrders(r.sim).filter((o) => o.updateTimeSec >= since / 1000);
    const placedFrom = shanghaiDayStart(since / 1000);
    const revisions = settlementRowCount(allOrders(r.sim).filter((o) => o.orderTimeSec >= placedFrom));
    expect(storedOrders(r)).toEqual(expectedOrders(updated));
    expect(run.fetched).toBe(2 * updated.length + revisions);
    expect(run.unchanged).toBe(0);
  });
});

describe('duomai strategy: faults, auth and resume', () => {
  it('429s, 5xx and a hung request are retried; a malformed page fails the run, keeps its raw body, and the next sync completes', async () => {
    const r = await rig(600, 11, true);
    r.rec.timeoutMs = 400;
    let settlementCalls = 0;
    r.rec.beforeSend = (s, index) => {
      if (index === 1) r.sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 3);
      if (index === 12) r.sim.injectFault({ kind: 'status', status: 500 }, 2);
      if (index === 20) r.sim.injectFault({ kind: 'hang' }, 1);
      if (s.service === DUOMAI_SETTLEMENT_SERVICE && ++settlementCalls === 3) r.sim.injectFault({ kind: 'status', status: 503 }, 1);
    };
    const run = await sync(r);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(r);
    // 3 + 2 + 1 + 1 retried requests: each is asked again for the same page.
    expect(r.rec.mark()).toBe(run.pages + 7);

    r.advance(300);
    r.sim.mutate(30);
    r.advance(300);
    const mark = r.rec.mark();
    r.rec.beforeSend = (_s, index) => {
      if (index === mark + 5) r.sim.injectFault({ kind: 'malformed' }, 1);
    };
    const broken = await sync(r);
    r.rec.beforeSend = null;
    expect(broken.status).toBe('failed');
    expect(broken.errorKind).toBe('bad_response');
    const payload = r.core.db.prepare('SELECT error_kind, raw FROM failed_payloads WHERE sync_run_id = ?').get(broken.id) as { error_kind: string; raw: string };
    expect(payload).toEqual({ error_kind: 'bad_response', raw: '{"code":0,"data":[{"id":1,,}' });

    const healed = await sync(r);
    expect(healed.status, healed.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(r);
  });

  it('a wrong secret fails the run as auth and flags the account; the right one heals it', async () => {
    const r = await rig(600, 12, true);
    await dispatch(r.core, 'accounts:update', { id: r.accountId, secrets: { appSecret: 'not-the-hash' } });
    const run = await sync(r);
    expect(run.status).toBe('failed');
    expect(run.errorKind).toBe('auth');
    const [account] = await dispatch<AccountView[]>(r.core, 'accounts:list', {});
    expect(account!.health.needsAttention).toBeTruthy();
    expect(account!.health.state).toBe('needs_attention');
    expect(count(r, 'SELECT count(*) FROM orders')).toBe(0);

    await dispatch(r.core, 'accounts:update', { id: r.accountId, secrets: { appSecret: r.sim.credentials.appSecret } });
    expect((await sync(r)).status).toBe('succeeded');
    expectGroundTruth(r);
  });

  it('a run cancelled mid-orders and one cancelled mid-settlements resume where they stopped', async () => {
    const r = await rig(600, 13, true);
    const ref = (await dispatch<AccountView>(r.core, 'accounts:add', { ...r.member.account, name: 'reference' })).id;
    const full = await sync(r, undefined, ref);
    expect(full.status).toBe('succeeded');
    const fullCalls = r.rec.mark();

    // Cancels the run just before its n-th request of `service` goes out.
    const cancelAt = (n: number, service: string) => {
      let seen = 0;
      r.rec.beforeSend = (s) => {
        if (s.service === service && ++seen === n) r.core.engine.cancel(r.accountId);
      };
    };
    const startOf = (mark: number) => r.rec.sent[mark]!;

    cancelAt(25, DUOMAI_ORDERS_SERVICE);
    const first = await sync(r);
    expect(first.status).toBe('cancelled');
    const afterFirst = ordersCursor(r)!;
    expect(afterFirst.pass).not.toBeNull();
    const stopped = r.rec.sent.at(-1)!;
    expect(afterFirst.pass).toMatchObject({ stime: stopped.stime, etime: stopped.etime, page: stopped.page });

    const mark2 = r.rec.mark();
    cancelAt(20, DUOMAI_SETTLEMENT_SERVICE);
    const second = await sync(r);
    expect(second.status).toBe('cancelled');
    expect(startOf(mark2)).toEqual(stopped);
    const pending = settlementsCursor(r)!.pass!;
    expect(pending).not.toBeNull();
    const stopped2 = r.rec.sent.at(-1)!;
    expect(stopped2.service).toBe(DUOMAI_SETTLEMENT_SERVICE);
    expect(pending).toMatchObject({ stime: stopped2.stime, etime: stopped2.etime, page: stopped2.page });

    r.rec.beforeSend = null;
    const mark3 = r.rec.mark();
    const third = await sync(r);
    expect(third.status, third.errorMessage ?? '').toBe('succeeded');
    const settleCalls = r.rec.since(mark3, ofService(DUOMAI_SETTLEMENT_SERVICE));
    expect(settleCalls[0]).toEqual(stopped2);
    expectGroundTruth(r);

    // Together the three runs read what one full run reads, plus only the orders overlap of the third.
    const interruptedCalls = r.rec.mark() - fullCalls;
    expect(first.pages + second.pages + third.pages).toBeLessThanOrEqual(full.pages + 1);
    expect(interruptedCalls).toBeLessThanOrEqual(fullCalls + 3);
    expect(count(r, 'SELECT count(*) FROM orders WHERE account_id = ?', r.accountId)).toBe(count(r, 'SELECT count(*) FROM orders WHERE account_id = ?', ref));
  });
});
