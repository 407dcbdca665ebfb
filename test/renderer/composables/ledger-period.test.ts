import { describe, expect, it } from 'vitest';
import {
  customPeriod,
  dayStartMs,
  isDayText,
  periodDays,
  periodRangeMs,
  presetPeriod,
  refreshPreset,
  rowPeriodText,
  shanghaiDayOf,
  shiftDays,
} from '../../../src-renderer/src/composables/ledger-period.js';

// 2024-03-01 00:30 in Shanghai is still 2024-02-29 16:30 UTC: the business day is Shanghai's.
const NOW = Date.UTC(2024, 1, 29, 16, 30);

describe('ledger periods (Asia/Shanghai business days)', () => {
  it('takes the day of an instant in Shanghai, not UTC', () => {
    expect(shanghaiDayOf(NOW)).toBe('2024-03-01');
    expect(shanghaiDayOf(Date.UTC(2024, 1, 29, 15, 59, 59, 999))).toBe('2024-02-29');
    expect(dayStartMs('2024-03-01')).toBe(Date.UTC(2024, 1, 29, 16, 0));
  });

  it('shifts days across months and leap days', () => {
    expect(shiftDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDays('2023-12-31', 1)).toBe('2024-01-01');
  });

  it('computes every preset as seen at now', () => {
    expect(presetPeriod('today', NOW)).toEqual({ preset: 'today', from: '2024-03-01', to: '2024-03-01' });
    expect(presetPeriod('last7', NOW)).toMatchObject({ from: '2024-02-24', to: '2024-03-01' });
    expect(presetPeriod('last30', NOW)).toMatchObject({ from: '2024-02-01', to: '2024-03-01' });
    expect(presetPeriod('last90', NOW)).toMatchObject({ from: '2023-12-03', to: '2024-03-01' });
    expect(presetPeriod('thisMonth', NOW)).toMatchObject({ from: '2024-03-01', to: '2024-03-01' });
    expect(presetPeriod('lastMonth', NOW)).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('thisYear', NOW)).toMatchObject({ from: '2024-01-01', to: '2024-03-01' });
    expect(presetPeriod('all', NOW)).toMatchObject({ from: '2000-01-01', to: '2024-03-01' });
    expect(presetPeriod('lastMonth', Date.UTC(2024, 0, 10))).toMatchObject({ from: '2023-12-01', to: '2023-12-31' });
  });

  it('turns a period into the half-open epoch-ms range of the list channels', () => {
    const { fromMs, toMs } = periodRangeMs(customPeriod('2024-03-01', '2024-03-02'));
    expect(fromMs).toBe(Date.UTC(2024, 1, 29, 16));
    expect(toMs).toBe(Date.UTC(2024, 2, 2, 16));
    expect(periodDays(customPeriod('2024-03-01', '2024-03-02'))).toBe(2);
  });

  it('orders a reversed custom range and validates day text', () => {
    expect(customPeriod('2024-03-05', '2024-03-01')).toEqual({ preset: 'custom', from: '2024-03-01', to: '2024-03-05' });
    expect(isDayText('2024-02-29')).toBe(true);
    expect(isDayText('2023-02-29')).toBe(false);
    expect(isDayText('2024-2-9')).toBe(false);
    expect(isDayText(null)).toBe(false);
  });

  it('shows a whole-range report row as a range and a day or month as itself', () => {
    const range = (from: string, to: string) => `${from}~${to}`;
    expect(rowPeriodText({ period: '2024-03-01..2024-03-31', from: '2024-03-01', to: '2024-03-31' }, range)).toBe('2024-03-01~2024-03-31');
    expect(rowPeriodText({ period: '2024-03', from: '2024-03-01', to: '2024-03-31' }, range)).toBe('2024-03');
  });

  it('moves a preset period to a new today, never a custom one', () => {
    const periods: unknown[] = [];
    const target = { period: presetPeriod('last7', NOW), setPeriod: (p: unknown) => periods.push(p) };
    refreshPreset(target, NOW);
    expect(periods).toEqual([]);
    refreshPreset(target, NOW + 86_400_000);
    expect(periods).toEqual([{ preset: 'last7', from: '2024-02-25', to: '2024-03-02' }]);
    refreshPreset({ period: customPeriod('2024-01-01', '2024-01-02'), setPeriod: (p) => periods.push(p) }, NOW + 86_400_000);
    expect(periods).toHaveLength(1);
  });
});
