import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaled, signOf, sumDecimals, toScaled } from '../../../src-renderer/src/composables/decimal.js';

describe('exact decimal amounts', () => {
  it('reads and writes scale-4 text without floats', () => {
    expect(toScaled('4.4000')).toBe(44000n);
    expect(toScaled('-0.0001')).toBe(-1n);
    expect(toScaled('12')).toBe(120000n);
    expect(toScaled('12345678901234.5678')).toBe(123456789012345678n);
    expect(fromScaled(-1n)).toBe('-0.0001');
    expect(fromScaled(123456789012345678n)).toBe('12345678901234.5678');
  });

  it('sums where floats would not (0.1 + 0.2, beyond 2^53)', () => {
    expect(sumDecimals(['0.1000', '0.2000'])).toBe('0.3000');
    expect(sumDecimals(['900719925474.0993', '0.0001', '-0.0002'])).toBe('900719925474.0992');
    expect(sumDecimals([])).toBe('0.0000');
  });

  it('refuses text that is not an amount or has more than 4 decimals', () => {
    expect(() => toScaled('1e3')).toThrow();
    expect(() => toScaled('0.00001')).toThrow();
    expect(toScaled('0.10000')).toBe(1000n);
  });

  it('gives the sign', () => {
    expect(signOf('-0.0001')).toBe(-1);
    expect(signOf('0.0000')).toBe(0);
    expect(signOf('3.2')).toBe(1);
  });

  it('round-trips any scale-4 integer', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (n) => {
        expect(toScaled(fromScaled(n))).toBe(n);
      }),
    );
  });
});
