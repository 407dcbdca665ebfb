/** Settlement revisions read use-cases: the keyset list and one order's timeline. */
import type { PageView, SettlementsListArgs, SettlementView } from '../api/channels/records.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { SettlementRow, SettlementsQueryRepository } from '../db/repositories/settlements-query-repository.js';
import { accountLookup, type AccountLookup } from './account-directory.js';
import { toMoneyViewOrNull } from './money-view.js';
import { decodeCursor, pageOf } from './query-cursor.js';

const SETTLEMENT_CURSOR_SORT = 'settlements:modified_desc';

export interface SettlementsQueryDeps {
  readonly settlements: SettlementsQueryRepository;
  readonly accounts: AccountsRepository;
}

export function toSettlementView(row: SettlementRow, accounts: AccountLookup): SettlementView {
  const m = (scaled: number | null) => toMoneyViewOrNull(scaled, row.currency);
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: accounts(row.accountId).name,
    changeKey: row.changeKey,
    orderNo: row.orderNo,
    orderTime: row.orderTime,
    modifiedAt: row.modifiedAt,
    priceOld: m(row.priceOld),
    priceDelta: m(row.priceDelta),
    priceNew: m(row.priceNew),
    commissionOld: m(row.commissionOld),
    commissionDelta: m(row.commissionDelta),
    commissionNew: m(row.commissionNew),
    adsId: row.adsId,
    adsName: row.adsName,
    euid: row.euid,
  };
}

export class SettlementsQueryService {
  constructor(private readonly deps: SettlementsQueryDeps) {}

  list(args: SettlementsListArgs): PageView<SettlementView> {
    const after = decodeCursor(SETTLEMENT_CURSOR_SORT, args.cursor);
    const filter = {
      accountId: args.accountId,
      orderNo: args.orderNo,
      modifiedFrom: args.modifiedFrom,
      modifiedTo: args.modifiedTo,
      adsId: args.adsId,
      euid: args.euid,
    };
    const rows = this.deps.settlements.list(filter, after, args.limit + 1);
    const accounts = accountLookup(this.deps.accounts);
    return pageOf(rows, args.limit, SETTLEMENT_CURSOR_SORT, (r) => ({ key: r.modifiedAt, id: r.id }), (r) => toSettlementView(r, accounts));
  }

  timeline(args: { orderNo: string; accountId?: number | undefined }): SettlementView[] {
    const accounts = accountLookup(this.deps.accounts);
    return this.deps.settlements.timeline(args.orderNo, args.accountId).map((r) => toSettlementView(r, accounts));
  }
}
