import { expect } from 'vitest';
import type { RecordBatch } from '../../../../src-main/domain/models.js';
import type { DuomaiClient } from '../../../../src-main/providers/duomai/client.js';
import { startDuomaiSimulator, type DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import type { RunningSimulator } from '../../../../src-main/providers/simulator-server.js';
import { runProviderContractSuite } from '../provider-contract-suite.js';
import { clientFor, fetchAllDuomai } from './helpers.js';

const START_SEC = 1_709_222_400; // 2024-03-01 00:00:00 Asia/Shanghai
const PERIOD_DAYS = 3;
const MAX_LAG_SEC = 6 * 3600;
// Orders are placed within the period; their last update can be up to MAX_LAG_SEC later.
const END_SEC = START_SEC + PERIOD_DAYS * 86_400 + MAX_LAG_SEC;

runProviderContractSuite({
  provider: 'duomai',
  faultRoute: 'cps-mesh.open.orders.query.get',
  start: () => startDuomaiSimulator({ count: 500, periodDays: PERIOD_DAYS, maxLagSeconds: MAX_LAG_SEC }),
  client: (sim: RunningSimulator, options = {}) =>
    clientFor(sim as DuomaiSimulator, {
      ...(options.wrongCredentials ? { appSecret: 'not-the-secret' } : {}),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    }),
  // ~170 orders per day and 50 per page: every window takes several pages.
  fetchAll: (client) => fetchAllDuomai(client as DuomaiClient, START_SEC, END_SEC, 50),
  fetchOnce: (client) => (client as DuomaiClient).ordersQuery({ stime: START_SEC, etime: START_SEC + 3600, page: 1, page_size: 1 }),
  expectedOrderCount: (sim) => (sim as DuomaiSimulator).dataset.config.count,
  assertKnownRecord(batch: RecordBatch) {
    const order = batch.orders.find((o) => o.orderNo === '800001899391474564921134');
    expect(order).toBeDefined();
    expect(order?.status).toBe('completed');
    expect(order?.total).toEqual({ scaled: 6_790_700, currency: 'USD' });
    expect(order?.commission).toEqual({ scaled: 184_533, currency: 'USD' });
    expect(order?.createdAt).toBe(Date.UTC(2024, 2, 1, 19, 12, 57));
    expect(order?.items).toHaveLength(3);
    expect(order?.items[0]?.unitPrice).toEqual({ scaled: 1_238_200, currency: 'USD' });
    const revisions = batch.settlements.filter((s) => s.orderNo === '800000822765404426518272');
    expect(revisions.map((s) => [s.priceOld?.scaled ?? null, s.commissionDelta?.scaled, s.commissionNew?.scaled])).toEqual([
      [null, -1_734, 14_266],
      [400_500, 4_106, 18_372],
    ]);
    expect(revisions.every((s) => s.currency === 'USD')).toBe(true);
    expect(batch.commissions.filter((c) => c.orderNo === order?.orderNo)).toEqual([
      expect.objectContaining({ beneficiary: 'site:352718', level: 0, status: 'settled', amount: { scaled: 184_533, currency: 'USD' } }),
    ]);
  },
});
