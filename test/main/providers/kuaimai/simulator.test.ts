import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../src-main/domain/time.js';
import { buildSignedForm, readCredentials, type KuaimaiCredentials } from '../../../../src-main/providers/kuaimai/client.js';
import { signParams } from '../../../../src-main/providers/kuaimai/sign.js';
import { CHINESE_TITLES } from '../../../../src-main/providers/simulator-random.js';
import { DEFAULT_START_MS, MAX_TIME_LAG_MS, timeOf, type SimTimeType } from '../../../../src-main/providers/kuaimai/simulator-data.js';
import { KuaimaiDataset } from '../../../../src-main/providers/kuaimai/simulator-dataset.js';
import { startKuaimaiSimulator, type KuaimaiSimulator } from '../../../../src-main/providers/kuaimai/simulator.js';
import { DAY2_END, DAY2_START, SIM_NOW, contextFor, startTestSimulator, type TestSim } from './fixtures.js';

const SMALL = { seed: 7, count: 600, spanMs: 3 * DAY_MS };

describe('kuaimai dataset', () => {
  it('is deterministic per seed and index', () => {
    const a = new KuaimaiDataset(SMALL);
    const b = new KuaimaiDataset(SMALL);
    const other = new KuaimaiDataset({ ...SMALL, seed: 8 });
    for (const i of [0, 1, 299, 599]) expect(a.trade(i)).toEqual(b.trade(i));
    expect(other.trade(1)).not.toEqual(a.trade(1));
    expect(() => a.trade(600)).toThrow(RangeError);
  });

  it('gives every paid trade 1–3 flows (payment first, refunds positive) and unpaid trades none', () => {
    const d = new KuaimaiDataset(SMALL);
    let mismatches = 0;
    let refunds = 0;
    const titles = new Set<string>();
    for (let i = 0; i < d.count; i++) {
      const trade = d.trade(i);
      trade.orders.forEach((o) => titles.add(o.title));
      expect(trade.paymentFen).toBe(trade.acPaymentFen + trade.postFeeFen);
      if (trade.payTimeMs === null) {
        expect(trade.flows).toEqual([]);
        continue;
      }
      expect(trade.flows.length).toBeGreaterThanOrEqual(1);
      expect(trade.flows.length).toBeLessThanOrEqual(3);
      const [payment, ...rest] = trade.flows;
      expect(payment!.flowType).toBe(1);
      expect(payment!.amountFen).toBe(-(trade.paymentFen - trade.flowShortfallFen));
      for (const refund of rest) {
        expect(refund.flowType).toBe(2);
        expect(refund.amountFen).toBeGreaterThan(0);
        expect(refund.createdMs).toBeLessThanOrEqual(trade.modifiedMs);
        refunds++;
      }
      expect(trade.modifiedMs - trade.createdMs).toBeLessThanOrEqual(MAX_TIME_LAG_MS);
      if (trade.flowShortfallFen > 0) mismatches++;
    }
    expect(mismatches).toBeGreaterThan(5);
    expect(refunds).toBeGreaterThan(20);
    expect([...titles].every((title) => (CHINESE_TITLES as readonly string[]).includes(title))).toBe(true);
  });

  it('maps every tid back to its index', () => {
    const d = new KuaimaiDataset({ count: 1_000_000 });
    for (const i of [0, 1, 12_345, 999_999]) expect(d.indexOfTid(d.trade(i).tid)).toBe(i);
    expect(d.indexOfTid('FXG-0000000000')).toBeNull();
    expect(d.indexOfTid('not a tid')).toBeNull();
  });

  it.each(['created', 'pay_time', 'consign_time', 'audit_time', 'upd_time'] as const)('answers %s windows exactly like a full scan', (timeType: SimTimeType) => {
    const d = new KuaimaiDataset(SMALL);
    for (const [from, to] of [
      [DAY2_START, DAY2_END],
      [DEFAULT_START_MS + 5 * 3_600_000, DEFAULT_START_MS + 9 * 3_600_000],
    ] as const) {
      const scan = Array.from({ length: d.count }, (_, i) => i)
        .map((i) => ({ i, at: timeOf(d.times(i), timeType) }))
        .filter((x): x is { i: number; at: number } => x.at !== null && x.at >= from && x.at <= to)
        .sort((a, b) => a.at - b.at || a.i - b.i)
        .map((x) => x.i);
      expect(d.query(timeType, from, to)).toEqual(scan);
      expect(scan.length).toBeGreaterThan(0);
    }
  });

  it('serves a one-day window of a 1,000,000-trade dataset without materializing it', () => {
    const d = new KuaimaiDataset({ count: 1_000_000 });
    const from = DEFAULT_START_MS + 10 * DAY_MS;
    const hits = d.query('created', from, from + DAY_MS - 1000);
    // 30 days of data: about 1/30 of the trades fall on one day.
    expect(hits.length).toBeGreaterThan(32_000);
    expect(hits.length).toBeLessThan(35_000);
    const first = d.trade(hits[0]!);
    expect(first.createdMs).toBeGreaterThanOrEqual(from);
  });

  it('mutates trades: modified moves to now and a refund flow is appended', () => {
    const d = new KuaimaiDataset(SMALL);
    const now = SIM_NOW;
    const before = new Map(Array.from({ length: d.count }, (_, i) => [i, d.trade(i)]));
    const changed = d.mutate(5, now);
    expect(changed).toHaveLength(5);
    for (const trade of changed) {
      const old = before.get(trade.index)!;
      expect(trade.modifiedMs).toBe(now);
      expect(trade.flows.length).toBeGreaterThanOrEqual(old.flows.length);
      if (trade.flows.length > old.flows.length) {
        expect(trade.flows.at(-1)).toMatchObject({ flowType: 2, createdMs: now });
        expect(trade.flows.at(-1)!.amountFen).toBeGreaterThan(0);
      }
    }
    expect([...d.query('upd_time', now - 1000, now)].sort()).toEqual(changed.map((t) => t.index).sort());
    const again = d.mutate(5, now);
    expect(again.map((t) => t.index)).not.toEqual(changed.map((t) => t.index));
  });
});

async function post(sim: KuaimaiSimulator, body: string | FormData, contentType?: string): Promise<Record<string, unknown>> {
  const res = await fetch(sim.routerUrl, { method: 'POST', body, ...(contentType ? { headers: { 'content-type': contentType } } : {}) });
  return (await res.json()) as Record<string, unknown>;
}

describe('kuaimai simulated gateway', () => {
  let t: TestSim;
  let creds: KuaimaiCredentials;
  const tradeArgs = { timeType: 'upd_time', startTime: '2024-03-02 00:00:00', endTime: '2024-03-02 23:59:59', pageNo: 1, pageSize: 5 };
  const form = (business: Record<string, string | number> = tradeArgs, override: Partial<KuaimaiCredentials> = {}, now = SIM_NOW, method = 'erp.trade.list.query') =>
    buildSignedForm(method, business, { ...creds, ...override }, now);
  const URLENCODED = 'application/x-www-form-urlencoded;charset=UTF-8';

  beforeAll(async () => {
    t = await startTestSimulator();
    creds = readCredentials(contextFor(t.sim));
  });
  afterAll(async () => {
    await t.sim.close();
  });
  beforeEach(() => {
    t.clock.now = SIM_NOW;
  });

  it('answers a urlencoded request with 19-digit sids as bare JSON numbers', async () => {
    const res = await fetch(t.sim.routerUrl, { method: 'POST', body: form().body, headers: { 'content-type': URLENCODED } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toMatch(/"sid":\d{19},/);
    expect(text).toMatch(/"traceId":"\d+"/);
    const body = JSON.parse(text) as { success: boolean; total: number; list: unknown[] };
    expect(body.success).toBe(true);
    expect(body.list).toHaveLength(5);
    expect(body.total).toBe(t.sim.dataset.query('upd_time', DAY2_START, DAY2_END).length);
  });

  it('accepts multipart/form-data bodies', async () => {
    const data = new FormData();
    for (const [k, v] of Object.entries(form().params)) data.append(k, v);
    const body = await post(t.sim, data);
    expect(body).toMatchObject({ success: true });
  });

  it('verifies the md5 and hmac-sha256 signatures too', async () => {
    for (const signMethod of ['md5', 'hmac-sha256'] as const) {
      expect(await post(t.sim, form(tradeArgs, { signMethod }).body, URLENCODED)).toMatchObject({ success: true });
    }
  });

  it('emits amounts as JSON numbers in yuan and detail money as strings', async () => {
    const trade = t.sim.dataset.trade(3);
    const res = await fetch(t.sim.routerUrl, { method: 'POST', body: form({ tid: trade.tid }, {}, SIM_NOW, 'kmt.api.dms.query.distributor.money.record.detail.page').body, headers: { 'content-type': URLENCODED } });
    const text = await res.text();
    expect(text).toMatch(/"amount":-\d+(\.\d+)?,/);
    expect(text).toMatch(/"acPayment":"\d+\.\d{2}"/);
    expect(JSON.parse(text)).toMatchObject({ success: true, total: trade.flows.length });
  });

  it.each([
    ['a wrong signature', '25', () => form(tradeArgs, { appSecret: 'nope' }).body],
    ['a tampered body', '25', () => form().body.replace('pageSize=5', 'pageSize=6')],
    ['a wrong appKey', '29', () => form(tradeArgs, { appKey: '1' }).body],
    ['a missing appKey', '28', () => form().body.replace(/appKey=\d+&?/, '')],
    ['a wrong session', '27', () => form(tradeArgs, { session: 'other' }).body],
    ['a timestamp 11 minutes off', '31', () => form(tradeArgs, {}, SIM_NOW - 11 * 60_000).body],
    ['a pageSize over 200', '41', () => form({ ...tradeArgs, pageSize: 201 }).body],
    ['a pageSize under 2', '41', () => form({ ...tradeArgs, pageSize: 1 }).body],
    ['a window over one day', '41', () => form({ ...tradeArgs, endTime: '2024-03-03 00:00:01' }).body],
    ['an unknown method', '22', () => form(tradeArgs, {}, SIM_NOW, 'item.single.get').body],
    ['a money query without tid', '40', () => form({}, {}, SIM_NOW, 'kmt.api.dms.query.distributor.money.record.detail.page').body],
  ])('rejects %s with code %s', async (_name, code, body) => {
    const answer = await post(t.sim, body(), URLENCODED);
    expect(answer).toMatchObject({ success: false, code });
    expect(typeof answer['trace_id']).toBe('string');
  });

  it('accepts a timestamp 9 minutes off', async () => {
    expect(await post(t.sim, form(tradeArgs, {}, SIM_NOW + 9 * 60_000).body, URLENCODED)).toMatchObject({ success: true });
  });

  it('refuses a JSON body', async () => {
    expect(await post(t.sim, JSON.stringify(form().params), 'application/json')).toMatchObject({ success: false, code: '23' });
  });

  it('signs exactly what it receives minus empty values', async () => {
    const params: Record<string, string> = { ...form().params, remark: '' };
    params['sign'] = signParams(params, creds.appSecret, 'hmac');
    expect(await post(t.sim, new URLSearchParams(params).toString(), URLENCODED)).toMatchObject({ success: true });
  });

  it('expires the session on its clock; a refresh extends it 30 days and keeps the tokens', async () => {
    const clock = { now: SIM_NOW };
    const s = await startKuaimaiSimulator({ ...SMALL, now: () => clock.now, sessionExpiresAt: SIM_NOW + 60_000 });
    try {
      clock.now = SIM_NOW + 120_000;
      expect(await post(s, form(tradeArgs, {}, clock.now).body, URLENCODED)).toMatchObject({ success: false, code: '27' });
      const refreshed = await post(s, form({ refreshToken: s.credentials.refreshToken }, {}, clock.now, 'open.token.refresh').body, URLENCODED);
      expect(refreshed).toMatchObject({
        success: true,
        session: { accessToken: s.credentials.session, refreshToken: s.credentials.refreshToken, expiresIn: 2_592_000 },
      });
      expect(s.sessionExpiresAt()).toBe(clock.now + 30 * DAY_MS);
      expect(await post(s, form(tradeArgs, {}, clock.now).body, URLENCODED)).toMatchObject({ success: true });
      s.expireSession();
      expect(await post(s, form(tradeArgs, {}, clock.now).body, URLENCODED)).toMatchObject({ success: false, code: '27' });
    } finally {
      await s.close();
    }
  });

  it('answers the token-expired fault with the code 27 envelope', async () => {
    t.sim.injectFault({ kind: 'token-expired' }, 1, 'erp.trade.list.query');
    expect(await post(t.sim, form().body, URLENCODED)).toMatchObject({ success: false, code: '27' });
    expect(await post(t.sim, form().body, URLENCODED)).toMatchObject({ success: true });
  });

  it('mutates over the control verb', async () => {
    const res = await fetch(`${t.sim.url}/__sim/mutate`, { method: 'POST', body: JSON.stringify({ count: 3 }) });
    const answer = (await res.json()) as { ok: boolean; result: string[] };
    expect(answer.ok).toBe(true);
    expect(answer.result).toHaveLength(3);
    const changed = t.sim.dataset.query('upd_time', SIM_NOW - 1000, SIM_NOW).map((i) => t.sim.dataset.trade(i).tid);
    expect(changed.sort()).toEqual([...answer.result].sort());
  });
});
