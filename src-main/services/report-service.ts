/**
 * Report use-cases: period reports (see channels/reports.ts for what each figure means) and the
 * drill-down from a row key back to its records. Row keys carry the row's own date range, the report's
 * filters and the row's dimensions, so a key alone finds exactly the records the row summed.
 */
import {
  REPORT_KINDS,
  type ReportArgsInput,
  type ReportDrilldownView,
  type ReportGroup,
  type ReportKind,
  type ReportMoney,
  type ReportRow,
  type ReportTotal,
  type ReportView,
} from '../api/channels/reports.js';
import { ValidationError } from '../api/errors.js';
import { isCurrency, MONEY_SCALE, type Currency } from '../domain/money.js';
import { PROVIDER_SLUGS, type ProviderSlug } from '../domain/models.js';
import { addBusinessDays, businessDayStart } from '../domain/time.js';
import type { RawReportRow, ReportScope, ReportsRepository } from '../db/repositories/reports-repository.js';
import { REPORT_SPECS } from '../db/repositories/report-specs.js';

export interface ReportServiceDeps {
  readonly reports: ReportsRepository;
}

/** Commissions are read per period (who is owed what); the other reports as a daily series. */
const DEFAULT_GROUP: Readonly<Record<ReportKind, ReportGroup>> = {
  commissions: 'period',
  revenue: 'day',
  settlements: 'day',
  flows: 'day',
  cards: 'day',
};

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Exact decimal text of a scale-4 integer of any size: 44000n → "4.4000", -1n → "-0.0001". */
export function scaledText(scaled: bigint): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(MONEY_SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -MONEY_SCALE)}.${digits.slice(-MONEY_SCALE)}`;
}

function moneyOf(scaled: bigint, currency: string | null): ReportMoney {
  if (!isCurrency(currency)) throw new Error(`report amount without a known currency: ${String(currency)}`);
  return { amount: scaledText(scaled), currency };
}

function moneyRecord(money: Readonly<Record<string, bigint>>, currency: string | null): Record<string, ReportMoney> {
  return Object.fromEntries(Object.entries(money).map(([name, scaled]) => [name, moneyOf(scaled, currency)]));
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addBusinessDays(next, -1);
}

/** The business days a row covers, clipped to the report's range. */
function rowRange(group: ReportGroup, period: string, from: string, to: string): { from: string; to: string } {
  if (group === 'day') return { from: period, to: period };
  if (group === 'month') {
    const first = `${period}-01`;
    const last = lastDayOfMonth(period);
    return { from: first < from ? from : first, to: last > to ? to : last };
  }
  return { from, to };
}

function scopeOf(kind: ReportKind, from: string, to: string, provider: ProviderSlug | null, accountId: number | null): ReportScope {
  return { kind, startMs: businessDayStart(from), endMs: businessDayStart(addBusinessDays(to, 1)), provider, accountId };
}

// ── row keys ────────────────────────────────────────────────────────────────────────────────────────

interface RowKey {
  readonly kind: ReportKind;
  readonly from: string;
  readonly to: string;
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
  readonly dims: Record<string, string | number>;
}

export function encodeRowKey(key: RowKey): string {
  const spec = REPORT_SPECS[key.kind];
  const parts = [key.kind, key.from, key.to, key.provider ?? '*', key.accountId === null ? '*' : String(key.accountId)];
  return [...parts, ...spec.dims.map((d) => String(key.dims[d.name]))].map(encodeURIComponent).join('|');
}

const badKey = () => new ValidationError('报表行键无效 (invalid report row key)');

export function decodeRowKey(text: string): RowKey {
  let parts: string[];
  try {
    parts = text.split('|').map(decodeURIComponent);
  } catch {
    throw badKey();
  }
  const [kind, from, to, provider, account, ...dimValues] = parts;
  if (!(REPORT_KINDS as readonly string[]).includes(kind ?? '')) throw badKey();
  const spec = REPORT_SPECS[kind as ReportKind];
  if (!from || !to || !DAY_RE.test(from) || !DAY_RE.test(to) || from > to || dimValues.length !== spec.dims.length) throw badKey();
  if (provider !== '*' && !(PROVIDER_SLUGS as readonly string[]).includes(provider ?? '')) throw badKey();
  if (account !== '*' && !/^[1-9]\d{0,15}$/.test(account ?? '')) throw badKey();
  const dims: Record<string, string | number> = {};
  spec.dims.forEach((d, i) => {
    const value = dimValues[i]!;
    if (d.type === 'int' && !/^-?\d{1,9}$/.test(value)) throw badKey();
    dims[d.name] = d.type === 'int' ? Number(value) : value;
  });
  return {
    kind: kind as ReportKind,
    from,
    to,
    provider: provider === '*' ? null : (provider as ProviderSlug),
    accountId: account === '*' ? null : Number(account),
    dims,
  };
}

// ── service ─────────────────────────────────────────────────────────────────────────────────────────

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  report<K extends ReportKind>(kind: K, args: ReportArgsInput): ReportView<K> {
    if (args.from > args.to) throw new ValidationError('开始日期不能晚于结束日期 (from must not be after to)');
    const group = args.group ?? DEFAULT_GROUP[kind];
    const provider = args.provider ?? null;
    const accountId = args.accountId ?? null;
    const scope = scopeOf(kind, args.from, args.to, provider, accountId);
    const spec = REPORT_SPECS[kind];
    const rows = this.deps.reports.rows({ ...scope, group, periodLabel: `${args.from}..${args.to}` }).map((raw) => {
      const range = rowRange(group, raw.period, args.from, args.to);
      return this.rowView(kind, raw, range, provider, accountId);
    });
    const totals = this.deps.reports.totals(scope).map((t) => ({
      currency: spec.currency ? (t.currency as Currency) : null,
      money: moneyRecord(t.money, t.currency),
      counts: t.counts,
    }));
    return {
      kind,
      from: args.from,
      to: args.to,
      group,
      provider,
      accountId,
      rows: rows as unknown as ReportRow<K>[],
      totals: totals as unknown as ReportTotal<K>[],
    };
  }

  drilldown(args: { key: string; figure?: string | undefined; after?: number | undefined; limit: number }): ReportDrilldownView {
    const key = decodeRowKey(args.key);
    const spec = REPORT_SPECS[key.kind];
    const figure = args.figure ?? null;
    if (figure !== null && !spec.money.some((m) => m.name === figure) && !spec.counts.some((c) => c.name === figure)) {
      throw new ValidationError(`此报表没有该数字 (no figure "${figure}" in a ${key.kind} report)`);
    }
    const scope = scopeOf(key.kind, key.from, key.to, key.provider, key.accountId);
    const found = this.deps.reports.drill({ ...scope, dims: key.dims, figure, after: args.after ?? 0, limit: args.limit });
    const page = found.slice(0, args.limit);
    return {
      kind: key.kind,
      entity: spec.entity,
      figure,
      items: page.map((item) => ({
        id: item.id,
        accountId: item.accountId,
        ref: item.ref,
        at: item.at,
        status: item.status,
        money: spec.currency ? moneyRecord(item.money, item.currency) : {},
      })),
      nextAfter: found.length > args.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  private rowView(kind: ReportKind, raw: RawReportRow, range: { from: string; to: string }, provider: ProviderSlug | null, accountId: number | null) {
    const currency = typeof raw.dims['currency'] === 'string' ? raw.dims['currency'] : null;
    return {
      key: encodeRowKey({ kind, ...range, provider, accountId, dims: { ...raw.dims } }),
      period: raw.period,
      from: range.from,
      to: range.to,
      dims: raw.dims,
      money: moneyRecord(raw.money, currency),
      counts: raw.counts,
    };
  }
}
