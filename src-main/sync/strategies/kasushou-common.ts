/**
 * Pieces shared by the two Kasushou sync modes: one signed call per `ctx.call` (so the engine retries
 * exactly the request that failed), the statuses that can still move, and the in-run view of which
 * stored orders are still open.
 */
import type { OrderRecord } from '../../domain/models.js';
import { badShape } from '../../providers/http.js';
import { KASUSHOU_PATHS, ORDER_INFO_MAX_BATCH, type KasushouClient } from '../../providers/kasushou/client.js';
import { adminOrderPages, orderInfoBatched, type AdminPage } from '../../providers/kasushou/paging.js';
import { adminOrderListDataSchema, type KasushouAdminOrderRow, type KasushouOrderInfoItem } from '../../providers/kasushou/schemas.js';
import type { StrategyContext } from '../strategy.js';

export type KasushouContext = StrategyContext<KasushouClient>;

/** Kasushou statuses that can still move: -1 未支付, 1 等待处理, 2 正在处理 (3/4/5 are final). */
export const OPEN_STATUS_CODES = [-1, 1, 2] as const;
const OPEN_RAW = new Set(OPEN_STATUS_CODES.map(String));

/** "No limit" for `openOrderNos` (its default stops at 10,000). */
export const ALL_ROWS = 1_000_000_000;

export function isOpenStatus(statusRaw: string): boolean {
  return OPEN_RAW.has(statusRaw.trim());
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** One `order/info` request for at most ORDER_INFO_MAX_BATCH order numbers. */
export function orderInfoCall(ctx: KasushouContext, ordersns: readonly string[], day = 0): Promise<KasushouOrderInfoItem[]> {
  if (ordersns.length > ORDER_INFO_MAX_BATCH) throw new RangeError(`order/info batch too large: ${ordersns.length}`);
  return ctx.call(`order/info ×${ordersns.length}`, () => orderInfoBatched(ctx.client, ordersns, ORDER_INFO_MAX_BATCH, day));
}

/** One page (100 rows) of the admin order list, newest first, optionally filtered by status. */
export function adminPageCall(ctx: KasushouContext, page: number, status?: number): Promise<AdminPage> {
  const what = status === undefined ? `admin order/list page ${page}` : `admin order/list status ${status} page ${page}`;
  return ctx.call(what, async () => {
    const pages = adminOrderPages(ctx.client, { startPage: page, ...(status === undefined ? {} : { status }) });
    try {
      const first = await pages.next();
      if (first.done) throw new Error('adminOrderPages yielded no page');
      return first.value;
    } finally {
      await pages.return(undefined);
    }
  });
}

/**
 * The admin row of one order, through the list's documented `ordersn` filter (v2api/60) — the client's
 * typed query only exposes `status`, so the signed call is made directly. Null when the list lacks it.
 */
export function adminRowCall(ctx: KasushouContext, ordersn: string): Promise<KasushouAdminOrderRow | null> {
  return ctx.call(`admin order/list ordersn ${ordersn}`, async () => {
    const { data, res } = await ctx.client.call(KASUSHOU_PATHS.adminOrderList, { limit: 10, ordersn, page: 1 });
    if (data === null || data === undefined) return null;
    const parsed = adminOrderListDataSchema.safeParse(data);
    if (!parsed.success) throw badShape('kasushou', res, parsed.error.issues[0]?.message ?? 'invalid order list');
    // The unparsed rows keep the provider's key order for `raw`, as the client does.
    return (data as KasushouAdminOrderRow[]).find((row) => String(row.ordersn) === ordersn) ?? null;
  });
}

/**
 * Which stored orders may still move, kept current as pages are committed: `open` = stored with status
 * 1/2 (or a status we do not know), `unpaid` = stored with -1 (normalized "failed", so the store does
 * not list it as open, yet it is re-polled until final).
 */
export class OpenOrders {
  private readonly open: Set<string>;
  private readonly unpaid: Set<string>;

  constructor(open: Iterable<string>, unpaid: Iterable<string>) {
    this.open = new Set(open);
    this.unpaid = new Set(unpaid);
  }

  /** Whether a stored order was last seen in a status that can still move. */
  isOpen(orderNo: string): boolean {
    return this.open.has(orderNo) || this.unpaid.has(orderNo);
  }

  /** Records the status an order is being committed with. */
  note(order: OrderRecord): void {
    const raw = order.statusRaw.trim();
    this.unpaid.delete(order.orderNo);
    this.open.delete(order.orderNo);
    if (raw === '-1') this.unpaid.add(order.orderNo);
    else if (isOpenStatus(raw) || order.status === 'unknown') this.open.add(order.orderNo);
  }

  /** Stored orders with status -1, for the cursor (the store cannot list them: they look final). */
  unpaidList(): string[] {
    return [...this.unpaid];
  }

  /** Every order that may still move. */
  all(): string[] {
    return [...new Set([...this.open, ...this.unpaid])];
  }
}
