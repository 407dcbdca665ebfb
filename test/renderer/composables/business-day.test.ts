import { describe, expect, it } from 'vitest';
import { addDays, businessDayOf, lastOfMonth, presetRange } from '../../../src-renderer/src/composables/business-day.js';

describe('business days in Asia/Shanghai', () => {
  it('takes the Shanghai calendar day of an instant (UTC+8)', () => {
    expect(businessDayOf(Date.UTC(2024, 5, 30, 15, 59, 59))).toBe('2024-06-30');
    expect(businessDayOf(Date.UTC(2024, 5, 30, 16, 0, 0))).toBe('2024-07-01');
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(lastOfMonth('2024-02-10')).toBe('2024-02-29');
  });

  it('computes the picker presets relative to today, both ends included', () => {
    expect(presetRange('today', '2024-03-15')).toEqual(['2024-03-15', '2024-03-15']);
    expect(presetRange('last7', '2024-03-15')).toEqual(['2024-03-09', '2024-03-15']);
    expect(presetRange('last30', '2024-03-15')).toEqual(['2024-02-15', '2024-03-15']);
    expect(presetRange('thisMonth', '2024-03-15')).toEqual(['2024-03-01', '2024-03-15']);
    expect(presetRange('lastMonth', '2024-03-15')).toEqual(['2024-02-01', '2024-02-29']);
    expect(presetRange('lastMonth', '2024-01-05')).toEqual(['2023-12-01', '2023-12-31']);
    expect(presetRange('last90', '2024-03-15')).toEqual(['2023-12-17', '2024-03-15']);
  });
});
