import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  formatMoney,
  formatScaled,
  money,
  MoneyError,
  moneyFromFen,
  parseCurrency,
  parseMoney,
  parseScaled,
  percentOf,
  sumByCurrency,
  sumMoney,
  toDecimalString,
} from '../../../src-main/domain/money.js';

describe('parseScaled: every form the providers use', () => {
  it.each([
    ['4.40', 44_000],
    [-4.4, -44_000],
    ['-4.4', -44_000],
    ['1.0000', 10_000],
    ['0.0100', 100],
    ['12.9', 129_000],
    ['33300.00', 333_000_000],
    ['¥20800', 208_000_000],
    ['1,234.50', 12_345_000],
    [1, 10_000],
    ['3.05', 30_500],
    [0.1, 1_000],
    ['1e2', 1_000_000],
    ['1.5e-3', 15],
    ['.5', 5_000],
    ['-0', 0],
  ])('%j → %d', (input, expected) => {
    expect(parseScaled(input)).toBe(expected);
  });

  it('treats null, undefined and "" as no amount, not zero', () => {
    expect(parseScaled(null)).toBeNull();
    expect(parseScaled(undefined)).toBeNull();
    expect(parseScaled('  ')).toBeNull();
  });

  it('rounds float noise beyond four decimals half away from zero', () => {
    expect(parseScaled(0.1 + 0.2)).toBe(3_000);
    expect(parseScaled('0.00005')).toBe(1);
    expect(parseScaled('-0.00005')).toBe(-1);
    expect(parseScaled('0.00004')).toBe(0);
  });

  it.each(['abc', '1.2.3', '--1', 'NaN', '1,2e', {}, [], true])('refuses %j', (input) => {
    expect(() => parseScaled(input)).toThrow(MoneyError);
  });

  it('refuses amounts that do not fit a safe integer', () => {
    expect(() => parseScaled('9999999999999999999')).toThrow(MoneyError);
    expect(() => parseScaled(Number.POSITIVE_INFINITY)).toThrow(MoneyError);
  });
});

describe('fen amounts', () => {
  it('turns itboye fen into exact yuan', () => {
    expect(moneyFromFen('50000')).toEqual({ scaled: 5_000_000, currency: 'CNY' });
    expect(moneyFromFen(160)).toEqual({ scaled: 16_000, currency: 'CNY' });
    expect(moneyFromFen('')).toBeNull();
  });

  it('refuses fractional fen', () => {
    expect(() => moneyFromFen('1.5')).toThrow(MoneyError);
  });
});

describe('formatting', () => {
  it('prints exact decimals and never hides non-zero digits', () => {
    expect(formatScaled(44_000, 2)).toBe('4.40');
    expect(formatScaled(-44_000, 4)).toBe('-4.4000');
    expect(formatScaled(12_345, 2)).toBe('1.2345');
    expect(formatScaled(5, 2)).toBe('0.0005');
    expect(formatScaled(12_345_000, 2, true)).toBe('1,234.50');
    expect(toDecimalString(money(10_000, 'USD'))).toBe('1.0000');
  });

  it('shows the currency symbol', () => {
    expect(formatMoney(money(12_345_000))).toBe('¥1,234.50');
    expect(formatMoney(money(-1_234, 'USD'), 2)).toBe('-US$0.1234');
  });
});

describe('sums refuse to mix currencies', () => {
  it('adds same-currency amounts exactly', () => {
    expect(sumMoney([money(1), money(2), money(-3)])).toEqual(money(0));
    expect(addMoney(money(1_000, 'USD'), money(1, 'USD'))).toEqual(money(1_001, 'USD'));
  });

  it('throws for CNY + USD', () => {
    expect(() => addMoney(money(1), money(1, 'USD'))).toThrow(/cannot add CNY and USD/);
    expect(() => sumMoney([money(1), money(1, 'USD')])).toThrow(MoneyError);
  });

  it('groups by currency instead', () => {
    const totals = sumByCurrency([money(1), money(5, 'USD'), money(2)]);
    expect(totals.get('CNY')).toEqual(money(3));
    expect(totals.get('USD')).toEqual(money(5, 'USD'));
  });

  it('computes a basis-point share exactly', () => {
    expect(percentOf(money(10_000_000), 1600)).toEqual(money(1_600_000));
    expect(percentOf(money(1), 5000)).toEqual(money(1));
    expect(percentOf(money(-1), 5000)).toEqual(money(-1));
  });
});

describe('currencies', () => {
  it('normalises and refuses unknown ones', () => {
    expect(parseCurrency('usd')).toBe('USD');
    expect(parseCurrency('RMB')).toBe('CNY');
    expect(parseCurrency(null)).toBe('CNY');
    expect(() => parseCurrency('EUR')).toThrow(MoneyError);
  });
});

describe('properties', () => {
  const scaledArb = fc.integer({ min: -9_000_000_000_000, max: 9_000_000_000_000 });

  it('format → parse round-trips every scale-4 amount', () => {
    fc.assert(
      fc.property(scaledArb, fc.integer({ min: 0, max: 4 }), fc.boolean(), (scaled, decimals, grouping) => {
        expect(parseScaled(formatScaled(scaled, decimals, grouping))).toBe(scaled);
      }),
    );
  });

  it('parsing a decimal string equals integer arithmetic on its digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(9n * 10n ** 11n), max: 9n * 10n ** 11n }), fc.integer({ min: 0, max: 4 }), (units, places) => {
        const negative = units < 0n;
        const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
        const text = `${negative ? '-' : ''}${digits.slice(0, digits.length - places)}${places ? `.${digits.slice(-places)}` : ''}`;
        const expected = Number(units * 10n ** BigInt(4 - places));
        expect(parseScaled(text)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });

  it('a sum equals the sum of the parts in any order, and refuses any mixed list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 50 }), (values) => {
        const list = values.map((v) => money(v));
        const total = values.reduce((a, b) => a + b, 0);
        expect(sumMoney(list).scaled).toBe(total);
        expect(sumMoney([...list].reverse()).scaled).toBe(total);
        if (list.length > 0) expect(() => sumMoney([...list, money(1, 'USD')])).toThrow(MoneyError);
      }),
    );
  });

  it('JS numbers parse through their shortest text exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const value = Number(`${yuan}.${String(cents).padStart(2, '0')}`);
        const expected = yuan * 10_000 + (yuan < 0 || Object.is(yuan, -0) ? -cents * 100 : cents * 100);
        expect(parseMoney(value)?.scaled).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});
