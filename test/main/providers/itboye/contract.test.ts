import { expect } from 'vitest';
import type { RecordBatch } from '../../../../src-main/domain/models.js';
import type { RunningSimulator } from '../../../../src-main/providers/simulator-server.js';
import { ITBOYE_SERVICES, type ItboyeClient, type ItboyeSession } from '../../../../src-main/providers/itboye/client.js';
import { fetchAllOrders } from '../../../../src-main/providers/itboye/session.js';
import { startItboyeSimulator, type ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';
import { runProviderContractSuite } from '../provider-contract-suite.js';
import { clientFor } from './support.js';

/** A session obtained per simulator at start, so fetchOnce is the single query request. */
const sessions = new WeakMap<RunningSimulator, ItboyeSession>();

function knownOrder(batch: RecordBatch, orderNo: string) {
  const order = batch.orders.find((o) => o.orderNo === orderNo);
  expect(order, `order ${orderNo}`).toBeDefined();
  return order!;
}

runProviderContractSuite({
  provider: 'itboye',
  faultRoute: ITBOYE_SERVICES.queryOrders,
  async start() {
    const sim = await startItboyeSimulator({ seed: 42, userCount: 7, orderCount: 250 });
    sessions.set(sim, await clientFor(sim).login());
    return sim;
  },
  client(sim, options) {
    const session = sessions.get(sim);
    return clientFor(sim as ItboyeSimulator, {
      ...(options?.wrongCredentials ? { clientSecret: 'wrong-client-secret' } : {}),
      ...(options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(session ? { session } : {}),
    });
  },
  async fetchAll(client) {
    const c = client as ItboyeClient;
    await c.login();
    return fetchAllOrders(c, 'all');
  },
  fetchOnce(client) {
    const c = client as ItboyeClient;
    return c.queryOrders(c.usernames[0]!, 'all');
  },
  expectedOrderCount: (sim) => (sim as ItboyeSimulator).dataset.size(),
  assertKnownRecord(batch) {
    const first = knownOrder(batch, '202012010000210N9249DB43F1');
    expect(first.externalOrderNo).toBe('1');
    expect(first.buyer).toBe('dachui0');
    expect(first.title).toBe('索尼 WH-1000XM4 无线降噪耳机');
    expect(first.total).toEqual({ scaled: 12_880_000, currency: 'CNY' });
    expect(first.commission).toEqual({ scaled: 644_000, currency: 'CNY' });
    expect(first.createdAt).toBe(1_606_780_821_000);
    expect(first.status).toBe('unknown');
    expect(first.statusRaw).toBe('all');
    expect(JSON.parse(first.raw)).toMatchObject({ id: 1, price: '128800', create_time: '1606780821' });
    const commissions = batch.commissions
      .filter((c) => c.orderNo === first.orderNo)
      .map((c) => [c.level, c.beneficiary, c.amount.scaled, c.earnedAt]);
    expect(commissions).toEqual([
      [0, 'dachui0', 644_000, 1_606_780_821_000],
      [1, '76', 103_000, 1_606_780_821_000],
      [2, '21', 64_400, 1_606_780_821_000],
      [3, '77', 25_700, 1_606_780_821_000],
    ]);

    const loner = knownOrder(batch, '202012010009030K4393A0B900');
    expect(loner.externalOrderNo).toBe('10');
    expect(loner.buyer).toBe('yaonana2');
    expect(loner.total).toEqual({ scaled: 5_000_000, currency: 'CNY' });
    expect(loner.createdAt).toBe(1_606_781_343_000);
    expect(batch.commissions.filter((c) => c.orderNo === loner.orderNo).map((c) => [c.level, c.beneficiary, c.amount.scaled])).toEqual([
      [0, 'yaonana2', 250_000],
    ]);
  },
});
