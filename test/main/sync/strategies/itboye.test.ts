/**
 * The itboye sync strategy end to end: a real core (SQLite, vault, engine) syncing the real itboye
 * simulator over HTTP. Ground truth is the simulator's per-user, per-status lists; requests are
 * observed through the core's fetch, so tests can expire sessions or cancel at an exact request.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../src-main/api/contract.js';
import { fleetMember, type FleetMember } from '../../../../src-main/demo/simulator-fleet.js';
import { ITBOYE_SERVICES } from '../../../../src-main/providers/itboye/client.js';
import type { ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';
import type { SimOrderStatus } from '../../../../src-main/providers/itboye/simulator-data.js';
import {
  ITBOYE_LISTS_STREAM,
  ITBOYE_PAGE_RECORDS,
  ITBOYE_SYNC_STATUSES,
  listPages,
  resumePosition,
  type ItboyeListCursor,
} from '../../../../src-main/sync/strategies/itboye.js';
import { count, dispatch, historyCount, sync } from '../../../support/core-calls.js';
import { orderRecord } from '../../../support/order-record.js';
import { RecordingFetch } from '../../../support/recording-fetch.js';
import { openTempCore, type TempCore } from '../../../support/temp-core.js';

// ---------------------------------------------------------------------------------------------------
// Kit: a fetch that records each request's service and business params, and can act before one goes.

interface Sent {
  readonly service: string;
  readonly params: Record<string, string>;
}

type ItboyeFetch = RecordingFetch<Sent>;

function itboyeFetch(): ItboyeFetch {
  return new RecordingFetch<Sent>((_url, body) => {
    const fields = new URLSearchParams(body);
    return { service: fields.get('service_type') ?? '', params: JSON.parse(fields.get('buss_data') ?? '{}') as Record<string, string> };
  });
}

// ---------------------------------------------------------------------------------------------------
// Ground truth, in the shape the database stores.

const ORDER_STATUS: Record<SimOrderStatus, string> = { success: 'completed', fail: 'failed', wait: 'pending' };
const COMMISSION_STATUS: Record<SimOrderStatus, string> = { success: 'confirmed', fail: 'invalid', wait: 'pending' };
const UPLINES = [
  ['parent_user', 'p_user_commission'],
  ['pp_user', 'pp_user_commission'],
  ['ppp_user', 'ppp_user_commission'],
] as const;

interface Truth {
  orders: { order_no: string; external_order_no: string; status: string; status_raw: string; buyer: string; total: number; commission: number; created_at: number }[];
  commissions: { order_no: string; beneficiary: string; level: number; amount: number; status: string; status_raw: string }[];
  /** Orders per (username, status) list, in query order. */
  listSizes: number[];
}

function groundTruth(sim: ItboyeSimulator): Truth {
  const truth: Truth = { orders: [], commissions: [], listSizes: [] };
  for (const username of sim.usernames) {
    for (const status of ITBOYE_SYNC_STATUSES as readonly SimOrderStatus[]) {
      const list = sim.dataset.ordersOf(username, status);
      truth.listSizes.push(list.length);
      for (const { record } of list) {
        const orderNo = String(record['order_no']);
        const commission = Number(record['commission_amount']);
        truth.orders.push({
          order_no: orderNo,
          external_order_no: String(record['id']),
          status: ORDER_STATUS[status],
          status_raw: status,
          buyer: username,
          total: Number(record['price']) * 100,
          commission: commission * 100,
          created_at: Number(record['create_time']) * 1000,
        });
        const base = { order_no: orderNo, status: COMMISSION_STATUS[status], status_raw: status };
        truth.commissions.push({ ...base, beneficiary: username, level: 0, amount: commission * 100 });
        UPLINES.forEach(([user, amount], k) => {
          const id = String(record[user]);
          if (id !== '0') truth.commissions.push({ ...base, beneficiary: id, level: k + 1, amount: Number(record[amount]) * 100 });
        });
      }
    }
  }
  truth.orders.sort((a, b) => a.order_no.localeCompare(b.order_no));
  truth.commissions.sort(byCommissionKey);
  return truth;
}

function byCommissionKey(a: { order_no: string; level: number }, b: { order_no: string; level: number }): number {
  return a.order_no.localeCompare(b.order_no) || a.level - b.level;
}

function expectGroundTruth(core: TempCore, accountId: number, sim: ItboyeSimulator): Truth {
  const truth = groundTruth(sim);
  const orders = (
    core.db
      .prepare("SELECT order_no, external_order_no, status, status_raw, buyer, total, commission, created_at FROM orders WHERE account_id = ? AND order_no NOT LIKE 'GHOST-%'")
      .all(accountId) as Truth['orders']
  ).sort((a, b) => a.order_no.localeCompare(b.order_no));
  expect(orders.length).toBe(sim.dataset.size());
  expect(orders).toEqual(truth.orders);
  const commissions = (
    core.db.prepare('SELECT order_no, beneficiary, level, amount, status, status_raw FROM commissions WHERE account_id = ?').all(accountId) as Truth['commissions']
  ).sort(byCommissionKey);
  expect(commissions).toEqual(truth.commissions);
  return truth;
}


const queries = (rec: ItboyeFetch, mark: number) => rec.since(mark, (s) => s.service === ITBOYE_SERVICES.queryOrders);
const logins = (rec: ItboyeFetch, mark: number) => rec.since(mark, (s) => s.service === ITBOYE_SERVICES.login);

// ---------------------------------------------------------------------------------------------------

describe('itboye strategy: pure parts', () => {
  it('resumes only at a list that still names the same user', () => {
    const users = ['a', 'b', 'c'];
    expect(resumePosition(null, users)).toBe(0);
    expect(resumePosition({ userIndex: 1, statusIndex: 2, username: 'b' }, users)).toBe(5);
    expect(resumePosition({ userIndex: 1, statusIndex: 2, username: 'x' }, users)).toBe(0);
    expect(resumePosition({ userIndex: 3, statusIndex: 0, username: 'd' }, users)).toBe(0);
    expect(resumePosition({ userIndex: 0, statusIndex: 3, username: 'a' }, users)).toBe(0);
  });

  it('cuts a long list into pages of at most ITBOYE_PAGE_RECORDS orders with their commissions', () => {
    const order = (i: number) => ({ id: i, order_no: `N${i}`, username: 'u', price: '100', commission_amount: 2, parent_user: '7', p_user_commission: 1, create_time: '1606780800' });
    const result = { username: 'u', status: 'success' as const, orders: Array.from({ length: ITBOYE_PAGE_RECORDS * 2 + 1 }, (_, i) => order(i)) };
    const pages = listPages(result);
    expect(pages.map((p) => p.orders.length)).toEqual([ITBOYE_PAGE_RECORDS, ITBOYE_PAGE_RECORDS, 1]);
    expect(pages.map((p) => p.commissions.length)).toEqual([ITBOYE_PAGE_RECORDS * 2, ITBOYE_PAGE_RECORDS * 2, 2]);
    expect(pages[2]!.orders[0]).toMatchObject({ orderNo: `N${ITBOYE_PAGE_RECORDS * 2}`, status: 'completed' });
    expect(listPages({ ...result, orders: [] })).toEqual([]);
  });
});

describe('itboye strategy at scale (6000 orders)', () => {
  let member: FleetMember<'itboye'>;
  let core: TempCore;
  let rec: ItboyeFetch;
  let accountId: number;

  beforeAll(async () => {
    member = await fleetMember('itboye', { scale: 6000, seed: 13 });
    rec = itboyeFetch();
    core = await openTempCore({ fetch: rec.fetch });
    accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('a first sync reads every user × status list and equals the ground truth exactly', async () => {
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const truth = expectGroundTruth(core, accountId, member.simulator);
    expect(truth.orders.length).toBe(6000);
    expect(run.inserted).toBe(truth.orders.length + truth.commissions.length);
    // Long lists were committed in pages of at most ITBOYE_PAGE_RECORDS.
    expect(Math.max(...truth.listSizes)).toBeGreaterThan(ITBOYE_PAGE_RECORDS);
    expect(run.pages).toBe(truth.listSizes.reduce((n, size) => n + Math.ceil(size / ITBOYE_PAGE_RECORDS), 0));
    // One login, then each user's wait, success and fail lists — nothing else (read-only by policy).
    expect(rec.since(mark).map((s) => s.service)).toEqual([ITBOYE_SERVICES.login, ...member.simulator.usernames.flatMap(() => ITBOYE_SYNC_STATUSES.map(() => ITBOYE_SERVICES.queryOrders))]);
    expect(queries(rec, mark).map((s) => `${s.params['username']}/${s.params['status']}`)).toEqual(
      member.simulator.usernames.flatMap((u) => ITBOYE_SYNC_STATUSES.map((s) => `${u}/${s}`)),
    );
    expect(core.store.state.cursor(accountId, ITBOYE_LISTS_STREAM)).toBeNull();
    expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ? AND missing_since IS NOT NULL', accountId)).toBe(0);
  }, 60_000);

  it('a second sync with no upstream change writes nothing', async () => {
    const history = historyCount(core, accountId);
    const run = await sync(core, accountId);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    expect(historyCount(core, accountId)).toBe(history);
  });

  it('after mutate() a sync picks up exactly the changes, with status history', async () => {
    const before = new Map(groundTruth(member.simulator).orders.map((o) => [o.order_no, o]));
    const { moved, added } = member.simulator.mutate(40);
    expect(moved).toBe(40);
    expect(added).toBe(40);
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const truth = expectGroundTruth(core, accountId, member.simulator);
    const movedOrders = truth.orders.filter((o) => before.has(o.order_no) && before.get(o.order_no)!.status !== o.status);
    const addedOrders = truth.orders.filter((o) => !before.has(o.order_no));
    expect(movedOrders).toHaveLength(40);
    expect(addedOrders).toHaveLength(40);
    const commissionsOf = (orders: readonly { order_no: string }[]) => {
      const nos = new Set(orders.map((o) => o.order_no));
      return truth.commissions.filter((c) => nos.has(c.order_no)).length;
    };
    expect(run.inserted).toBe(40 + commissionsOf(addedOrders));
    expect(run.updated).toBe(40 + commissionsOf(movedOrders));
    const statusRows = core.db
      .prepare(
        `SELECT o.order_no, h.old_value, h.new_value FROM record_history h JOIN orders o ON o.id = h.entity_id
         WHERE h.account_id = ? AND h.entity = 'order' AND h.field = 'status' AND h.sync_run_id = ?`,
      )
      .all(accountId, run.id) as { order_no: string; old_value: string; new_value: string }[];
    expect(statusRows.map((r) => r.order_no).sort()).toEqual(movedOrders.map((o) => o.order_no).sort());
    for (const row of statusRows) {
      expect(row.old_value).toBe('pending');
      expect(['completed', 'failed']).toContain(row.new_value);
    }
  });
});

describe('itboye strategy: sessions, faults, auth and resume', () => {
  let member: FleetMember<'itboye'>;
  let core: TempCore;
  let rec: ItboyeFetch;
  let accountId: number;

  beforeEach(async () => {
    member = await fleetMember('itboye', { scale: 600, seed: 17 });
    rec = itboyeFetch();
    core = await openTempCore({ fetch: rec.fetch });
    accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
  });

  afterEach(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('an expired session (1111) mid-run is renewed by one re-login and the list read again', async () => {
    rec.beforeSend = (s) => {
      if (s.service === ITBOYE_SERVICES.queryOrders && queries(rec, 0).length === 5) member.simulator.expireSessions();
    };
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expect(logins(rec, 0)).toHaveLength(2);
    // The fifth list was refused, then asked again after the re-login.
    const sent = rec.sent.map((s) => s.service);
    expect(sent.slice(5, 8)).toEqual([ITBOYE_SERVICES.queryOrders, ITBOYE_SERVICES.login, ITBOYE_SERVICES.queryOrders]);
    expect(rec.sent[5]!.params).toEqual(rec.sent[7]!.params);
    expectGroundTruth(core, accountId, member.simulator);
  });

  it('a second 1111 right after the re-login fails the run as auth', async () => {
    member.simulator.injectFault({ kind: 'token-expired' }, 2, ITBOYE_SERVICES.queryOrders);
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth' });
    expect(rec.sent.map((s) => s.service)).toEqual([ITBOYE_SERVICES.login, ITBOYE_SERVICES.queryOrders, ITBOYE_SERVICES.login, ITBOYE_SERVICES.queryOrders]);
    const [account] = await dispatch<AccountView[]>(core, 'accounts:list', {});
    expect(account!.health.needsAttention).toBeTruthy();
  });

  it('retries 429 and 5xx through the engine and still lands the exact data', async () => {
    member.simulator.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 3);
    member.simulator.injectFault({ kind: 'status', status: 500 }, 2, ITBOYE_SERVICES.queryOrders);
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator);
  });

  it('a malformed answer fails the run with its payload kept; the next sync completes', async () => {
    member.simulator.injectFault({ kind: 'malformed' }, 1, ITBOYE_SERVICES.queryOrders);
    const failed = await sync(core, accountId);
    expect(failed).toMatchObject({ status: 'failed', errorKind: 'bad_response' });
    const payloads = core.store.runs.failures(failed.id);
    expect(payloads.some((p) => p.kind === 'bad_response' && (p.raw ?? '').includes('{"code":0,"data":[{"id":1,,}'))).toBe(true);
    const next = await sync(core, accountId);
    expect(next.status, next.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator);
  });

  it('a wrong password fails the run as auth and the account needs attention', async () => {
    await dispatch(core, 'accounts:update', { id: accountId, secrets: { password: 'wrong-password' } });
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth' });
    expect(queries(rec, 0)).toHaveLength(0);
    const [account] = await dispatch<AccountView[]>(core, 'accounts:list', {});
    expect(account!.health.needsAttention).toBeTruthy();
  });

  it('a cancelled run resumes at the next list; only a complete pass marks orders missing', async () => {
    const ghost = orderRecord({ orderNo: 'GHOST-1', statusRaw: 'wait' });
    const counters = { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 };
    core.store.commitPage({ accountId, provider: 'itboye', runId: null, counters }, { orders: [ghost], cards: [], commissions: [], settlements: [], flows: [] }, undefined, Date.now());
    const ghostMissing = () => count(core, "SELECT count(*) FROM orders WHERE account_id = ? AND order_no = 'GHOST-1' AND missing_since IS NOT NULL", accountId);

    rec.beforeSend = (s) => {
      if (s.service === ITBOYE_SERVICES.queryOrders && queries(rec, 0).length === 4) core.engine.cancel(accountId);
    };
    const first = await sync(core, accountId);
    expect(first.status).toBe('cancelled');
    const users = member.simulator.usernames;
    expect(core.store.state.cursor<ItboyeListCursor>(accountId, ITBOYE_LISTS_STREAM)).toEqual({ userIndex: 1, statusIndex: 0, username: users[1] });
    expect(ghostMissing()).toBe(0);

    rec.beforeSend = null;
    const mark = rec.mark();
    const second = await sync(core, accountId);
    expect(second.status, second.errorMessage ?? '').toBe('succeeded');
    const resumed = queries(rec, mark);
    expect(resumed).toHaveLength(users.length * 3 - 3);
    expect(resumed[0]!.params).toMatchObject({ username: users[1], status: 'wait' });
    expect(ghostMissing()).toBe(0);
    expectGroundTruth(core, accountId, member.simulator);

    const third = await sync(core, accountId);
    expect(third.status).toBe('succeeded');
    expect(third).toMatchObject({ inserted: 0, updated: 0 });
    expect(ghostMissing()).toBe(1);
    expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ? AND missing_since IS NOT NULL', accountId)).toBe(1);
  });
});
