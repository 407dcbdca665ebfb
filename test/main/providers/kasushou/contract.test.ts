import { expect } from 'vitest';
import type { KasushouClient } from '../../../../src-main/providers/kasushou/client.js';
import { KasushouDataset } from '../../../../src-main/providers/kasushou/simulator-data.js';
import { DEFAULT_SIM_CLOCK_MS, startKasushouSimulator } from '../../../../src-main/providers/kasushou/simulator.js';
import { runProviderContractSuite } from '../provider-contract-suite.js';
import { asKasushou, clientFor, expectOrderMatches, expectedCards, fetchAllAdmin, findIndex } from './support.js';

// 250 orders: admin pages of 100, 100, 50 (the short page ends the list).
const SEED = 7;
const COUNT = 250;

// The dataset is a pure function of (seed, count, clock), so this copy is the ground truth of the
// simulator the suite starts.
const truth = new KasushouDataset({ seed: SEED, count: COUNT, endMs: DEFAULT_SIM_CLOCK_MS, spanDays: 180 });
const knownIndexes = [
  findIndex(truth, (o) => o.status === 3 && o.cards.length > 1 && o.cards.some((c) => c.expiresAt !== null)),
  findIndex(truth, (o) => o.status === 3 && o.cards.some((c) => c.showType !== 1)),
  findIndex(truth, (o) => o.status === 5 && o.hasBackMoneyFen === 0),
  findIndex(truth, (o) => o.ordersnNumeric && o.totalNumeric),
];

function kasushouClient(value: unknown): KasushouClient {
  return value as KasushouClient;
}

runProviderContractSuite({
  provider: 'kasushou',
  start: () => startKasushouSimulator({ seed: SEED, count: COUNT }),
  client(sim, options) {
    return clientFor(asKasushou(sim), 'admin', {
      ...(options?.wrongCredentials ? { apikey: 'wrong-apikey-000000000000000000000' } : {}),
      ...(options?.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  },
  fetchAll: (client) => fetchAllAdmin(kasushouClient(client)),
  fetchOnce: (client) => kasushouClient(client).adminOrderList({ page: 1, limit: 10 }),
  expectedOrderCount: (sim) => asKasushou(sim).dataset.count,
  faultRoute: '/api/admin/v1/order/list',
  assertKnownRecord(batch) {
    for (const index of knownIndexes) {
      const order = truth.order(index);
      expectOrderMatches(
        batch.orders.find((o) => o.orderNo === order.ordersn),
        order,
        'admin',
      );
      expect(batch.cards.filter((c) => c.orderNo === order.ordersn)).toEqual(expectedCards(order));
    }
    const expectedCardCount = Array.from({ length: COUNT }, (_, i) => expectedCards(truth.order(i)).length).reduce((a, b) => a + b, 0);
    expect(batch.cards).toHaveLength(expectedCardCount);
  },
});
