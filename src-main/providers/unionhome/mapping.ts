/**
 * union-home order detail → OrderRecord (+ a masked view of the buyer's form and address).
 *
 * Decisions (providers.md §4.3):
 * - orderNo = goods_order_num (24-digit string, the natural key); externalOrderNo = String(order_id).
 * - total = goods_pay_price (订单总价), paid = paid_pay (已支付) — test payments make paid < deposit, so
 *   nothing is derived from deposit_price. refunded/commission are not reported → null.
 * - createdAt = create_at (Asia/Shanghai wall time), paidAt = pay_at (Unix seconds as a string); each
 *   field accepts either format. updatedAt: the API has none → null.
 * - title = the first priced goods_json option's title (the base product, e.g. "28孔基础款调料台"), else
 *   goods_title (a model number).
 * - items = goods_json options that carry a price ("¥20800", the `fruidtitle` quirk's "总价¥4500" with
 *   "数量(6)"), except the total line (allprice / 合计). Without any priced option, one item for the order.
 * - PII: no normalized field carries the form/address; `masked` holds them with phones and e-mails
 *   masked. `raw` is the complete payload (encrypted at rest by the store).
 */
import { money, parseMoney, type Money } from '../../domain/money.js';
import type { OrderItemRecord, OrderRecord, OrderStatus } from '../../domain/models.js';
import { rawJson } from '../json.js';
import { maskObject, maskPii } from './pii.js';
import { parseUnionhomeTime, type JsonObject, type UnionhomeOrderDetail } from './schemas.js';

/** A validated detail plus the provider's own record (losslessly parsed) it came from. */
export interface UnionhomeOrder {
  readonly detail: UnionhomeOrderDetail;
  /** The `data` object exactly as received (24-digit numbers as strings). */
  readonly data: JsonObject;
}

/** What the UI may show of the buyer: phones and e-mails masked. */
export interface UnionhomeMaskedView {
  readonly goodsForm: Readonly<Record<string, string>>;
  readonly goodsAddress: Readonly<Record<string, string>>;
  readonly orderRemark: string | null;
  readonly cancelRemark: string | null;
}

export interface UnionhomeMappedOrder {
  readonly record: OrderRecord;
  readonly masked: UnionhomeMaskedView;
}

/**
 * order_status 0..11 → OrderStatus. "Final" statuses (completed/cancelled/refunded/failed) are not
 * re-polled by sync, so only end states map to them: 8 已收货, 10 已评价 and 11 未评价 (received, review
 * pending — nothing left to settle) are completed; 1 支付成功, 4 退款中, 6 已发货, 7 未发货 and 9 未收货
 * are in progress.
 */
export const ORDER_STATUS_MAP: Readonly<Record<number, OrderStatus>> = {
  0: 'pending', // 待支付
  1: 'processing', // 支付成功
  2: 'failed', // 支付失败
  3: 'cancelled', // 订单取消
  4: 'processing', // 退款中
  5: 'refunded', // 已退款
  6: 'processing', // 已发货
  7: 'processing', // 未发货
  8: 'completed', // 已收货
  9: 'processing', // 未收货
  10: 'completed', // 已评价
  11: 'completed', // 未评价
};

export function mapOrderStatus(code: number): OrderStatus {
  return ORDER_STATUS_MAP[code] ?? 'unknown';
}

const TOTAL_KEYS = new Set(['allprice', 'totalprice', 'total']);
const TOTAL_TITLES = new Set(['合计', '总计', '总价', '合计金额']);
const PRICE_RE = /[¥￥]\s*(-?[\d,]+(?:\.\d+)?)/;
const QUANTITY_RE = /数量\s*[(（]\s*(\d+)\s*[)）]/;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A display price ("20800", "1,280.50"); absurd values are ignored rather than failing the order. */
function displayMoney(text: string): Money | null {
  try {
    return parseMoney(text);
  } catch {
    return null;
  }
}

/** The first "¥amount" / "数量(n)" in an option's own text fields (title excluded). */
function optionFacts(option: JsonObject): { amount: Money | null; quantity: number | null } {
  let amount: Money | null = null;
  let quantity: number | null = null;
  for (const [key, value] of Object.entries(option)) {
    if (key === 'title' || typeof value !== 'string') continue;
    const price: RegExpExecArray | null = amount === null ? PRICE_RE.exec(value) : null;
    if (price?.[1]) amount = displayMoney(price[1]);
    const qty: RegExpExecArray | null = quantity === null ? QUANTITY_RE.exec(value) : null;
    if (qty?.[1]) quantity = Number(qty[1]);
  }
  return { amount, quantity };
}

function unitPriceOf(amount: Money, quantity: number): Money | null {
  if (quantity <= 0 || amount.scaled % quantity !== 0) return null;
  return money(amount.scaled / quantity, amount.currency);
}

function isTotalLine(key: string, option: JsonObject): boolean {
  return TOTAL_KEYS.has(key.toLowerCase()) || TOTAL_TITLES.has(textOf(option.title) ?? '');
}

/** Priced goods_json options as order items; the first one is the base product (sku = goods_title). */
export function pricedItems(detail: UnionhomeOrderDetail): OrderItemRecord[] {
  const items: OrderItemRecord[] = [];
  for (const [key, option] of Object.entries(detail.goods_json)) {
    if (!isObject(option) || isTotalLine(key, option)) continue;
    const { amount, quantity } = optionFacts(option);
    if (amount === null) continue;
    const qty = quantity ?? 1;
    items.push({
      itemKey: key,
      title: textOf(option.title),
      sku: items.length === 0 ? detail.goods_title : null,
      quantity: qty,
      unitPrice: unitPriceOf(amount, qty),
      amount,
      raw: rawJson(option),
    });
  }
  return items;
}

/** The base product's name (first priced option), else goods_title (a model number such as "KLD28BDF-6F"). */
function orderTitle(detail: UnionhomeOrderDetail, items: readonly OrderItemRecord[]): string | null {
  return items[0]?.title ?? textOf(detail.goods_title);
}

/** The whole order as one item, when goods_json names no priced option. */
function wholeOrderItem(detail: UnionhomeOrderDetail, title: string | null, total: Money | null): OrderItemRecord {
  return {
    itemKey: 'order',
    title,
    sku: detail.goods_title,
    quantity: 1,
    unitPrice: total,
    amount: total,
    raw: rawJson(detail.goods_json),
  };
}

function maskedText(value: string | null): string | null {
  return value === null || value === '' ? value : maskPii(value);
}

/** The masked view of the buyer's data (phones and e-mails masked, everything else as sent). */
export function maskedView(detail: UnionhomeOrderDetail): UnionhomeMaskedView {
  return {
    goodsForm: maskObject(detail.goods_form),
    goodsAddress: maskObject(detail.goods_address),
    orderRemark: maskedText(detail.order_remark),
    cancelRemark: maskedText(detail.cancel_remark),
  };
}

/** Pure mapping; values were validated by the schema, so this does not throw for schema-valid input. */
export function mapUnionhomeOrder(order: UnionhomeOrder): UnionhomeMappedOrder {
  const { detail } = order;
  const total = parseMoney(detail.goods_pay_price);
  const priced = pricedItems(detail);
  const title = orderTitle(detail, priced);
  const record: OrderRecord = {
    orderNo: detail.goods_order_num,
    externalOrderNo: String(detail.order_id),
    status: mapOrderStatus(detail.order_status),
    statusRaw: String(detail.order_status),
    title,
    buyer: detail.uid,
    total,
    paid: parseMoney(detail.paid_pay),
    refunded: null,
    commission: null,
    createdAt: parseUnionhomeTime(detail.create_at),
    updatedAt: null,
    paidAt: parseUnionhomeTime(detail.pay_at),
    items: priced.length > 0 ? priced : [wholeOrderItem(detail, title, total)],
    raw: rawJson(order.data),
  };
  return { record, masked: maskedView(detail) };
}
