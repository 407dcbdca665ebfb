/** Money flows read use-cases: the keyset list with each flow's sub-orders. */
import type { FlowsListArgs, FlowView, PageView } from '../api/channels/records.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { FlowRow, FlowsQueryRepository } from '../db/repositories/flows-query-repository.js';
import { accountLookup, type AccountLookup } from './account-directory.js';
import { toMoneyView, toMoneyViewOrNull } from './money-view.js';
import { toOrderItemView } from './orders-query-service.js';
import { decodeCursor, pageOf } from './query-cursor.js';

const FLOW_CURSOR_SORT = 'flows:created_desc';

export interface FlowsQueryDeps {
  readonly flows: FlowsQueryRepository;
  readonly accounts: AccountsRepository;
}

export function toFlowView(row: FlowRow, accounts: AccountLookup): FlowView {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: accounts(row.accountId).name,
    tid: row.tid,
    flowType: row.flowType,
    amount: toMoneyView(row.amount, row.currency),
    payment: toMoneyViewOrNull(row.payment, row.currency),
    paid: toMoneyViewOrNull(row.paid, row.currency),
    postFee: toMoneyViewOrNull(row.postFee, row.currency),
    createdAt: row.createdAt,
    items: row.items.map(toOrderItemView),
  };
}

export class FlowsQueryService {
  constructor(private readonly deps: FlowsQueryDeps) {}

  list(args: FlowsListArgs): PageView<FlowView> {
    const after = decodeCursor(FLOW_CURSOR_SORT, args.cursor);
    const filter = { accountId: args.accountId, tid: args.tid, flowType: args.flowType, createdFrom: args.createdFrom, createdTo: args.createdTo };
    const rows = this.deps.flows.list(filter, after, args.limit + 1);
    const accounts = accountLookup(this.deps.accounts);
    return pageOf(rows, args.limit, FLOW_CURSOR_SORT, (r) => ({ key: r.createdAt, id: r.id }), (r) => toFlowView(r, accounts));
  }
}
