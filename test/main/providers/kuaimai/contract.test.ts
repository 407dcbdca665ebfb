import { expect } from 'vitest';
import type { MoneyFlowRecord, OrderRecord, RecordBatch } from '../../../../src-main/domain/models.js';
import { emptyBatch } from '../../../../src-main/domain/models.js';
import { isLastTradePage, KuaimaiClient } from '../../../../src-main/providers/kuaimai/client.js';
import { mapMoneyRecords, mapTrades } from '../../../../src-main/providers/kuaimai/mapping.js';
import type { KuaimaiSimulator } from '../../../../src-main/providers/kuaimai/simulator.js';
import type { RunningSimulator } from '../../../../src-main/providers/simulator-server.js';
import { runProviderContractSuite } from '../provider-contract-suite.js';
import { DAY2_END, DAY2_START, clientFor, startTestSimulator } from './fixtures.js';

const PAGE_SIZE = 40;

function kuaimai(sim: RunningSimulator): KuaimaiSimulator {
  if (!('dataset' in sim)) throw new Error('not a Kuaimai simulator');
  return sim as KuaimaiSimulator;
}

function asClient(client: unknown): KuaimaiClient {
  if (!(client instanceof KuaimaiClient)) throw new Error('not a KuaimaiClient');
  return client;
}

/** Every trade updated on the dataset's second day, paged to exhaustion, plus the money flows of each tid. */
async function fetchDay(client: KuaimaiClient): Promise<RecordBatch> {
  const orders: OrderRecord[] = [];
  const flows: MoneyFlowRecord[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const query = { timeType: 'upd_time', startTime: DAY2_START, endTime: DAY2_END, pageNo, pageSize: PAGE_SIZE } as const;
    const page = await client.tradeList(query);
    orders.push(...mapTrades(page.list));
    for (const trade of page.list) {
      const tid = String(trade.tid);
      flows.push(...mapMoneyRecords(tid, (await client.moneyRecords(tid)).list));
    }
    if (isLastTradePage(page, query)) break;
  }
  return { ...emptyBatch(), orders, flows };
}

let lastSim: KuaimaiSimulator | undefined;

runProviderContractSuite({
  provider: 'kuaimai',
  async start() {
    lastSim = (await startTestSimulator({ count: 240 })).sim;
    return lastSim;
  },
  client: (sim, options) =>
    clientFor(kuaimai(sim), {
      ...(options?.wrongCredentials ? { appSecret: 'wrong-secret' } : {}),
      ...(options?.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
  fetchAll: (client) => fetchDay(asClient(client)),
  fetchOnce: (client) => asClient(client).tradeList({ timeType: 'upd_time', startTime: DAY2_START, endTime: DAY2_END, pageNo: 1, pageSize: PAGE_SIZE }),
  expectedOrderCount: (sim) => kuaimai(sim).dataset.query('upd_time', DAY2_START, DAY2_END).length,
  faultRoute: 'erp.trade.list.query',
  assertKnownRecord(batch) {
    const truth = lastSim!.dataset.tradesInWindow('upd_time', DAY2_START, DAY2_END);
    expect(truth.length).toBeGreaterThan(PAGE_SIZE);
    // A trade with a refund on the last page, so paging and flows are both exercised.
    const known = [...truth].reverse().find((trade) => trade.flows.length >= 2)!;
    const order = batch.orders.find((o) => o.orderNo === known.sid)!;
    expect(order).toBeDefined();
    expect(order.orderNo).toMatch(/^\d{19}$/);
    expect(order.externalOrderNo).toBe(known.tid);
    expect(order.statusRaw).toBe(known.sysStatus);
    expect(order.total).toEqual({ scaled: known.paymentFen * 100, currency: 'CNY' });
    expect(order.createdAt).toBe(known.createdMs);
    expect(order.updatedAt).toBe(known.modifiedMs);
    expect(order.paidAt).toBe(known.payTimeMs);
    expect(order.items.map((i) => [i.itemKey, i.amount?.scaled])).toEqual(known.orders.map((o) => [o.oid, o.paymentFen * 100]));
    const flows = batch.flows.filter((f) => f.tid === known.tid);
    expect(flows.map((f) => [f.flowType, f.amount.scaled, f.createdAt])).toEqual(known.flows.map((f) => [f.flowType, f.amountFen * 100, f.createdMs]));
    expect(new Set(batch.flows.map((f) => f.flowKey)).size).toBe(batch.flows.length);
    expect(batch.flows.length).toBe(truth.reduce((n, trade) => n + trade.flows.length, 0));
  },
});
