/**
 * `by_KjdsOrder_query` records → domain records. Records carry no status of their own: it comes from
 * the status the list was queried with. Money is fen (price a string, commissions ints); time is
 * `create_time` in Unix seconds (the UTC time inside `order_no` is ignored).
 */
import { moneyFromFen, type Money } from '../../domain/money.js';
import type {
  CommissionRecord,
  CommissionStatus,
  OrderRecord,
  OrderStatus,
  RecordBatch,
} from '../../domain/models.js';
import { parseUnixSeconds } from '../../domain/time.js';
import { rawJson } from '../json.js';
import type { ItboyeOrdersResult } from './client.js';
import type { ItboyeOrder, ItboyeQueryStatus } from './schemas.js';

const ORDER_STATUS: Record<ItboyeQueryStatus, OrderStatus> = {
  success: 'completed',
  fail: 'failed',
  wait: 'pending',
  // The "all" list does not say which orders are which.
  all: 'unknown',
};

const COMMISSION_STATUS: Record<ItboyeQueryStatus, CommissionStatus> = {
  success: 'confirmed',
  fail: 'invalid',
  wait: 'pending',
  all: 'unknown',
};

const UPLINES = [
  { level: 1, user: 'parent_user', amount: 'p_user_commission' },
  { level: 2, user: 'pp_user', amount: 'pp_user_commission' },
  { level: 3, user: 'ppp_user', amount: 'ppp_user_commission' },
] as const;

function fen(value: unknown): Money | null {
  return moneyFromFen(value);
}

/** An upline id that names a user: not absent, empty or "0". */
function uplineId(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' || text === '0' ? null : text;
}

/** One order as an OrderRecord; `status` is the status the list was queried with. */
export function mapOrder(order: ItboyeOrder, status: ItboyeQueryStatus): OrderRecord {
  return {
    orderNo: String(order.order_no),
    externalOrderNo: String(order.id),
    status: ORDER_STATUS[status],
    statusRaw: status,
    title: order.item_title ?? null,
    buyer: order.username,
    total: fen(order.price),
    paid: null,
    refunded: null,
    commission: fen(order.commission_amount),
    createdAt: parseUnixSeconds(order.create_time),
    updatedAt: null,
    paidAt: null,
    items: [],
    raw: rawJson(order),
  };
}

/**
 * The commissions of one order: level 0 for the order's user, levels 1–3 for each upline user that is
 * set (id not "0"); the beneficiary of an upline level is that user's id.
 */
export function mapCommissions(order: ItboyeOrder, status: ItboyeQueryStatus): CommissionRecord[] {
  const orderNo = String(order.order_no);
  const earnedAt = parseUnixSeconds(order.create_time);
  const base = { orderNo, status: COMMISSION_STATUS[status], statusRaw: status, earnedAt };
  const out: CommissionRecord[] = [];
  const own = fen(order.commission_amount);
  if (own) out.push({ ...base, beneficiary: order.username, level: 0, amount: own });
  for (const upline of UPLINES) {
    const beneficiary = uplineId(order[upline.user]);
    const amount = fen(order[upline.amount]);
    if (beneficiary && amount) out.push({ ...base, beneficiary, level: upline.level, amount });
  }
  return out;
}

/** A query result as one batch: its orders and all their commissions. */
export function mapOrdersResult(result: ItboyeOrdersResult): RecordBatch {
  return {
    orders: result.orders.map((o) => mapOrder(o, result.status)),
    cards: [],
    commissions: result.orders.flatMap((o) => mapCommissions(o, result.status)),
    settlements: [],
    flows: [],
  };
}
