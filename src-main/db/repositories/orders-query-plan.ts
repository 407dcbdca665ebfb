/**
 * How an orders list is executed, chosen per call from the filters — the part that keeps the first
 * page of any typical filter fast on a million orders:
 *
 * - ordered scan: walk the index (equality prefix…, sort key, id) in page order, checking the other
 *   filters row by row, and stop after `limit` rows. Several statuses on an index that has a status
 *   column become one bounded arm per status, merged (each arm is an ordered range).
 * - candidates: when a selective filter that is not the sort key (a text search, an order-number
 *   prefix, a created range under another sort, an amount range under another sort) matches at most
 *   CANDIDATE_LIMIT rows, fetch just those rows and sort them.
 *
 * Which one is cheaper depends on how many rows the selective filter matches, so that is measured
 * with a bounded count (index only, stops at CANDIDATE_LIMIT + 1) before choosing. The driving index
 * is named with INDEXED BY so the plan does not depend on whether ANALYZE statistics exist.
 */
import type { OrderStatus, ProviderSlug } from '../../domain/models.js';
import { PENDING_MATCH_SQL } from '../search-index.js';
import type { KeysetSort } from './keyset.js';

export type OrderSortKey = 'created' | 'total' | 'updated';
export type OrderSort = 'created_desc' | 'created_asc' | 'total_desc' | 'total_asc' | 'updated_desc';

export const ORDER_SORTS: readonly OrderSort[] = ['created_desc', 'created_asc', 'total_desc', 'total_asc', 'updated_desc'];

/** Filters of the orders list. Amounts are scale-4 integers; times epoch ms, `createdTo` exclusive. */
export interface OrderFilter {
  readonly accountId?: number | undefined;
  readonly provider?: ProviderSlug | undefined;
  readonly statuses?: readonly OrderStatus[] | undefined;
  readonly createdFrom?: number | undefined;
  readonly createdTo?: number | undefined;
  readonly totalMin?: number | undefined;
  readonly totalMax?: number | undefined;
  readonly currency?: string | undefined;
  /**
   * Text search. 3+ characters: substring of order number, external number, title or buyer (trigram
   * index). Shorter: order-number prefix, and for non-ASCII text (a two-character Chinese word such as
   * 话费) also a substring of title or buyer, checked row by row since trigrams need 3 characters.
   */
  readonly q?: string | undefined;
}

type PrefixColumn = 'account_id' | 'provider' | 'status';

interface IndexInfo {
  readonly name: string;
  readonly prefix: readonly PrefixColumn[];
}

const COLUMN: Record<OrderSortKey, { column: string; alias: string }> = {
  created: { column: 'o.created_at', alias: 'createdAt' },
  total: { column: 'o.total', alias: 'total' },
  updated: { column: 'o.updated_at', alias: 'updatedAt' },
};

/**
 * Indexes (migration 0002) of the shape (prefix…, key, id, covered…), best first. The filters that
 * are not a prefix (status under an account, provider under the amount sort…) are covered columns,
 * checked without reading the table.
 */
const INDEXES: Record<OrderSortKey, readonly IndexInfo[]> = {
  created: [
    { name: 'orders_by_account_created', prefix: ['account_id'] },
    { name: 'orders_by_provider_created', prefix: ['provider'] },
    { name: 'orders_by_status_created', prefix: ['status'] },
    { name: 'orders_by_created', prefix: [] },
  ],
  total: [
    { name: 'orders_by_account_total', prefix: ['account_id'] },
    { name: 'orders_by_total', prefix: [] },
  ],
  updated: [{ name: 'orders_by_updated', prefix: [] }],
};

/** Order numbers are unique per account: one seek per account in the v1 unique key (account_id, order_no). */
export const BY_ORDER_NO = 'sqlite_autoindex_orders_1';
export const IN_ANY_ACCOUNT = 'o.account_id IN (SELECT id FROM accounts)';

/** Up to this many statuses become merged arms; more are checked row by row. */
const MAX_STATUS_ARMS = 4;

export const SELECT_COLUMNS = `o.id AS id, o.account_id AS accountId, o.provider AS provider, o.order_no AS orderNo,
  o.external_order_no AS externalOrderNo, o.status AS status, o.status_raw AS statusRaw, o.title AS title, o.buyer AS buyer,
  o.currency AS currency, o.total AS total, o.paid AS paid, o.refunded AS refunded, o.commission AS commission,
  o.commission_currency AS commissionCurrency, o.created_at AS createdAt, o.updated_at AS updatedAt, o.paid_at AS paidAt,
  o.missing_since AS missingSince`;

export function sortParts(sort: OrderSort): { key: OrderSortKey; keyset: KeysetSort; outer: KeysetSort } {
  const [key, direction] = sort.split('_') as [OrderSortKey, 'asc' | 'desc'];
  return {
    key,
    keyset: { column: COLUMN[key].column, idColumn: 'o.id', direction },
    outer: { column: COLUMN[key].alias, idColumn: 'id', direction },
  };
}

/** A SQL condition and its parameters. */
export interface Condition {
  readonly sql: string;
  readonly params: readonly (string | number | null)[];
}

export function statusesOf(filter: OrderFilter): readonly OrderStatus[] {
  // All seven statuses filter nothing; an empty list means "no status filter" too.
  const unique = [...new Set(filter.statuses ?? [])];
  return unique.length >= 7 ? [] : unique;
}

/** The driving index for an ordered scan by `key`, given which equality filters are present. */
export function pickIndex(key: OrderSortKey, filter: OrderFilter): { index: IndexInfo; statusArms: readonly OrderStatus[] } {
  const statuses = statusesOf(filter);
  const available: Record<PrefixColumn, boolean> = {
    account_id: filter.accountId !== undefined,
    provider: filter.provider !== undefined && filter.accountId === undefined,
    status: statuses.length > 0 && statuses.length <= MAX_STATUS_ARMS,
  };
  const index = INDEXES[key].find((i) => i.prefix.every((c) => available[c]))!;
  return { index, statusArms: index.prefix.includes('status') ? statuses : [] };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Upper bound of the strings that start with `prefix` (binary order = code point order). */
export function prefixRange(prefix: string): { lower: string; upper: string | null } {
  const points = [...prefix];
  const last = points.pop();
  if (last === undefined) return { lower: '', upper: null };
  const cp = last.codePointAt(0)!;
  if (cp >= 0x10ffff) return { lower: prefix, upper: null };
  // Skip the surrogate range, which no stored string contains.
  const next = cp + 1 === 0xd800 ? 0xe000 : cp + 1;
  return { lower: prefix, upper: points.join('') + String.fromCodePoint(next) };
}

export function isTrigramSearch(q: string | undefined): q is string {
  return q !== undefined && [...q].length >= 3;
}

/** A short search that may be a word (CJK) rather than the start of an order number. */
export function isShortWordSearch(q: string): boolean {
  return [...q].length < 3 && /[^\x20-\x7e]/.test(q);
}

/** FTS5 query for a literal substring: one quoted phrase, quotes doubled. */
export function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

export interface ConditionOptions {
  /** Statuses handled by arms (one `status = ?` per arm) are left out. */
  readonly withoutStatus?: boolean;
  /** The text search is answered by the FTS join: leave it out. */
  readonly withoutSearch?: boolean;
}

/** Every filter as SQL conditions on `o`. */
export function filterConditions(filter: OrderFilter, options: ConditionOptions = {}): Condition[] {
  const out: Condition[] = [];
  if (filter.accountId !== undefined) out.push({ sql: 'o.account_id = ?', params: [filter.accountId] });
  if (filter.provider !== undefined) out.push({ sql: 'o.provider = ?', params: [filter.provider] });
  const statuses = statusesOf(filter);
  if (statuses.length > 0 && !options.withoutStatus) {
    out.push(statuses.length === 1 ? { sql: 'o.status = ?', params: statuses } : { sql: `o.status IN (${statuses.map(() => '?').join(', ')})`, params: statuses });
  }
  if (filter.createdFrom !== undefined) out.push({ sql: 'o.created_at >= ?', params: [filter.createdFrom] });
  if (filter.createdTo !== undefined) out.push({ sql: 'o.created_at < ?', params: [filter.createdTo] });
  if (filter.totalMin !== undefined) out.push({ sql: 'o.total >= ?', params: [filter.totalMin] });
  if (filter.totalMax !== undefined) out.push({ sql: 'o.total <= ?', params: [filter.totalMax] });
  if (filter.currency !== undefined) out.push({ sql: 'o.currency = ?', params: [filter.currency] });
  const q = filter.q;
  if (q !== undefined && q !== '' && !options.withoutSearch) {
    if (isTrigramSearch(q)) {
      const p = likePattern(q);
      out.push({
        sql: "(o.order_no LIKE ? ESCAPE '\\' OR o.title LIKE ? ESCAPE '\\' OR o.external_order_no LIKE ? ESCAPE '\\' OR o.buyer LIKE ? ESCAPE '\\')",
        params: [p, p, p, p],
      });
    } else {
      const { lower, upper } = prefixRange(q);
      const prefix: Condition = upper === null ? { sql: 'o.order_no >= ?', params: [lower] } : { sql: 'o.order_no >= ? AND o.order_no < ?', params: [lower, upper] };
      const p = likePattern(q);
      out.push(
        isShortWordSearch(q)
          ? { sql: `((${prefix.sql}) OR o.title LIKE ? ESCAPE '\\' OR o.buyer LIKE ? ESCAPE '\\')`, params: [...prefix.params, p, p] }
          : prefix,
      );
    }
  }
  return out;
}

export function joinConditions(conditions: readonly Condition[]): Condition {
  if (conditions.length === 0) return { sql: '1', params: [] };
  return { sql: conditions.map((c) => c.sql).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

/** Where a bounded candidate set could come from, and how to probe its size (index only, bounded). */
export interface CandidateSource {
  readonly kind: 'fts' | 'order_no' | 'created' | 'total';
  /** Ends with `LIMIT ?`; returns a count, or the candidate ids when `probeListsIds`. */
  readonly probeSql: string;
  readonly probeParams: readonly (string | number)[];
  /** The probe lists ids, and `from` takes them as one JSON array parameter. */
  readonly probeListsIds: boolean;
  /** FROM clause (with alias `o`) producing the candidates, and a condition it needs. */
  readonly from: string;
  readonly where: string;
  /** Leave the text search out of the row conditions (the FTS join answers it). */
  readonly coversSearch: boolean;
}

function prefixConditions(index: IndexInfo, filter: OrderFilter): Condition[] {
  const statuses = statusesOf(filter);
  const out: Condition[] = [];
  for (const c of index.prefix) {
    if (c === 'account_id') out.push({ sql: 'o.account_id = ?', params: [filter.accountId!] });
    if (c === 'provider') out.push({ sql: 'o.provider = ?', params: [filter.provider!] });
    if (c === 'status') out.push({ sql: `o.status IN (${statuses.map(() => '?').join(', ')})`, params: statuses });
  }
  return out;
}

function rangeSource(kind: 'created' | 'total', sortKey: OrderSortKey, filter: OrderFilter): CandidateSource | null {
  const lowerValue = kind === 'created' ? filter.createdFrom : filter.totalMin;
  const upperValue = kind === 'created' ? filter.createdTo : filter.totalMax;
  if (sortKey === kind || (lowerValue === undefined && upperValue === undefined)) return null;
  const { index } = pickIndex(kind, filter);
  const column = kind === 'created' ? 'o.created_at' : 'o.total';
  const range: Condition[] = [];
  if (lowerValue !== undefined) range.push({ sql: `${column} >= ?`, params: [lowerValue] });
  if (upperValue !== undefined) range.push({ sql: kind === 'created' ? `${column} < ?` : `${column} <= ?`, params: [upperValue] });
  const where = joinConditions([...prefixConditions(index, filter), ...range]);
  return {
    kind,
    probeSql: `SELECT count(*) FROM (SELECT 1 FROM orders AS o INDEXED BY ${index.name} WHERE ${where.sql} LIMIT ?)`,
    probeParams: where.params as (string | number)[],
    probeListsIds: false,
    from: `orders AS o INDEXED BY ${index.name}`,
    where: '1',
    coversSearch: false,
  };
}

/** The candidate sources that apply to this filter and sort, most selective kinds first. */
export function candidateSources(filter: OrderFilter, sortKey: OrderSortKey): CandidateSource[] {
  const sources: CandidateSource[] = [];
  const q = filter.q;
  if (isTrigramSearch(q)) {
    const phrase = ftsPhrase(q);
    const p = likePattern(q);
    sources.push({
      kind: 'fts',
      // The index, plus the orders still queued for it (search-index.ts): never in both.
      probeSql: `SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? UNION ALL ${PENDING_MATCH_SQL} LIMIT ?`,
      probeParams: [phrase, p, p, p, p],
      probeListsIds: true,
      from: 'json_each(?) AS m CROSS JOIN orders AS o ON o.id = m.value',
      where: '1',
      coversSearch: true,
    });
  } else if (q !== undefined && q !== '' && !isShortWordSearch(q)) {
    const { lower, upper } = prefixRange(q);
    const range = upper === null ? 'o.order_no >= ?' : 'o.order_no >= ? AND o.order_no < ?';
    sources.push({
      kind: 'order_no',
      probeSql: `SELECT count(*) FROM (SELECT 1 FROM orders AS o INDEXED BY ${BY_ORDER_NO} WHERE ${IN_ANY_ACCOUNT} AND ${range} LIMIT ?)`,
      probeParams: upper === null ? [lower] : [lower, upper],
      probeListsIds: false,
      from: `orders AS o INDEXED BY ${BY_ORDER_NO}`,
      where: IN_ANY_ACCOUNT,
      coversSearch: false,
    });
  }
  for (const kind of ['created', 'total'] as const) {
    const source = rangeSource(kind, sortKey, filter);
    if (source) sources.push(source);
  }
  return sources;
}
