/**
 * The read side of Kuaimai money flows (append-only facts): a keyset list, newest first, each flow
 * with its sub-orders (items) fetched for the whole page in one query.
 */
import type { Db } from '../connection.js';
import { collectSegments, keysetSegments, orderByOf, type KeysetPosition, type KeysetSort } from './keyset.js';
import { StatementCache } from './statement-cache.js';

export interface FlowFilter {
  readonly accountId?: number | undefined;
  readonly tid?: string | undefined;
  readonly flowType?: number | undefined;
  /** Created at or after (epoch ms). */
  readonly createdFrom?: number | undefined;
  /** Created before (epoch ms, exclusive). */
  readonly createdTo?: number | undefined;
}

export interface FlowItemRow {
  readonly itemKey: string;
  readonly title: string | null;
  readonly sku: string | null;
  readonly quantity: number | null;
  readonly currency: string;
  readonly unitPrice: number | null;
  readonly amount: number | null;
}

/** One flow; amounts scale-4 in `currency` (negative = debit). */
export interface FlowRow {
  readonly id: number;
  readonly accountId: number;
  readonly flowKey: string;
  readonly tid: string;
  readonly flowType: number;
  readonly currency: string;
  readonly amount: number;
  readonly payment: number | null;
  readonly paid: number | null;
  readonly postFee: number | null;
  readonly createdAt: number | null;
  readonly items: FlowItemRow[];
}

export const FLOW_SORT: KeysetSort = { column: 'f.created_at', idColumn: 'f.id', direction: 'desc' };

const COLUMNS = `f.id AS id, f.account_id AS accountId, f.flow_key AS flowKey, f.tid AS tid, f.flow_type AS flowType, f.currency AS currency,
  f.amount AS amount, f.payment AS payment, f.paid AS paid, f.post_fee AS postFee, f.created_at AS createdAt`;

export class FlowsQueryRepository {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  list(filter: FlowFilter, after: KeysetPosition | null, limit: number): FlowRow[] {
    // Flows come from Kuaimai accounts only (a few): an account filter is checked row by row; a tid is
    // searched in the v1 index (account_id, tid) once per account.
    const index = filter.tid !== undefined ? 'money_flows_by_tid' : 'money_flows_by_created';
    const conditions: { sql: string; params: (string | number | null)[] }[] = [];
    if (filter.accountId !== undefined) conditions.push({ sql: 'f.account_id = ?', params: [filter.accountId] });
    if (filter.tid !== undefined) conditions.push({ sql: 'f.account_id IN (SELECT id FROM accounts) AND f.tid = ?', params: [filter.tid] });
    if (filter.flowType !== undefined) conditions.push({ sql: 'f.flow_type = ?', params: [filter.flowType] });
    if (filter.createdFrom !== undefined) conditions.push({ sql: 'f.created_at >= ?', params: [filter.createdFrom] });
    if (filter.createdTo !== undefined) conditions.push({ sql: 'f.created_at < ?', params: [filter.createdTo] });
    const flows = collectSegments(keysetSegments(FLOW_SORT, after), limit, (segment, need) => {
      const all = [...conditions, { sql: segment.where, params: [...segment.params] }];
      const sql = `SELECT ${COLUMNS} FROM money_flows AS f INDEXED BY ${index}
        WHERE ${all.map((c) => c.sql).join(' AND ')} ORDER BY ${orderByOf(FLOW_SORT)} LIMIT ?`;
      return this.statements.get(sql).all(...all.flatMap((c) => c.params), need) as Omit<FlowRow, 'items'>[];
    });
    return this.withItems(flows);
  }

  private withItems(flows: readonly Omit<FlowRow, 'items'>[]): FlowRow[] {
    if (flows.length === 0) return [];
    const ids = flows.map((f) => f.id);
    const items = this.statements
      .get(
        `SELECT flow_id AS flowId, item_key AS itemKey, title, sku, quantity, currency, unit_price AS unitPrice, amount
         FROM money_flow_items WHERE flow_id IN (SELECT value FROM json_each(?)) ORDER BY flow_id, id`,
      )
      .all(JSON.stringify(ids)) as (FlowItemRow & { flowId: number })[];
    const byFlow = new Map<number, FlowItemRow[]>();
    for (const { flowId, ...item } of items) {
      const list = byFlow.get(flowId) ?? [];
      list.push(item);
      byFlow.set(flowId, list);
    }
    return flows.map((f) => ({ ...f, items: byFlow.get(f.id) ?? [] }));
  }
}
