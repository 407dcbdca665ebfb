import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHINESE_TITLES } from '../../../../src-main/providers/simulator-random.js';
import { FORM_CONTENT_TYPE, ITBOYE_SERVICES } from '../../../../src-main/providers/itboye/client.js';
import { signVariantA } from '../../../../src-main/providers/itboye/sign.js';
import { startItboyeSimulator, type ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';
import { createItboyeDataset, MAX_SIM_ORDERS } from '../../../../src-main/providers/itboye/simulator-data.js';

interface Answer {
  code: number;
  msg: string;
  data: unknown;
  notify_id?: string;
}

/** A correctly signed raw form POST; `fields` override any field after signing. */
async function post(sim: ItboyeSimulator, serviceType: string, buss: unknown, fields: Record<string, string> = {}): Promise<Answer> {
  const time = String(Date.now());
  const bussData = JSON.stringify(buss);
  const sign = signVariantA({ appRequestTime: time, clientSecret: sim.credentials.clientSecret, serviceType, serviceVersion: '100', bussData });
  const form = new URLSearchParams({
    app_type: 'android', app_version: '1.0.0', notify_id: time, lang: 'zh-cn', service_version: '100',
    service_type: serviceType, client_id: sim.credentials.clientId, uid: '', sid: '', app_request_time: time,
    buss_data: bussData, sign, ...fields,
  });
  const res = await fetch(`${sim.url}/`, { method: 'POST', headers: { 'content-type': FORM_CONTENT_TYPE }, body: form.toString() });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

async function login(sim: ItboyeSimulator): Promise<{ uid: string; sid: string }> {
  const { loginUsername: username, password } = sim.credentials;
  const answer = await post(sim, ITBOYE_SERVICES.login, { username, password, device_token: 't', device_type: 'android' });
  expect(answer).toMatchObject({ code: 0 });
  return answer.data as { uid: string; sid: string };
}

describe('itboye simulator gateway checks', () => {
  let sim: ItboyeSimulator;
  beforeAll(async () => {
    sim = await startItboyeSimulator({ seed: 3, userCount: 5, orderCount: 50 });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.clearFaults();
  });

  it('logs in with the exposed credentials and serves a user list with the real envelope', async () => {
    const session = await login(sim);
    const answer = await post(sim, ITBOYE_SERVICES.queryOrders, { status: 'all', username: sim.usernames[2] }, { ...session, notify_id: 'n-1' });
    expect(answer).toMatchObject({ code: 0, msg: '操作成功', notify_id: 'n-1' });
    expect(answer.data).toEqual(sim.dataset.ordersOf(sim.usernames[2]!, 'all').map((o) => o.record));
    expect((answer.data as unknown[]).length).toBe(10);
  });

  it('refuses a sign that is not over the raw buss_data (1007)', async () => {
    const session = await login(sim);
    const respaced = await post(sim, ITBOYE_SERVICES.queryOrders, { status: 'all', username: 'x' }, {
      ...session,
      buss_data: '{"status": "all", "username": "x"}',
    });
    expect(respaced).toMatchObject({ code: 1007, msg: '签名错误' });
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, {}, { ...session, sign: 'A'.repeat(32) })).toMatchObject({ code: 1007 });
  });

  it('refuses an unknown client_id (1007) and missing fields (1001)', async () => {
    expect(await post(sim, ITBOYE_SERVICES.login, {}, { client_id: 'other' })).toMatchObject({ code: 1007 });
    expect(await post(sim, ITBOYE_SERVICES.login, {}, { sign: '' })).toMatchObject({ code: 1001, msg: '缺少参数: sign' });
    const session = await login(sim);
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, { username: 'x' }, session)).toMatchObject({ code: 1001 });
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, { status: 'done', username: 'x' }, session)).toMatchObject({ code: 1003 });
  });

  it('refuses app_request_time more than 10 minutes off its clock (1003)', async () => {
    const old = String(Date.now() - 11 * 60_000);
    const sign = signVariantA({ appRequestTime: old, clientSecret: sim.credentials.clientSecret, serviceType: ITBOYE_SERVICES.login, serviceVersion: '100', bussData: '{}' });
    expect(await post(sim, ITBOYE_SERVICES.login, {}, { app_request_time: old, buss_data: '{}', sign })).toMatchObject({ code: 1003 });
    expect(await post(sim, ITBOYE_SERVICES.login, {}, { app_request_time: '1607049182' })).toMatchObject({ code: 1003 });
  });

  it('answers 1111 "登录已过期" for a missing, forged or expired sid, or a uid that is not the session’s', async () => {
    const query = { status: 'all', username: sim.usernames[0] };
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, query)).toMatchObject({ code: 1111, msg: '登录已过期' });
    const session = await login(sim);
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, query, { ...session, sid: `${session.sid}x` })).toMatchObject({ code: 1111 });
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, query, { ...session, uid: '999' })).toMatchObject({ code: 1111 });
    sim.expireSessions();
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, query, session)).toMatchObject({ code: 1111 });
  });

  it('answers a wrong password with -1 and a message', async () => {
    const answer = await post(sim, ITBOYE_SERVICES.login, { username: sim.credentials.loginUsername, password: 'nope' });
    expect(answer).toMatchObject({ code: -1, msg: '用户名或密码错误', data: '' });
  });

  it('has no write services (by_KjdsOrder_match is unknown) and only serves / and /t', async () => {
    expect(await post(sim, 'by_KjdsOrder_match', { username: 'x' })).toMatchObject({ code: 1002 });
    const res = await fetch(`${sim.url}/other`, { method: 'POST', body: '' });
    expect(res.status).toBe(404);
  });

  it('keys faults by service_type and answers token-expired with 1111', async () => {
    const session = await login(sim);
    sim.injectFault({ kind: 'token-expired' }, 1, ITBOYE_SERVICES.queryOrders);
    expect((await login(sim)).sid).toMatch(/^0S#/);
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, { status: 'all', username: 'x' }, session)).toMatchObject({ code: 1111 });
    expect(await post(sim, ITBOYE_SERVICES.queryOrders, { status: 'all', username: 'x' }, session)).toMatchObject({ code: 0 });
  });

  it('mutates through the control verb: waiting orders settle and new ones appear', async () => {
    const waitingBefore = sim.usernames.flatMap((u) => sim.dataset.ordersOf(u, 'wait')).map((o) => o.index);
    const res = await fetch(`${sim.url}/__sim/mutate`, { method: 'POST', body: JSON.stringify({ count: 3 }) });
    expect(await res.json()).toEqual({ ok: true, result: { moved: 3, added: 3 } });
    expect(sim.dataset.size()).toBe(53);
    const settled = waitingBefore.sort((a, b) => a - b).slice(0, 3);
    for (const index of settled) expect(['success', 'fail']).toContain(sim.dataset.order(index).status);
    for (const index of [50, 51, 52]) expect(sim.dataset.order(index).status).toBe('wait');
    const session = await login(sim);
    const owner = sim.dataset.order(52).user.username;
    const answer = await post(sim, ITBOYE_SERVICES.queryOrders, { status: 'wait', username: owner }, session);
    expect((answer.data as { id: number }[])[0]!.id).toBe(53);
  });
});

describe('itboye simulator dataset', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createItboyeDataset({ seed: 5, orderCount: 20 });
    const b = createItboyeDataset({ seed: 5, orderCount: 20 });
    const c = createItboyeDataset({ seed: 6, orderCount: 20 });
    expect(JSON.stringify(a.order(13))).toBe(JSON.stringify(b.order(13)));
    expect(JSON.stringify(a.order(13))).not.toBe(JSON.stringify(c.order(13)));
  });

  it('emits the seed field types: fen price string, fen int commissions, Unix-seconds string, Chinese titles', () => {
    const d = createItboyeDataset({ orderCount: 200 });
    for (let i = 0; i < 200; i++) {
      const r = d.order(i).record;
      expect(r.price).toMatch(/^\d+$/);
      expect(typeof r.price).toBe('string');
      for (const k of ['id', 'user_level', 'commission_amount', 'p_user_commission', 'pp_user_commission', 'ppp_user_commission', 'item_id']) {
        expect(Number.isInteger(r[k])).toBe(true);
      }
      for (const k of ['parent_user', 'pp_user', 'ppp_user', 'create_time', 'order_no', 'username']) expect(typeof r[k]).toBe('string');
      expect(CHINESE_TITLES).toContain(r.item_title);
      // order_no starts with the UTC stamp of create_time.
      const utc = new Date(Number(r.create_time) * 1000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
      expect(String(r.order_no).slice(0, 14)).toBe(utc);
    }
  });

  it('varies key order, statuses and upline chains, with "0" and zero commissions where there is no upline', () => {
    const d = createItboyeDataset({ userCount: 5, orderCount: 100 });
    const keyOrders = new Set(Array.from({ length: 100 }, (_, i) => Object.keys(d.order(i).record).join()));
    expect(keyOrders.size).toBeGreaterThan(10);
    expect(new Set(Array.from({ length: 100 }, (_, i) => d.order(i).status))).toEqual(new Set(['success', 'fail', 'wait']));
    const depths = d.users.map((u) => u.upline.filter((id) => id !== '0').length);
    expect(new Set(depths)).toEqual(new Set([0, 1, 2, 3]));
    const loner = d.users.find((u) => u.upline.every((id) => id === '0'))!;
    for (const o of d.ordersOf(loner.username, 'all')) {
      expect(o.record).toMatchObject({ parent_user: '0', pp_user: '0', ppp_user: '0', p_user_commission: 0, pp_user_commission: 0, ppp_user_commission: 0 });
    }
  });

  it('serves 1,000,000 orders lazily: one user’s list without building the rest', () => {
    const d = createItboyeDataset({ orderCount: MAX_SIM_ORDERS, userCount: 2000 });
    expect(d.size()).toBe(1_000_000);
    expect(d.order(999_999).record.id).toBe(1_000_000);
    const list = d.ordersOf(d.users[1999]!.username, 'all');
    expect(list).toHaveLength(500);
    expect(list[0]!.index).toBe(999_999);
    expect(() => d.order(1_000_000)).toThrow(RangeError);
    expect(() => createItboyeDataset({ orderCount: MAX_SIM_ORDERS + 1 })).toThrow(RangeError);
  });

  it('partitions every order to exactly one user, newest first', () => {
    const d = createItboyeDataset({ userCount: 4, orderCount: 23 });
    const all = d.users.flatMap((u) => d.ordersOf(u.username, 'all').map((o) => o.index));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    const list = d.ordersOf(d.users[3]!.username, 'all').map((o) => o.index);
    expect(list).toEqual([...list].sort((a, b) => b - a));
    const byStatus = ['success', 'fail', 'wait'] as const;
    expect(byStatus.reduce((n, s) => n + d.ordersOf(d.users[0]!.username, s).length, 0)).toBe(d.ordersOf(d.users[0]!.username, 'all').length);
  });
});
