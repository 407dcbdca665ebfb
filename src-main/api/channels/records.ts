/**
 * `orders:*`, `cards:*`, `commissions:*`, `settlements:*`, `flows:*` — the read side of the ledger.
 *
 * Lists are keyset-paged: pass back `nextCursor` (opaque) to get the next page; it is null on the last
 * page. Money is `{ amount: "<exact decimal, 4 places>", currency }`; times are UTC epoch ms; ranges
 * are half-open `[from, to)`. Card passwords appear only in `cards:reveal`, which is audited.
 */
import { z } from 'zod';
import { CURRENCIES, parseScaled, type Currency } from '../../domain/money.js';
import {
  COMMISSION_STATUSES,
  ORDER_STATUSES,
  type CardShowType,
  type CommissionStatus,
  type OrderStatus,
  type ProviderSlug,
} from '../../domain/models.js';
import { channel, EpochMs, Id, PageLimit, Provider, SearchText } from '../channel.js';

/** An exact amount: `amount` is a decimal string with 4 places ("4.4000", "-0.1234"). */
export interface MoneyView {
  readonly amount: string;
  readonly currency: Currency;
}

export interface PageView<T> {
  readonly items: readonly T[];
  /** Opaque position after the last item; null when this is the last page. */
  readonly nextCursor: string | null;
}

export const ORDER_SORT_VALUES = ['created_desc', 'created_asc', 'total_desc', 'total_asc', 'updated_desc'] as const;
export type OrderSortView = (typeof ORDER_SORT_VALUES)[number];

export interface OrderListItemView {
  readonly id: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: ProviderSlug;
  readonly orderNo: string;
  readonly externalOrderNo: string | null;
  readonly status: OrderStatus;
  readonly statusRaw: string;
  readonly title: string | null;
  readonly buyer: string | null;
  readonly total: MoneyView | null;
  readonly paid: MoneyView | null;
  readonly refunded: MoneyView | null;
  readonly commission: MoneyView | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly paidAt: number | null;
  /** When the provider stopped listing this order (never deleted); null while it is listed. */
  readonly missingSince: number | null;
}

export interface OrderItemView {
  readonly itemKey: string;
  readonly title: string | null;
  readonly sku: string | null;
  readonly quantity: number | null;
  readonly unitPrice: MoneyView | null;
  readonly amount: MoneyView | null;
}

/** A card code without its password (`passwordMasked` is a fixed mask, not derived from it). */
export interface CardView {
  readonly id: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: ProviderSlug;
  readonly orderId: number | null;
  readonly orderNo: string;
  readonly orderStatus: OrderStatus | null;
  readonly cardNo: string;
  /** 1 = number + password, 2 = QR code, 3 = barcode. */
  readonly showType: CardShowType;
  readonly expiresAt: number | null;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly passwordMasked: string;
}

export interface CardRevealView extends CardView {
  readonly password: string;
}

export interface CommissionView {
  readonly id: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: ProviderSlug;
  readonly orderId: number | null;
  readonly orderNo: string;
  readonly beneficiary: string;
  /** 0 = the user themself, 1–3 = upline levels. */
  readonly level: 0 | 1 | 2 | 3;
  readonly amount: MoneyView;
  readonly status: CommissionStatus;
  readonly statusRaw: string;
  readonly earnedAt: number | null;
}

export interface CommissionSummaryView {
  readonly beneficiary: string;
  readonly level: 0 | 1 | 2 | 3;
  /** Exact total in one currency: a beneficiary paid in CNY and USD gets two rows. */
  readonly amount: MoneyView;
  readonly count: number;
}

export interface HistoryView {
  readonly field: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  readonly changedAt: number;
  readonly syncRunId: number | null;
}

export interface OrderDetailView extends OrderListItemView {
  readonly items: readonly OrderItemView[];
  readonly cards: readonly CardView[];
  readonly commissions: readonly CommissionView[];
  readonly history: readonly HistoryView[];
  /** The provider's own JSON for this order, as received. */
  readonly raw: string;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
}

export interface SettlementView {
  readonly id: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly changeKey: string;
  readonly orderNo: string;
  readonly orderTime: number | null;
  readonly modifiedAt: number | null;
  readonly priceOld: MoneyView | null;
  readonly priceDelta: MoneyView | null;
  readonly priceNew: MoneyView | null;
  readonly commissionOld: MoneyView | null;
  readonly commissionDelta: MoneyView | null;
  readonly commissionNew: MoneyView | null;
  readonly adsId: string | null;
  readonly adsName: string | null;
  readonly euid: string | null;
}

export interface FlowView {
  readonly id: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly tid: string;
  /** 1 = payment (订单支付), 2 = refund (订单退款); others as the provider sends them. */
  readonly flowType: number;
  /** Negative amounts are debits. */
  readonly amount: MoneyView;
  readonly payment: MoneyView | null;
  readonly paid: MoneyView | null;
  readonly postFee: MoneyView | null;
  readonly createdAt: number | null;
  readonly items: readonly OrderItemView[];
}

// ── arguments ───────────────────────────────────────────────────────────────────────────────────────

const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, '分页游标无效 invalid cursor');
/** Exact decimal amount as text: up to 13 integer digits and 4 decimals. */
const DECIMAL_TEXT_RE = /^-?\d{1,13}(\.\d{1,4})?$/;
const DecimalText = z.string().trim().regex(DECIMAL_TEXT_RE, '金额应为最多 4 位小数的数字 (expected a decimal amount)');
const Key = z.string().trim().min(1).max(128);
const Level = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

/** Object refinements also run when a field already failed, so they must accept any input. */
function ordered(a: unknown, b: unknown): boolean {
  return typeof a !== 'number' || typeof b !== 'number' || a <= b;
}

function scaledOrUndefined(text: unknown): number | undefined {
  if (typeof text !== 'string' || !DECIMAL_TEXT_RE.test(text.trim())) return undefined;
  return parseScaled(text) ?? undefined;
}

const OrdersListArgs = z
  .strictObject({
    accountId: Id.optional(),
    provider: Provider.optional(),
    status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
    createdFrom: EpochMs.optional(),
    createdTo: EpochMs.optional(),
    totalMin: DecimalText.optional(),
    totalMax: DecimalText.optional(),
    currency: z.enum(CURRENCIES).optional(),
    q: SearchText.optional(),
    sort: z.enum(ORDER_SORT_VALUES).default('created_desc'),
    cursor: Cursor.optional(),
    limit: PageLimit.default(100),
  })
  .refine((a) => ordered(a.createdFrom, a.createdTo), { message: '开始时间晚于结束时间 createdFrom is after createdTo', path: ['createdFrom'] })
  .refine((a) => ordered(scaledOrUndefined(a.totalMin), scaledOrUndefined(a.totalMax)), {
    message: '最小金额大于最大金额 totalMin is above totalMax',
    path: ['totalMin'],
  });

const CardsListArgs = z
  .strictObject({
    accountId: Id.optional(),
    provider: Provider.optional(),
    orderNo: Key.optional(),
    orderStatus: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
    expiresAfter: EpochMs.optional(),
    expiresBefore: EpochMs.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit.default(100),
  })
  .refine((a) => ordered(a.expiresAfter, a.expiresBefore), { message: 'expiresAfter 晚于 expiresBefore (empty range)', path: ['expiresAfter'] });

const CommissionFilterShape = {
  accountId: Id.optional(),
  provider: Provider.optional(),
  beneficiary: Key.optional(),
  level: Level.optional(),
  status: z.array(z.enum(COMMISSION_STATUSES)).max(COMMISSION_STATUSES.length).optional(),
  earnedFrom: EpochMs.optional(),
  earnedTo: EpochMs.optional(),
  orderNo: Key.optional(),
};
const periodMessage = { message: '开始时间晚于结束时间 earnedFrom is after earnedTo', path: ['earnedFrom'] };

const SettlementsListArgs = z
  .strictObject({
    accountId: Id.optional(),
    orderNo: Key.optional(),
    modifiedFrom: EpochMs.optional(),
    modifiedTo: EpochMs.optional(),
    adsId: Key.optional(),
    euid: Key.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit.default(100),
  })
  .refine((a) => ordered(a.modifiedFrom, a.modifiedTo), { message: '开始时间晚于结束时间 modifiedFrom is after modifiedTo', path: ['modifiedFrom'] });

const FlowsListArgs = z
  .strictObject({
    accountId: Id.optional(),
    tid: Key.optional(),
    flowType: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    createdFrom: EpochMs.optional(),
    createdTo: EpochMs.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit.default(100),
  })
  .refine((a) => ordered(a.createdFrom, a.createdTo), { message: '开始时间晚于结束时间 createdFrom is after createdTo', path: ['createdFrom'] });

export type OrdersListArgs = z.output<typeof OrdersListArgs>;
export type CardsListArgs = z.output<typeof CardsListArgs>;
export type SettlementsListArgs = z.output<typeof SettlementsListArgs>;
export type FlowsListArgs = z.output<typeof FlowsListArgs>;

const CommissionsListArgs = z
  .strictObject({ ...CommissionFilterShape, cursor: Cursor.optional(), limit: PageLimit.default(100) })
  .refine((a) => ordered(a.earnedFrom, a.earnedTo), periodMessage);
const CommissionsSummaryArgs = z.strictObject(CommissionFilterShape).refine((a) => ordered(a.earnedFrom, a.earnedTo), periodMessage);
export type CommissionsListArgs = z.output<typeof CommissionsListArgs>;
export type CommissionsSummaryArgs = z.output<typeof CommissionsSummaryArgs>;

export const recordChannels = {
  'orders:list': channel<PageView<OrderListItemView>>()(OrdersListArgs),
  'orders:get': channel<OrderDetailView>()(z.strictObject({ id: Id })),
  'cards:list': channel<PageView<CardView>>()(CardsListArgs),
  /** Decrypts one card's password; every call writes an audit-log row `card.reveal`. */
  'cards:reveal': channel<CardRevealView>()(z.strictObject({ id: Id })),
  'commissions:list': channel<PageView<CommissionView>>()(CommissionsListArgs),
  'commissions:summary': channel<CommissionSummaryView[]>()(CommissionsSummaryArgs),
  'settlements:list': channel<PageView<SettlementView>>()(SettlementsListArgs),
  'settlements:timeline': channel<SettlementView[]>()(z.strictObject({ orderNo: Key, accountId: Id.optional() })),
  'flows:list': channel<PageView<FlowView>>()(FlowsListArgs),
} as const;
