/**
 * The text of one grid row, formatted once per order object and locale (dates, money, labels) instead
 * of on every render of every cell while the merchant scrolls.
 */
import type { OrderListItemView } from '../../../../src-main/api/contract.js';
import type { ProviderSlug } from '../../api/record-types.js';
import { orderStatusTag } from '../../composables/order-status.js';
import { formatDateTime, formatMoney } from '../../composables/use-format.js';

export interface OrderRowView {
  readonly created: string;
  readonly provider: string;
  readonly account: string;
  readonly orderNo: string;
  readonly externalNo: string | null;
  readonly externalTitle: string;
  readonly title: string;
  readonly titleHint: string;
  readonly buyer: string;
  readonly buyerHint: string;
  readonly status: string;
  /** element-plus's tag classes (a small light el-tag, without a component per cell). */
  readonly tagClass: string;
  readonly statusRaw: string | undefined;
  readonly total: string;
  readonly commission: string;
  readonly updated: string;
  readonly missing: boolean;
}

export interface RowTexts {
  readonly locale: string;
  providerName(slug: ProviderSlug): string;
  statusLabel(status: OrderListItemView['status']): string;
  externalLabel: string;
}

const DASH = '—';

export function orderRowView(row: OrderListItemView, texts: RowTexts): OrderRowView {
  const { locale } = texts;
  return {
    created: formatDateTime(row.createdAt, locale) ?? DASH,
    provider: texts.providerName(row.provider),
    account: row.accountName,
    orderNo: row.orderNo,
    externalNo: row.externalOrderNo,
    externalTitle: row.externalOrderNo ? `${texts.externalLabel} ${row.externalOrderNo}` : '',
    title: row.title ?? DASH,
    titleHint: row.title ?? '',
    buyer: row.buyer ?? DASH,
    buyerHint: row.buyer ?? '',
    status: texts.statusLabel(row.status),
    tagClass: `el-tag el-tag--small el-tag--light el-tag--${orderStatusTag(row.status)}`,
    statusRaw: row.statusRaw ? row.statusRaw : undefined,
    total: formatMoney(row.total, locale) ?? DASH,
    commission: formatMoney(row.commission, locale) ?? DASH,
    updated: formatDateTime(row.updatedAt, locale) ?? DASH,
    missing: row.missingSince !== null,
  };
}

/** A memo of row views for one set of texts: a new locale or provider list gets a new memo. */
export function rowViewMemo(texts: RowTexts): (row: OrderListItemView) => OrderRowView {
  const views = new WeakMap<OrderListItemView, OrderRowView>();
  // vue-i18n's t() takes about as long as formatting the whole row: ask once per status and provider.
  const cached = <K, V>(get: (key: K) => V): ((key: K) => V) => {
    const known = new Map<K, V>();
    return (key) => {
      if (!known.has(key)) known.set(key, get(key));
      return known.get(key) as V;
    };
  };
  const memoTexts: RowTexts = { ...texts, providerName: cached(texts.providerName), statusLabel: cached(texts.statusLabel) };
  return (row) => {
    let view = views.get(row);
    if (!view) views.set(row, (view = orderRowView(row, memoTexts)));
    return view;
  };
}
