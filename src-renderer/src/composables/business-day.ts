/**
 * Business days ("yyyy-MM-dd") in Asia/Shanghai, the merchant's calendar: today, day arithmetic and the
 * period presets of the report picker. Day arithmetic is done on UTC dates, which have no DST.
 */
import { DISPLAY_TIME_ZONE } from './use-format.js';

const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day of an instant. */
export function businessDayOf(ms: number): string {
  // en-CA formats as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

function toUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function lastOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return fromUtc(Date.UTC(y, m, 1) - DAY_MS);
}

export const PERIOD_PRESETS = ['today', 'last7', 'last30', 'thisMonth', 'lastMonth', 'last90'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The inclusive [from, to] of a preset, relative to `today`. */
export function presetRange(preset: PeriodPreset, today: string): [string, string] {
  switch (preset) {
    case 'today':
      return [today, today];
    case 'last7':
      return [addDays(today, -6), today];
    case 'last30':
      return [addDays(today, -29), today];
    case 'thisMonth':
      return [firstOfMonth(today), today];
    case 'lastMonth': {
      const last = addDays(firstOfMonth(today), -1);
      return [firstOfMonth(last), last];
    }
    case 'last90':
      return [addDays(today, -89), today];
  }
}
