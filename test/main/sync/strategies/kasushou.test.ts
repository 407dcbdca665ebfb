/**
 * The Kasushou sync strategy end to end: a real core (SQLite, vault, engine) syncing the real Kasushou
 * simulator over HTTP, in admin mode (the site's order list) and buyer mode (imported order numbers).
 * Requests are observed through the core's fetch, so tests can prove where a run started and stop a
 * run at an exact request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../src-main/api/contract.js';
import { fleetMember, type FleetMember } from '../../../../src-main/demo/simulator-fleet.js';
import { DAY_MS } from '../../../../src-main/domain/time.js';
import { KASUSHOU_PATHS } from '../../../../src-main/providers/kasushou/client.js';
import type { SimOrder } from '../../../../src-main/providers/kasushou/simulator-data.js';
import type { KasushouSimulator } from '../../../../src-main/providers/kasushou/simulator.js';
import { choosePass, LIST_STREAM, passCanStop, type ListCursor, type ListPass } from '../../../../src-main/sync/strategies/kasushou-admin-list.js';
import { dayWindow } from '../../../../src-main/sync/strategies/kasushou-buyer.js';
import { count, dispatch, historyCount, sync } from '../../../support/core-calls.js';
import { RecordingFetch } from '../../../support/recording-fetch.js';
import { openTempCore, type TempCore } from '../../../support/temp-core.js';
import { expectedCards } from '../../providers/kasushou/support.js';

// ---------------------------------------------------------------------------------------------------
// Kit

interface Sent {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

type KasushouFetch = RecordingFetch<Sent>;

function kasushouFetch(): KasushouFetch {
  return new RecordingFetch<Sent>((url, body) => ({ path: url.pathname, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} }));
}

const isListPage = (s: Sent) => s.path === KASUSHOU_PATHS.adminOrderList && s.body['status'] === undefined && s.body['ordersn'] === undefined;
const isInfo = (s: Sent) => s.path === KASUSHOU_PATHS.orderInfo;

// ---------------------------------------------------------------------------------------------------
// Ground truth in the shape the database stores

function truths(sim: KasushouSimulator): SimOrder[] {
  return Array.from({ length: sim.dataset.count }, (_, i) => sim.orderAt(i));
}

const byNo = <T extends { order_no: string }>(rows: T[]) => rows.sort((a, b) => a.order_no.localeCompare(b.order_no));

function expectedOrders(list: readonly SimOrder[], mode: 'admin' | 'buyer') {
  return byNo(
    list.map((o) => ({
      order_no: o.ordersn,
      external_order_no: o.externalOrderno === '' ? null : o.externalOrderno,
      status_raw: String(o.status),
      total: o.totalFen * 100,
      refunded: o.hasBackMoneyFen * 100,
      title: mode === 'admin' ? o.goods.name : null,
      created_at: mode === 'admin' ? o.createdAt : null,
      updated_at: mode === 'admin' ? o.updatedAt : null,
      items: mode === 'admin' ? `${o.goods.id}:${o.quantity}:${o.goods.priceFen * 100}` : null,
    })),
  );
}

function storedOrders(core: TempCore, accountId: number) {
  return byNo(
    core.db
      .prepare(
        `SELECT o.order_no, o.external_order_no, o.status_raw, o.total, o.refunded, o.title, o.created_at, o.updated_at,
           (SELECT group_concat(i.sku || ':' || i.quantity || ':' || i.unit_price) FROM order_items i WHERE i.order_id = o.id) AS items
         FROM orders o WHERE o.account_id = ?`,
      )
      .all(accountId) as ReturnType<typeof expectedOrders>,
  );
}

function expectedCardRows(list: readonly SimOrder[]) {
  return list
    .flatMap((o) => expectedCards(o).map((c) => ({ order_no: c.orderNo, card_key: c.cardKey, card_no: c.cardNo, show_type: c.showType, expires_at: c.expiresAt })))
    .sort((a, b) => a.order_no.localeCompare(b.order_no) || a.card_key.localeCompare(b.card_key));
}

function storedCardRows(core: TempCore, accountId: number) {
  return (
    core.db.prepare('SELECT order_no, card_key, card_no, show_type, expires_at FROM card_codes WHERE account_id = ?').all(accountId) as ReturnType<
      typeof expectedCardRows
    >
  ).sort((a, b) => a.order_no.localeCompare(b.order_no) || a.card_key.localeCompare(b.card_key));
}

function expectGroundTruth(core: TempCore, accountId: number, sim: KasushouSimulator, mode: 'admin' | 'buyer', list = truths(sim)): void {
  const stored = storedOrders(core, accountId);
  expect(stored.length).toBe(list.length);
  expect(stored).toEqual(expectedOrders(list, mode));
  const cards = expectedCardRows(list);
  expect(cards.length).toBeGreaterThan(100);
  expect(storedCardRows(core, accountId)).toEqual(cards);
}

/** Decrypts the stored passwords of a few card orders and compares them with the simulator's. */
function expectPasswords(core: TempCore, accountId: number, list: readonly SimOrder[]): void {
  const carded = list.filter((o) => o.status === 3 && o.cards.length > 0).slice(0, 8);
  expect(carded.length).toBe(8);
  for (const o of carded) {
    for (const card of expectedCards(o)) {
      const blob = core.db
        .prepare('SELECT password_enc FROM card_codes WHERE account_id = ? AND order_no = ? AND card_key = ?')
        .pluck()
        .get(accountId, card.orderNo, card.cardKey) as Buffer;
      expect(blob.toString('utf8')).not.toContain(card.password);
      expect(core.vault.decrypt(blob)).toBe(card.password);
    }
  }
}

function statusHistory(core: TempCore, accountId: number, runId: number): Map<string, string> {
  const rows = core.db
    .prepare(
      `SELECT o.order_no, h.new_value FROM record_history h JOIN orders o ON o.id = h.entity_id
       WHERE h.account_id = ? AND h.entity = 'order' AND h.field = 'status_raw' AND h.sync_run_id = ?`,
    )
    .all(accountId, runId) as { order_no: string; new_value: string }[];
  return new Map(rows.map((r) => [r.order_no, r.new_value]));
}

async function health(core: TempCore, accountId: number) {
  const list = await dispatch<AccountView[]>(core, 'accounts:list', {});
  return list.find((a) => a.id === accountId)!.health;
}

// ---------------------------------------------------------------------------------------------------

describe('kasushou admin list: pass rules', () => {
  const ctx = { since: null, now: () => 10 * DAY_MS, lookbackDays: 90 };
  const done: ListCursor = { anchors: ['A', 'B'], completedAt: 9.5 * DAY_MS, recheckedAt: 9.5 * DAY_MS, pass: null };

  it('walks the whole list first, then down to the anchors, re-checking the lookback daily or for --since', () => {
    expect(choosePass({ anchors: [], completedAt: null, recheckedAt: null, pass: null }, ctx)).toMatchObject({ kind: 'full', stopAt: [], bound: null });
    expect(choosePass(done, ctx)).toMatchObject({ kind: 'top', stopAt: ['A', 'B'], bound: null });
    expect(choosePass({ ...done, recheckedAt: 8 * DAY_MS }, ctx)).toMatchObject({ kind: 'recheck', bound: 10 * DAY_MS - 90 * DAY_MS });
    expect(choosePass(done, { ...ctx, since: 3 * DAY_MS })).toMatchObject({ kind: 'recheck', stopAt: ['A', 'B'], bound: 3 * DAY_MS });
  });

  it('stops only past an anchor (and the bound), never in a full pass', () => {
    const pass = (p: Partial<ListPass>): ListPass => ({ kind: 'top', page: 2, stopAt: ['A'], anchorSeen: false, bound: null, anchors: [], ...p });
    expect(passCanStop(pass({}), 5)).toBe(false);
    expect(passCanStop(pass({ anchorSeen: true }), 5)).toBe(true);
    expect(passCanStop(pass({ kind: 'full', anchorSeen: true }), 5)).toBe(false);
    expect(passCanStop(pass({ kind: 'recheck', anchorSeen: true, bound: 4 }), 5)).toBe(false);
    expect(passCanStop(pass({ kind: 'recheck', anchorSeen: true, bound: 6 }), 5)).toBe(true);
    expect(passCanStop(pass({ kind: 'recheck', stopAt: [], bound: 6 }), 5)).toBe(true);
    expect(passCanStop(pass({ stopAt: [] }), 5)).toBe(false);
  });

  it('turns --since into a whole-day order/info window', () => {
    expect(dayWindow(10 * DAY_MS, 7 * DAY_MS)).toBe(3);
    expect(dayWindow(10 * DAY_MS, 7 * DAY_MS + 1)).toBe(3);
    expect(dayWindow(10 * DAY_MS, 10 * DAY_MS)).toBe(1);
  });
});

describe('kasushou admin mode at scale (2000 orders, pages and sealed card codes written by the store worker)', () => {
  let member: FleetMember<'kasushou'>;
  let core: TempCore;
  let rec: KasushouFetch;
  let accountId: number;

  beforeAll(async () => {
    member = await fleetMember('kasushou', { scale: 2000, seed: 7 });
    rec = kasushouFetch();
    core = await openTempCore({ fetch: rec.fetch, syncWriter: 'worker' });
    accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('a first sync walks the whole list and equals the ground truth, cards included', async () => {
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator, 'admin');
    expectPasswords(core, accountId, truths(member.simulator));
    expect(run.updated).toBe(0);
    expect(rec.since(mark, isListPage).map((s) => s.body['page'])).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(rec.since(mark, isListPage).every((s) => s.body['limit'] === 100)).toBe(true);
    // One order/info per page, for its completed orders only; day=0 means all time.
    const infos = rec.since(mark, isInfo);
    expect(infos.length).toBe(20);
    expect(infos.every((s) => s.body['day'] === 0)).toBe(true);
    const asked = infos.flatMap((s) => String(s.body['ordersn']).split(','));
    expect(asked.length).toBe(truths(member.simulator).filter((o) => o.status === 3).length);
    expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ? AND missing_since IS NOT NULL', accountId)).toBe(0);
    const cursor = core.store.state.cursor<ListCursor>(accountId, LIST_STREAM)!;
    expect(cursor.pass).toBeNull();
    expect(cursor.anchors).toEqual([1999, 1998, 1997, 1996, 1995].map((i) => member.simulator.orderNoAt(i)));
  });

  it('a second sync with no upstream change reads one list page and writes nothing', async () => {
    const history = historyCount(core, accountId);
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    expect(historyCount(core, accountId)).toBe(history);
    expect(rec.since(mark, isListPage)).toHaveLength(1);
    expect(rec.since(mark, isInfo)).toHaveLength(0);
    expectGroundTruth(core, accountId, member.simulator, 'admin');
  });

  it('after mutate() an incremental sync picks up exactly the changes, with status history and new cards', async () => {
    const before = new Map(truths(member.simulator).map((o) => [o.ordersn, o]));
    member.mutate(60);
    const after = truths(member.simulator);
    const moved = after.filter((o) => o.status !== before.get(o.ordersn)!.status);
    expect(moved.length).toBe(60);
    expect(moved.some((o) => o.status === 3 && o.cards.length > 0)).toBe(true);
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, member.simulator, 'admin', after);
    expect(run.updated).toBeGreaterThanOrEqual(60);
    const history = statusHistory(core, accountId, run.id);
    expect(new Map(moved.map((o) => [o.ordersn, String(o.status)]))).toEqual(history);
    // Incremental: one page of the full list, not all 20.
    expect(rec.since(mark, isListPage)).toHaveLength(1);
  });

  it('sync --since re-walks only that period of the list', async () => {
    const since = member.simulator.now() - 10 * DAY_MS;
    const mark = rec.mark();
    const run = await sync(core, accountId, since);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    const pages = rec.since(mark, isListPage).length;
    // 2000 orders over 60 days: 10 days are about 334 orders, i.e. 4 pages.
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(5);
  });

  it('fails with kind auth on a wrong key and shows the account as needing attention', async () => {
    await dispatch(core, 'accounts:update', { id: accountId, secrets: { apikey: 'definitely-wrong-key' } });
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth' });
    expect((await health(core, accountId)).needsAttention).toMatch(/凭证|credentials/);
    await dispatch(core, 'accounts:update', { id: accountId, secrets: { apikey: member.account.secrets['apikey'] } });
    expect((await sync(core, accountId)).status).toBe('succeeded');
    expect((await health(core, accountId)).needsAttention).toBeNull();
  });
});

describe('kasushou admin mode under faults and interruption (1000 orders)', () => {
  let member: FleetMember<'kasushou'>;
  let core: TempCore;
  let rec: KasushouFetch;

  beforeAll(async () => {
    member = await fleetMember('kasushou', { scale: 1000, seed: 8 });
    rec = kasushouFetch();
    core = await openTempCore({ fetch: rec.fetch });
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  async function addAccount(name: string): Promise<number> {
    return (await dispatch<AccountView>(core, 'accounts:add', { ...member.account, name })).id;
  }

  it('retries 429s and 5xx (HTTP and envelope) and still ends with the exact data', async () => {
    const id = await addAccount('faults');
    const sim = member.simulator;
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 3);
    sim.injectFault({ kind: 'status', status: 502 }, 2, KASUSHOU_PATHS.orderInfo);
    sim.injectFault({ kind: 'status', status: 200, body: '{"code":500,"msg":"未知错误","data":[]}' }, 2, KASUSHOU_PATHS.adminOrderList);
    const run = await sync(core, id);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, id, sim, 'admin');
  });

  it('a malformed answer fails the run with its raw payload kept; the next sync completes', async () => {
    const id = await addAccount('malformed');
    member.simulator.injectFault({ kind: 'malformed' }, 1);
    const run = await sync(core, id);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'bad_response' });
    expect(core.store.runs.failures(run.id)).toEqual([expect.objectContaining({ kind: 'bad_response', raw: '{"code":0,"data":[{"id":1,,}' })]);
    const again = await sync(core, id);
    expect(again.status).toBe('succeeded');
    expectGroundTruth(core, id, member.simulator, 'admin');
  });

  it('resumes a cancelled first sync from its cursor, without duplicates', async () => {
    const id = await addAccount('resume');
    rec.beforeSend = (s) => {
      if (isListPage(s) && s.body['page'] === 6) core.engine.cancel(id);
    };
    const first = await sync(core, id);
    rec.beforeSend = null;
    expect(first.status).toBe('cancelled');
    const stored = count(core, 'SELECT count(*) FROM orders WHERE account_id = ?', id);
    expect(stored).toBe(500);
    expect(core.store.state.cursor<ListCursor>(id, LIST_STREAM)?.pass).toMatchObject({ kind: 'full', page: 6 });
    const mark = rec.mark();
    const second = await sync(core, id);
    expect(second.status).toBe('succeeded');
    const pages = rec.since(mark, isListPage).map((s) => s.body['page']);
    expect(pages[0]).toBe(6);
    expect(pages).toEqual([6, 7, 8, 9, 10, 11]);
    expectGroundTruth(core, id, member.simulator, 'admin');
    expect(second.inserted + first.inserted).toBe(count(core, 'SELECT count(*) FROM orders WHERE account_id = ?', id) + count(core, 'SELECT count(*) FROM card_codes WHERE account_id = ?', id));
  });
});

describe('kasushou buyer mode (tracked order numbers, 2000 orders)', () => {
  let member: FleetMember<'kasushou'>;
  let core: TempCore;
  let rec: KasushouFetch;
  let accountId: number;
  const bogus = ['D100799999990000000000', 'NOT-AN-ORDER'];

  beforeAll(async () => {
    member = await fleetMember('kasushou', { scale: 2000, seed: 9 });
    rec = kasushouFetch();
    core = await openTempCore({ fetch: rec.fetch });
    const { credentials } = member.simulator;
    const account = { ...member.account, settings: { userId: credentials.userId, mode: 'buyer' }, secrets: { apikey: credentials.apikey } };
    accountId = (await dispatch<AccountView>(core, 'accounts:add', account)).id;
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('polls the imported numbers in batches of 100 and resumes a cancelled run where it stopped', async () => {
    const ids = [...member.simulator.orderNos(), ...bogus];
    expect(await dispatch(core, 'sync:import-ids', { accountId, text: ids.join('\n') })).toEqual({ count: 2002, column: null, skipped: 0, added: 2002, total: 2002 });
    rec.beforeSend = (s, n) => {
      if (isInfo(s) && n === 6) core.engine.cancel(accountId);
    };
    const first = await sync(core, accountId);
    rec.beforeSend = null;
    expect(first.status).toBe('cancelled');
    expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ?', accountId)).toBe(500);
    const mark = rec.mark();
    const second = await sync(core, accountId);
    expect(second.status, second.errorMessage ?? '').toBe('succeeded');
    const infos = rec.since(mark, isInfo);
    expect(infos.every((s) => s.body['day'] === 0 && String(s.body['ordersn']).split(',').length <= 100)).toBe(true);
    // Not from scratch: the 500 stored orders are asked again only while still open.
    expect(infos.length).toBeLessThan(21);
    expect(infos.flatMap((s) => String(s.body['ordersn']).split(',')).length).toBeLessThan(1700);
    expectGroundTruth(core, accountId, member.simulator, 'buyer');
    expectPasswords(core, accountId, truths(member.simulator));
    expect(second.warnings.join('\n')).toContain('2 个跟踪的订单号');
  });

  it('a second sync polls only open orders (-1, 1, 2) and writes nothing', async () => {
    const history = historyCount(core, accountId);
    const open = truths(member.simulator).filter((o) => [-1, 1, 2].includes(o.status)).map((o) => o.ordersn);
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    expect(historyCount(core, accountId)).toBe(history);
    const asked = rec.since(mark, isInfo).flatMap((s) => String(s.body['ordersn']).split(','));
    expect(asked.sort()).toEqual([...open, ...bogus].sort());
  });

  it('after mutate() picks up exactly the changes, with status history', async () => {
    const before = new Map(truths(member.simulator).map((o) => [o.ordersn, o]));
    member.mutate(50);
    const after = truths(member.simulator);
    const moved = after.filter((o) => o.status !== before.get(o.ordersn)!.status);
    expect(moved.length).toBe(50);
    const run = await sync(core, accountId);
    expect(run.status).toBe('succeeded');
    expect(run.updated).toBeGreaterThanOrEqual(50);
    expectGroundTruth(core, accountId, member.simulator, 'buyer', after);
    expect(statusHistory(core, accountId, run.id)).toEqual(new Map(moved.map((o) => [o.ordersn, String(o.status)])));
  });

  it('sync --since asks every tracked number again with a day window', async () => {
    const mark = rec.mark();
    const run = await sync(core, accountId, Date.now() - 3 * DAY_MS + 60_000);
    expect(run).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    const infos = rec.since(mark, isInfo);
    expect(infos).toHaveLength(21);
    expect(infos.every((s) => s.body['day'] === 3)).toBe(true);
  });
});
