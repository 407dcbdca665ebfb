/**
 * Where an export's rows come from: the list services themselves (same filters, same order, same
 * views as the list channels), followed page by page through their keyset cursors — never OFFSET,
 * never the whole result in memory. Each page becomes one batch of cells.
 */
import type { ExportStartArgs } from '../api/channels/export.js';
import type { CardRevealView, CardView, OrdersListArgs, PageView } from '../api/channels/records.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import { rowsUpTo, type OrderExportRows } from '../db/repositories/export-order-rows.js';
import type { ExportRepository, EstimateScope } from '../db/repositories/export-repository.js';
import type { KeysetPosition } from '../db/repositories/keyset.js';
import type { OrderFilter } from '../db/repositories/orders-query-plan.js';
import { parseScaled } from '../domain/money.js';
import { accountLookup } from './account-directory.js';
import type { CellValue, ColumnLayout, RowBatch } from './export-cells.js';
import {
  cardTable,
  COMMISSION_TABLE,
  FLOW_TABLE,
  orderTable,
  reportLines,
  reportTable,
  SETTLEMENT_TABLE,
  type ExportTable,
} from './export-columns.js';
import type { RecordServices } from './record-services.js';
import type { ReportService } from './report-service.js';

/** Rows per page read from the database: a few milliseconds of work between two yields to the event loop. */
export const EXPORT_PAGE_SIZE = 500;
const ACCOUNT_NAMES_MAX_AGE_MS = 1000;

export interface ExportSource {
  readonly sheetName: string;
  readonly columns: readonly ColumnLayout[];
  /**
   * Upper bound of the rows (exact for reports) in parts that add up to it, so the caller can yield
   * to the event loop between them.
   */
  estimate(): Iterable<number>;
  /** One batch per page; the caller yields to the event loop between batches. */
  pages(): Generator<RowBatch>;
}

export interface ExportSourceDeps {
  readonly records: RecordServices;
  /** Orders as row arrays through the orders list's own plans (the export that must scale). */
  readonly orderRows: OrderExportRows;
  readonly accounts: AccountsRepository;
  readonly reports: ReportService;
  readonly exports: ExportRepository;
  /** The vault's decrypt, for card passwords. */
  readonly decrypt: (blob: Buffer) => string;
  readonly pageSize?: number;
}

function cellsOf<T>(table: ExportTable<T>, items: readonly T[]): RowBatch {
  const columns = table.columns;
  const copied = columns.map((c) => c.cell ?? -1);
  return items.map((item) => {
    const row: CellValue[] = new Array<CellValue>(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const k = copied[i]!;
      // `cell` is only set on columns over row arrays.
      row[i] = k < 0 ? columns[i]!.value(item) : ((item as readonly CellValue[])[k] ?? null);
    }
    return row;
  });
}

function listSource<T, A extends object>(
  table: ExportTable<T>,
  args: A,
  list: (args: A & { cursor: string | undefined; limit: number }) => PageView<T>,
  estimate: () => Iterable<number>,
  pageSize: number,
  enrich: (items: readonly T[]) => readonly T[] = (items) => items,
): ExportSource {
  return {
    sheetName: table.sheetName,
    columns: table.columns,
    estimate,
    *pages() {
      let cursor: string | undefined;
      do {
        const page = list({ ...args, cursor, limit: pageSize });
        yield cellsOf(table, enrich(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    },
  };
}

function scopeOf(filters: { accountId?: number | undefined; provider?: EstimateScope['provider'] }): EstimateScope {
  return { accountId: filters.accountId, provider: filters.provider };
}

/** A contiguous run of an orders export (split exports write each run in its own worker). */
export interface OrderRange {
  /** Start after this position (null: from the first row). */
  readonly after: KeysetPosition | null;
  /** Stop at this position: rows after it belong to the next run (null: to the last row). */
  readonly end: KeysetPosition | null;
}

const WHOLE: OrderRange = { after: null, end: null };

/** The source for validated `export:start` arguments (`range`: orders only). */
export function exportSource(args: ExportStartArgs, deps: ExportSourceDeps, range: OrderRange = WHOLE): ExportSource {
  const { records, exports } = deps;
  const size = deps.pageSize ?? EXPORT_PAGE_SIZE;
  switch (args.kind) {
    case 'orders':
      return orderSource(args.filters, deps, size, range);
    case 'cards': {
      const withPasswords = args.includePasswords === true;
      const reveal = (items: readonly (CardView | CardRevealView)[]) => {
        const blobs = exports.passwordBlobs(items.map((c) => c.id));
        return items.map((c) => {
          const blob = blobs.get(c.id);
          return blob === undefined ? c : { ...c, password: deps.decrypt(blob) };
        });
      };
      const estimate = () => exports.countScope('card_codes', scopeOf(args.filters));
      return listSource(cardTable(withPasswords), args.filters, (a) => records.cards.list(a), estimate, size, withPasswords ? reveal : undefined);
    }
    case 'commissions':
      return listSource(COMMISSION_TABLE, args.filters, (a) => records.commissions.list(a), () => exports.countScope('commissions', scopeOf(args.filters)), size);
    case 'settlements': {
      const estimate = () => exports.countScope('settlement_changes', { accountId: args.filters.accountId });
      return listSource(SETTLEMENT_TABLE, args.filters, (a) => records.settlements.list(a), estimate, size);
    }
    case 'flows':
      return listSource(FLOW_TABLE, args.filters, (a) => records.flows.list(a), () => exports.countScope('money_flows', { accountId: args.filters.accountId }), size);
    case 'report':
      return reportSource(args.filters, deps.reports, size);
  }
}

/** The same filter the orders list service builds from these arguments. */
function orderFilterOf(args: OrdersListArgs): OrderFilter {
  const amount = (text: string | undefined) => (text === undefined ? undefined : (parseScaled(text) ?? undefined));
  return {
    accountId: args.accountId,
    provider: args.provider,
    statuses: args.status,
    createdFrom: args.createdFrom,
    createdTo: args.createdTo,
    totalMin: amount(args.totalMin),
    totalMax: amount(args.totalMax),
    currency: args.currency,
    q: args.q === '' ? undefined : args.q,
  };
}

function orderSource(args: OrdersListArgs, deps: ExportSourceDeps, pageSize: number, range: OrderRange): ExportSource {
  const filter = orderFilterOf(args);
  // Account names as the list shows them, read again now and then (accounts may be renamed meanwhile;
  // reading them for every page cost about 0.4 s of CPU per million rows).
  let names = accountLookup(deps.accounts);
  let namesAt = performance.now();
  const table = orderTable((id) => names(id).name);
  return {
    sheetName: table.sheetName,
    columns: table.columns,
    estimate: () => deps.exports.countScope('orders', scopeOf(args)),
    *pages() {
      let after = range.after;
      do {
        if (performance.now() - namesAt > ACCOUNT_NAMES_MAX_AGE_MS) {
          names = accountLookup(deps.accounts);
          namesAt = performance.now();
        }
        const page = deps.orderRows.page(filter, args.sort, after, pageSize);
        const kept = range.end === null ? { rows: page.rows, cut: false } : rowsUpTo(page.rows, args.sort, range.end);
        yield cellsOf(table, kept.rows);
        after = kept.cut ? null : page.next;
      } while (after !== null);
    },
  };
}

function reportSource(filters: Extract<ExportStartArgs, { kind: 'report' }>['filters'], reports: ReportService, pageSize: number): ExportSource {
  const { report: kind, ...reportArgs } = filters;
  const table = reportTable(kind);
  let lines: ReturnType<typeof reportLines> | null = null;
  const load = () => {
    if (lines === null) {
      const view = reports.report(kind, reportArgs);
      lines = reportLines(kind, view.rows, view.totals, view.from, view.to);
    }
    return lines;
  };
  return {
    sheetName: table.sheetName,
    columns: table.columns,
    estimate: () => [load().length],
    *pages() {
      const all = load();
      for (let i = 0; i < all.length; i += pageSize) yield cellsOf(table, all.slice(i, i + pageSize));
    },
  };
}
