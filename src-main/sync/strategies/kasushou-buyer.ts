/**
 * Kasushou buyer mode: a buyer API user has no order list, only `order/info` by order number. The
 * merchant imports the order numbers to track (paste, CSV or `import-ids`, kind `ordersn`); each sync
 * asks `order/info` (day = 0: all time) in comma-separated batches of 100 for the tracked numbers not
 * stored yet and for those still open (-1 未支付, 1 等待处理, 2 正在处理), until they are final.
 * `sync --since` re-checks every tracked number created since then (day = days back to `since`).
 *
 * Resuming needs no position: finished orders drop out of the target list, so a resumed run asks only
 * for what is still missing or open. The cursor (stream `buyer`) holds the stored -1 orders, which the
 * store cannot list as open (-1 maps to "failed").
 */
import { DAY_MS } from '../../domain/time.js';
import { ORDER_INFO_MAX_BATCH } from '../../providers/kasushou/client.js';
import { mapOrderInfoItems } from '../../providers/kasushou/mapping.js';
import { ALL_ROWS, chunk, OpenOrders, orderInfoCall, type KasushouContext } from './kasushou-common.js';

export const BUYER_STREAM = 'buyer';
export const TRACKED_KIND = 'ordersn';

export interface BuyerCursor {
  /** Stored orders last seen with status -1. */
  readonly unpaid: readonly string[];
}

const PHASE = '查询跟踪的订单 tracked orders';

/** The `day` window of a `--since` re-check: whole days back from now, at least 1. */
export function dayWindow(now: number, since: number): number {
  return Math.max(1, Math.ceil((now - since) / DAY_MS));
}

export async function syncBuyer(ctx: KasushouContext): Promise<void> {
  const tracked = ctx.store.trackedIds(TRACKED_KIND);
  const open = new OpenOrders(ctx.store.openOrderNos(ALL_ROWS), ctx.cursor<BuyerCursor>(BUYER_STREAM)?.unpaid ?? []);
  const recheck = ctx.since !== null;
  const day = ctx.since === null ? 0 : dayWindow(ctx.now(), ctx.since);
  const targets = recheck ? tracked : tracked.filter((no) => open.isOpen(no) || !ctx.store.hasOrder(no));
  const batches = chunk(targets, ORDER_INFO_MAX_BATCH);
  let missing = 0;
  for (const [index, batch] of batches.entries()) {
    ctx.progress({ phase: PHASE, window: PHASE, page: index + 1, done: index, total: batches.length });
    const mapped = mapOrderInfoItems(await orderInfoCall(ctx, batch, day));
    for (const o of mapped.orders) open.note(o);
    await ctx.commit(mapped, { stream: BUYER_STREAM, value: { unpaid: open.unpaidList() } satisfies BuyerCursor });
    const returned = new Set(mapped.orders.map((o) => o.orderNo));
    missing += batch.filter((no) => !returned.has(no) && !ctx.store.hasOrder(no)).length;
  }
  ctx.progress({ phase: PHASE, done: batches.length, total: batches.length });
  if (missing > 0 && !recheck) {
    ctx.warn(`${missing} 个跟踪的订单号在卡速售查不到，请检查是否输错 (${missing} tracked order numbers were not found upstream)`);
  }
}
