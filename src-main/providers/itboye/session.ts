/**
 * Session management for the sync engine: the raw client never retries, so re-login on the gateway's
 * 1111 ("登录已过期") happens here, once per call.
 */
import { mergeBatches, type RecordBatch } from '../../domain/models.js';
import type { ItboyeClient } from './client.js';
import { isSessionExpired } from './errors.js';
import { mapOrdersResult } from './mapping.js';
import type { ItboyeQueryStatus } from './schemas.js';

/**
 * Runs `fn` with a live session: logs in first when the client has none, and when `fn` fails with
 * 1111 logs in once more and repeats `fn` once. Any other error, or a second 1111, is thrown as is.
 */
export async function withSession<T>(client: ItboyeClient, fn: (client: ItboyeClient) => Promise<T>): Promise<T> {
  if (!client.session) await client.login();
  try {
    return await fn(client);
  } catch (error) {
    if (!isSessionExpired(error)) throw error;
    await client.login();
    return fn(client);
  }
}

/** Every order (and its commissions) of every configured username for one status, with session handling. */
export async function fetchAllOrders(client: ItboyeClient, status: ItboyeQueryStatus = 'all'): Promise<RecordBatch> {
  const batches: RecordBatch[] = [];
  for (const username of client.usernames) {
    const result = await withSession(client, (c) => c.queryOrders(username, status));
    batches.push(mapOrdersResult(result));
  }
  return mergeBatches(...batches);
}
