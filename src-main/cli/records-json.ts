/**
 * The documented, stable `--json` format of the read commands (see the README section "CLI JSON"):
 * one JSON array per command; ids and order numbers as strings; times as ISO 8601 with +08:00;
 * money as `{"amount": "<exact decimal, 4 places>", "currency": "CNY"}`; absent values as null.
 * Change a field only together with that documentation.
 */
import type {
  CardRevealView,
  CardView,
  CommissionSummaryView,
  CommissionView,
  FlowView,
  MoneyView,
  OrderItemView,
  OrderListItemView,
  SettlementView,
} from '../api/channels/records.js';
import { toShanghaiIso } from '../domain/time.js';

export type JsonTime = string | null;

export function isoOrNull(ms: number | null): JsonTime {
  return ms === null ? null : toShanghaiIso(ms);
}

function moneyJson(m: MoneyView | null): MoneyView | null {
  return m === null ? null : { amount: m.amount, currency: m.currency };
}

export function orderJson(o: OrderListItemView) {
  return {
    id: String(o.id),
    provider: o.provider,
    account: o.accountName,
    orderNo: o.orderNo,
    externalOrderNo: o.externalOrderNo,
    status: o.status,
    statusRaw: o.statusRaw,
    title: o.title,
    buyer: o.buyer,
    total: moneyJson(o.total),
    paid: moneyJson(o.paid),
    refunded: moneyJson(o.refunded),
    commission: moneyJson(o.commission),
    createdAt: isoOrNull(o.createdAt),
    updatedAt: isoOrNull(o.updatedAt),
    paidAt: isoOrNull(o.paidAt),
  };
}

/** `password` is present only for revealed cards (`cards list --reveal`). */
export function cardJson(c: CardView | CardRevealView) {
  return {
    id: String(c.id),
    provider: c.provider,
    account: c.accountName,
    orderNo: c.orderNo,
    orderStatus: c.orderStatus,
    cardNo: c.cardNo,
    showType: c.showType,
    expiresAt: isoOrNull(c.expiresAt),
    firstSeenAt: isoOrNull(c.firstSeenAt),
    ...('password' in c ? { password: c.password } : {}),
  };
}

export function commissionJson(c: CommissionView) {
  return {
    id: String(c.id),
    provider: c.provider,
    account: c.accountName,
    orderNo: c.orderNo,
    beneficiary: c.beneficiary,
    level: c.level,
    amount: moneyJson(c.amount),
    status: c.status,
    statusRaw: c.statusRaw,
    earnedAt: isoOrNull(c.earnedAt),
  };
}

export function commissionSummaryJson(s: CommissionSummaryView) {
  return { beneficiary: s.beneficiary, level: s.level, amount: moneyJson(s.amount), count: s.count };
}

export function settlementJson(s: SettlementView) {
  return {
    id: String(s.id),
    account: s.accountName,
    orderNo: s.orderNo,
    orderTime: isoOrNull(s.orderTime),
    modifiedAt: isoOrNull(s.modifiedAt),
    priceOld: moneyJson(s.priceOld),
    priceDelta: moneyJson(s.priceDelta),
    priceNew: moneyJson(s.priceNew),
    commissionOld: moneyJson(s.commissionOld),
    commissionDelta: moneyJson(s.commissionDelta),
    commissionNew: moneyJson(s.commissionNew),
    adsId: s.adsId,
    adsName: s.adsName,
    euid: s.euid,
  };
}

function itemJson(i: OrderItemView) {
  return { itemKey: i.itemKey, title: i.title, sku: i.sku, quantity: i.quantity, unitPrice: moneyJson(i.unitPrice), amount: moneyJson(i.amount) };
}

export function flowJson(f: FlowView) {
  return {
    id: String(f.id),
    account: f.accountName,
    tid: f.tid,
    flowType: f.flowType,
    amount: moneyJson(f.amount),
    payment: moneyJson(f.payment),
    paid: moneyJson(f.paid),
    postFee: moneyJson(f.postFee),
    createdAt: isoOrNull(f.createdAt),
    items: f.items.map(itemJson),
  };
}
