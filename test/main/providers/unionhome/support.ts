/** Shared helpers for the union-home tests: a client bound to a simulator and the id scanner. */
import type { OrderRecord } from '../../../../src-main/domain/models.js';
import { DEFAULT_TIMEOUT_MS, type ProviderContext } from '../../../../src-main/providers/provider.js';
import { createUnionhomeClient, type UnionhomeClient } from '../../../../src-main/providers/unionhome/client.js';
import type { UnionhomeSimulator } from '../../../../src-main/providers/unionhome/simulator.js';

export interface ClientOptions {
  readonly token?: string;
  readonly timeoutMs?: number;
  readonly baseUrl?: string;
  readonly settings?: Record<string, string>;
}

export function contextFor(sim: UnionhomeSimulator, options: ClientOptions = {}): ProviderContext {
  return {
    fetch: globalThis.fetch,
    baseUrl: options.baseUrl ?? sim.orderDetailUrl,
    settings: options.settings ?? {},
    secrets: { token: options.token ?? sim.token },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now: () => Date.now(),
  };
}

export function clientFor(sim: UnionhomeSimulator, options: ClientOptions = {}): UnionhomeClient {
  return createUnionhomeClient(contextFor(sim, options));
}

/** Scans ids upward from `startId` until `maxMisses` consecutive ids are not found. */
export async function scanOrders(client: UnionhomeClient, startId = 1, maxMisses = 20): Promise<OrderRecord[]> {
  const records: OrderRecord[] = [];
  let misses = 0;
  for (let id = startId; misses < maxMisses; id++) {
    const order = await client.fetchOrder(id);
    if (order === null) {
      misses++;
    } else {
      misses = 0;
      records.push(order.record);
    }
  }
  return records;
}
