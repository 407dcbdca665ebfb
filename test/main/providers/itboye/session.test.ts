import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { ITBOYE_SERVICES } from '../../../../src-main/providers/itboye/client.js';
import { isSessionExpired } from '../../../../src-main/providers/itboye/errors.js';
import { fetchAllOrders, withSession } from '../../../../src-main/providers/itboye/session.js';
import { startItboyeSimulator, type ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';
import { clientFor, formOf } from './support.js';

describe('itboye session handling', () => {
  let sim: ItboyeSimulator;
  beforeAll(async () => {
    sim = await startItboyeSimulator({ seed: 11, userCount: 4, orderCount: 40 });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.clearFaults();
  });

  const services = (from: number) => sim.requests.slice(from).map((_, i) => formOf(sim, from + i).get('service_type'));
  const user = () => sim.usernames[1]!;

  it('logs in first when the client has no session', async () => {
    const client = clientFor(sim);
    const from = sim.requests.length;
    const result = await withSession(client, (c) => c.queryOrders(user(), 'all'));
    expect(result.orders).toHaveLength(10);
    expect(services(from)).toEqual([ITBOYE_SERVICES.login, ITBOYE_SERVICES.queryOrders]);
  });

  it('reuses a live session without logging in again', async () => {
    const client = clientFor(sim);
    await client.login();
    const from = sim.requests.length;
    await withSession(client, (c) => c.queryOrders(user(), 'wait'));
    expect(services(from)).toEqual([ITBOYE_SERVICES.queryOrders]);
  });

  it('on 1111 logs in once more and repeats the call', async () => {
    const client = clientFor(sim);
    const old = await client.login();
    sim.expireSessions();
    const from = sim.requests.length;
    const result = await withSession(client, (c) => c.queryOrders(user(), 'success'));
    expect(result.orders.length).toBe(sim.dataset.ordersOf(user(), 'success').length);
    expect(services(from)).toEqual([ITBOYE_SERVICES.queryOrders, ITBOYE_SERVICES.login, ITBOYE_SERVICES.queryOrders]);
    expect(client.session?.sid).not.toBe(old.sid);
  });

  it('gives up after one re-login when the gateway keeps answering 1111', async () => {
    const client = clientFor(sim);
    await client.login();
    sim.injectFault({ kind: 'token-expired' }, 2, ITBOYE_SERVICES.queryOrders);
    const from = sim.requests.length;
    const error = await withSession(client, (c) => c.queryOrders(user(), 'all')).catch((e: unknown) => e);
    expect(isSessionExpired(error)).toBe(true);
    expect((error as ProviderError).kind).toBe('auth');
    expect(services(from)).toEqual([ITBOYE_SERVICES.queryOrders, ITBOYE_SERVICES.login, ITBOYE_SERVICES.queryOrders]);
  });

  it('does not repeat calls that failed for any other reason', async () => {
    const client = clientFor(sim);
    await client.login();
    sim.injectFault({ kind: 'status', status: 500 }, 1, ITBOYE_SERVICES.queryOrders);
    const from = sim.requests.length;
    const error = await withSession(client, (c) => c.queryOrders(user(), 'all')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).httpStatus).toBe(500);
    expect(services(from)).toEqual([ITBOYE_SERVICES.queryOrders]);
  });

  it('does not retry a failed login', async () => {
    const client = clientFor(sim, { password: 'wrong' });
    const from = sim.requests.length;
    const error = await withSession(client, (c) => c.queryOrders(user(), 'all')).catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('auth');
    expect(services(from)).toEqual([ITBOYE_SERVICES.login]);
  });

  it('fetchAllOrders reads every configured username once and matches the ground truth', async () => {
    const client = clientFor(sim);
    const batch = await fetchAllOrders(client, 'wait');
    const expected = sim.usernames.flatMap((u) => sim.dataset.ordersOf(u, 'wait'));
    expect(batch.orders.map((o) => o.externalOrderNo).sort()).toEqual(expected.map((o) => String(o.record.id)).sort());
    expect(batch.orders.every((o) => o.status === 'pending')).toBe(true);
  });
});
