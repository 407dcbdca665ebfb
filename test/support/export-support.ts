/**
 * Helpers for the export tests and the export benchmark: fast order-only seeding through the real
 * RecordStore.commitPage, an independent RFC 4180 parser, the database's own view of the orders, and
 * exact scale-4 formatting computed without the code under test.
 */
import type { Db } from '../../src-main/db/connection.js';
import type { OrderRecord, RecordBatch } from '../../src-main/domain/models.js';
import type { RecordStore } from '../../src-main/sync/record-store.js';
import { seededOrder, type SeedAccount, type SeedOptions } from './ledger-seed.js';

const EMPTY_COUNTERS = { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 };
const SEEN_AT = Date.UTC(2025, 0, 1);

/** Commits one provider page of orders (no cards, commissions, … — exports of orders need none). */
export function commitOrders(store: RecordStore, account: SeedAccount, orders: readonly OrderRecord[]): void {
  const batch: RecordBatch = { orders, cards: [], commissions: [], settlements: [], flows: [] };
  store.commitPage({ accountId: account.id, provider: account.provider, runId: null, counters: { ...EMPTY_COUNTERS } }, batch, undefined, SEEN_AT);
}

/**
 * Orders [0, count) of the ledger-seed dataset (Chinese titles, 4-decimal Duomai amounts, CNY and USD,
 * a few null totals), committed page by page through the store, `perTransaction` orders per outer
 * transaction. `onProgress` hears the number committed so far.
 */
export function seedOrdersOnly(db: Db, store: RecordStore, accounts: readonly SeedAccount[], options: SeedOptions & { perTransaction?: number; onProgress?: (done: number) => void }): void {
  const per = options.perTransaction ?? 20_000;
  for (let from = 0; from < options.count; from += per) {
    const to = Math.min(options.count, from + per);
    db.transaction(() => {
      for (let page = from; page < to; page += 1000) {
        const byAccount = new Map<number, OrderRecord[]>();
        for (let i = page; i < Math.min(to, page + 1000); i++) {
          const s = seededOrder(i, accounts, options);
          const list = byAccount.get(s.accountIndex) ?? [];
          list.push(s.record);
          byAccount.set(s.accountIndex, list);
        }
        for (const [index, orders] of byAccount) commitOrders(store, accounts[index]!, orders);
      }
    })();
    options.onProgress?.(to);
  }
}

/** Exact decimal text of a scale-4 integer, 4 places ("4.4000", "-0.0001"): integer arithmetic only. */
export function scaled4(n: number): string {
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(abs / 10_000)}.${String(abs % 10_000).padStart(4, '0')}`;
}

/** A complete RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      i += 1;
      continue;
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** An order as the database holds it, with its account name. */
export interface DbOrder {
  readonly id: number;
  readonly provider: string;
  readonly account: string;
  readonly orderNo: string;
  readonly externalOrderNo: string | null;
  readonly status: string;
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

/** Every order, newest first (the export's default order), iterated without loading them all. */
export function dbOrders(db: Db): IterableIterator<DbOrder> {
  return db
    .prepare(
      `SELECT o.id, o.provider, a.name AS account, o.order_no AS orderNo, o.external_order_no AS externalOrderNo, o.status,
         o.status_raw AS statusRaw, o.title, o.buyer, o.currency, o.total, o.paid, o.refunded, o.commission,
         o.commission_currency AS commissionCurrency, o.created_at AS createdAt, o.updated_at AS updatedAt, o.paid_at AS paidAt,
         o.missing_since AS missingSince
       FROM orders o JOIN accounts a ON a.id = o.account_id ORDER BY o.created_at DESC, o.id DESC`,
    )
    .iterate() as IterableIterator<DbOrder>;
}
