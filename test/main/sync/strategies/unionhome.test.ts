/**
 * The union-home sync strategy end to end: a real core (SQLite, vault, engine) scanning the real
 * union-home simulator over HTTP. Every order is one request, so the dataset is ~500 ids. Requests are
 * observed through the core's fetch, so tests can see which ids a run asked for and stop it mid-way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../src-main/api/contract.js';
import { fleetMember, type FleetMember } from '../../../../src-main/demo/simulator-fleet.js';
import { FINAL_ORDER_STATUSES } from '../../../../src-main/domain/models.js';
import { mapOrderStatus } from '../../../../src-main/providers/unionhome/mapping.js';
import type { UnionhomeSimulator } from '../../../../src-main/providers/unionhome/simulator.js';
import { DEFAULT_SCAN_MISS_LIMIT, SCAN_STREAM, scanMissLimit, type UnionhomeCursor } from '../../../../src-main/sync/strategies/unionhome.js';
import { count, dispatch, historyCount, sync } from '../../../support/core-calls.js';
import { RecordingFetch } from '../../../support/recording-fetch.js';
import { openTempCore, type TempCore } from '../../../support/temp-core.js';

// ---------------------------------------------------------------------------------------------------
// Kit

/** Records the order_id of every request; ids in `vanished` are answered here as the gateway's "order not found". */
class UnionhomeFetch extends RecordingFetch<number> {
  readonly vanished = new Set<number>();

  constructor() {
    super(
      (url) => Number(url.searchParams.get('order_id')),
      (id, input, init) =>
        this.vanished.has(id) ? Promise.resolve(new Response('{"status":0,"msg":"订单不存在","data":[]}', { status: 200 })) : globalThis.fetch(input, init),
    );
  }
}

const cursorOf = (core: TempCore, accountId: number) => core.store.state.cursor<UnionhomeCursor>(accountId, SCAN_STREAM);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ascending = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);
/** The highest existing order id (the dataset's top id may itself be deleted). */
const lastIdOf = (sim: UnionhomeSimulator) => Math.max(...sim.expectedOrderIds());

// ---------------------------------------------------------------------------------------------------
// Ground truth in the shape the database stores

function expectedOrders(sim: UnionhomeSimulator) {
  return sim
    .expectedOrderIds()
    .map((id) => sim.expectedTruth(id)!)
    .map((t) => ({
      order_no: t.orderNo,
      external_order_no: String(t.orderId),
      status_raw: String(t.orderStatus),
      buyer: t.uid,
      title: t.title,
      total: t.totalFen * 100,
      paid: t.paidFen * 100,
      created_at: t.createdAtMs,
      paid_at: t.paidAtMs,
      items: t.items.map((i) => `${i.key}:${i.quantity}:${i.fen * 100}`).join(','),
    }))
    .sort((a, b) => a.order_no.localeCompare(b.order_no));
}

function storedOrders(core: TempCore, accountId: number) {
  return (
    core.db
      .prepare(
        `SELECT o.order_no, o.external_order_no, o.status_raw, o.buyer, o.title, o.total, o.paid, o.created_at, o.paid_at,
           (SELECT group_concat(i.item_key || ':' || i.quantity || ':' || i.amount, ',') FROM (SELECT * FROM order_items WHERE order_id = o.id ORDER BY id) i) AS items
         FROM orders o WHERE o.account_id = ?`,
      )
      .all(accountId) as ReturnType<typeof expectedOrders>
  ).sort((a, b) => a.order_no.localeCompare(b.order_no));
}

function expectGroundTruth(core: TempCore, accountId: number, sim: UnionhomeSimulator): void {
  const stored = storedOrders(core, accountId);
  expect(stored.length).toBe(sim.expectedOrderCount());
  expect(stored).toEqual(expectedOrders(sim));
}

/** Ids whose current status can still move. */
function openIds(sim: UnionhomeSimulator): number[] {
  return sim.expectedOrderIds().filter((id) => !FINAL_ORDER_STATUSES.includes(mapOrderStatus(sim.expectedTruth(id)!.orderStatus)));
}

async function health(core: TempCore, accountId: number) {
  const list = await dispatch<AccountView[]>(core, 'accounts:list', {});
  return list.find((a) => a.id === accountId)!.health;
}

// ---------------------------------------------------------------------------------------------------

describe('unionhome strategy: settings', () => {
  it('reads scanMissLimit (1..9999), else 20', () => {
    expect(scanMissLimit({})).toBe(DEFAULT_SCAN_MISS_LIMIT);
    expect(scanMissLimit({ scanMissLimit: ' 7 ' })).toBe(7);
    expect(scanMissLimit({ scanMissLimit: '0' })).toBe(20);
    expect(scanMissLimit({ scanMissLimit: 'abc' })).toBe(20);
  });
});

describe('unionhome strategy (~500 order ids)', () => {
  let member: FleetMember<'unionhome'>;
  let core: TempCore;
  let rec: UnionhomeFetch;
  let accountId: number;

  beforeAll(async () => {
    member = await fleetMember('unionhome', { scale: 500, seed: 5 });
    rec = new UnionhomeFetch();
    core = await openTempCore({ fetch: rec.fetch });
    accountId = (await dispatch<AccountView>(core, 'accounts:add', member.account)).id;
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('a first sync scans every id up to 20 misses past the last order and equals the ground truth', async () => {
    const sim = member.simulator;
    const maxId = lastIdOf(sim);
    expect(sim.expectedOrderCount()).toBeLessThan(maxId); // the dataset has gaps
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, accountId, sim);
    expect(run).toMatchObject({ inserted: sim.expectedOrderCount(), updated: 0 });
    expect(ascending(rec.since(mark))).toEqual(range(1, maxId + 20));
    expect(cursorOf(core, accountId)).toEqual({ next: maxId + 1, misses: 0, scanning: false, open: openIds(sim), missing: {}, repollFrom: null, recheck: null });
    expect(openIds(sim).length).toBeGreaterThan(50);
  });

  it('a second sync re-polls only the open orders, probes 20 new ids and writes nothing', async () => {
    const sim = member.simulator;
    const history = historyCount(core, accountId);
    const mark = rec.mark();
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    expect(historyCount(core, accountId)).toBe(history);
    const maxId = lastIdOf(sim);
    expect(ascending(rec.since(mark))).toEqual([...openIds(sim), ...range(maxId + 1, maxId + 20)]);
  });

  it('after mutate() an incremental sync picks up the new orders and the moved statuses, with history', async () => {
    const sim = member.simulator;
    const before = new Map(sim.expectedOrderIds().map((id) => [id, sim.expectedTruth(id)!.orderStatus]));
    const result = sim.mutate(30);
    expect(result.added).toHaveLength(30);
    const moved = [...before].filter(([id, status]) => sim.expectedTruth(id)!.orderStatus !== status);
    expect(moved.length).toBeGreaterThan(10);
    const run = await sync(core, accountId);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expect(run).toMatchObject({ inserted: 30, updated: moved.length });
    expectGroundTruth(core, accountId, sim);
    const history = core.db
      .prepare(
        `SELECT o.external_order_no AS id, h.new_value FROM record_history h JOIN orders o ON o.id = h.entity_id
         WHERE h.account_id = ? AND h.entity = 'order' AND h.field = 'status_raw' AND h.sync_run_id = ?`,
      )
      .all(accountId, run.id) as { id: string; new_value: string }[];
    expect(new Map(history.map((h) => [Number(h.id), h.new_value]))).toEqual(new Map(moved.map(([id]) => [id, String(sim.expectedTruth(id)!.orderStatus)])));
    expect(cursorOf(core, accountId)).toMatchObject({ next: lastIdOf(sim) + 1, open: openIds(sim) });
  });

  it('sync --since re-fetches ids downward until an order created before that time', async () => {
    const sim = member.simulator;
    const lastId = lastIdOf(sim);
    const first = sim.expectedOrderIds().find((id) => id >= lastId - 40)!;
    const since = sim.expectedTruth(first)!.createdAtMs;
    const open = new Set(openIds(sim));
    const mark = rec.mark();
    const run = await sync(core, accountId, since);
    expect(run).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    const asked = rec.since(mark);
    // The re-check asked every id of the period once (open ones were re-polled already) …
    const rechecked = asked.filter((id) => id <= lastId && !open.has(id));
    expect(new Set(rechecked).size).toBe(rechecked.length);
    for (const id of range(first, lastId)) expect(open.has(id) || rechecked.includes(id)).toBe(true);
    // … and stopped within one batch of 20 below the first older order.
    expect(Math.min(...rechecked)).toBeGreaterThan(first - 4 - 20);
    expect(cursorOf(core, accountId)?.recheck).toBeNull();
  });

  it('an expired token fails the run with kind auth and the account needs a new token', async () => {
    member.simulator.injectFault({ kind: 'token-expired' }, 1);
    const run = await sync(core, accountId);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth' });
    expect(run.errorMessage).toContain('token');
    expect((await health(core, accountId)).needsAttention).toMatch(/凭证|credentials/);
    await dispatch(core, 'accounts:update', { id: accountId, secrets: { token: 'uh_wrong_token' } });
    expect(await sync(core, accountId)).toMatchObject({ status: 'failed', errorKind: 'auth' });
    await dispatch(core, 'accounts:update', { id: accountId, secrets: { token: member.account.secrets['token'] } });
    expect((await sync(core, accountId)).status).toBe('succeeded');
    expect((await health(core, accountId)).needsAttention).toBeNull();
    expectGroundTruth(core, accountId, member.simulator);
  });
});

describe('unionhome strategy under faults, interruption and settings (~150 ids)', () => {
  let member: FleetMember<'unionhome'>;
  let core: TempCore;
  let rec: UnionhomeFetch;
  let limitsAccount = 0;

  beforeAll(async () => {
    member = await fleetMember('unionhome', { scale: 150, seed: 6 });
    rec = new UnionhomeFetch();
    core = await openTempCore({ fetch: rec.fetch });
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  async function addAccount(name: string, settings: Record<string, string> = {}): Promise<number> {
    return (await dispatch<AccountView>(core, 'accounts:add', { ...member.account, name, settings: { ...member.account.settings, ...settings } })).id;
  }

  it('retries 429s and 5xx and still ends with the exact data', async () => {
    const id = await addAccount('faults');
    member.simulator.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 3);
    member.simulator.injectFault({ kind: 'status', status: 500 }, 2);
    member.simulator.injectFault({ kind: 'html', status: 502 }, 1);
    const run = await sync(core, id);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expectGroundTruth(core, id, member.simulator);
  });

  it('a malformed answer fails the run with its raw payload kept; the next sync completes', async () => {
    const id = await addAccount('malformed');
    member.simulator.injectFault({ kind: 'malformed' }, 1);
    const run = await sync(core, id);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'bad_response' });
    expect(core.store.runs.failures(run.id)).toEqual([expect.objectContaining({ kind: 'bad_response', raw: '{"code":0,"data":[{"id":1,,}' })]);
    expect((await sync(core, id)).status).toBe('succeeded');
    expectGroundTruth(core, id, member.simulator);
  });

  it('resumes a cancelled scan at its cursor without re-polling or re-scanning, no duplicates', async () => {
    const id = await addAccount('resume');
    const mark = rec.mark();
    rec.beforeSend = (_, n) => {
      if (n === mark + 90) core.engine.cancel(id);
    };
    const first = await sync(core, id);
    rec.beforeSend = null;
    expect(first.status).toBe('cancelled');
    const cursor = cursorOf(core, id)!;
    expect(cursor.scanning).toBe(true);
    expect(cursor.next).toBeGreaterThan(50);
    const stored = count(core, 'SELECT count(*) FROM orders WHERE account_id = ?', id);
    expect(stored).toBeGreaterThan(40);
    const mark2 = rec.mark();
    const second = await sync(core, id);
    expect(second.status).toBe('succeeded');
    expect(ascending(rec.since(mark2))).toEqual(range(cursor.next, lastIdOf(member.simulator) + 20));
    expectGroundTruth(core, id, member.simulator);
    expect(first.inserted + second.inserted).toBe(member.simulator.expectedOrderCount());
  });

  it('honours scanMissLimit and startOrderId', async () => {
    const id = await addAccount('limits', { startOrderId: '100', scanMissLimit: '4' });
    const mark = rec.mark();
    const run = await sync(core, id);
    expect(run.status).toBe('succeeded');
    expect(ascending(rec.since(mark))).toEqual(range(100, lastIdOf(member.simulator) + 4));
    expect(count(core, 'SELECT min(CAST(external_order_no AS INTEGER)) FROM orders WHERE account_id = ?', id)).toBeGreaterThanOrEqual(100);
    limitsAccount = id;
  });

  it('keeps re-polling an open order that answers "not found" twice, and gives it up the third time', async () => {
    const id = limitsAccount;
    const gone = cursorOf(core, id)!.open[0]!;
    rec.vanished.add(gone);
    try {
      for (const times of [1, 2]) {
        const run = await sync(core, id);
        expect(run).toMatchObject({ status: 'succeeded', warnings: [] });
        expect(cursorOf(core, id)).toMatchObject({ missing: { [gone]: times } });
        expect(cursorOf(core, id)!.open).toContain(gone);
      }
      const run = await sync(core, id);
      expect(run.warnings).toEqual([expect.stringContaining('1 个未完成的订单连续 3 次查不到')]);
      expect(cursorOf(core, id)!.open).not.toContain(gone);
      expect(cursorOf(core, id)!.missing).toEqual({});
      const mark = rec.mark();
      await sync(core, id);
      expect(rec.since(mark)).not.toContain(gone);
      // Never deleted: the stored order stays as last seen.
      expect(count(core, 'SELECT count(*) FROM orders WHERE account_id = ? AND external_order_no = ?', id, String(gone))).toBe(1);
    } finally {
      rec.vanished.clear();
    }
  });
});
