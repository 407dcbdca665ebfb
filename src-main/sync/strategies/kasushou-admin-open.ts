/**
 * Kasushou admin mode, part 2: re-polling orders that can still move (-1 未支付, 1 等待处理, 2 正在处理)
 * wherever they are in the list.
 * 1. The list filtered by status -1, then 1, then 2 gives every currently open order as a full admin
 *    row (forward moves made while listing land in a later list, so they are not missed).
 * 2. Stored open orders that none of those lists showed have become final (or vanished): `order/info`
 *    in batches of 100 says which; each one that is final now is re-read through the list's `ordersn`
 *    filter (so the stored record keeps the admin-row shape), with its card codes from `order/info`.
 * Cursor (stream `admin-open`): the stored -1 orders (the store cannot list them: -1 maps to "failed")
 * and, while listing, the status step and page to resume from. Step 2 is idempotent: a resumed run
 * simply checks what is still open.
 */
import { emptyBatch, type CardCodeRecord, type OrderRecord } from '../../domain/models.js';
import { mapAdminOrderRow, mapAdminOrderRows, mapOrderInfoItem } from '../../providers/kasushou/mapping.js';
import type { KasushouOrderInfoItem } from '../../providers/kasushou/schemas.js';
import { ORDER_INFO_MAX_BATCH } from '../../providers/kasushou/client.js';
import { adminPageCall, adminRowCall, chunk, isOpenStatus, OPEN_STATUS_CODES, orderInfoCall, type KasushouContext, type OpenOrders } from './kasushou-common.js';

export const OPEN_STREAM = 'admin-open';

export interface OpenCursor {
  /** Stored orders last seen with status -1. */
  readonly unpaid: readonly string[];
  /** Listing under way: index into OPEN_STATUS_CODES (its length = the check step) and the next page. */
  readonly listing: { readonly step: number; readonly page: number } | null;
}

const PHASE_LIST = '未完成订单 open orders';
const PHASE_CHECK = '核对已完成订单 orders that finished';

/** The stored -1 orders as last saved (the tracker of a run starts from them). */
export function savedUnpaid(ctx: KasushouContext): readonly string[] {
  return ctx.cursor<OpenCursor>(OPEN_STREAM)?.unpaid ?? [];
}

/** Re-polls every order that may still move; see the module comment. */
export async function repollOpenOrders(ctx: KasushouContext, open: OpenOrders): Promise<void> {
  let listing = ctx.cursor<OpenCursor>(OPEN_STREAM)?.listing ?? { step: 0, page: 1 };
  const listed = new Set<string>();
  while (listing.step < OPEN_STATUS_CODES.length) {
    const status = OPEN_STATUS_CODES[listing.step]!;
    ctx.progress({ phase: PHASE_LIST, window: `${PHASE_LIST} ${status}`, page: listing.page, done: listing.step, total: OPEN_STATUS_CODES.length + 1 });
    const page = await adminPageCall(ctx, listing.page, status);
    const orders = mapAdminOrderRows(page.rows).orders;
    for (const o of orders) listed.add(o.orderNo);
    listing = page.last ? { step: listing.step + 1, page: 1 } : { step: listing.step, page: listing.page + 1 };
    await commitNoting(ctx, open, orders, [], listing);
  }
  const candidates = open.all().filter((no) => !listed.has(no));
  const batches = chunk(candidates, ORDER_INFO_MAX_BATCH);
  for (const [index, batch] of batches.entries()) {
    ctx.progress({ phase: PHASE_CHECK, window: PHASE_CHECK, page: index + 1, done: index, total: batches.length });
    const items = await orderInfoCall(ctx, batch);
    const finished = items.filter((item) => !isOpenStatus(String(item.status)));
    const orders: OrderRecord[] = [];
    for (const item of finished) orders.push(await currentRecord(ctx, item));
    const cards = finished.filter((item) => String(item.status).trim() === '3').flatMap((item) => mapOrderInfoItem(item).cards);
    await commitNoting(ctx, open, orders, cards, listing);
  }
  ctx.saveCursor({ stream: OPEN_STREAM, value: { unpaid: open.unpaidList(), listing: null } satisfies OpenCursor });
}

/** The order as the admin list shows it now; the `order/info` view only if the list does not have it. */
async function currentRecord(ctx: KasushouContext, item: KasushouOrderInfoItem): Promise<OrderRecord> {
  const orderNo = String(item.ordersn);
  const row = await adminRowCall(ctx, orderNo);
  if (row) return mapAdminOrderRow(row);
  ctx.warn(`后台订单列表中找不到订单 ${orderNo}，已按订单查询接口的结果保存 (order not in the admin list; saved from order/info)`);
  return mapOrderInfoItem(item).order;
}

async function commitNoting(
  ctx: KasushouContext,
  open: OpenOrders,
  orders: readonly OrderRecord[],
  cards: readonly CardCodeRecord[],
  listing: OpenCursor['listing'],
): Promise<void> {
  // The tracker is updated first so the cursor written with the page already reflects it.
  for (const o of orders) open.note(o);
  const value: OpenCursor = { unpaid: open.unpaidList(), listing };
  await ctx.commit({ ...emptyBatch(), orders, cards }, { stream: OPEN_STREAM, value });
}
