/**
 * The normalized records every provider mapping produces and the repositories store. A record carries
 * its natural key (unique per account), normalized fields, and `raw`: the provider's own JSON text
 * for that record, kept so anything can be inspected later.
 */
import type { Money } from './money.js';

export const PROVIDER_SLUGS = ['kasushou', 'kuaimai', 'duomai', 'unionhome', 'itboye'] as const;
export type ProviderSlug = (typeof PROVIDER_SLUGS)[number];

export const ORDER_STATUSES = ['pending', 'processing', 'completed', 'cancelled', 'refunded', 'failed', 'unknown'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Final statuses are not re-polled by sync; everything else may still move upstream. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded', 'failed'];

export interface OrderItemRecord {
  /** Position-stable key within the order (sub-order id, goods id or index). */
  readonly itemKey: string;
  readonly title: string | null;
  readonly sku: string | null;
  readonly quantity: number | null;
  readonly unitPrice: Money | null;
  readonly amount: Money | null;
  readonly raw: string;
}

export interface OrderRecord {
  /** Natural key, unique per account: the provider's order number (kept as a string, may be 24 digits). */
  readonly orderNo: string;
  readonly externalOrderNo: string | null;
  readonly status: OrderStatus;
  /** The provider's own status value as text, e.g. "3" or "settled". */
  readonly statusRaw: string;
  readonly title: string | null;
  /** Buyer, worker or sub-id the order belongs to (itboye username, Duomai euid, union-home uid…). */
  readonly buyer: string | null;
  /** Order amount (订单金额). */
  readonly total: Money | null;
  /** Amount actually paid, when the provider reports it separately. */
  readonly paid: Money | null;
  /** Amount refunded (退款金额). */
  readonly refunded: Money | null;
  /** Commission the merchant earns on this order (Duomai siter commission), when the provider reports one. */
  readonly commission: Money | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly paidAt: number | null;
  readonly items: readonly OrderItemRecord[];
  readonly raw: string;
}

export const CARD_SHOW_TYPES = [1, 2, 3] as const;
/** 1 = card number + password text, 2 = QR code image/content, 3 = barcode. */
export type CardShowType = (typeof CARD_SHOW_TYPES)[number];

export interface CardCodeRecord {
  readonly orderNo: string;
  /** Natural key within the order: card number, or its position when the number is empty. */
  readonly cardKey: string;
  readonly cardNo: string;
  /** Plaintext only in memory; the repository encrypts it with the vault before it touches the disk. */
  readonly password: string;
  readonly showType: CardShowType;
  readonly expiresAt: number | null;
}

export const COMMISSION_STATUSES = ['estimated', 'pending', 'confirmed', 'settled', 'invalid', 'unknown'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

export interface CommissionRecord {
  readonly orderNo: string;
  /** Who receives it: worker username / upline user id / the merchant's own site. */
  readonly beneficiary: string;
  /** 0 = the user themself, 1–3 = upline levels. */
  readonly level: 0 | 1 | 2 | 3;
  readonly amount: Money;
  readonly status: CommissionStatus;
  readonly statusRaw: string;
  readonly earnedAt: number | null;
}

/** Duomai settlement revision: an append-only fact. */
export interface SettlementChangeRecord {
  /** Stable fingerprint of the revision (order + modify time + values), so re-reading it is idempotent. */
  readonly changeKey: string;
  readonly orderNo: string;
  readonly orderTime: number | null;
  readonly modifiedAt: number | null;
  readonly priceOld: Money | null;
  readonly priceDelta: Money | null;
  readonly priceNew: Money | null;
  readonly commissionOld: Money | null;
  readonly commissionDelta: Money | null;
  readonly commissionNew: Money | null;
  readonly adsId: string | null;
  readonly adsName: string | null;
  readonly euid: string | null;
  readonly currency: Money['currency'];
  readonly raw: string;
}

/** Kuaimai distributor money flow: an append-only fact. Negative amounts are debits (payments). */
export interface MoneyFlowRecord {
  /** Stable fingerprint (tid + created + type + amount + position), since the API gives flows no id. */
  readonly flowKey: string;
  readonly tid: string;
  /** 1 = 订单支付 payment, 2 = 订单退款 refund; other values are kept as they come. */
  readonly flowType: number;
  readonly amount: Money;
  readonly createdAt: number | null;
  readonly payment: Money | null;
  readonly paid: Money | null;
  readonly postFee: Money | null;
  readonly items: readonly OrderItemRecord[];
  readonly raw: string;
}

/** Everything one provider call can yield, in the shape the store writes in one transaction. */
export interface RecordBatch {
  readonly orders: readonly OrderRecord[];
  readonly cards: readonly CardCodeRecord[];
  readonly commissions: readonly CommissionRecord[];
  readonly settlements: readonly SettlementChangeRecord[];
  readonly flows: readonly MoneyFlowRecord[];
}

export function emptyBatch(): RecordBatch {
  return { orders: [], cards: [], commissions: [], settlements: [], flows: [] };
}

export function mergeBatches(...batches: readonly RecordBatch[]): RecordBatch {
  return {
    orders: batches.flatMap((b) => b.orders),
    cards: batches.flatMap((b) => b.cards),
    commissions: batches.flatMap((b) => b.commissions),
    settlements: batches.flatMap((b) => b.settlements),
    flows: batches.flatMap((b) => b.flows),
  };
}
