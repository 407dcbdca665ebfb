import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { createUnionhomeClient, interpretOrderResponse } from '../../../../src-main/providers/unionhome/client.js';
import { SEED_SUCCESS_AS_PRINTED } from '../../../../src-main/providers/unionhome/simulator-seed.js';
import { startUnionhomeSimulator, type UnionhomeSimulator } from '../../../../src-main/providers/unionhome/simulator.js';
import { clientFor, contextFor } from './support.js';

const SEED_AS_PRINTED_FILE = readFileSync(new URL('./fixtures/seed-003-success-as-printed.txt', import.meta.url), 'utf8');

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a ProviderError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

function response(status: number, text: string, contentType = 'application/json') {
  return { status, headers: new Headers({ 'content-type': contentType }), text };
}

let sim: UnionhomeSimulator;

beforeAll(async () => {
  sim = await startUnionhomeSimulator({ seed: 7, orders: 60 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.clearFaults();
});

describe('request', () => {
  it('sends GET {baseUrl}?order_id=N with the token header and nothing else to sign', async () => {
    await clientFor(sim).orderDetail(1);
    const req = sim.requests.at(-1);
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe('/api/order/detail');
    expect(req?.query.get('order_id')).toBe('1');
    expect(req?.headers.token).toBe(sim.token);
    expect(req?.bodyText).toBe('');
  });

  it('keeps query parameters already in the configured URL', async () => {
    await clientFor(sim, { baseUrl: `${sim.orderDetailUrl}?lang=zh` }).orderDetail(2);
    const req = sim.requests.at(-1);
    expect(req?.query.get('lang')).toBe('zh');
    expect(req?.query.get('order_id')).toBe('2');
  });

  it('refuses a missing base URL with a rejected error before any request', async () => {
    const before = sim.requests.length;
    const error = await failure(clientFor(sim, { baseUrl: '' }).orderDetail(1));
    expect(error.kind).toBe('rejected');
    expect(sim.requests.length).toBe(before);
  });

  it('refuses non-positive order ids', async () => {
    await expect(clientFor(sim).orderDetail(0)).rejects.toThrow(RangeError);
  });

  it('reads startOrderId from the settings (default 1)', () => {
    expect(clientFor(sim).startOrderId).toBe(1);
    expect(clientFor(sim, { settings: { startOrderId: '1200' } }).startOrderId).toBe(1200);
  });
});

describe('mapped records from the simulator', () => {
  it('maps the seed order (id 1) field by field', async () => {
    const order = await clientFor(sim).fetchOrder(1);
    const r = order?.record;
    expect(r?.orderNo).toBe('202007110940097797825832');
    expect(r?.externalOrderNo).toBe('1');
    expect(r?.statusRaw).toBe('7');
    expect(r?.status).toBe('processing');
    expect(r?.total).toEqual({ scaled: 333_000_000, currency: 'CNY' });
    expect(r?.paid).toEqual({ scaled: 100, currency: 'CNY' });
    expect(r?.createdAt).toBe(Date.UTC(2020, 6, 11, 1, 40, 9));
    expect(r?.paidAt).toBe(Date.UTC(2020, 6, 11, 1, 51, 51));
    expect(r?.buyer).toBe('4');
    expect(r?.items.map((i) => [i.itemKey, i.amount?.scaled, i.quantity])).toEqual([
      ['kwobjsize', 208_000_000, 1],
      ['fruidtitle', 45_000_000, 6],
      ['ozoneprice', 35_000_000, 1],
      ['iceboxprice', 20_000_000, 1],
      ['keepwarmprice', 20_000_000, 1],
      ['superaudibleprice', 5_000_000, 1],
    ]);
    expect(order?.masked.goodsForm.userphone).toBe('157****8260');
    expect(order?.masked.goodsForm.emailnum).toBe('1***@qq.com');
    expect(r?.raw).toContain('15768868260'); // the raw payload stays complete
  });

  it('maps every generated order exactly as the ground truth says', async () => {
    const client = clientFor(sim);
    for (const id of sim.expectedOrderIds().slice(1, 16)) {
      const truth = sim.expectedTruth(id);
      const order = await client.fetchOrder(id);
      expect(truth).not.toBeNull();
      if (!truth || !order) throw new Error(`order ${id} missing`);
      const r = order.record;
      expect(r.orderNo).toBe(truth.orderNo);
      expect(r.orderNo).toMatch(/^\d{24}$/);
      expect(r.externalOrderNo).toBe(String(id));
      expect(r.statusRaw).toBe(String(truth.orderStatus));
      expect(r.total?.scaled).toBe(truth.totalFen * 100);
      expect(r.paid?.scaled).toBe(truth.paidFen * 100);
      expect(r.createdAt).toBe(truth.createdAtMs);
      expect(r.paidAt).toBe(truth.paidAtMs);
      expect(r.buyer).toBe(truth.uid);
      expect(r.title).toBe(truth.title);
      expect(r.items.map((i) => [i.itemKey, i.amount?.scaled, i.quantity])).toEqual(
        truth.items.map((i) => [i.key, i.fen * 100, i.quantity]),
      );
      const shown = JSON.stringify(order.masked) + JSON.stringify({ ...r, raw: '' });
      for (const secret of truth.pii) expect(shown).not.toContain(secret);
    }
  });

  it('keeps a 24-digit goods_order_num exact when it is sent as a bare JSON number', async () => {
    const id = 3; // ids ending in 3 carry the bare-number variant
    const res = await fetch(`${sim.orderDetailUrl}?order_id=${id}`, { headers: { token: sim.token } });
    const text = await res.text();
    const truth = sim.expectedTruth(id);
    expect(text).toContain(`"goods_order_num":${truth?.orderNo},`);
    const order = await clientFor(sim).fetchOrder(id);
    expect(order?.record.orderNo).toBe(truth?.orderNo);
    expect(order?.record.raw).toContain(`"goods_order_num":"${truth?.orderNo}"`);
  });
});

describe('not found', () => {
  it('returns null for an id beyond the newest order', async () => {
    expect(await clientFor(sim).orderDetail(sim.dataset.maxId + 1)).toBeNull();
  });

  it('returns null for a deleted id inside the range, with the server message on lookupOrder', async () => {
    const existing = new Set(sim.expectedOrderIds());
    const deleted = Array.from({ length: sim.dataset.maxId }, (_, i) => i + 1).find((id) => !existing.has(id));
    expect(deleted).toBeDefined();
    const client = clientFor(sim);
    expect(await client.orderDetail(deleted ?? 0)).toBeNull();
    expect(await client.lookupOrder(deleted ?? 0)).toEqual({ found: false, providerCode: '0', message: '订单不存在' });
  });

  it('treats status 200 with an empty data array as not found', () => {
    const result = interpretOrderResponse(response(200, '{"status":200,"msg":"成功","data":[],"other":[]}'));
    expect(result.found).toBe(false);
  });

  it('treats an order-state message containing 过期 as not found, not as auth', () => {
    const result = interpretOrderResponse(response(200, '{"status":0,"msg":"订单已过期","data":[]}'));
    expect(result.found).toBe(false);
  });
});

describe('errors', () => {
  it('maps a wrong token to auth with a message asking for a new token', async () => {
    const error = await failure(clientFor(sim, { token: 'stale' }).orderDetail(1));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('0');
    expect(error.message).toContain('token过期');
    expect(error.message).toMatch(/新的 token/);
    expect(error.raw).toBe('{"status":0,"msg":"token过期","data":[]}');
  });

  it('maps a missing token to auth', async () => {
    const error = await failure(createUnionhomeClient({ ...contextFor(sim), secrets: {} }).orderDetail(1));
    expect(error.kind).toBe('auth');
  });

  it('maps the token-expired fault to auth even for an existing order', async () => {
    sim.injectFault({ kind: 'token-expired' });
    expect((await failure(clientFor(sim).orderDetail(1))).kind).toBe('auth');
  });

  it.each([
    ['{"status":0,"msg":"请先登录","data":[]}'],
    ['{"status":"401","msg":"登录已失效","data":[]}'],
    ['{"status":0,"msg":"Token invalid","data":[]}'],
  ])('maps login-like message %s to auth', (body) => {
    expect(() => interpretOrderResponse(response(200, body))).toThrow(expect.objectContaining({ kind: 'auth' }));
  });

  it('maps HTTP 401/403 to auth', () => {
    expect(() => interpretOrderResponse(response(403, 'Forbidden', 'text/plain'))).toThrow(expect.objectContaining({ kind: 'auth' }));
  });

  it('maps HTTP 429 to rate_limit with Retry-After', async () => {
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const error = await failure(clientFor(sim).orderDetail(1));
    expect([error.kind, error.retryable, error.retryAfterMs]).toEqual(['rate_limit', true, 7000]);
  });

  it('maps HTTP 503 to a retryable bad_response', async () => {
    sim.injectFault({ kind: 'status', status: 503 });
    const error = await failure(clientFor(sim).orderDetail(1));
    expect([error.kind, error.retryable, error.httpStatus]).toEqual(['bad_response', true, 503]);
  });

  it('maps a wrong path (nginx 404 page) to bad_response, not to "not found"', async () => {
    const error = await failure(clientFor(sim, { baseUrl: `${sim.url}/api/wrong` }).orderDetail(1));
    expect([error.kind, error.httpStatus]).toEqual(['bad_response', 404]);
    expect(error.raw).toContain('404 Not Found');
  });

  it('maps malformed and truncated JSON to bad_response keeping the body', async () => {
    sim.injectFault({ kind: 'malformed' });
    expect((await failure(clientFor(sim).orderDetail(1))).raw).toBe('{"code":0,"data":[{"id":1,,}');
    sim.injectFault({ kind: 'truncated' });
    const truncated = await failure(clientFor(sim).orderDetail(1));
    expect(truncated.kind).toBe('bad_response');
    expect(truncated.raw?.startsWith('{"status":200')).toBe(true);
  });

  it('maps an envelope without status, or a detail without order number, to bad_response', () => {
    expect(() => interpretOrderResponse(response(200, '{"code":0,"data":[]}'))).toThrow(expect.objectContaining({ kind: 'bad_response' }));
    const noNumber = '{"status":200,"msg":"成功","data":{"order_id":5,"order_status":1},"other":[]}';
    expect(() => interpretOrderResponse(response(200, noNumber))).toThrow(expect.objectContaining({ kind: 'bad_response', raw: noNumber }));
  });

  it('maps a timeout and an unreachable server', async () => {
    sim.injectFault({ kind: 'hang' });
    expect((await failure(clientFor(sim, { timeoutMs: 150 }).orderDetail(1))).kind).toBe('timeout');
    const closed = await startUnionhomeSimulator();
    const client = clientFor(closed);
    await closed.close();
    const error = await failure(client.orderDetail(1));
    expect([error.kind, error.retryable]).toEqual(['network', true]);
  });
});

describe('the seed example as printed (tolerant fixture)', () => {
  it('is byte-identical to the fixture copied from the seed document and is not valid JSON', () => {
    expect(SEED_AS_PRINTED_FILE).toBe(`${SEED_SUCCESS_AS_PRINTED}\n`);
    expect(SEED_SUCCESS_AS_PRINTED).toContain('"order_status": 7"show_save_img_btn": false,\n    },');
    expect(() => JSON.parse(SEED_SUCCESS_AS_PRINTED)).toThrow(SyntaxError);
  });

  it('served by the simulator, yields bad_response that keeps the whole raw body', async () => {
    sim.serveSeedExampleAsPrinted();
    const error = await failure(clientFor(sim).orderDetail(1));
    expect(error.kind).toBe('bad_response');
    expect(error.retryable).toBe(false);
    expect(error.raw).toBe(SEED_SUCCESS_AS_PRINTED);
    expect(await clientFor(sim).orderDetail(1)).not.toBeNull(); // only the next request was affected
  });

  it('can be switched on over HTTP (POST /__sim/seed-example)', async () => {
    const res = await fetch(`${sim.url}/__sim/seed-example`, { method: 'POST', body: '{"times":1}' });
    expect(res.status).toBe(200);
    expect((await failure(clientFor(sim).orderDetail(2))).raw).toBe(SEED_SUCCESS_AS_PRINTED);
  });
});
