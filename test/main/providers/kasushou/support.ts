/** Shared helpers for the Kasushou provider tests (not a test file itself). */
import { expect } from 'vitest';
import type { CardCodeRecord, OrderRecord, RecordBatch } from '../../../../src-main/domain/models.js';
import { mergeBatches } from '../../../../src-main/domain/models.js';
import { KasushouClient, type KasushouClientOptions } from '../../../../src-main/providers/kasushou/client.js';
import { mapAdminOrderRows, mapOrderInfoItems } from '../../../../src-main/providers/kasushou/mapping.js';
import { adminOrderPages, orderInfoBatched } from '../../../../src-main/providers/kasushou/paging.js';
import type { SimOrder } from '../../../../src-main/providers/kasushou/simulator-data.js';
import type { KasushouSimulator } from '../../../../src-main/providers/kasushou/simulator.js';
import type { RunningSimulator } from '../../../../src-main/providers/simulator-server.js';

export function asKasushou(sim: RunningSimulator): KasushouSimulator {
  if (!('dataset' in sim) || !('adminCredentials' in sim)) throw new Error('not a Kasushou simulator');
  return sim as KasushouSimulator;
}

/** A client for the simulator; `admin` uses the site admin account. */
export function clientFor(sim: KasushouSimulator, mode: 'admin' | 'buyer' = 'admin', overrides: Partial<KasushouClientOptions> = {}): KasushouClient {
  const creds = mode === 'admin' ? sim.adminCredentials : sim.credentials;
  return new KasushouClient({
    fetch: globalThis.fetch,
    baseUrl: sim.url,
    userId: creds.userId,
    apikey: creds.apikey,
    mode,
    timeoutMs: 3000,
    now: Date.now,
    ...overrides,
  });
}

/** Everything the admin account can see: the list paged to exhaustion, then cards via order/info. */
export async function fetchAllAdmin(client: KasushouClient, limit = 100, batchSize = 100): Promise<RecordBatch> {
  const orders: RecordBatch[] = [];
  for await (const page of adminOrderPages(client, { limit })) orders.push(mapAdminOrderRows(page.rows));
  const all = mergeBatches(...orders);
  const info = mapOrderInfoItems(await orderInfoBatched(client, all.orders.map((o) => o.orderNo), batchSize, 0));
  return { ...all, cards: info.cards };
}

/** Asserts one mapped order against the simulator's ground truth, field by field. */
export function expectOrderMatches(order: OrderRecord | undefined, truth: SimOrder, source: 'admin' | 'info'): void {
  expect(order).toBeDefined();
  const o = order!;
  const status = { '-1': 'failed', '1': 'pending', '2': 'processing', '3': 'completed', '4': 'cancelled', '5': 'refunded' }[String(truth.status)];
  expect(o.orderNo).toBe(truth.ordersn);
  expect(typeof o.orderNo).toBe('string');
  expect(o.externalOrderNo).toBe(truth.externalOrderno === '' ? null : truth.externalOrderno);
  expect(o.status).toBe(status);
  expect(o.statusRaw).toBe(String(truth.status));
  // fen × 100 = scale-4 units (1/10000 yuan)
  expect(o.total).toEqual({ scaled: truth.totalFen * 100, currency: 'CNY' });
  expect(o.refunded).toEqual({ scaled: truth.hasBackMoneyFen * 100, currency: 'CNY' });
  expect(o.paid).toBeNull();
  expect(o.commission).toBeNull();
  if (source === 'admin') {
    expect(o.title).toBe(truth.goods.name);
    expect(o.createdAt).toBe(truth.createdAt);
    expect(o.updatedAt).toBe(truth.updatedAt);
    expect(o.items).toHaveLength(1);
    expect(o.items[0]?.quantity).toBe(truth.quantity);
    expect(o.items[0]?.unitPrice).toEqual({ scaled: truth.goods.priceFen * 100, currency: 'CNY' });
    expect(o.items[0]?.sku).toBe(String(truth.goods.id));
  } else {
    expect(o.title).toBeNull();
    expect(o.createdAt).toBeNull();
  }
}

/** The card records ground truth says an order shows (cards are only sent while status is 3). */
export function expectedCards(truth: SimOrder): CardCodeRecord[] {
  if (truth.status !== 3) return [];
  const seen = new Set<string>();
  return truth.cards.map((c, i) => {
    let cardKey = c.cardNo === '' ? `#${i + 1}` : c.cardNo;
    if (seen.has(cardKey)) cardKey = `${c.cardNo}#${i + 1}`;
    seen.add(cardKey);
    return { orderNo: truth.ordersn, cardKey, cardNo: c.cardNo, password: c.password, showType: c.showType, expiresAt: c.expiresAt };
  });
}

/** First index whose ground truth satisfies `predicate` (datasets are small in tests). */
export function findIndex(dataset: { count: number; order(i: number): SimOrder }, predicate: (o: SimOrder) => boolean): number {
  for (let i = 0; i < dataset.count; i++) if (predicate(dataset.order(i))) return i;
  throw new Error('no such order in the dataset');
}
