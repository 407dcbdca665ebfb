/**
 * The Kuaimai sync strategy end to end: a real core (SQLite, vault, engine) syncing the real Kuaimai
 * simulator over HTTP. Ground truth is the simulator's dataset; requests are observed through the
 * core's fetch so tests can prove where a run started and step in at an exact request.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../src-main/api/contract.js';
import { fleetMember, type FleetMember } from '../../../../src-main/demo/simulator-fleet.js';
import { businessDay, businessDayStart, DAY_MS, toShanghaiWallTime } from '../../../../src-main/domain/time.js';
import { KUAIMAI_METHODS } from '../../../../src-main/providers/kuaimai/client.js';
import type { SimTrade } from '../../../../src-main/providers/kuaimai/simulator-data.js';
import { startKuaimaiSimulator, type KuaimaiSimulator } from '../../../../src-main/providers/kuaimai/simulator.js';
import { mapPooled } from '../../../../src-main/sync/strategies/kuaimai-flows.js';
import { isKuaimaiSessionError } from '../../../../src-main/sync/strategies/kuaimai-session.js';
import {
  KUAIMAI_OVERLAP_MS,
  KUAIMAI_TRADES_STREAM,
  tradeStart,
  windowAt,
  type KuaimaiTradeCursor,
} from '../../../../src-main/sync/strategies/kuaimai.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { count, dispatch, historyCount, sync } from '../../../support/core-calls.js';
import { RecordingFetch } from '../../../support/recording-fetch.js';
import { openTempCore, type TempCore } from '../../../support/temp-core.js';

// ---------------------------------------------------------------------------------------------------
// Kit: a fetch that records every request's form fields and lets a test act at a given request.

interface Sent {
  readonly method: string;
  readonly fields: URLSearchParams;
}

type KuaimaiFetch = RecordingFetch<Sent>;

function kuaimaiFetch(): KuaimaiFetch {
  return new RecordingFetch<Sent>((_url, body) => {
    const fields = new URLSearchParams(body);
    return { method: fields.get('method') ?? '', fields };
  });
}

const ofMethod = (method: string) => (s: Sent) => s.method === method;

// ---------------------------------------------------------------------------------------------------
// Ground truth from the simulator's dataset, in the shape the database stores.

function expectedOrders(trades: readonly SimTrade[]) {
  return trades
    .map((t) => ({
      order_no: t.sid,
      external_order_no: t.tid,
      status_raw: t.sysStatus,
      total: t.paymentFen * 100,
      // The trade list carries no acPayment (实付); it comes with the money records.
      paid: null,
      created_at: t.createdMs,
      updated_at: t.modifiedMs,
      paid_at: t.payTimeMs,
    }))
    .sort((a, b) => a.order_no.localeCompare(b.order_no));
}

function expectedItems(trades: readonly SimTrade[]) {
  return trades
    .flatMap((t) => t.orders.map((o) => ({ order_no: t.sid, item_key: o.oid, quantity: o.num, unit_price: o.priceFen * 100, amount: o.paymentFen * 100 })))
    .sort((a, b) => a.order_no.localeCompare(b.order_no) || a.item_key.localeCompare(b.item_key));
}

function expectedFlows(trades: readonly SimTrade[]) {
  return trades
    .flatMap((t) => t.flows.map((f) => ({ tid: t.tid, flow_type: f.flowType, amount: f.amountFen * 100, created_at: f.createdMs })))
    .sort((a, b) => a.tid.localeCompare(b.tid) || a.created_at - b.created_at || a.flow_type - b.flow_type || a.amount - b.amount);
}

function storedOrders(core: TempCore, accountId: number) {
  return (
    core.db
      .prepare('SELECT order_no, external_order_no, status_raw, total, paid, created_at, updated_at, paid_at FROM orders WHERE account_id = ?')
      .all(accountId) as ReturnType<typeof expectedOrders>
  ).sort((a, b) => a.order_no.localeCompare(b.order_no));
}

function storedItems(core: TempCore, accountId: number) {
  return (
    core.db
      .prepare(
        `SELECT o.order_no, i.item_key, i.quantity, i.unit_price, i.amount FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.account_id = ?`,
      )
      .all(accountId) as ReturnType<typeof expectedItems>
  ).sort((a, b) => a.order_no.localeCompare(b.order_no) || a.item_key.localeCompare(b.item_key));
}

function storedFlows(core: TempCore, accountId: number) {
  return (
    core.db.prepare('SELECT tid, flow_type, amount, created_at FROM money_flows WHERE account_id = ?').all(accountId) as ReturnType<typeof expectedFlows>
  ).sort((a, b) => a.tid.localeCompare(b.tid) || a.created_at - b.created_at || a.flow_type - b.flow_type || a.amount - b.amount);
}

function allTrades(sim: KuaimaiSimulator): SimTrade[] {
  return Array.from({ length: sim.dataset.count }, (_, i) => sim.dataset.trade(i));
}

function expectGroundTruth(core: TempCore, accountId: number, sim: KuaimaiSimulator): void {
  const trades = allTrades(sim);
  const orders = storedOrders(core, accountId);
  expect(orders.length).toBe(trades.length);
  expect(orders).toEqual(expectedOrders(trades));
  expect(storedItems(core, accountId)).toEqual(expectedItems(trades));
  expect(storedFlows(core, accountId)).toEqual(expectedFlows(trades));
}


function tradeCursor(core: TempCore, accountId: number): KuaimaiTradeCursor | null {
  return core.store.state.cursor<KuaimaiTradeCursor>(accountId, KUAIMAI_TRADES_STREAM);
}

// ---------------------------------------------------------------------------------------------------

describe('kuaimai strategy: pure parts', () => {
  const base = { lookbackDays: 90, now: () => Date.UTC(2024, 4, 10, 4, 0, 0, 456) };
  const cursorOf = (value: unknown) => <T>() => value as T;

  it('starts at the lookback, an unfinished pass, the watermark minus the overlap, or --since', () => {
    const now = base.now();
    expect(tradeStart({ ...base, since: null, cursor: cursorOf(null) })).toEqual({ from: Math.floor((now - 90 * DAY_MS) / 1000) * 1000, pageNo: 1 });
    const unfinished = { next: 1_700_000_000_000, pageNo: 3, complete: false };
    expect(tradeStart({ ...base, since: null, cursor: cursorOf(unfinished) })).toEqual({ from: unfinished.next, pageNo: 3 });
    const done = { next: 1_700_000_000_000, pageNo: 1, complete: true };
    expect(tradeStart({ ...base, since: null, cursor: cursorOf(done) })).toEqual({ from: done.next - KUAIMAI_OVERLAP_MS, pageNo: 1 });
    expect(tradeStart({ ...base, since: 1_600_000_000_500, cursor: cursorOf(unfinished) })).toEqual({ from: 1_600_000_000_000, pageNo: 1 });
    expect(tradeStart({ ...base, since: null, cursor: cursorOf({ next: 'x' }) }).pageNo).toBe(1);
  });

  it('cuts windows at the end of the Shanghai business day, inclusive, never past now', () => {
    const from = Date.UTC(2024, 4, 9, 20, 30, 0); // 2024-05-10 04:30:00 Shanghai
    const w = windowAt(from, from + 3 * DAY_MS);
    expect(w.label).toBe('2024-05-10');
    expect(toShanghaiWallTime(w.to)).toBe('2024-05-10 23:59:59');
    expect(windowAt(from, from + 60_000).to).toBe(from + 60_000);
  });

  it('pools calls in order and, after a failure, starts nothing new and throws the first error', async () => {
    expect(await mapPooled([3, 1, 2], 2, async (n) => n * 10)).toEqual([30, 10, 20]);
    const started: number[] = [];
    const failing = mapPooled([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom 2');
      return n;
    });
    await expect(failing).rejects.toThrow('boom 2');
    expect(started.length).toBeLessThan(6);
  });

  it('treats only session codes as refreshable', () => {
    const auth = (code: string) => new ProviderError({ kind: 'auth', provider: 'kuaimai', message: 'x', providerCode: code });
    expect(isKuaimaiSessionError(auth('27'))).toBe(true);
    expect(isKuaimaiSessionError(auth('106'))).toBe(true);
    expect(isKuaimaiSessionError(auth('25'))).toBe(false);
    expect(isKuaimaiSessionError(new ProviderError({ kind: 'rejected', provider: 'kuaimai', message: 'x', providerCode: '27' }))).toBe(false);
  });
});

describe('kuaimai strategy at scale (2000 trades)', () => {
  let member: FleetMember<'kuaimai'>;
  let core: TempCore;
  let rec: KuaimaiFetch;
  let accountId: number;

  beforeAll(async () => {
    member = await fleetMember('kuaimai', { scale: 2000, seed: 11 });
    rec = kuaimaiFetch();
    core = await openTempCore({ fetch: rec.fetch });
    accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('a first sync backfills the lookback and equals the ground truth exactly', async () => {
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator);
    const flows = expectedFlows(allTrades(member.simulator)).length;
    expect(run.inserted).toBe(2000 + flows);
    expect(run.fetched).toBe(2000 + flows);
    expect(run.updated).toBe(0);
    const first = rec.since(mark, ofMethod(KUAIMAI_METHODS.tradeList))[0]!;
    expect(first.fields.get('startTime')).toBe(toShanghaiWallTime(Math.floor((run.startedAt - 90 * DAY_MS) / 1000) * 1000));
    expect(first.fields.get('timeType')).toBe('upd_time');
    expect(first.fields.get('pageSize')).toBe('200');
    // Every trade's money records were asked for exactly once.
    expect(rec.since(mark, ofMethod(KUAIMAI_METHODS.moneyRecords))).toHaveLength(2000);
    expect(tradeCursor(core, accountId)).toMatchObject({ complete: true, pageNo: 1 });
  }, 60_000);

  it('a second sync with no upstream change reads only the overlap and writes nothing', async () => {
    const history = historyCount(core, accountId);
    const watermark = tradeCursor(core, accountId)!.next;
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    expect(historyCount(core, accountId)).toBe(history);
    const lists = rec.since(mark, ofMethod(KUAIMAI_METHODS.tradeList));
    expect(lists[0]!.fields.get('startTime')).toBe(toShanghaiWallTime(watermark - KUAIMAI_OVERLAP_MS));
    expect(lists.length).toBeLessThanOrEqual(2);
    expectGroundTruth(core, accountId, member.simulator);
  });

  it('after mutate() an incremental sync picks up exactly the changes, with status history', async () => {
    const before = new Map(allTrades(member.simulator).map((t) => [t.sid, t]));
    const history = historyCount(core, accountId);
    const changed = member.simulator.mutate(25);
    const newFlows = changed.reduce((n, t) => n + t.flows.length - before.get(t.sid)!.flows.length, 0);
    const closed = changed.filter((t) => t.sysStatus !== before.get(t.sid)!.sysStatus);
    expect(closed.length).toBeGreaterThan(0);
    const run = await sync(core, accountId);
    expect(run.status).toBe('succeeded');
    expect(run.updated).toBe(25);
    expect(run.inserted).toBe(newFlows);
    expectGroundTruth(core, accountId, member.simulator);
    const statusRows = core.db
      .prepare(
        `SELECT o.order_no, h.old_value, h.new_value FROM record_history h JOIN orders o ON o.id = h.entity_id
         WHERE h.account_id = ? AND h.entity = 'order' AND h.field = 'status_raw' AND h.sync_run_id = ?`,
      )
      .all(accountId, run.id) as { order_no: string; old_value: string; new_value: string }[];
    expect(statusRows.map((r) => r.order_no).sort()).toEqual(closed.map((t) => t.sid).sort());
    for (const row of statusRows) expect(row).toMatchObject({ old_value: before.get(row.order_no)!.sysStatus, new_value: 'CLOSED' });
    expect(historyCount(core, accountId)).toBeGreaterThan(history);
  });

  it('--since sets the start of the period, and re-reading it writes nothing', async () => {
    const since = Date.now() - 3 * DAY_MS;
    const mark = rec.mark();
    const run = await sync(core, accountId, since);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    expect(rec.since(mark, ofMethod(KUAIMAI_METHODS.tradeList))[0]!.fields.get('startTime')).toBe(toShanghaiWallTime(Math.floor(since / 1000) * 1000));
  });

  it('also reads the money records of imported tids', async () => {
    const tids = allTrades(member.simulator)
      .slice(0, 3)
      .map((t) => t.tid);
    // As exported from a shop's order list: the platform order number is one column among others.
    const csv = ['店铺,平台订单号,实付金额', ...tids.map((tid, i) => `旗舰店,${tid},${i + 1}.00`)].join('\r\n');
    expect(await dispatch(core, 'sync:import-ids', { accountId, text: csv })).toMatchObject({ count: 3, column: '平台订单号', added: 3 });
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status).toBe('succeeded');
    const asked = rec.since(mark, ofMethod(KUAIMAI_METHODS.moneyRecords)).map((s) => s.fields.get('tid'));
    for (const tid of tids) expect(asked).toContain(tid);
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
  });
});

describe('kuaimai strategy: faults, auth, session and resume', () => {
  let member: FleetMember<'kuaimai'>;
  let core: TempCore;
  let rec: KuaimaiFetch;
  let accountId: number;

  beforeEach(async () => {
    member = await fleetMember('kuaimai', { scale: 150, seed: 5 });
    rec = kuaimaiFetch();
    core = await openTempCore({ fetch: rec.fetch });
    accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
    // The fleet's data lies in the last 60 days; a shorter lookback skips empty windows.
    await dispatch(core, 'accounts:update', { id: accountId, lookbackDays: 61 });
  });

  afterEach(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('retries 429 and 5xx through the engine and still lands the exact data', async () => {
    member.simulator.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 3);
    member.simulator.injectFault({ kind: 'status', status: 500 }, 2, KUAIMAI_METHODS.moneyRecords);
    member.simulator.injectFault({ kind: 'status', status: 503 }, 1, KUAIMAI_METHODS.tradeList);
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator);
  });

  it('a malformed answer fails the run with its payload kept; the next sync completes', async () => {
    member.simulator.injectFault({ kind: 'malformed' }, 1, KUAIMAI_METHODS.moneyRecords);
    const failed = await sync(core, accountId);
    expect(failed).toMatchObject({ status: 'failed', errorKind: 'bad_response' });
    const payloads = core.store.runs.failures(failed.id);
    expect(payloads.some((p) => p.kind === 'bad_response' && (p.raw ?? '').includes('{"code":0,"data":[{"id":1,,}'))).toBe(true);
    const next = await sync(core, accountId);
    expect(next.status).toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator);
  });

  it('a wrong secret fails the run as auth and the account needs attention', async () => {
    await dispatch(core, 'accounts:update', { id: accountId, secrets: { appSecret: 'wrong-secret' } });
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth' });
    expect(rec.sent.filter((s) => s.method === KUAIMAI_METHODS.refreshToken)).toHaveLength(0);
    const [account] = await dispatch<AccountView[]>(core, 'accounts:list', {});
    expect(account!.health.needsAttention).toBeTruthy();
    expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ?', accountId)).toBe(0);
  });

  it('an expired session is refreshed once mid-run and the refused call repeated', async () => {
    let expired = false;
    rec.beforeSend = (s) => {
      if (!expired && s.method === KUAIMAI_METHODS.moneyRecords && rec.sent.filter((x) => x.method === s.method).length === 40) {
        expired = true;
        member.simulator.expireSession();
      }
    };
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expect(expired).toBe(true);
    expect(rec.sent.filter((s) => s.method === KUAIMAI_METHODS.refreshToken)).toHaveLength(1);
    expectGroundTruth(core, accountId, member.simulator);
    const [account] = await dispatch<AccountView[]>(core, 'accounts:list', {});
    expect(Number(account!.settings['sessionExpiresAt'])).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(member.simulator.sessionExpiresAt()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  });

  it('a second session failure after the refresh propagates as auth', async () => {
    member.simulator.injectFault({ kind: 'token-expired' }, 2, KUAIMAI_METHODS.tradeList);
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth' });
    expect(rec.sent.map((s) => s.method)).toEqual([KUAIMAI_METHODS.tradeList, KUAIMAI_METHODS.refreshToken, KUAIMAI_METHODS.tradeList]);
  });

  it('refreshes ahead of time when the stored expiry is near', async () => {
    // Only the client writes the expiry (after a refresh); set it as an earlier refresh would have.
    core.db
      .prepare("UPDATE accounts SET settings_json = json_set(settings_json, '$.sessionExpiresAt', ?) WHERE id = ?")
      .run(String(Date.now() + DAY_MS), accountId);
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expect(rec.sent[0]!.method).toBe(KUAIMAI_METHODS.refreshToken);
    expect(rec.sent.filter((s) => s.method === KUAIMAI_METHODS.refreshToken)).toHaveLength(1);
    const [account] = await dispatch<AccountView[]>(core, 'accounts:list', {});
    expect(Number(account!.settings['sessionExpiresAt'])).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  });
});

describe('kuaimai strategy: resume inside a window', () => {
  let sim: KuaimaiSimulator;
  let core: TempCore;
  let rec: KuaimaiFetch;
  let accountId: number;

  beforeAll(async () => {
    // 520 trades created within two hours, five days ago at 08:00: their first update-time day holds
    // more than one page (200) of trades.
    const startMs = businessDayStart(businessDay(Date.now() - 5 * DAY_MS)) + 8 * 3_600_000;
    sim = await startKuaimaiSimulator({ seed: 3, count: 520, startMs, spanMs: 2 * 3_600_000 });
    rec = kuaimaiFetch();
    core = await openTempCore({ fetch: rec.fetch });
    const { appKey, appSecret, session, refreshToken } = sim.credentials;
    const account = { provider: 'kuaimai', name: '快麦-续传', baseUrl: sim.routerUrl, settings: { appKey }, secrets: { appSecret, session, refreshToken } };
    accountId = (await dispatch<AccountView>(core, 'accounts:add', account)).id;
  });

  afterAll(async () => {
    await core.cleanup();
    await sim.close();
  });

  it('a run cancelled before page 2 of a window resumes at that page, without duplicates', async () => {
    const stop: { at: Sent | null } = { at: null };
    rec.beforeSend = (s) => {
      if (!stop.at && s.method === KUAIMAI_METHODS.tradeList && s.fields.get('pageNo') === '2') {
        stop.at = s;
        core.engine.cancel(accountId);
      }
    };
    const first = await sync(core, accountId);
    expect(first.status).toBe('cancelled');
    const stopped = stop.at;
    if (!stopped) throw new Error('no window needed a second page');
    const cursor = tradeCursor(core, accountId)!;
    expect(cursor).toMatchObject({ pageNo: 2, complete: false });
    expect(toShanghaiWallTime(cursor.next)).toBe(stopped.fields.get('startTime'));
    expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ?', accountId)).toBeGreaterThanOrEqual(200);

    rec.beforeSend = null;
    const mark = rec.mark();
    const second = await sync(core, accountId);
    expect(second.status, second.errorMessage ?? '').toBe('succeeded');
    const lists = rec.since(mark, ofMethod(KUAIMAI_METHODS.tradeList));
    expect(lists[0]!.fields.get('startTime')).toBe(stopped.fields.get('startTime'));
    expect(lists[0]!.fields.get('pageNo')).toBe('2');
    // Nothing before the cursor was asked again: the lookback was not walked a second time.
    for (const s of lists) expect(s.fields.get('startTime')! >= stopped.fields.get('startTime')!).toBe(true);
    expectGroundTruth(core, accountId, sim);
  });
});
