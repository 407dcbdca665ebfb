import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { encodeBussData, FORM_CONTENT_TYPE, ITBOYE_SERVICES } from '../../../../src-main/providers/itboye/client.js';
import { mapOrdersResult } from '../../../../src-main/providers/itboye/mapping.js';
import { signVariantA } from '../../../../src-main/providers/itboye/sign.js';
import { startItboyeSimulator, type ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';
import { SEED_EXAMPLE_BODY } from '../../../../src-main/providers/itboye/simulator-fixtures.js';
import { clientFor, formOf } from './support.js';

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a ProviderError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** A gateway answer with a business code, served through the simulator's status fault. */
function answer(sim: ItboyeSimulator, code: number, msg: string, match: string = ITBOYE_SERVICES.queryOrders): void {
  sim.injectFault({ kind: 'status', status: 200, body: JSON.stringify({ data: '', code, msg, notify_id: '1' }) }, 1, match);
}

describe('itboye client against the simulator', () => {
  let sim: ItboyeSimulator;
  beforeAll(async () => {
    sim = await startItboyeSimulator({ seed: 2020, userCount: 6, orderCount: 60 });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.clearFaults();
  });

  it('logs in and sends every form field, signing the exact buss_data it sends', async () => {
    const client = clientFor(sim, { now: () => 1_700_000_000_123 });
    const before = sim.requests.length;
    // The simulator checks skew against its own clock, so the fixed time must be refused: proves the check.
    const skewed = await failure(client.login());
    expect(skewed.kind).toBe('rejected');
    expect(skewed.providerCode).toBe('1003');

    const live = clientFor(sim);
    const session = await live.login();
    expect(session.uid).toBe('101');
    expect(session.sid).toMatch(/^0S#[0-9a-f]{32}$/);
    const req = sim.requests[sim.requests.length - 1]!;
    expect(req.headers['content-type']).toBe(FORM_CONTENT_TYPE);
    const form = formOf(sim, sim.requests.length - 1);
    expect([...form.keys()]).toEqual([
      'app_type', 'app_version', 'notify_id', 'lang', 'service_version', 'service_type',
      'client_id', 'uid', 'sid', 'app_request_time', 'buss_data', 'sign',
    ]);
    expect(form.get('lang')).toBe('zh-cn');
    expect(form.get('service_version')).toBe('100');
    expect(form.get('service_type')).toBe(ITBOYE_SERVICES.login);
    expect(form.get('app_request_time')).toMatch(/^\d{13}$/);
    expect(form.get('buss_data')).toBe(
      `{"device_token":"merchant-ledger","device_type":"android","password":"${sim.credentials.password}","username":"dachui0"}`,
    );
    expect(form.get('sign')).toBe(
      signVariantA({
        appRequestTime: form.get('app_request_time')!,
        clientSecret: sim.credentials.clientSecret,
        serviceType: ITBOYE_SERVICES.login,
        serviceVersion: '100',
        bussData: form.get('buss_data')!,
      }),
    );
    expect(sim.requests.length).toBe(before + 2);
  });

  it('fetches one list and maps it to domain records field by field', async () => {
    const client = clientFor(sim);
    await client.login();
    const result = await client.queryOrders('dachui0', 'fail');
    const form = formOf(sim, sim.requests.length - 1);
    expect(form.get('buss_data')).toBe('{"status":"fail","username":"dachui0"}');
    expect(form.get('uid')).toBe('101');
    expect(form.get('sid')).toBe(client.session?.sid);

    const expected = sim.dataset.ordersOf('dachui0', 'fail');
    expect(result.orders.map((o) => o.id)).toEqual(expected.map((o) => o.record.id));
    const batch = mapOrdersResult(result);
    const known = batch.orders.find((o) => o.externalOrderNo === '1')!;
    expect(known).toEqual({
      orderNo: '202012010000220N51912B9422',
      externalOrderNo: '1',
      status: 'failed',
      statusRaw: 'fail',
      title: '优酷VIP会员周卡',
      buyer: 'dachui0',
      total: { scaled: 399_900, currency: 'CNY' },
      paid: null,
      refunded: null,
      commission: { scaled: 19_900, currency: 'CNY' },
      createdAt: 1_606_780_822_000,
      updatedAt: null,
      paidAt: null,
      items: [],
      raw: JSON.stringify(sim.dataset.order(0).record),
    });
    expect(batch.commissions.filter((c) => c.orderNo === known.orderNo)).toEqual(
      [
        ['dachui0', 0, 19_900],
        ['96', 1, 3_100],
        ['86', 2, 1_900],
        ['75', 3, 700],
      ].map(([beneficiary, level, scaled]) => ({
        orderNo: '202012010000220N51912B9422',
        beneficiary,
        level,
        amount: { scaled, currency: 'CNY' },
        status: 'invalid',
        statusRaw: 'fail',
        earnedAt: 1_606_780_822_000,
      })),
    );
  });

  it('reads a user without upline: only level-0 commissions, prices from fen strings', async () => {
    const client = clientFor(sim);
    await client.login();
    const batch = mapOrdersResult(await client.queryOrders('yaonana2', 'all'));
    expect(batch.orders).toHaveLength(10);
    expect(batch.commissions.every((c) => c.level === 0 && c.beneficiary === 'yaonana2')).toBe(true);
    const first = batch.orders.find((o) => o.externalOrderNo === '3')!;
    expect(first.total).toEqual({ scaled: 12_880_000, currency: 'CNY' });
    expect(first.status).toBe('unknown');
    expect(first.createdAt).toBe(1_606_780_968_000);
  });

  it('answers an unknown username with an empty list', async () => {
    const client = clientFor(sim);
    await client.login();
    expect((await client.queryOrders('nobody', 'all')).orders).toEqual([]);
  });

  it('encodes buss_data with sorted keys and PHP-safe line separators', () => {
    expect(encodeBussData({ username: 'a/b 王', status: 'all' })).toBe('{"status":"all","username":"a/b 王"}');
    expect(encodeBussData({ x: 'a\u2028b' })).toBe('{"x":"a\\u2028b"}');
  });
});

describe('itboye client error mapping', () => {
  let sim: ItboyeSimulator;
  beforeAll(async () => {
    sim = await startItboyeSimulator({ seed: 7, userCount: 3, orderCount: 9 });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.clearFaults();
  });

  async function loggedIn() {
    const client = clientFor(sim);
    await client.login();
    return client;
  }

  it('refuses to query before login without calling the gateway', async () => {
    const before = sim.requests.length;
    const error = await failure(clientFor(sim).queryOrders('x', 'all'));
    expect(error.kind).toBe('auth');
    expect(sim.requests.length).toBe(before);
  });

  it('maps an expired session (1111) to auth with the gateway message and forgets the sid', async () => {
    const client = await loggedIn();
    sim.expireSessions();
    const error = await failure(client.queryOrders(sim.usernames[0]!, 'all'));
    expect(error).toMatchObject({ kind: 'auth', providerCode: '1111', retryable: false });
    expect(error.message).toContain('登录已过期');
    expect(JSON.parse(error.raw!)).toMatchObject({ code: 1111, msg: '登录已过期' });
    expect(client.session).toBeNull();
  });

  it('maps a forged sid to 1111 auth', async () => {
    const client = clientFor(sim, { session: { uid: '1', sid: '0S#forged' } });
    expect(await failure(client.queryOrders(sim.usernames[0]!, 'all'))).toMatchObject({ kind: 'auth', providerCode: '1111' });
  });

  it('maps a wrong client secret (bad sign, 1007) to auth', async () => {
    const error = await failure(clientFor(sim, { clientSecret: 'wrong' }).login());
    expect(error).toMatchObject({ kind: 'auth', providerCode: '1007', retryable: false });
    expect(error.message).toContain('签名错误');
  });

  it('maps an unknown client_id to auth', async () => {
    expect(await failure(clientFor(sim, { clientId: 'nope' }).login())).toMatchObject({ kind: 'auth', providerCode: '1007' });
  });

  it('maps a wrong password to auth, keeping the gateway code and message', async () => {
    const error = await failure(clientFor(sim, { password: 'wrong' }).login());
    expect(error).toMatchObject({ kind: 'auth', providerCode: '-1', retryable: false });
    expect(error.message).toContain('用户名或密码错误');
  });

  it('maps maintenance (1112) and exceptions (1006) to retryable errors', async () => {
    const client = await loggedIn();
    answer(sim, 1112, '系统维护中');
    const maintenance = await failure(client.queryOrders('x', 'all'));
    expect(maintenance).toMatchObject({ kind: 'bad_response', retryable: true, providerCode: '1112' });
    expect(maintenance.message).toContain('系统维护中');
    answer(sim, 1006, '系统异常');
    expect(await failure(client.queryOrders('x', 'all'))).toMatchObject({ retryable: true, providerCode: '1006' });
  });

  it.each([
    [1001, '缺少参数'],
    [1002, '数据不存在'],
    [1003, '参数错误'],
    [1004, '业务错误'],
    [-1, '操作失败'],
    [4242, '未知错误'],
  ])('maps code %i to rejected', async (code, msg) => {
    const client = await loggedIn();
    answer(sim, code, msg);
    const error = await failure(client.queryOrders('x', 'all'));
    expect(error).toMatchObject({ kind: 'rejected', retryable: false, providerCode: String(code) });
    expect(error.message).toContain(msg);
  });

  it.each([1005, 9666])('maps code %i to unsupported', async (code) => {
    const client = await loggedIn();
    answer(sim, code, '版本过旧');
    expect(await failure(client.queryOrders('x', 'all'))).toMatchObject({ kind: 'unsupported', providerCode: String(code) });
  });

  it('maps a disabled account (1113) to auth', async () => {
    answer(sim, 1113, '账号已禁用', ITBOYE_SERVICES.login);
    expect(await failure(clientFor(sim).login())).toMatchObject({ kind: 'auth', providerCode: '1113' });
  });

  it('maps an envelope of the wrong shape to bad_response with the raw body', async () => {
    const client = await loggedIn();
    const body = '{"data":{"list":[]},"code":0,"msg":"操作成功"}';
    sim.injectFault({ kind: 'status', status: 200, body }, 1, ITBOYE_SERVICES.queryOrders);
    expect(await failure(client.queryOrders('x', 'all'))).toMatchObject({ kind: 'bad_response', raw: body });
    sim.injectFault({ kind: 'status', status: 200, body: '{"result":"ok"}' }, 1, ITBOYE_SERVICES.queryOrders);
    expect(await failure(client.queryOrders('x', 'all'))).toMatchObject({ kind: 'bad_response', raw: '{"result":"ok"}' });
  });

  it('maps a record with a non-fen price to bad_response', async () => {
    const client = await loggedIn();
    const body = '{"data":[{"id":1,"order_no":"N","username":"u","price":"500.00","create_time":"1"}],"code":0,"msg":""}';
    sim.injectFault({ kind: 'status', status: 200, body }, 1, ITBOYE_SERVICES.queryOrders);
    const error = await failure(client.queryOrders('x', 'all'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toContain('price');
  });

  it('maps a login answer without sid to bad_response', async () => {
    sim.injectFault({ kind: 'status', status: 200, body: '{"data":{"uid":"1"},"code":0,"msg":""}' }, 1, ITBOYE_SERVICES.login);
    expect(await failure(clientFor(sim).login())).toMatchObject({ kind: 'bad_response' });
  });

  it('maps a wrong gateway path (404 page) to bad_response and 403 to auth', async () => {
    const wrongPath = await failure(clientFor(sim, { baseUrl: `${sim.url}/api/v1` }).login());
    expect(wrongPath).toMatchObject({ kind: 'bad_response', httpStatus: 404 });
    expect(wrongPath.raw).toContain('404 Not Found');
    sim.injectFault({ kind: 'status', status: 403, body: '{"error":"forbidden"}' }, 1, ITBOYE_SERVICES.login);
    expect(await failure(clientFor(sim).login())).toMatchObject({ kind: 'auth', httpStatus: 403 });
  });

  it('refuses the seed example as printed (comments, missing comma) as bad_response keeping the body', async () => {
    const seedSim = await startItboyeSimulator({ fixture: 'seed-example' });
    try {
      const client = clientFor(seedSim);
      await client.login();
      const error = await failure(client.queryOrders('dachui3', 'all'));
      expect(error).toMatchObject({ kind: 'bad_response', retryable: false, httpStatus: 200 });
      expect(error.raw).toBe(SEED_EXAMPLE_BODY);
      expect(error.raw).toContain('"username": "dachui3",// 刷单用户名');
    } finally {
      await seedSim.close();
    }
  });
});
