import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeletedId, MAX_ID_GAP } from '../../../../src-main/providers/unionhome/simulator-data.js';
import { UnionhomeDataset } from '../../../../src-main/providers/unionhome/simulator-dataset.js';
import { SEED_SUCCESS_REPAIRED } from '../../../../src-main/providers/unionhome/simulator-seed.js';
import { startUnionhomeSimulator, type UnionhomeSimulator } from '../../../../src-main/providers/unionhome/simulator.js';
import { FINAL_ORDER_STATUSES } from '../../../../src-main/domain/models.js';
import { mapOrderStatus } from '../../../../src-main/providers/unionhome/mapping.js';

let sim: UnionhomeSimulator;

async function get(query: string, headers: Record<string, string> = { token: sim.token }, path = '/api/order/detail') {
  const res = await fetch(`${sim.url}${path}?${query}`, { headers });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  sim = await startUnionhomeSimulator({ seed: 7, orders: 60 });
});
afterAll(async () => {
  await sim.close();
});

describe('gateway behaviour', () => {
  it('serves order 1 as the seed example (repaired), status 200 envelope with other:[]', async () => {
    const { status, text } = await get('order_id=1');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual(JSON.parse(SEED_SUCCESS_REPAIRED));
  });

  it('answers a wrong token with the token过期 envelope over HTTP 200, and a missing one too', async () => {
    expect(await get('order_id=1', { token: 'nope' })).toEqual({ status: 200, text: '{"status":0,"msg":"token过期","data":[]}' });
    const missing = await get('order_id=1', {});
    expect(JSON.parse(missing.text)).toEqual({ status: 0, msg: 'token不能为空', data: [] });
  });

  it('answers unknown and deleted ids with 订单不存在', async () => {
    const notFound = { status: 200, text: '{"status":0,"msg":"订单不存在","data":[]}' };
    expect(await get(`order_id=${sim.dataset.maxId + 1}`)).toEqual(notFound);
    expect(isDeletedId(7, 18)).toBe(true);
    expect(await get('order_id=18')).toEqual(notFound);
    expect(JSON.parse((await get('order_id=abc')).text).status).toBe(0);
  });

  it('answers other paths with an nginx 404 page', async () => {
    const res = await get('order_id=1', { token: sim.token }, '/api/other');
    expect(res.status).toBe(404);
    expect(res.text).toContain('404 Not Found');
  });

  it('emits the documented quirks: mixed time formats, ¥ display values, fruidtitle, bare order numbers', async () => {
    const bodies = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13].map((id) => get(`order_id=${id}`)));
    const all = bodies.map((b) => b.text).join('\n');
    expect(all).toMatch(/"create_at":"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/);
    expect(all).toMatch(/"pay_at":"\d{10}"/);
    expect(all).toMatch(/"value":"¥\d+"/);
    expect(all).toMatch(/"fruitsvalue":"数量\(\d+\)","fruidprice":"总价¥\d+"/);
    expect(all).toMatch(/"goods_order_num":\d{24},/);
    expect(all).toMatch(/"exp_time":"\d+"/);
    expect(all).toMatch(/"show_save_img_btn":"(true|false)"/);
    expect(all).toMatch(/"userphone":"1\d{10}"/);
  });

  it('logs requests and injects faults through the shared server', async () => {
    sim.injectFault({ kind: 'token-expired' });
    expect(JSON.parse((await get('order_id=1')).text)).toEqual({ status: 0, msg: 'token过期', data: [] });
    expect(sim.requests.at(-1)?.query.get('order_id')).toBe('1');
  });
});

describe('dataset', () => {
  it('never leaves more than MAX_ID_GAP consecutive ids missing', () => {
    let run = 0;
    let longest = 0;
    for (let id = 1; id <= 20_000; id++) {
      run = isDeletedId(7, id) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(MAX_ID_GAP).toBe(3);
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(MAX_ID_GAP);
  });

  it('is deterministic and lazy: order 1,000,000 of a million-order dataset costs one computation', () => {
    const a = new UnionhomeDataset(99, 1_000_000);
    const b = new UnionhomeDataset(99, 1_000_000);
    const id = a.exists(1_000_000) ? 1_000_000 : 999_999;
    expect(a.detail(id)).toEqual(b.detail(id));
    expect(String(a.detail(id)?.goods_order_num)).toMatch(/^\d{24}$/);
    expect(a.detail(1_000_001)).toBeNull();
    expect(new UnionhomeDataset(100, 1000).detail(500)).not.toEqual(new UnionhomeDataset(99, 1000).detail(500));
  });

  it('keeps totals consistent with the goods_json options and the 合计 line', () => {
    const data = new UnionhomeDataset(3, 200);
    for (const id of data.orderIds().slice(0, 100)) {
      const truth = data.truth(id);
      const detail = data.detail(id);
      if (!truth || !detail) throw new Error('missing');
      expect(truth.items.reduce((s, i) => s + i.fen, 0)).toBe(truth.totalFen);
      const allprice = (detail.goods_json as Record<string, { value: string }>).allprice;
      expect(allprice?.value).toBe(`¥${truth.totalFen / 100}`);
      expect(String(detail.goods_order_num).slice(0, 14)).toBe(String(detail.create_at).replace(/\D/g, ''));
    }
  });

  it('mutate adds orders at the top and moves only non-final statuses forward', () => {
    const data = new UnionhomeDataset(5, 300);
    const before = data.orderIds().map((id) => [id, data.statusOf(id)!] as const);
    const result = data.mutate(10);
    expect(result.added).toHaveLength(10);
    expect(result.added[0]).toBeGreaterThan(300);
    expect(data.maxId).toBe(result.added.at(-1));
    for (const id of result.added) expect(data.statusOf(id)).toBe(0);
    let moved = 0;
    for (const [id, status] of before) {
      const now = data.statusOf(id)!;
      if (FINAL_ORDER_STATUSES.includes(mapOrderStatus(status))) expect(now).toBe(status);
      if (now !== status) moved++;
    }
    expect(moved).toBeGreaterThan(10);
    data.mutate(0);
    expect(result.added.some((id) => data.statusOf(id) !== 0)).toBe(true);
  });

  it('mutate is available as POST /__sim/mutate and the ground truth follows', async () => {
    const countBefore = sim.expectedOrderCount();
    const res = await fetch(`${sim.url}/__sim/mutate`, { method: 'POST', body: '{"count":4}' });
    const body = (await res.json()) as { ok: boolean; result: { added: number[]; generation: number } };
    expect(body.ok).toBe(true);
    expect(body.result.added).toHaveLength(4);
    expect(sim.expectedOrderCount()).toBe(countBefore + 4);
    const newest = body.result.added[3]!;
    expect(JSON.parse((await get(`order_id=${newest}`)).text).data).toEqual(sim.expectedDetail(newest));
  });
});
