/**
 * Orders for exports: the orders list's own execution plans (same filters, same order, same keyset
 * pages — OrdersQueryRepository itself runs them), with every row read as an array instead of an
 * object. better-sqlite3 builds a 19-property object per row otherwise, which is about half the cost
 * of a page; a million-row export reads a thousand pages.
 *
 * How: the repository prepares its statements through the connection it is given; here that is the
 * real connection with raw mode switched on for each statement it prepares. The repository never
 * looks inside a list row itself (it only collects them), so the rows it returns are the arrays,
 * their cells in the order of SELECT_COLUMNS. The export tests compare the exported order numbers
 * with `orders:list` page by page for every kind of filter and sort, which keeps this honest.
 */
import type { Db } from '../connection.js';
import type { KeysetPosition, KeysetSort } from './keyset.js';
import { SELECT_COLUMNS, sortParts, type OrderFilter, type OrderSort, type OrderSortKey } from './orders-query-plan.js';
import { OrdersQueryRepository } from './orders-query-repository.js';

/** The cells of an order row, by the aliases of SELECT_COLUMNS. */
export type OrderColumn =
  | 'id'
  | 'accountId'
  | 'provider'
  | 'orderNo'
  | 'externalOrderNo'
  | 'status'
  | 'statusRaw'
  | 'title'
  | 'buyer'
  | 'currency'
  | 'total'
  | 'paid'
  | 'refunded'
  | 'commission'
  | 'commissionCurrency'
  | 'createdAt'
  | 'updatedAt'
  | 'paidAt'
  | 'missingSince';

export type OrderRowArray = readonly (string | number | null)[];

const ALIASES = [...SELECT_COLUMNS.matchAll(/\bAS (\w+)/g)].map((m) => m[1]!);

/** Position of each column in a row array. */
export const ORDER_CELL: Readonly<Record<OrderColumn, number>> = Object.fromEntries(
  (
    [
      'id',
      'accountId',
      'provider',
      'orderNo',
      'externalOrderNo',
      'status',
      'statusRaw',
      'title',
      'buyer',
      'currency',
      'total',
      'paid',
      'refunded',
      'commission',
      'commissionCurrency',
      'createdAt',
      'updatedAt',
      'paidAt',
      'missingSince',
    ] as const
  ).map((name) => {
    const index = ALIASES.indexOf(name);
    if (index < 0) throw new Error(`orders SELECT_COLUMNS has no column ${name}`);
    return [name, index];
  }),
) as Record<OrderColumn, number>;

const SORT_CELL: Readonly<Record<OrderSortKey, number>> = { created: ORDER_CELL.createdAt, total: ORDER_CELL.total, updated: ORDER_CELL.updatedAt };

/** Sort keys with an index of their own, so a quantile of them is one short index walk. */
const SPLITTABLE: ReadonlySet<OrderSortKey> = new Set(['created', 'total']);

/** Whether a row with this key and id comes after `position` in `sort` order (NULL keys as keyset.ts orders them). */
export function isAfter(sort: KeysetSort, position: KeysetPosition, key: number | null, id: number): boolean {
  if (sort.direction === 'desc') {
    if (position.key === null) return key === null && id < position.id;
    return key === null || key < position.key || (key === position.key && id < position.id);
  }
  if (position.key === null) return key !== null || id > position.id;
  return key !== null && (key > position.key || (key === position.key && id > position.id));
}

export class OrderExportRows {
  private readonly repo: OrdersQueryRepository;

  constructor(private readonly db: Db) {
    const rawDb = { prepare: (sql: string) => db.prepare(sql).raw(true) } as unknown as Db;
    this.repo = new OrdersQueryRepository(rawDb);
  }

  /** Up to `limit` orders after `after`, and the position after the last of them (null: no more rows). */
  page(filter: OrderFilter, sort: OrderSort, after: KeysetPosition | null, limit: number): { rows: OrderRowArray[]; next: KeysetPosition | null } {
    const { rows } = this.repo.list(filter, sort, after, limit);
    const arrays = rows as unknown as OrderRowArray[];
    const last = arrays[arrays.length - 1];
    if (last === undefined || arrays.length < limit) return { rows: arrays, next: null };
    return { rows: arrays, next: positionOf(last, sort) };
  }

  /**
   * Positions that cut the orders into `parts` contiguous runs of about equal size in `sort` order
   * (each position lies just before a run's first row), or none when the sort key has no index of its
   * own. The cuts are quantiles of the sort key over all orders, not over the filtered ones: a skewed
   * filter gives uneven runs, never wrong ones.
   */
  splitPositions(sort: OrderSort, parts: number): KeysetPosition[] {
    const { key, keyset } = sortParts(sort);
    if (parts < 2 || !SPLITTABLE.has(key)) return [];
    const column = keyset.column;
    const keyed = this.db.prepare(`SELECT count(${column}) FROM orders AS o`).pluck().get() as number;
    const direction = keyset.direction === 'desc' ? 'DESC' : 'ASC';
    const at = this.db.prepare(`SELECT ${column} FROM orders AS o WHERE ${column} IS NOT NULL ORDER BY ${column} ${direction} LIMIT 1 OFFSET ?`).pluck();
    // Just before the first row with that key: its whole tie group goes to the later run.
    const before = keyset.direction === 'desc' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
    const cuts: KeysetPosition[] = [];
    for (let i = 1; i < parts; i++) {
      const value = at.get(Math.floor((keyed * i) / parts)) as number | undefined;
      if (value !== undefined && (cuts.length === 0 || value !== cuts[cuts.length - 1]!.key)) cuts.push({ key: value, id: before });
    }
    return cuts;
  }
}

/** The keyset position of a row array. */
export function positionOf(row: OrderRowArray, sort: OrderSort): KeysetPosition {
  const key = row[SORT_CELL[sortParts(sort).key]];
  return { key: typeof key === 'number' ? key : null, id: row[ORDER_CELL.id] as number };
}

/** Rows up to (not after) `end`, and whether any row was cut off. */
export function rowsUpTo(rows: OrderRowArray[], sort: OrderSort, end: KeysetPosition): { rows: OrderRowArray[]; cut: boolean } {
  const keyset = sortParts(sort).keyset;
  const cell = SORT_CELL[sortParts(sort).key];
  const at = rows.findIndex((row) => isAfter(keyset, end, row[cell] as number | null, row[ORDER_CELL.id] as number));
  return at < 0 ? { rows, cut: false } : { rows: rows.slice(0, at), cut: true };
}
