/**
 * Fetching the distributor money records (资金流水) of a set of tids, a few at a time. The engine's
 * limiter decides how many really run; the small pool only keeps it fed.
 */
import type { MoneyFlowRecord } from '../../domain/models.js';
import type { KuaimaiClient } from '../../providers/kuaimai/client.js';
import { mapMoneyRecords } from '../../providers/kuaimai/mapping.js';
import type { KuaimaiSessionKeeper } from './kuaimai-session.js';

/** How many money-record calls are handed to the engine at once. */
export const FLOW_CALLS_IN_FLIGHT = 4;

/**
 * Runs `fn` over `items` with at most `limit` in flight, results in input order. After the first
 * failure no new item starts; the ones in flight are awaited, then that first error is thrown.
 */
export async function mapPooled<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const state: { next: number; failed: boolean; error: unknown } = { next: 0, failed: false, error: undefined };
  const worker = async (): Promise<void> => {
    while (!state.failed && state.next < items.length) {
      const index = state.next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        if (!state.failed) Object.assign(state, { failed: true, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (state.failed) throw state.error;
  return results;
}

/** The flows of each tid (duplicates asked once), through the session keeper's `ctx.call`. */
export async function fetchFlows(client: KuaimaiClient, session: KuaimaiSessionKeeper, tids: readonly string[]): Promise<MoneyFlowRecord[]> {
  const unique = [...new Set(tids.map((t) => t.trim()).filter((t) => t !== ''))];
  const perTid = await mapPooled(unique, FLOW_CALLS_IN_FLIGHT, async (tid) => {
    const page = await session.call(`资金流水 ${tid}`, () => client.moneyRecords(tid));
    return mapMoneyRecords(page.tid, page.list);
  });
  return perTid.flat();
}
