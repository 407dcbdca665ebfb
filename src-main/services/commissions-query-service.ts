/** Commissions read use-cases: the keyset list and the exact per beneficiary × level × currency summary. */
import type { CommissionSummaryView, CommissionsListArgs, CommissionsSummaryArgs, CommissionView, PageView } from '../api/channels/records.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { CommissionFilter, CommissionRow, CommissionsQueryRepository } from '../db/repositories/commissions-query-repository.js';
import { accountLookup, type AccountLookup } from './account-directory.js';
import { toMoneyView } from './money-view.js';
import { decodeCursor, pageOf } from './query-cursor.js';

const COMMISSION_CURSOR_SORT = 'commissions:earned_desc';

export interface CommissionsQueryDeps {
  readonly commissions: CommissionsQueryRepository;
  readonly accounts: AccountsRepository;
}

export function toCommissionView(row: CommissionRow, accounts: AccountLookup): CommissionView {
  const account = accounts(row.accountId);
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: account.name,
    provider: account.provider,
    orderId: row.orderId,
    orderNo: row.orderNo,
    beneficiary: row.beneficiary,
    level: row.level,
    amount: toMoneyView(row.amount, row.currency),
    status: row.status,
    statusRaw: row.statusRaw,
    earnedAt: row.earnedAt,
  };
}

function filterOf(args: CommissionsSummaryArgs): CommissionFilter {
  return {
    accountId: args.accountId,
    provider: args.provider,
    beneficiary: args.beneficiary,
    level: args.level,
    statuses: args.status,
    earnedFrom: args.earnedFrom,
    earnedTo: args.earnedTo,
    orderNo: args.orderNo,
  };
}

export class CommissionsQueryService {
  constructor(private readonly deps: CommissionsQueryDeps) {}

  list(args: CommissionsListArgs): PageView<CommissionView> {
    const after = decodeCursor(COMMISSION_CURSOR_SORT, args.cursor);
    const rows = this.deps.commissions.list(filterOf(args), after, args.limit + 1);
    const accounts = accountLookup(this.deps.accounts);
    return pageOf(rows, args.limit, COMMISSION_CURSOR_SORT, (r) => ({ key: r.earnedAt, id: r.id }), (r) => toCommissionView(r, accounts));
  }

  summary(args: CommissionsSummaryArgs): CommissionSummaryView[] {
    return this.deps.commissions.summary(filterOf(args)).map((r) => ({
      beneficiary: r.beneficiary,
      level: r.level,
      amount: toMoneyView(r.amount, r.currency),
      count: r.count,
    }));
  }
}
