/**
 * Kuaimai records → domain records. Trades (erp.trade.list.query) become OrderRecords keyed by the
 * system id `sid` (one platform `tid` may be split into several system orders); distributor money
 * records become append-only MoneyFlowRecords. Money is parsed from its decimal text (yuan) and the
 * JSON-number `amount` through its shortest text, so -4.4 stays exactly -4.4.
 */
import { createHash } from 'node:crypto';
import type { MoneyFlowRecord, OrderItemRecord, OrderRecord, OrderStatus } from '../../domain/models.js';
import { parseMoney, sumMoney, type Money } from '../../domain/money.js';
import { parseEpochMillis, parseShanghaiWallTime, parseUnixSeconds } from '../../domain/time.js';
import { rawJson } from '../json.js';
import { ProviderError } from '../provider-error.js';
import type { KuaimaiFlowSubOrder, KuaimaiMoneyRecord, KuaimaiTrade, KuaimaiTradeSubOrder } from './schemas.js';

/** Kuaimai ERP system statuses (sysStatus); unknown values map to 'unknown' and keep their text. */
export const SYS_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  WAIT_BUYER_PAY: 'pending',
  WAIT_AUDIT: 'processing',
  WAIT_FINANCE_AUDIT: 'processing',
  FINISHED_AUDIT: 'processing',
  WAIT_EXPRESS_PRINT: 'processing',
  WAIT_PACKAGE: 'processing',
  WAIT_WEIGHT: 'processing',
  WAIT_SEND_GOODS: 'processing',
  WAIT_DEST_SEND: 'processing',
  SELLER_SEND_GOODS: 'processing',
  FINISHED: 'completed',
  CLOSED: 'cancelled',
};

export const FLOW_TYPE_PAYMENT = 1;
export const FLOW_TYPE_REFUND = 2;

export function mapSysStatus(sysStatus: string | null | undefined): OrderStatus {
  return (sysStatus && SYS_STATUS_MAP[sysStatus.trim().toUpperCase()]) || 'unknown';
}

/** Ids as text: strings as-is, safe JSON numbers through String(); empty → null. */
export function idText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * A Kuaimai time → epoch ms. Trades carry Java dates as epoch milliseconds; money records carry
 * `yyyy-MM-dd HH:mm:ss` wall time in GMT+8. Both forms are accepted everywhere; 10-digit values are
 * read as Unix seconds.
 */
export function parseKuaimaiTime(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return text.length <= 10 ? parseUnixSeconds(text) : parseEpochMillis(text);
  return parseShanghaiWallTime(text);
}

/** Runs a conversion; a malformed value becomes bad_response carrying the record's JSON. */
function guard<T>(record: unknown, what: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    throw new ProviderError({
      kind: 'bad_response',
      provider: 'kuaimai',
      message: `快麦${what}字段无法解析 (cannot read ${what}): ${error instanceof Error ? error.message : String(error)}`,
      raw: rawJson(record),
      cause: error,
    });
  }
}

function quantity(value: number | string | null | undefined): number | null {
  return value === null || value === undefined || value === '' ? null : Number(value);
}

function mapTradeItem(order: KuaimaiTradeSubOrder, index: number): OrderItemRecord {
  return {
    itemKey: idText(order.oid) ?? idText(order.id) ?? String(index),
    title: order.title ?? order.sysTitle ?? null,
    sku: order.outerSkuId || order.sysOuterId || null,
    quantity: quantity(order.num),
    unitPrice: parseMoney(order.price),
    amount: parseMoney(order.payment),
    raw: rawJson(order),
  };
}

/** One trade → OrderRecord (orderNo = sid, externalOrderNo = platform tid). */
export function mapTrade(trade: KuaimaiTrade): OrderRecord {
  return guard(trade, '订单', () => {
    const items = (trade.orders ?? []).map(mapTradeItem);
    const sysStatus = trade.sysStatus ?? '';
    return {
      orderNo: idText(trade.sid) ?? '',
      externalOrderNo: idText(trade.tid),
      status: mapSysStatus(sysStatus),
      statusRaw: sysStatus,
      title: items[0]?.title ?? null,
      buyer: trade.buyerNick || null,
      total: parseMoney(trade.payment),
      paid: parseMoney(trade.acPayment),
      refunded: null,
      commission: null,
      createdAt: parseKuaimaiTime(trade.created),
      updatedAt: parseKuaimaiTime(trade.modified ?? trade.updTime),
      paidAt: parseKuaimaiTime(trade.payTime),
      items,
      raw: rawJson(trade),
    };
  });
}

export function mapTrades(trades: readonly KuaimaiTrade[]): OrderRecord[] {
  return trades.map(mapTrade);
}

function mapFlowItem(order: KuaimaiFlowSubOrder, index: number): OrderItemRecord {
  return {
    itemKey: idText(order.subSourceOrderCode) ?? String(index),
    title: order.title ?? null,
    sku: order.sysOuterId || null,
    quantity: quantity(order.num),
    unitPrice: parseMoney(order.price),
    amount: parseMoney(order.acPayment),
    raw: rawJson(order),
  };
}

/**
 * Stable id of a flow, which the API does not give: sha1 of tid | created | type | amount (scale 4) |
 * the occurrence among identical flows, so re-reading a tid yields the same keys and a later refund
 * appended to the list does not shift the earlier ones.
 */
export function flowKeyOf(tid: string, created: string, flowType: number, amountScaled: number, occurrence: number): string {
  return createHash('sha1').update(`${tid}|${created}|${flowType}|${amountScaled}|${occurrence}`, 'utf8').digest('hex');
}

/** The money records of one tid → MoneyFlowRecords (negative amounts are debits). */
export function mapMoneyRecords(tid: string, records: readonly KuaimaiMoneyRecord[]): MoneyFlowRecord[] {
  const seen = new Map<string, number>();
  return records.map((record) =>
    guard(record, '资金流水', () => {
      const amount = parseMoney(record.amount);
      if (!amount) throw new Error('amount is empty');
      const flowTid = idText(record.detail?.tid) ?? tid;
      const flowType = Number(record.flowType);
      const created = String(record.created ?? '');
      const identity = `${flowTid}|${created}|${flowType}|${amount.scaled}`;
      const occurrence = seen.get(identity) ?? 0;
      seen.set(identity, occurrence + 1);
      return {
        flowKey: flowKeyOf(flowTid, created, flowType, amount.scaled, occurrence),
        tid: flowTid,
        flowType,
        amount,
        createdAt: parseKuaimaiTime(record.created),
        payment: parseMoney(record.detail?.payment),
        paid: parseMoney(record.detail?.acPayment),
        postFee: parseMoney(record.detail?.postFee),
        items: (record.detail?.orders ?? []).map(mapFlowItem),
        raw: rawJson(record),
      };
    }),
  );
}

/** Net of a tid's flows (payments negative, refunds positive), for reconciliation against the trade. */
export function netFlow(flows: readonly MoneyFlowRecord[]): Money {
  return sumMoney(flows.map((flow) => flow.amount), 'CNY');
}
