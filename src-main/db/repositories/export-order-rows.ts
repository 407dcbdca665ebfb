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
import type { KeysetPosition } from './keyset.js';
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

export class OrderExportRows {
  private readonly repo: OrdersQueryRepository;

  constructor(db: Db) {
    const rawDb = { prepare: (sql: string) => db.prepare(sql).raw(true) } as unknown as Db;
    this.repo = new OrdersQueryRepository(rawDb);
  }

  /** Up to `limit` orders after `after`, and the position after the last of them (null: no more rows). */
  page(filter: OrderFilter, sort: OrderSort, after: KeysetPosition | null, limit: number): { rows: OrderRowArray[]; next: KeysetPosition | null } {
    const { rows } = this.repo.list(filter, sort, after, limit);
    const arrays = rows as unknown as OrderRowArray[];
    const last = arrays[arrays.length - 1];
    if (last === undefined || arrays.length < limit) return { rows: arrays, next: null };
    const key = last[SORT_CELL[sortParts(sort).key]];
    return { rows: arrays, next: { key: typeof key === 'number' ? key : null, id: last[ORDER_CELL.id] as number } };
  }
}
