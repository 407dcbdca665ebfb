import { expect } from 'vitest';
import { emptyBatch, type RecordBatch } from '../../../../src-main/domain/models.js';
import type { RunningSimulator } from '../../../../src-main/providers/simulator-server.js';
import type { UnionhomeClient } from '../../../../src-main/providers/unionhome/client.js';
import { startUnionhomeSimulator, type UnionhomeSimulator } from '../../../../src-main/providers/unionhome/simulator.js';
import { runProviderContractSuite } from '../provider-contract-suite.js';
import { clientFor, scanOrders } from './support.js';

const sims = new WeakMap<RunningSimulator, UnionhomeSimulator>();

function unionhomeSim(sim: RunningSimulator): UnionhomeSimulator {
  const found = sims.get(sim);
  if (!found) throw new Error('not a union-home simulator');
  return found;
}

runProviderContractSuite({
  provider: 'unionhome',
  async start() {
    const sim = await startUnionhomeSimulator({ seed: 7, orders: 40 });
    sims.set(sim, sim);
    return sim;
  },
  client(sim, options) {
    return clientFor(unionhomeSim(sim), {
      ...(options?.wrongCredentials ? { token: 'uh_wrong_token' } : {}),
      ...(options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  },
  async fetchAll(client): Promise<RecordBatch> {
    return { ...emptyBatch(), orders: await scanOrders(client as UnionhomeClient, 1, 20) };
  },
  fetchOnce(client) {
    return (client as UnionhomeClient).orderDetail(1);
  },
  expectedOrderCount(sim) {
    return unionhomeSim(sim).expectedOrderCount();
  },
  assertKnownRecord(batch) {
    const order = batch.orders.find((o) => o.externalOrderNo === '1');
    expect(order).toBeDefined();
    expect(order?.orderNo).toBe('202007110940097797825832');
    expect(order?.status).toBe('processing');
    expect(order?.statusRaw).toBe('7');
    expect(order?.total).toEqual({ scaled: 333_000_000, currency: 'CNY' });
    expect(order?.paid).toEqual({ scaled: 100, currency: 'CNY' });
    expect(order?.createdAt).toBe(Date.UTC(2020, 6, 11, 1, 40, 9));
    expect(order?.paidAt).toBe(1_594_432_311_000);
    expect(order?.buyer).toBe('4');
    expect(order?.title).toBe('28孔基础款调料台');
  },
});
