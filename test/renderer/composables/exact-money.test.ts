import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountSign, formatAmount, formatMoney, parseScaledText, scaledToText, sumAmounts } from '../../../src-renderer/src/composables/exact-money.js';

describe('exact money text', () => {
  it('parses decimal text to scale-4 integers without floats', () => {
    expect(parseScaledText('1234.5000')).toBe(12_345_000n);
    expect(parseScaledText('-0.0100')).toBe(-100n);
    expect(parseScaledText('7')).toBe(70_000n);
    expect(parseScaledText('99999999999999999.9999')).toBe(999_999_999_999_999_999_999n);
    expect(parseScaledText('1.23456')).toBeNull();
    expect(parseScaledText('1e3')).toBeNull();
  });

  it('round-trips through scaledToText', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (n) => {
        expect(parseScaledText(scaledToText(n))).toBe(n);
      }),
    );
  });

  it('sums exactly where floats would not', () => {
    expect(sumAmounts(['0.1000', '0.2000'])).toBe('0.3000');
    expect(sumAmounts(['36704.1100', '2444.7000', '-0.0100'])).toBe('39148.8000');
    expect(sumAmounts([])).toBe('0.0000');
  });

  it('formats with grouping, at least two decimals, significant ones kept', () => {
    expect(formatAmount('1234567.5000', 'zh-CN')).toBe('1,234,567.50');
    expect(formatAmount('0.0125', 'en')).toBe('0.0125');
    expect(formatAmount('-12.3400', 'en')).toBe('-12.34');
    expect(formatAmount('-0.0000', 'en')).toBe('0.00');
    expect(formatAmount('90071992547409931.0000', 'en')).toBe('90,071,992,547,409,931.00');
    expect(formatAmount('abc', 'en')).toBe('abc');
  });

  it('puts the currency symbol after the sign', () => {
    expect(formatMoney({ amount: '-2.8300', currency: 'CNY' }, 'zh-CN')).toBe('-¥2.83');
    expect(formatMoney({ amount: '10.0000', currency: 'USD' }, 'en')).toBe('$10.00');
    expect(formatMoney({ amount: '1.0000', currency: 'EUR' }, 'en')).toBe('1.00 EUR');
  });

  it('tells the sign', () => {
    expect(amountSign('-0.0001')).toBe(-1);
    expect(amountSign('0.0000')).toBe(0);
    expect(amountSign('3.0000')).toBe(1);
  });
});
