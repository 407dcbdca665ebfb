import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../../src-renderer/src/composables/use-format.js';
import { shanghaiDay, shanghaiDayRange, shanghaiDayStart, shiftDay } from '../../../src-renderer/src/composables/shanghai-day.js';
import { prettyJson } from '../../../src-renderer/src/composables/pretty-json.js';
import { historyMoney } from '../../../src-renderer/src/components/orders/history-values.js';

describe('formatMoney', () => {
  it('shows 2 decimals, 4 where the value has them, with ¥ / US$', () => {
    expect(formatMoney({ amount: '4.4000', currency: 'CNY' }, 'zh-CN')).toBe('¥4.40');
    expect(formatMoney({ amount: '0.1234', currency: 'CNY' }, 'zh-CN')).toBe('¥0.1234');
    expect(formatMoney({ amount: '0.1230', currency: 'USD' }, 'en')).toBe('US$0.1230');
    expect(formatMoney({ amount: '12', currency: 'USD' }, 'en')).toBe('US$12.00');
    expect(formatMoney({ amount: '-1234567.5000', currency: 'USD' }, 'en')).toBe('-US$1,234,567.50');
    expect(formatMoney({ amount: '-0.0000', currency: 'CNY' }, 'zh-CN')).toBe('¥0.00');
    expect(formatMoney(null, 'zh-CN')).toBeNull();
  });

  it('never goes through a float: 13 integer digits stay exact', () => {
    expect(formatMoney({ amount: '9999999999999.9999', currency: 'CNY' }, 'en')).toBe('¥9,999,999,999,999.9999');
    expect(formatMoney({ amount: '9007199254740993.0100', currency: 'CNY' }, 'en')).toBe('¥9,007,199,254,740,993.01');
  });
});

describe('Asia/Shanghai business days', () => {
  it('turns picked days into a half-open UTC epoch range', () => {
    expect(shanghaiDayStart('2024-06-01')).toBe(Date.UTC(2024, 4, 31, 16));
    expect(shanghaiDayRange(['2024-06-01', '2024-06-01'])).toEqual({ from: Date.UTC(2024, 4, 31, 16), to: Date.UTC(2024, 5, 1, 16) });
    expect(shanghaiDayRange(null)).toBeNull();
    expect(shanghaiDayStart('2024/06/01')).toBeNull();
  });

  it('names the Shanghai day of an instant and shifts days', () => {
    expect(shanghaiDay(Date.UTC(2024, 4, 31, 16, 0, 0))).toBe('2024-06-01');
    expect(shanghaiDay(Date.UTC(2024, 4, 31, 15, 59, 59))).toBe('2024-05-31');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(formatDate(Date.UTC(2024, 4, 31, 16, 0, 0), 'zh-CN')).toBe('2024/06/01');
  });
});

describe('prettyJson', () => {
  it('indents without changing any value, and leaves non-JSON text alone', () => {
    expect(prettyJson('{"a":100700000698239340541912,"b":[1.10,"x"]}')).toBe('{\n  "a": 100700000698239340541912,\n  "b": [\n    1.10,\n    "x"\n  ]\n}');
    expect(prettyJson('not json {')).toBe('not json {');
  });
});

describe('historyMoney', () => {
  it('reads the core\'s "12.3400 CNY" history text', () => {
    expect(historyMoney('12.3400 CNY')).toEqual({ amount: '12.3400', currency: 'CNY' });
    expect(historyMoney('-0.5 USD')).toEqual({ amount: '-0.5', currency: 'USD' });
    expect(historyMoney('completed')).toBeNull();
  });
});
