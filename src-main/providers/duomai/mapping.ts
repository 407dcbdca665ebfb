/**
 * Duomai rows → domain records. Orders carry their own currencies (`currency` for order amounts,
 * `charge_currency` for confirmed/settled amounts); every amount keeps its currency so CNY and USD
 * are never mixed. Times are Asia/Shanghai wall time; ids stay strings.
 */
import { createHash } from 'node:crypto';
import { formatScaled, parseCurrency, parseMoney, parseScaled, type Currency, type Money } from '../../domain/money.js';
import type {
  CommissionRecord,
  CommissionStatus,
  OrderItemRecord,
  OrderRecord,
  OrderStatus,
  RecordBatch,
  SettlementChangeRecord,
} from '../../domain/models.js';
import { emptyBatch } from '../../domain/models.js';
import { parseShanghaiWallTime } from '../../domain/time.js';
import { rawJson } from '../json.js';
import { ProviderError } from '../provider-error.js';
import type { DuomaiOrderDetail, DuomaiOrderRow, DuomaiSettlementRow } from './schemas.js';

const ORDER_STATUS: Readonly<Record<string, OrderStatus>> = { '-1': 'failed', '0': 'pending', '1': 'processing', '2': 'completed' };
const COMMISSION_STATUS: Readonly<Record<string, CommissionStatus>> = {
  '-1': 'invalid',
  '0': 'estimated',
  '1': 'confirmed',
  '2': 'settled',
};

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  return t === '' ? null : t;
}

/** Wall time → epoch ms; PHP's zero date ("0000-00-00 00:00:00") means "not yet". */
function wallTime(value: unknown): number | null {
  const t = text(value);
  if (t === null || /^0{4}-0{2}-0{2}/.test(t)) return null;
  return parseShanghaiWallTime(t);
}

function quantity(value: unknown): number | null {
  const t = text(value);
  return t !== null && /^\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : null;
}

/** Keys that stay the same when the order is read again: goods id (or sub-order, or position), made unique. */
function itemKeys(details: readonly DuomaiOrderDetail[]): string[] {
  const seen = new Map<string, number>();
  return details.map((d, index) => {
    const base = text(d.goods_id) ?? text(d.order_sn) ?? `#${index}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}

function mapItems(details: readonly DuomaiOrderDetail[], currency: Currency): OrderItemRecord[] {
  const keys = itemKeys(details);
  return details.map((d, index) => ({
    itemKey: keys[index]!,
    title: text(d.goods_name),
    sku: text(d.goods_id),
    quantity: quantity(d.goods_ta ?? d.goods_num),
    unitPrice: parseMoney(d.goods_price, currency),
    amount: parseMoney(d.orders_price, currency),
    raw: rawJson(d),
  }));
}

/** Statuses and currencies of one order row. */
function orderTerms(row: DuomaiOrderRow): { statusRaw: string; orderCurrency: Currency; chargeCurrency: Currency } {
  const orderCurrency = parseCurrency(text(row.currency) ?? text(row.charge_currency), 'CNY');
  const chargeCurrency = parseCurrency(text(row.charge_currency) ?? text(row.currency), 'CNY');
  return { statusRaw: String(row.status).trim(), orderCurrency, chargeCurrency };
}

/** Confirmed commission once the order is confirmed/settled, the estimate otherwise. */
function orderCommission(row: DuomaiOrderRow, statusRaw: string, orderCurrency: Currency, chargeCurrency: Currency): Money | null {
  const confirmed = statusRaw === '1' || statusRaw === '2' ? parseMoney(row.confirm_siter_commission, chargeCurrency) : null;
  return confirmed ?? parseMoney(row.siter_commission, orderCurrency);
}

/** One order row → its OrderRecord and the merchant's own CommissionRecord (level 0), if any. */
export function mapDuomaiOrder(row: DuomaiOrderRow): { order: OrderRecord; commission: CommissionRecord | null } {
  const { statusRaw, orderCurrency, chargeCurrency } = orderTerms(row);
  const details = row.details ?? [];
  const orderNo = String(row.order_sn).trim();
  const createdAt = wallTime(row.order_time);
  const commissionAmount = orderCommission(row, statusRaw, orderCurrency, chargeCurrency);
  const siteId = text(row.site_id);
  const euid = text(row.euid);
  const order: OrderRecord = {
    orderNo,
    externalOrderNo: text(row.parent_order_sn) ?? text(row.parentordersn),
    status: ORDER_STATUS[statusRaw] ?? 'unknown',
    statusRaw,
    title: text(details[0]?.goods_name) ?? text(row.ads_name),
    buyer: euid,
    total: parseMoney(row.orders_price, orderCurrency),
    paid: null,
    refunded: null,
    commission: commissionAmount,
    createdAt,
    updatedAt: wallTime(row.update_time) ?? wallTime(row.charge_time),
    paidAt: null,
    items: mapItems(details, orderCurrency),
    raw: rawJson(row),
  };
  const commission: CommissionRecord | null = commissionAmount
    ? {
        orderNo,
        beneficiary: siteId ? `site:${siteId}` : (euid ?? 'site'),
        level: 0,
        amount: commissionAmount,
        status: COMMISSION_STATUS[statusRaw] ?? 'unknown',
        statusRaw,
        earnedAt: createdAt,
      }
    : null;
  return { order, commission };
}

function mappingError(what: string, index: number, row: unknown, error: unknown): ProviderError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    kind: 'bad_response',
    provider: 'duomai',
    message: `第 ${index + 1} 条${what}无法解析：${reason} (row ${index} could not be mapped)`,
    raw: rawJson(row),
    cause: error,
  });
}

/** A page of order rows → orders + commissions. A row that cannot be read fails the page (bad_response). */
export function mapDuomaiOrders(rows: readonly DuomaiOrderRow[]): RecordBatch {
  const orders: OrderRecord[] = [];
  const commissions: CommissionRecord[] = [];
  rows.forEach((row, index) => {
    try {
      const mapped = mapDuomaiOrder(row);
      orders.push(mapped.order);
      if (mapped.commission) commissions.push(mapped.commission);
    } catch (error) {
      throw mappingError('订单', index, row, error);
    }
  });
  return { ...emptyBatch(), orders, commissions };
}

/** Canonical text of a decimal(16,4) value for fingerprints: null stays distinct from "0.0000". */
function canonicalAmount(value: unknown): string {
  const scaled = parseScaled(value);
  return scaled === null ? '' : formatScaled(scaled, 4);
}

/** sha1 of order_sn|modify_at|price old/delta/new|commission old/delta/new: the same revision read twice has one key. */
export function settlementChangeKey(row: DuomaiSettlementRow): string {
  const parts = [
    String(row.order_sn).trim(),
    text(row.modify_at) ?? '',
    canonicalAmount(row.confirm_price_old),
    canonicalAmount(row.modify_price),
    canonicalAmount(row.confirm_price),
    canonicalAmount(row.confirm_siter_commission_old),
    canonicalAmount(row.modify_siter_commission),
    canonicalAmount(row.confirm_siter_commission),
  ];
  return createHash('sha1').update(parts.join('|'), 'utf8').digest('hex');
}

/** One settlement revision → SettlementChangeRecord, amounts in the row's charge currency. */
export function mapDuomaiSettlement(row: DuomaiSettlementRow): SettlementChangeRecord {
  const currency = parseCurrency(text(row.charge_currency), 'CNY');
  return {
    changeKey: settlementChangeKey(row),
    orderNo: String(row.order_sn).trim(),
    orderTime: wallTime(row.order_time),
    modifiedAt: wallTime(row.modify_at),
    priceOld: parseMoney(row.confirm_price_old, currency),
    priceDelta: parseMoney(row.modify_price, currency),
    priceNew: parseMoney(row.confirm_price, currency),
    commissionOld: parseMoney(row.confirm_siter_commission_old, currency),
    commissionDelta: parseMoney(row.modify_siter_commission, currency),
    commissionNew: parseMoney(row.confirm_siter_commission, currency),
    adsId: text(row.ads_id),
    adsName: text(row.ads_name),
    euid: text(row.euid),
    currency,
    raw: rawJson(row),
  };
}

/** A page of settlement rows → settlement records. */
export function mapDuomaiSettlements(rows: readonly DuomaiSettlementRow[]): RecordBatch {
  const settlements = rows.map((row, index) => {
    try {
      return mapDuomaiSettlement(row);
    } catch (error) {
      throw mappingError('结算变动', index, row, error);
    }
  });
  return { ...emptyBatch(), settlements };
}
