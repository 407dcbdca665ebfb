/**
 * Periods of the ledger views (佣金, 结算变动, 资金流水): a preset or a custom range of Asia/Shanghai
 * business days. China has kept UTC+8 without daylight saving since 1991, so the day of an instant is
 * the UTC day of `ms + 8h` (the rule the core's reports use). Periods are inclusive day ranges
 * ("yyyy-MM-dd"); the list channels take them as half-open epoch-ms ranges.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The first day of "all time": earlier than any ledger record. */
export const ALL_TIME_FROM = '2000-01-01';

export const LEDGER_PRESETS = ['today', 'last7', 'last30', 'thisMonth', 'lastMonth', 'last90', 'thisYear', 'all'] as const;
export type LedgerPreset = (typeof LEDGER_PRESETS)[number] | 'custom';

export interface Period {
  readonly preset: LedgerPreset;
  /** First business day, inclusive. */
  readonly from: string;
  /** Last business day, inclusive. */
  readonly to: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The Asia/Shanghai business day of an instant. */
export function shanghaiDayOf(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Epoch ms of 00:00 Asia/Shanghai on that day. */
export function dayStartMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
}

export function shiftDays(day: string, n: number): string {
  return shanghaiDayOf(dayStartMs(day) + n * DAY_MS);
}

/** A real calendar day written as yyyy-MM-dd. */
export function isDayText(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return shanghaiDayOf(dayStartMs(text)) === text;
}

/** The days a preset covers, as seen at `nowMs`. */
export function presetPeriod(preset: Exclude<LedgerPreset, 'custom'>, nowMs: number): Period {
  const today = shanghaiDayOf(nowMs);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthStart = `${y}-${pad(m)}-01`;
  const range = (from: string, to = today): Period => ({ preset, from, to });
  switch (preset) {
    case 'today':
      return range(today);
    case 'last7':
      return range(shiftDays(today, -6));
    case 'last30':
      return range(shiftDays(today, -29));
    case 'last90':
      return range(shiftDays(today, -89));
    case 'thisMonth':
      return range(monthStart);
    case 'lastMonth': {
      const lastMonthEnd = shiftDays(monthStart, -1);
      return range(`${lastMonthEnd.slice(0, 7)}-01`, lastMonthEnd);
    }
    case 'thisYear':
      return range(`${y}-01-01`);
    case 'all':
      return range(ALL_TIME_FROM);
  }
}

/**
 * Moves a preset period to today when the view is opened again on a later day ("近 30 天" yesterday is
 * not "近 30 天" today); a custom range stays as chosen.
 */
export function refreshPreset(target: { readonly period: Period; setPeriod(next: Period): void }, nowMs: number = Date.now()): void {
  const { preset, from, to } = target.period;
  if (preset === 'custom') return;
  const current = presetPeriod(preset, nowMs);
  if (current.from !== from || current.to !== to) target.setPeriod(current);
}

/** A custom period; the days are swapped when given in reverse. */
export function customPeriod(from: string, to: string): Period {
  return from <= to ? { preset: 'custom', from, to } : { preset: 'custom', from: to, to: from };
}

/** The period as the half-open `[fromMs, toMs)` range the list channels take. */
export function periodRangeMs(period: Period): { fromMs: number; toMs: number } {
  return { fromMs: dayStartMs(period.from), toMs: dayStartMs(shiftDays(period.to, 1)) };
}

/** A report row's period as shown: "2024-06-01", "2024-06", or "2024-06-01 至 2024-06-30" for a whole range. */
export function rowPeriodText(row: { readonly period: string; readonly from: string; readonly to: string }, rangeText: (from: string, to: string) => string): string {
  return row.period.includes('..') ? rangeText(row.from, row.to) : row.period;
}

/** How many days the period spans (inclusive). */
export function periodDays(period: Period): number {
  return Math.round((dayStartMs(period.to) - dayStartMs(period.from)) / DAY_MS) + 1;
}
