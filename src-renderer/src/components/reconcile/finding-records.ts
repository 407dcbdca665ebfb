/**
 * The records a finding links to, read with the ledger's own list channels: its orders
 * (`orders:get`), Kuaimai flows of its tid, Duomai settlement revisions and commissions of its orders.
 */
import type { CommissionView, FindingView, FlowView, OrderDetailView, SettlementView } from '../../../../src-main/api/contract.js';
import { invoke } from '../../api/client.js';

/** A finding links a handful of records; more are not read (the list views can show the rest). */
export const MAX_LINKED = 20;

export interface FindingRecords {
  readonly orders: OrderDetailView[];
  readonly flows: FlowView[];
  readonly settlements: SettlementView[];
  readonly commissions: CommissionView[];
}

function only<T extends { id: number }>(items: readonly T[], ids: readonly number[]): T[] {
  const wanted = new Set(ids);
  return items.filter((i) => wanted.has(i.id));
}

export async function loadFindingRecords(finding: FindingView): Promise<FindingRecords> {
  const { links, accountId } = finding;
  const orderNos = links.orderNos.slice(0, MAX_LINKED);
  const [orders, flows, settlements, commissions] = await Promise.all([
    Promise.all(links.orderIds.slice(0, MAX_LINKED).map((id) => invoke('orders:get', { id }))),
    links.flowIds.length > 0
      ? invoke('flows:list', { accountId, tid: finding.subject, limit: 200 }).then((page) => only(page.items, links.flowIds))
      : Promise.resolve([]),
    links.settlementIds.length > 0
      ? Promise.all(orderNos.map((orderNo) => invoke('settlements:timeline', { orderNo, accountId }))).then((lists) => only(lists.flat(), links.settlementIds))
      : Promise.resolve([]),
    links.commissionIds.length > 0
      ? Promise.all(orderNos.map((orderNo) => invoke('commissions:list', { accountId, orderNo, limit: 200 }))).then((pages) =>
          only(pages.flatMap((p) => p.items), links.commissionIds),
        )
      : Promise.resolve([]),
  ]);
  return { orders, flows, settlements, commissions };
}
