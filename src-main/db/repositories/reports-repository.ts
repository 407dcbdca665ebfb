/**
 * Report SQL: grouped rows, per-currency totals and the drill-down, all generated from REPORT_SPECS.
 * Money is summed as scale-4 integers and read back as BigInt (`safeIntegers`), so sums beyond 2^53
 * stay exact. Business days are Asia/Shanghai: UTC+8 with no daylight saving since 1991, so the day
 * of an instant is the UTC day of `ms + 8h`.
 */
import type { ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { REPORT_SPECS, type ReportKind, type ReportSpec } from './report-specs.js';

export type ReportGroup = 'day' | 'month' | 'period';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface ReportScope {
  readonly kind: ReportKind;
  /** Half-open [startMs, endMs) range of the records' time. */
  readonly startMs: number;
  readonly endMs: number;
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
}

export interface ReportQuery extends ReportScope {
  readonly group: ReportGroup;
  /** The period text of every row when `group` is `period`. */
  readonly periodLabel: string;
}

export interface RawReportRow {
  readonly period: string;
  readonly dims: Readonly<Record<string, string | number>>;
  readonly money: Readonly<Record<string, bigint>>;
  readonly counts: Readonly<Record<string, number>>;
}

export interface RawReportTotal {
  readonly currency: string | null;
  readonly money: Readonly<Record<string, bigint>>;
  readonly counts: Readonly<Record<string, number>>;
}

export interface DrillQuery extends ReportScope {
  readonly dims: Readonly<Record<string, string | number>>;
  /** Only records that add to this figure (a money or count name of the spec); null = all. */
  readonly figure: string | null;
  /** Keyset cursor: records with a larger id. */
  readonly after: number;
  readonly limit: number;
}

export interface RawDrillItem {
  readonly id: number;
  readonly accountId: number;
  readonly ref: string;
  readonly at: number | null;
  readonly status: string | null;
  readonly currency: string | null;
  readonly money: Readonly<Record<string, bigint>>;
}

type SqlRow = Record<string, unknown>;

function periodExpr(spec: ReportSpec, group: ReportGroup): string {
  if (group === 'period') return '@periodLabel';
  const format = group === 'day' ? '%Y-%m-%d' : '%Y-%m';
  return `strftime('${format}', (${spec.time} + ${SHANGHAI_OFFSET_MS}) / 1000, 'unixepoch')`;
}

function scopeSql(spec: ReportSpec): string {
  return `${spec.where} AND ${spec.time} >= @start AND ${spec.time} < @end
    AND (@provider IS NULL OR ${spec.provider} = @provider) AND (@account IS NULL OR ${spec.accountId} = @account)`;
}

function scopeParams(q: ReportScope): Record<string, unknown> {
  return { start: q.startMs, end: q.endMs, provider: q.provider, account: q.accountId };
}

function aggregates(spec: ReportSpec): string[] {
  return [
    ...spec.money.map((m, i) => `SUM(${m.expr}) AS m${i}`),
    ...spec.counts.map((c, i) => `SUM(CASE WHEN ${c.cond} THEN 1 ELSE 0 END) AS c${i}`),
  ];
}

function bigintOf(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as number);
}

function numberOf(value: unknown): number {
  return Number(value);
}

function figuresOf(spec: ReportSpec, row: SqlRow): { money: Record<string, bigint>; counts: Record<string, number> } {
  return {
    money: Object.fromEntries(spec.money.map((m, i) => [m.name, bigintOf(row[`m${i}`])])),
    counts: Object.fromEntries(spec.counts.map((c, i) => [c.name, numberOf(row[`c${i}`])])),
  };
}

export class ReportsRepository {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {}

  /** One row per (period, dimensions) with data, ordered by period then dimensions. */
  rows(q: ReportQuery): RawReportRow[] {
    const spec = REPORT_SPECS[q.kind];
    const dims = spec.dims.map((d, i) => `${d.expr} AS d${i}`);
    const groupBy = ['period', ...spec.dims.map((_, i) => `d${i}`)].join(', ');
    const sql = `SELECT ${periodExpr(spec, q.group)} AS period, ${[...dims, ...aggregates(spec)].join(', ')}
      FROM ${spec.from} WHERE ${scopeSql(spec)} GROUP BY ${groupBy} ORDER BY ${groupBy}`;
    const params = { ...scopeParams(q), ...(q.group === 'period' ? { periodLabel: q.periodLabel } : {}) };
    return this.all(sql, params).map((row) => ({
      period: String(row['period']),
      dims: Object.fromEntries(spec.dims.map((d, i) => [d.name, d.type === 'int' ? numberOf(row[`d${i}`]) : String(row[`d${i}`])])),
      ...figuresOf(spec, row),
    }));
  }

  /** Sums over the same records as `rows`, one per currency (one overall for reports without money). */
  totals(q: ReportScope): RawReportTotal[] {
    const spec = REPORT_SPECS[q.kind];
    const currency = spec.currency ?? 'NULL';
    const tail = spec.currency ? `GROUP BY currency ORDER BY currency` : 'HAVING count(*) > 0';
    const sql = `SELECT ${currency} AS currency, ${aggregates(spec).join(', ')} FROM ${spec.from} WHERE ${scopeSql(spec)} ${tail}`;
    return this.all(sql, scopeParams(q)).map((row) => ({
      currency: row['currency'] === null ? null : String(row['currency']),
      ...figuresOf(spec, row),
    }));
  }

  /** Up to `limit + 1` records of one row (the extra one tells the caller another page exists). */
  drill(q: DrillQuery): RawDrillItem[] {
    const spec = REPORT_SPECS[q.kind];
    const dimConds = spec.dims.map((d, i) => `${d.expr} = @d${i}`);
    const figureCond = this.figureCondition(spec, q.figure);
    const conds = [scopeSql(spec), ...dimConds, ...(figureCond ? [figureCond] : []), `${spec.id} > @after`];
    const sql = `SELECT ${spec.id} AS id, ${spec.accountId} AS account_id, ${spec.ref} AS ref, ${spec.time} AS at, ${spec.status} AS status,
        ${spec.currency ?? 'NULL'} AS currency${spec.money.map((m, i) => `, ${m.expr} AS m${i}`).join('')}
      FROM ${spec.from} WHERE ${conds.join(' AND ')} ORDER BY ${spec.id} LIMIT @limit`;
    const params: Record<string, unknown> = { ...scopeParams(q), after: q.after, limit: q.limit + 1 };
    spec.dims.forEach((d, i) => (params[`d${i}`] = q.dims[d.name]));
    return this.all(sql, params).map((row) => ({
      id: numberOf(row['id']),
      accountId: numberOf(row['account_id']),
      ref: String(row['ref']),
      at: row['at'] === null ? null : numberOf(row['at']),
      status: row['status'] === null ? null : String(row['status']),
      currency: row['currency'] === null ? null : String(row['currency']),
      money: Object.fromEntries(spec.money.map((m, i) => [m.name, bigintOf(row[`m${i}`])])),
    }));
  }

  private figureCondition(spec: ReportSpec, figure: string | null): string | null {
    if (figure === null) return null;
    const money = spec.money.find((m) => m.name === figure);
    if (money) return `(${money.expr}) <> 0`;
    const count = spec.counts.find((c) => c.name === figure);
    if (count) return `(${count.cond})`;
    throw new RangeError(`unknown figure ${figure}`);
  }

  private all(sql: string, params: Record<string, unknown>): SqlRow[] {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).safeIntegers(true);
      this.statements.set(sql, stmt);
    }
    return stmt.all(params) as SqlRow[];
  }
}
