/** Orders read use-cases: the filtered, keyset-paged list across providers and one order in full. */
import type {
  CardView,
  CommissionView,
  OrderDetailView,
  OrderItemView,
  OrderListItemView,
  OrdersListArgs,
  PageView,
} from '../api/channels/records.js';
import { NotFoundError } from '../api/errors.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { CardsQueryRepository } from '../db/repositories/cards-query-repository.js';
import type { CommissionsQueryRepository } from '../db/repositories/commissions-query-repository.js';
import type { HistoryRepository } from '../db/repositories/history-repository.js';
import { sortKeyOf, type OrderItemRow, type OrderListRow, type OrdersQueryRepository } from '../db/repositories/orders-query-repository.js';
import { parseScaled } from '../domain/money.js';
import { accountLookup, type AccountLookup } from './account-directory.js';
import { toCardView } from './cards-query-service.js';
import { toCommissionView } from './commissions-query-service.js';
import { toMoneyViewOrNull } from './money-view.js';
import { decodeCursor, pageOf } from './query-cursor.js';

export interface OrdersQueryDeps {
  readonly orders: OrdersQueryRepository;
  readonly cards: CardsQueryRepository;
  readonly commissions: CommissionsQueryRepository;
  readonly history: HistoryRepository;
  readonly accounts: AccountsRepository;
}

export function toOrderItemView(row: OrderItemRow): OrderItemView {
  return {
    itemKey: row.itemKey,
    title: row.title,
    sku: row.sku,
    quantity: row.quantity,
    unitPrice: toMoneyViewOrNull(row.unitPrice, row.currency),
    amount: toMoneyViewOrNull(row.amount, row.currency),
  };
}

export function toOrderListItemView(row: OrderListRow, accounts: AccountLookup): OrderListItemView {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: accounts(row.accountId).name,
    provider: row.provider,
    orderNo: row.orderNo,
    externalOrderNo: row.externalOrderNo,
    status: row.status,
    statusRaw: row.statusRaw,
    title: row.title,
    buyer: row.buyer,
    total: toMoneyViewOrNull(row.total, row.currency),
    paid: toMoneyViewOrNull(row.paid, row.currency),
    refunded: toMoneyViewOrNull(row.refunded, row.currency),
    commission: toMoneyViewOrNull(row.commission, row.commissionCurrency),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    paidAt: row.paidAt,
    missingSince: row.missingSince,
  };
}

export class OrdersQueryService {
  constructor(private readonly deps: OrdersQueryDeps) {}

  list(args: OrdersListArgs): PageView<OrderListItemView> {
    const after = decodeCursor(args.sort, args.cursor);
    const filter = {
      accountId: args.accountId,
      provider: args.provider,
      statuses: args.status,
      createdFrom: args.createdFrom,
      createdTo: args.createdTo,
      totalMin: args.totalMin === undefined ? undefined : (parseScaled(args.totalMin) ?? undefined),
      totalMax: args.totalMax === undefined ? undefined : (parseScaled(args.totalMax) ?? undefined),
      currency: args.currency,
      q: args.q === '' ? undefined : args.q,
    };
    const { rows } = this.deps.orders.list(filter, args.sort, after, args.limit + 1);
    const accounts = accountLookup(this.deps.accounts);
    return pageOf(rows, args.limit, args.sort, (r) => ({ key: sortKeyOf(r, args.sort), id: r.id }), (r) => toOrderListItemView(r, accounts));
  }

  get(id: number): OrderDetailView {
    const row = this.deps.orders.get(id);
    if (!row) throw new NotFoundError(`订单不存在 order ${id} not found`);
    const accounts = accountLookup(this.deps.accounts);
    const cards: CardView[] = this.deps.cards.forOrder(id).map((c) => toCardView(c, accounts));
    const commissions: CommissionView[] = this.deps.commissions.forOrder(row.accountId, row.orderNo).map((c) => toCommissionView(c, accounts));
    return {
      ...toOrderListItemView(row, accounts),
      items: row.items.map(toOrderItemView),
      cards,
      commissions,
      history: this.deps.history.forEntity('order', id).map((h) => ({
        field: h.field,
        oldValue: h.oldValue,
        newValue: h.newValue,
        changedAt: h.changedAt,
        syncRunId: h.syncRunId,
      })),
      raw: row.raw,
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
    };
  }
}
