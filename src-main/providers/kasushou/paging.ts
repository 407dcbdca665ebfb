/**
 * Paging helpers over the Kasushou client. The admin list returns a bare array with no total, so the
 * only end marker is a page shorter than `limit`. No retries here: errors propagate to the caller.
 */
import { ADMIN_LIST_MAX_LIMIT, ORDER_INFO_MAX_BATCH, type KasushouClient } from './client.js';
import type { KasushouAdminOrderRow, KasushouOrderInfoItem } from './schemas.js';

export interface AdminPage {
  readonly page: number;
  readonly rows: KasushouAdminOrderRow[];
  /** True when this page was shorter than the limit, i.e. nothing follows. */
  readonly last: boolean;
}

export interface AdminPagingOptions {
  readonly limit?: number;
  readonly status?: number;
  /** Resume point (1-based), e.g. from a stored cursor. */
  readonly startPage?: number;
}

/** Yields admin order-list pages from `startPage` until a short page (possibly empty) ends the list. */
export async function* adminOrderPages(client: KasushouClient, options: AdminPagingOptions = {}): AsyncGenerator<AdminPage> {
  const limit = options.limit ?? ADMIN_LIST_MAX_LIMIT;
  for (let page = options.startPage ?? 1; ; page++) {
    const rows = await client.adminOrderList({ page, limit, ...(options.status !== undefined ? { status: options.status } : {}) });
    const last = rows.length < limit;
    yield { page, rows, last };
    if (last) return;
  }
}

/** Splits order numbers into `order/info` calls of at most `batchSize` (≤ 100) and concatenates the items. */
export async function orderInfoBatched(
  client: KasushouClient,
  ordernos: readonly string[],
  batchSize: number = ORDER_INFO_MAX_BATCH,
  day = 0,
): Promise<KasushouOrderInfoItem[]> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer: ${batchSize}`);
  const items: KasushouOrderInfoItem[] = [];
  for (let start = 0; start < ordernos.length; start += batchSize) {
    items.push(...(await client.orderInfo(ordernos.slice(start, start + batchSize), day)));
  }
  return items;
}
