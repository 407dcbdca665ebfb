/**
 * Kasushou records → domain records. Money is yuan (2 dp strings or bare numbers), create times are
 * Asia/Shanghai wall time, card expiries are wall time or epoch digits. Card passwords never go into an
 * order's `raw` text: they live only in CardCodeRecord, which the repository encrypts.
 */
import type { Money } from '../../domain/money.js';
import { MoneyError, parseMoney } from '../../domain/money.js';
import type { CardCodeRecord, CardShowType, OrderItemRecord, OrderRecord, OrderStatus, RecordBatch } from '../../domain/models.js';
import { emptyBatch } from '../../domain/models.js';
import { TimeParseError, parseEpochMillis, parseShanghaiWallTime, parseUnixSeconds } from '../../domain/time.js';
import { rawJson } from '../json.js';
import { ProviderError } from '../provider-error.js';
import type { KasushouAdminOrderRow, KasushouCard, KasushouOrderInfoItem } from './schemas.js';

/** Kasushou status → domain status (v2api/49; -1 = 未支付, site pre-paid balance too low, never accepted). */
export const KASUSHOU_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  '-1': 'failed',
  '1': 'pending',
  '2': 'processing',
  '3': 'completed',
  '4': 'cancelled',
  '5': 'refunded',
};

export const KASUSHOU_STATUS_LABELS: Readonly<Record<string, string>> = {
  '-1': '未支付',
  '1': '等待处理',
  '2': '正在处理',
  '3': '交易成功',
  '4': '取消交易',
  '5': '已退款',
};

export const REDACTED = '[已隐藏 redacted]';

type Scalar = string | number | null | undefined;

function text(value: Scalar): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

export function mapStatus(status: string | number): { status: OrderStatus; statusRaw: string } {
  const statusRaw = String(status).trim();
  return { status: KASUSHOU_STATUS_MAP[statusRaw] ?? 'unknown', statusRaw };
}

function money(value: Scalar): Money | null {
  return parseMoney(value, 'CNY');
}

/** Expiry as "yyyy-MM-dd HH:mm:ss" (Shanghai), 13-digit ms or 10-digit seconds; "" / 0 → null. */
export function parseExpiry(value: Scalar): number | null {
  const t = text(value);
  if (t === null || /^0+$/.test(t)) return null;
  if (/^\d{13}$/.test(t)) return parseEpochMillis(t);
  if (/^\d{9,10}$/.test(t)) return parseUnixSeconds(t);
  return parseShanghaiWallTime(t);
}

export function parseShowType(value: Scalar): CardShowType {
  const t = text(value);
  // The newer doc drops the field; absent means plain card number + password.
  if (t === '2') return 2;
  if (t === '3') return 3;
  return 1;
}

/** A card list → CardCodeRecords; the key is the card number, or its position when that is empty or repeated. */
export function mapCards(orderNo: string, cards: readonly KasushouCard[] | null | undefined): CardCodeRecord[] {
  const seen = new Set<string>();
  return (cards ?? []).map((card, index) => {
    const cardNo = text(card.card_no) ?? '';
    let cardKey = cardNo === '' ? `#${index + 1}` : cardNo;
    if (seen.has(cardKey)) cardKey = `${cardNo}#${index + 1}`;
    seen.add(cardKey);
    return {
      orderNo,
      cardKey,
      cardNo,
      password: card.card_password === null || card.card_password === undefined ? '' : String(card.card_password),
      showType: parseShowType(card.card_show_type),
      expiresAt: parseExpiry(card.end_time),
    };
  });
}

/** The record as the provider sent it, minus card passwords. */
export function redactedRaw(record: object): string {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const cards = copy['card_list'];
  if (Array.isArray(cards)) {
    copy['card_list'] = cards.map((c: unknown) => (c && typeof c === 'object' ? { ...c, card_password: REDACTED } : c));
  }
  return rawJson(copy);
}

function guard<T>(record: object, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof MoneyError || error instanceof TimeParseError) {
      throw new ProviderError({
        kind: 'bad_response',
        provider: 'kasushou',
        message: `订单字段无法解析 (unreadable field): ${error.message}`,
        raw: redactedRaw(record),
        cause: error,
      });
    }
    throw error;
  }
}

/** One `order/info` item → its order and its card codes. */
export function mapOrderInfoItem(item: KasushouOrderInfoItem): { order: OrderRecord; cards: CardCodeRecord[] } {
  return guard(item, () => {
    const orderNo = String(item.ordersn);
    const createTime = item['create_time'];
    const order: OrderRecord = {
      orderNo,
      externalOrderNo: text(item.external_orderno),
      ...mapStatus(item.status),
      title: typeof item['goods_name'] === 'string' && item['goods_name'] !== '' ? item['goods_name'] : null,
      buyer: null,
      total: money(item.total_price),
      paid: null,
      refunded: money(item.has_back_money),
      commission: null,
      createdAt: typeof createTime === 'string' ? parseShanghaiWallTime(createTime) : null,
      updatedAt: null,
      paidAt: null,
      items: [],
      raw: redactedRaw(item),
    };
    return { order, cards: mapCards(orderNo, item.card_list) };
  });
}

function quantityOf(value: Scalar): number | null {
  const t = text(value);
  return t !== null && /^\d+$/.test(t) ? Number(t) : null;
}

function adminItems(row: KasushouAdminOrderRow): OrderItemRecord[] {
  if (row.goods_id == null && row.goods_name == null) return [];
  const goodsId = text(row.goods_id);
  return [
    {
      itemKey: goodsId ?? '0',
      title: text(row.goods_name),
      sku: goodsId,
      quantity: quantityOf(row.quantity),
      unitPrice: money(row.goods_price),
      amount: money(row.total_price),
      raw: rawJson({ goods_id: row.goods_id, goods_name: row.goods_name, quantity: row.quantity, goods_price: row.goods_price }),
    },
  ];
}

/** One admin `order/list` row → an order (no cards: the list does not carry them). */
export function mapAdminOrderRow(row: KasushouAdminOrderRow): OrderRecord {
  return guard(row, () => ({
    orderNo: String(row.ordersn),
    externalOrderNo: text(row.external_orderno),
    ...mapStatus(row.status),
    title: text(row.goods_name),
    buyer: null,
    total: money(row.total_price),
    paid: null,
    refunded: money(row.has_back_money),
    commission: null,
    createdAt: parseShanghaiWallTime(text(row.create_time)),
    updatedAt: parseShanghaiWallTime(text(row.update_time)),
    paidAt: null,
    items: adminItems(row),
    raw: redactedRaw(row),
  }));
}

export function mapOrderInfoItems(items: readonly KasushouOrderInfoItem[]): RecordBatch {
  const mapped = items.map(mapOrderInfoItem);
  return { ...emptyBatch(), orders: mapped.map((m) => m.order), cards: mapped.flatMap((m) => m.cards) };
}

export function mapAdminOrderRows(rows: readonly KasushouAdminOrderRow[]): RecordBatch {
  return { ...emptyBatch(), orders: rows.map(mapAdminOrderRow) };
}
