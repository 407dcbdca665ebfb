/**
 * The read side of orders: one list across every provider and account with filters, five sort orders
 * and keyset pages (see orders-query-plan.ts for how each call is executed), and the full detail of
 * one order. SQL only: money stays scale-4 integers, times epoch ms.
 */
import type { OrderStatus, ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { StatementCache } from './statement-cache.js';
import { collectSegments, keysetResidual, keysetSegments, orderByOf, type KeysetPosition } from './keyset.js';
import {
  IN_ANY_ACCOUNT,
  candidateSources,
  filterConditions,
  joinConditions,
  pickIndex,
  SELECT_COLUMNS,
  sortParts,
  type CandidateSource,
  type Condition,
  type OrderFilter,
  type OrderSort,
} from './orders-query-plan.js';

export type { OrderFilter, OrderSort } from './orders-query-plan.js';

/** One order as lists show it (no raw payload). Amounts scale-4 in `currency` (commission in its own). */
export interface OrderListRow {
  readonly id: number;
  readonly accountId: number;
  readonly provider: ProviderSlug;
  readonly orderNo: string;
  readonly externalOrderNo: string | null;
  readonly status: OrderStatus;
  readonly statusRaw: string;
  readonly title: string | null;
  readonly buyer: string | null;
  readonly currency: string;
  readonly total: number | null;
  readonly paid: number | null;
  readonly refunded: number | null;
  readonly commission: number | null;
  readonly commissionCurrency: string | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly paidAt: number | null;
  readonly missingSince: number | null;
}

export interface OrderItemRow {
  readonly itemKey: string;
  readonly title: string | null;
  readonly sku: string | null;
  readonly quantity: number | null;
  readonly currency: string;
  readonly unitPrice: number | null;
  readonly amount: number | null;
}

export interface OrderDetailRow extends OrderListRow {
  readonly raw: string;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly items: OrderItemRow[];
}

/** How the list was executed: `scan:<index>` or `candidates:<fts|order_no|created|total>`. For tests and the bench. */
export type OrderListPlan = string;

export interface OrderListOptions {
  /** Force one execution strategy (tests compare both); default: chosen by a bounded count. */
  readonly strategy?: 'auto' | 'scan' | 'candidates';
}

/** Above this many matches, a selective filter is cheaper to check row by row during an ordered scan. */
export const CANDIDATE_LIMIT = 4000;

export interface OrdersQueryOptions {
  readonly candidateLimit?: number;
  /** Sees every list statement before it runs (tests check their query plans). */
  readonly onQuery?: (sql: string, params: readonly unknown[]) => void;
}

export function sortKeyOf(row: OrderListRow, sort: OrderSort): number | null {
  const key = sortParts(sort).key;
  return key === 'created' ? row.createdAt : key === 'total' ? row.total : row.updatedAt;
}

export class OrdersQueryRepository {
  private readonly statements: StatementCache;
  private readonly candidateLimit: number;

  constructor(
    db: Db,
    private readonly options: OrdersQueryOptions = {},
  ) {
    this.statements = new StatementCache(db);
    this.candidateLimit = options.candidateLimit ?? CANDIDATE_LIMIT;
  }

  private all<T>(sql: string, params: readonly unknown[]): T[] {
    this.options.onQuery?.(sql, params);
    return this.statements.get(sql).all(...params) as T[];
  }

  /** Up to `limit` orders after `after` in `sort` order. */
  list(filter: OrderFilter, sort: OrderSort, after: KeysetPosition | null, limit: number, options: OrderListOptions = {}): { rows: OrderListRow[]; plan: OrderListPlan } {
    const { key } = sortParts(sort);
    const strategy = options.strategy ?? 'auto';
    const sources = strategy === 'scan' ? [] : candidateSources(filter, key);
    const first = sources[0];
    const source = strategy === 'candidates' ? (first ? { source: first, count: 0, ids: null } : undefined) : this.smallestSource(sources);
    if (source) return { rows: this.listCandidates(source, filter, sort, after, limit), plan: `candidates:${source.source.kind}` };
    return this.listByScan(filter, sort, after, limit);
  }

  /** Probes each source with a bounded count (or id list); the smallest one within the limit wins. */
  private smallestSource(sources: readonly CandidateSource[]): Probed | undefined {
    let best: Probed | undefined;
    for (const source of sources) {
      const probed = this.probe(source, this.candidateLimit + 1);
      if (probed.count <= this.candidateLimit && (!best || probed.count < best.count)) best = probed;
      if (best && best.count === 0) break;
    }
    return best;
  }

  private probe(source: CandidateSource, limit: number): Probed {
    const statement = this.statements.get(source.probeSql).pluck();
    if (!source.probeListsIds) return { source, count: statement.get(...source.probeParams, limit) as number, ids: null };
    const ids = statement.all(...source.probeParams, limit) as number[];
    return { source, count: ids.length, ids };
  }

  /** Candidates are ordered by id and sort key only (index-covered), then the page's rows are read. */
  private listCandidates(probed: Probed, filter: OrderFilter, sort: OrderSort, after: KeysetPosition | null, limit: number): OrderListRow[] {
    const { keyset } = sortParts(sort);
    const { source } = probed;
    const where = joinConditions([
      { sql: source.where, params: [] },
      ...filterConditions(filter, { withoutSearch: source.coversSearch }),
      toCondition(keysetResidual(keyset, after)),
    ]);
    const order = orderByOf(keyset);
    const sql = `SELECT ${SELECT_COLUMNS} FROM (SELECT o.id AS pid FROM ${source.from} WHERE ${where.sql} ORDER BY ${order} LIMIT ?) AS p
      CROSS JOIN orders AS o ON o.id = p.pid ORDER BY ${order}`;
    // A forced candidate plan (tests) has not probed: list every id (LIMIT -1 = no limit).
    const fromParams = source.probeListsIds ? [JSON.stringify(probed.ids ?? this.probe(source, -1).ids)] : [];
    return this.all<OrderListRow>(sql, [...fromParams, ...where.params, limit]);
  }

  private listByScan(filter: OrderFilter, sort: OrderSort, after: KeysetPosition | null, limit: number): { rows: OrderListRow[]; plan: OrderListPlan } {
    const { key, keyset, outer } = sortParts(sort);
    const { index, statusArms } = pickIndex(key, filter);
    const arms = statusArms.length > 1 ? statusArms : [null];
    const base = filterConditions(filter, { withoutStatus: arms[0] !== null });
    const order = orderByOf(keyset);
    const rows = collectSegments(keysetSegments(keyset, after), limit, (segment, need) => {
      if (arms.length === 1) {
        const where = joinConditions([...base, toCondition(segment)]);
        const sql = `SELECT ${SELECT_COLUMNS} FROM orders AS o INDEXED BY ${index.name} WHERE ${where.sql} ORDER BY ${order} LIMIT ?`;
        return this.all<OrderListRow>(sql, [...where.params, need]);
      }
      // One ordered range per status, merged on (key, id) alone; only the winners' rows are read.
      const parts = arms.map((status) => {
        const where = joinConditions([{ sql: 'o.status = ?', params: [status] }, ...base, toCondition(segment)]);
        return {
          sql: `SELECT * FROM (SELECT o.id AS ${outer.idColumn}, ${keyset.column} AS ${outer.column} FROM orders AS o INDEXED BY ${index.name} WHERE ${where.sql} ORDER BY ${order} LIMIT ?)`,
          params: [...where.params, need],
        };
      });
      const sql = `SELECT ${SELECT_COLUMNS} FROM (${parts.map((p) => p.sql).join(' UNION ALL ')} ORDER BY ${orderByOf(outer)} LIMIT ?) AS p
        CROSS JOIN orders AS o ON o.id = p.${outer.idColumn} ORDER BY ${order}`;
      return this.all<OrderListRow>(sql, [...parts.flatMap((p) => p.params), need]);
    });
    return { rows, plan: `scan:${index.name}${arms.length > 1 ? `×${arms.length}` : ''}` };
  }

  /** The whole order with its items and payload; null when there is no such order. */
  get(id: number): OrderDetailRow | null {
    const row = this.statements
      .get(`SELECT ${SELECT_COLUMNS}, o.raw AS raw, o.first_seen_at AS firstSeenAt, o.last_seen_at AS lastSeenAt FROM orders AS o WHERE o.id = ?`)
      .get(id) as Omit<OrderDetailRow, 'items'> | undefined;
    if (!row) return null;
    const items = this.statements
      .get(
        `SELECT item_key AS itemKey, title, sku, quantity, currency, unit_price AS unitPrice, amount
         FROM order_items WHERE order_id = ? ORDER BY id`,
      )
      .all(id) as OrderItemRow[];
    return { ...row, items };
  }

  /** Ids of orders with this number (one per account that has it). */
  idsByOrderNo(orderNo: string, accountId?: number): number[] {
    return this.statements
      .get(`SELECT o.id FROM orders AS o WHERE ${IN_ANY_ACCOUNT} AND o.order_no = ? AND (? IS NULL OR o.account_id = ?) ORDER BY o.id`)
      .pluck()
      .all(orderNo, accountId ?? null, accountId ?? null) as number[];
  }
}

interface Probed {
  readonly source: CandidateSource;
  readonly count: number;
  /** The candidate ids when the probe lists them (FTS), so the index is not searched twice. */
  readonly ids: number[] | null;
}

function toCondition(segment: { where: string; params: readonly (number | null)[] }): Condition {
  return { sql: segment.where, params: segment.params };
}
