import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, parseShanghaiWallTime } from '../../../../src-main/domain/time.js';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import { KASUSHOU_PATHS } from '../../../../src-main/providers/kasushou/client.js';
import { encodeRequestBody, signRequest } from '../../../../src-main/providers/kasushou/sign.js';
import { KasushouDataset, type SimOrder } from '../../../../src-main/providers/kasushou/simulator-data.js';
import {
  AUTH_FAILURE_MSG,
  DEFAULT_SIM_CLOCK_MS,
  startKasushouSimulator,
  type KasushouCredentials,
  type KasushouSimulator,
} from '../../../../src-main/providers/kasushou/simulator.js';
import { clientFor, findIndex } from './support.js';

interface Envelope {
  code: number;
  msg: string;
  data: unknown;
}

/** Sends a body verbatim, signed over exactly that text (or with a given sign). */
async function post(sim: KasushouSimulator, path: string, bodyText: string, creds: KasushouCredentials, opts: { sign?: string; timestamp?: string } = {}): Promise<Envelope> {
  const timestamp = opts.timestamp ?? String(Date.now());
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { Sign: opts.sign ?? signRequest(timestamp, bodyText, creds.apikey), Timestamp: timestamp, UserId: creds.userId, 'Content-Type': 'application/json' },
    body: bodyText,
  });
  return parseJsonLossless(await res.text()) as Envelope;
}

const ordersOf = (env: Envelope): Record<string, unknown>[] => env.data as Record<string, unknown>[];

describe('kasushou dataset', () => {
  const make = (seed: number, count: number) => new KasushouDataset({ seed, count, endMs: DEFAULT_SIM_CLOCK_MS, spanDays: 180 });

  it('is deterministic per seed and differs between seeds', () => {
    expect(make(1, 50).order(17)).toEqual(make(1, 50).order(17));
    expect(make(1, 50).order(17).ordersn).not.toBe(make(2, 50).order(17).ordersn);
  });

  it('serves any index of a 1,000,000-order dataset lazily and resolves order numbers back to indexes', () => {
    const big = make(5, 1_000_000);
    const last = big.order(999_999);
    expect(last.createdAt).toBeLessThanOrEqual(DEFAULT_SIM_CLOCK_MS);
    expect(big.indexOfOrdersn(last.ordersn)).toBe(999_999);
    expect(big.indexOfOrdersn(big.ordersnOf(123_456))).toBe(123_456);
    expect(big.indexOfOrdersn('D1007999999900000000')).toBeNull();
    expect(() => make(1, 1_000_001)).toThrow(RangeError);
  });

  it('covers every status, card show type, expiry form, refund form and typing quirk', () => {
    const d = make(7, 400);
    const all: SimOrder[] = Array.from({ length: d.count }, (_, i) => d.order(i));
    expect(new Set(all.map((o) => o.status))).toEqual(new Set([-1, 1, 2, 3, 4, 5]));
    const cards = all.filter((o) => o.status === 3).flatMap((o) => o.cards);
    expect(new Set(cards.map((c) => c.showType))).toEqual(new Set([1, 2, 3]));
    expect(cards.some((c) => !c.showTypePresent)).toBe(true);
    expect(new Set(cards.map((c) => (c.endTime === undefined ? 'absent' : c.endTime === '' ? 'empty' : 'time')))).toEqual(new Set(['absent', 'empty', 'time']));
    const refunds = all.filter((o) => o.status === 5);
    expect(refunds.some((o) => o.hasBackMoneyFen === 0)).toBe(true);
    expect(refunds.some((o) => o.hasBackMoneyFen === o.totalFen)).toBe(true);
    expect(all.some((o) => o.totalNumeric)).toBe(true);
    expect(all.some((o) => o.ordersnNumeric)).toBe(true);
    expect(all.every((o) => /[\u4e00-\u9fff]/.test(o.goods.name))).toBe(true);
  });

  it('mutate moves only non-final orders one step forward and is deterministic', () => {
    const d = make(9, 300);
    const before = Array.from({ length: d.count }, (_, i) => d.order(i));
    const changed = d.mutate(40, DEFAULT_SIM_CLOCK_MS + 1000);
    expect(changed).toHaveLength(40);
    for (const sn of changed) {
      const index = d.indexOfOrdersn(sn)!;
      const [from, to] = [before[index]!.status, d.order(index).status];
      expect(from === 1 ? [2] : [3, 5]).toContain(to);
      expect(d.order(index).updatedAt).toBe(DEFAULT_SIM_CLOCK_MS + 1000);
    }
    const untouched = before.filter((o) => !changed.includes(o.ordersn));
    for (const o of untouched) expect(d.order(o.index)).toEqual(o);
    const again = make(9, 300);
    expect(again.mutate(40, DEFAULT_SIM_CLOCK_MS + 1000)).toEqual(changed);
    // Enough rounds settle everything: no pending or processing order is left.
    for (let round = 0; round < 10; round++) d.mutate(1000, DEFAULT_SIM_CLOCK_MS + 2000);
    expect(Array.from({ length: d.count }, (_, i) => d.order(i).status).filter((s) => s === 1 || s === 2)).toEqual([]);
  });
});

describe('kasushou simulator gateway', () => {
  let sim: KasushouSimulator;
  beforeAll(async () => {
    sim = await startKasushouSimulator({ seed: 21, count: 300 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('rejects a wrong sign with code 400 "签名错误"', async () => {
    const env = await post(sim, KASUSHOU_PATHS.userInfo, '{}', sim.credentials, { sign: 'f'.repeat(40) });
    expect(env).toEqual({ code: 400, msg: '签名错误', data: [] });
  });

  it('checks the sign over the raw body and refuses bodies a PHP re-encode would not reproduce', async () => {
    const sn = sim.orderNoAt(3);
    const canonical = encodeRequestBody({ day: 0, ordersn: sn });
    expect((await post(sim, KASUSHOU_PATHS.orderInfo, canonical, sim.credentials)).code).toBe(200);
    expect((await post(sim, KASUSHOU_PATHS.orderInfo, `{"ordersn":"${sn}","day":0}`, sim.credentials)).msg).toBe('签名错误');
    expect((await post(sim, KASUSHOU_PATHS.orderInfo, `{"day": 0,"ordersn":"${sn}"}`, sim.credentials)).msg).toBe('签名错误');
    expect((await post(sim, KASUSHOU_PATHS.userInfo, '{"url":"a\\/b"}', sim.credentials)).msg).toBe('签名错误');
    expect((await post(sim, KASUSHOU_PATHS.userInfo, '{"url":"a/b"}', sim.credentials)).code).toBe(200);
  });

  it('validates UserId and Timestamp', async () => {
    expect((await post(sim, KASUSHOU_PATHS.userInfo, '{}', { userId: 'x', apikey: 'y' })).msg).toBe('UserId不存在');
    expect((await post(sim, KASUSHOU_PATHS.userInfo, '{}', sim.credentials, { timestamp: '1700000000' })).msg).toContain('13位');
    expect((await post(sim, KASUSHOU_PATHS.userInfo, '{}', sim.credentials, { timestamp: String(Date.now() - 3_600_000) })).msg).toContain('Timestamp');
  });

  it('applies the day window: 30 days by default, 0 = all, "10" accepted as a string', async () => {
    const fresh = findIndex(sim.dataset, (o) => o.createdAt >= sim.now() - 5 * DAY_MS);
    const month = findIndex(sim.dataset, (o) => o.createdAt >= sim.now() - 25 * DAY_MS);
    const sns = [sim.orderNoAt(0), sim.orderNoAt(month), sim.orderNoAt(fresh)].join(',');
    const count = async (extra: Record<string, unknown>) =>
      ordersOf(await post(sim, KASUSHOU_PATHS.orderInfo, encodeRequestBody({ ordersn: sns, ...extra }), sim.credentials)).length;
    expect(await count({})).toBe(2);
    expect(await count({ day: 0 })).toBe(3);
    expect(await count({ day: '10' })).toBe(1);
    expect((await post(sim, KASUSHOU_PATHS.orderInfo, encodeRequestBody({ day: 0 }), sim.credentials)).code).toBe(400);
  });

  it('pages the admin list newest first, default limit 10, at most 100', async () => {
    const admin = sim.adminCredentials;
    const page = ordersOf(await post(sim, KASUSHOU_PATHS.adminOrderList, '{}', admin));
    expect(page).toHaveLength(10);
    expect(String(page[0]!['ordersn'])).toBe(sim.orderNoAt(299));
    expect(parseShanghaiWallTime(page[0]!['create_time'])).toBe(sim.orderAt(299).createdAt);
    const over = await post(sim, KASUSHOU_PATHS.adminOrderList, encodeRequestBody({ limit: 101, page: 1 }), admin);
    expect(over.code).toBe(400);
    const beyond = await post(sim, KASUSHOU_PATHS.adminOrderList, encodeRequestBody({ limit: 100, page: 4 }), admin);
    expect(beyond).toEqual({ code: 200, msg: '成功', data: [] });
  });

  it('filters the admin list by status across pages', async () => {
    const client = clientFor(sim);
    const expected = Array.from({ length: sim.dataset.count }, (_, i) => sim.orderAt(i)).filter((o) => o.status === 5).map((o) => o.ordersn).reverse();
    const first = await client.adminOrderList({ page: 1, limit: 5, status: 5 });
    const second = await client.adminOrderList({ page: 2, limit: 5, status: 5 });
    expect([...first, ...second].map((r) => String(r.ordersn))).toEqual(expected.slice(0, 10));
  });

  it('answers the token-expired fault with the gateway auth failure envelope', async () => {
    sim.injectFault({ kind: 'token-expired' });
    expect(await post(sim, KASUSHOU_PATHS.userInfo, '{}', sim.credentials)).toEqual({ code: 400, msg: AUTH_FAILURE_MSG, data: [] });
  });

  it('mutates over the control verb and the clock moves the window', async () => {
    const res = await fetch(`${sim.url}/__sim/mutate`, { method: 'POST', body: JSON.stringify({ count: 5 }) });
    const body = (await res.json()) as { ok: boolean; result: { changed: string[] } };
    expect(body.ok).toBe(true);
    expect(body.result.changed).toHaveLength(5);
    const client = clientFor(sim, 'buyer');
    const oldest = sim.orderNoAt(sim.dataset.count - 1);
    expect(await client.orderInfo([oldest], 1)).toHaveLength(1);
    sim.advance(2 * DAY_MS);
    expect(await client.orderInfo([oldest], 1)).toEqual([]);
  });

  it('lists every order number lazily as ground truth', () => {
    const all = [...sim.orderNos()];
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    expect(all[42]).toBe(sim.orderNoAt(42));
  });
});
