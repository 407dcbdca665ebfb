import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUOMAI_ORDERS_SERVICE, DUOMAI_SETTLEMENT_SERVICE } from '../../../../src-main/providers/duomai/client.js';
import { baseOrder, orderTimeSec, simWallTime } from '../../../../src-main/providers/duomai/simulator-data.js';
import { DuomaiDataset } from '../../../../src-main/providers/duomai/simulator-dataset.js';
import { startDuomaiSimulator, type DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import { parseShanghaiWallTime, toShanghaiWallTime } from '../../../../src-main/domain/time.js';
import { clientFor, fetchAllDuomai, rawCall } from './helpers.js';

const START_SEC = 1_709_222_400; // 2024-03-01 00:00:00 Asia/Shanghai
const body = (o: Record<string, unknown>): string => JSON.stringify(o);
const dayBody = body({ stime: START_SEC, etime: START_SEC + 86_400, page: 1, page_size: 200 });

describe('duomai simulator gateway checks', () => {
  let sim: DuomaiSimulator;
  beforeAll(async () => {
    sim = await startDuomaiSimulator({ count: 300, periodDays: 2 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers a signed request with status 0 and an array', async () => {
    const res = await rawCall(sim, DUOMAI_ORDERS_SERVICE, dayBody);
    expect(res.http).toBe(200);
    expect(res.json.status).toBe(0);
    expect(Array.isArray(res.json.data)).toBe(true);
  });

  it('verifies the sign over the raw body: a re-serialized body fails', async () => {
    const signedOther = await rawCall(sim, DUOMAI_ORDERS_SERVICE, dayBody, { secret: 'nope' });
    expect(signedOther).toMatchObject({ http: 400, json: { status: 401 } });
    const res = await rawCall(sim, DUOMAI_ORDERS_SERVICE, dayBody, { sign: '0E86E138D4A97F3A947441915D6B52BA' });
    expect(res).toMatchObject({ http: 400, json: { status: 401 } });
  });

  it('accepts the PHP-escaped body when that is what was signed', async () => {
    const escaped = '{"stime":1709222400,"etime":1709308800,"page":1,"page_size":20,"euid":"a\\/b"}';
    expect(await rawCall(sim, DUOMAI_ORDERS_SERVICE, escaped)).toMatchObject({ http: 200, json: { status: 0 } });
  });

  it('refuses a timestamp more than 10 minutes off', async () => {
    const stale = Math.floor(Date.now() / 1000) - 601;
    expect(await rawCall(sim, DUOMAI_ORDERS_SERVICE, dayBody, { timestamp: stale })).toMatchObject({ http: 400, json: { status: 401 } });
    const nearly = Math.floor(Date.now() / 1000) + 500;
    expect(await rawCall(sim, DUOMAI_ORDERS_SERVICE, dayBody, { timestamp: nearly })).toMatchObject({ http: 200 });
  });

  it.each([
    ['span over a day', { stime: START_SEC, etime: START_SEC + 86_401 }],
    ['page_size over 200', { stime: START_SEC, etime: START_SEC + 60, page_size: 201 }],
    ['missing stime', { etime: START_SEC }],
    ['non-integer etime', { stime: START_SEC, etime: 'soon' }],
    ['etime before stime', { stime: START_SEC, etime: START_SEC - 1 }],
    ['bad status', { stime: START_SEC, etime: START_SEC + 1, status: 9 }],
  ])('answers %s with HTTP 400 status 4000', async (_label, params) => {
    expect(await rawCall(sim, DUOMAI_ORDERS_SERVICE, body(params))).toMatchObject({ http: 400, json: { status: 4000 } });
  });

  it('applies the span limit to settlements too and accepts string params', async () => {
    expect(await rawCall(sim, DUOMAI_SETTLEMENT_SERVICE, body({ stime: START_SEC, etime: START_SEC + 90_000 }))).toMatchObject({ json: { status: 4000 } });
    const strings = body({ stime: String(START_SEC), etime: String(START_SEC + 86_400), page: '1', page_size: '200' });
    expect(await rawCall(sim, DUOMAI_SETTLEMENT_SERVICE, strings)).toMatchObject({ http: 200, json: { status: 0 } });
  });

  it('refuses a non-JSON content type and an unknown service', async () => {
    expect(await rawCall(sim, DUOMAI_ORDERS_SERVICE, dayBody, { contentType: 'text/plain' })).toMatchObject({ json: { status: 4000 } });
    expect(await rawCall(sim, 'cps-mesh.open.nope', dayBody)).toMatchObject({ http: 400, json: { status: 404 } });
  });

  it('defaults page_size to 20', async () => {
    const res = await rawCall(sim, DUOMAI_ORDERS_SERVICE, body({ stime: START_SEC, etime: START_SEC + 86_400 }));
    expect((res.json.data as unknown[]).length).toBe(Math.min(20, sim.expectedOrders(START_SEC, START_SEC + 86_400).length));
  });
});

describe('duomai simulator dataset', () => {
  const cfg = { seed: 7, count: 1000, startSec: START_SEC, periodSec: 5 * 86_400, maxLagSec: 6 * 3600, siteId: '1' };

  it('is deterministic and has unique order numbers kept as digit strings', () => {
    const a = new DuomaiDataset(cfg);
    const b = new DuomaiDataset(cfg);
    const sns = new Set<string>();
    for (let i = 0; i < cfg.count; i++) {
      if (i % 7 === 0) expect(a.order(i)).toEqual(b.order(i));
      const sn = a.order(i).orderSn;
      expect(sn).toMatch(/^[1-9]\d{18}(\d{5})?$/);
      sns.add(sn);
    }
    expect(sns.size).toBe(cfg.count);
  });

  it('has USD and CNY rows, Chinese names and every status', () => {
    const orders = Array.from({ length: 200 }, (_, i) => baseOrder(cfg, i));
    expect(new Set(orders.map((o) => o.ads.currency))).toEqual(new Set(['CNY', 'USD']));
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set([-1, 0, 1, 2]));
    expect(orders.some((o) => /[\u4e00-\u9fa5]/.test(o.items[0]!.name))).toBe(true);
    expect(orders.some((o) => o.revisions.length > 0)).toBe(true);
  });

  it('spreads order times monotonically over the period', () => {
    expect(orderTimeSec(cfg, 0)).toBe(START_SEC);
    expect(orderTimeSec(cfg, cfg.count - 1)).toBeLessThan(START_SEC + cfg.periodSec);
    for (let i = 1; i < cfg.count; i++) expect(orderTimeSec(cfg, i)).toBeGreaterThanOrEqual(orderTimeSec(cfg, i - 1));
  });

  it('serves a page of a 1,000,000-order dataset without materializing it', () => {
    const big = new DuomaiDataset({ ...cfg, count: 1_000_000, periodSec: 30 * 86_400 });
    const t = START_SEC + 15 * 86_400;
    const hits = big.ordersByUpdateTime(t, t + 600);
    expect(hits.length).toBeGreaterThan(0);
    for (const i of hits.slice(0, 50)) {
      const u = big.order(i).updateTimeSec;
      expect(u).toBeGreaterThanOrEqual(t);
      expect(u).toBeLessThanOrEqual(t + 600);
    }
    expect(big.order(999_999).orderSn).toContain('0999999');
  });

  it('selects orders by update time and settlements by order time, inclusive at both ends', () => {
    const d = new DuomaiDataset(cfg);
    const o = d.order(123);
    expect(d.ordersByUpdateTime(o.updateTimeSec, o.updateTimeSec)).toContain(123);
    expect(d.ordersByUpdateTime(o.updateTimeSec - 10, o.updateTimeSec - 1)).not.toContain(123);
    const withRevision = Array.from({ length: cfg.count }, (_, i) => d.order(i)).find((x) => x.revisions.length > 0)!;
    const refs = d.settlementsByOrderTime(withRevision.orderTimeSec, withRevision.orderTimeSec);
    expect(refs.filter((r) => r.index === withRevision.index)).toHaveLength(withRevision.revisions.length);
  });

  it('formats wall times exactly as domain/time.ts does', () => {
    for (let sec = 1_600_000_000; sec < 1_900_000_000; sec += 7_654_321) expect(simWallTime(sec)).toBe(toShanghaiWallTime(sec * 1000));
  });

  it('rejects sizes outside 1..1,000,000', () => {
    expect(() => new DuomaiDataset({ ...cfg, count: 0 })).toThrow(RangeError);
    expect(() => new DuomaiDataset({ ...cfg, count: 1_000_001 })).toThrow(RangeError);
  });
});

describe('duomai simulator over time', () => {
  let sim: DuomaiSimulator;
  let clock = parseShanghaiWallTime('2024-03-10 12:00:00')!;
  beforeAll(async () => {
    sim = await startDuomaiSimulator({ count: 200, periodDays: 2, now: () => clock });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages through everything the ground truth holds', async () => {
    const client = clientFor(sim, { now: () => clock });
    const span = sim.dataset.updateSpan();
    const batch = await fetchAllDuomai(client, span.fromSec, span.toSec, 30);
    expect(batch.orders.length).toBe(200);
    const expectedSettlements = sim.expectedSettlements(span.fromSec, span.fromSec + 86_400).length +
      sim.expectedSettlements(span.fromSec + 86_401, span.toSec).length;
    expect(batch.settlements.length).toBe(expectedSettlements);
  });

  it('mutate moves statuses forward, advances update time and appends settlement revisions', async () => {
    const span = sim.dataset.updateSpan();
    const before = new Map(Array.from({ length: 200 }, (_, i) => [sim.dataset.order(i).orderSn, sim.dataset.order(i)]));
    clock += 3600_000;
    const result = sim.mutate(40);
    expect(result.statusChanges + result.revisions).toBe(40);
    expect(result.revisions).toBeGreaterThan(0);
    const nowSec = Math.floor(clock / 1000);
    for (const sn of result.orderSns) {
      const index = Number(sn.slice(1, 8));
      const now = sim.dataset.order(index);
      const then = before.get(sn)!;
      expect(now.updateTimeSec).toBeGreaterThanOrEqual(nowSec);
      // An order may be picked more than once in one call (0 → 1 → 2), but never moves back.
      const allowed: Record<number, number[]> = { [-1]: [-1], 0: [0, 1, 2, -1], 1: [1, 2, -1], 2: [2] };
      expect(allowed[then.status]).toContain(now.status);
    }
    // Everything changed shows up in the window of "now" — what an incremental sync reads next.
    const client = clientFor(sim, { now: () => clock });
    const changed = await fetchAllDuomai(client, nowSec - 60, nowSec + 60);
    expect(new Set(changed.orders.map((o) => o.orderNo))).toEqual(new Set(result.orderSns));
    const revisionsNow = [...new Set(result.orderSns)].flatMap((sn) => sim.dataset.order(Number(sn.slice(1, 8))).revisions);
    expect(revisionsNow.filter((r) => r.modifyAtSec >= nowSec).length).toBeGreaterThanOrEqual(result.revisions);
    expect(sim.dataset.updateSpan().toSec).toBeGreaterThan(span.toSec);
  });

  it('new settlement revisions appear in the settlement query by order time', () => {
    const all = (): Record<string, unknown>[] =>
      sim.expectedSettlements(START_SEC, START_SEC + 86_400).concat(sim.expectedSettlements(START_SEC + 86_401, START_SEC + 2 * 86_400));
    clock += 3600_000;
    const before = all().length;
    const result = sim.mutate(60);
    const after = all();
    expect(after.length).toBeGreaterThanOrEqual(before + result.revisions);
    const deltas = after.map((r) => String(r.modify_siter_commission));
    expect(deltas.some((v) => v.startsWith('-'))).toBe(true);
    expect(deltas.some((v) => !v.startsWith('-') && v !== '0.0000')).toBe(true);
  });

  it('offers mutate as a control verb', async () => {
    const res = await fetch(`${sim.url}/__sim/mutate`, { method: 'POST', body: JSON.stringify({ count: 3 }) });
    const json = (await res.json()) as { ok: boolean; result: { orderSns: string[] } };
    expect(json.ok).toBe(true);
    expect(json.result.orderSns).toHaveLength(3);
  });
});
