/**
 * Exact arithmetic on the contract's decimal amounts ("4.4000", "-0.1234") that refuses malformed text;
 * exact-money.ts parses and writes them (its display helpers tolerate bad text). Never a float: only
 * chart geometry uses `toChartNumber` (pixels, not money).
 */
import { parseScaledText, scaledToText } from './exact-money.js';

/** "12.5" → 125000n. Throws on text that is not a plain decimal or has a non-zero fifth decimal. */
export function toScaled(text: string): bigint {
  const value = parseScaledText(text);
  if (value === null) throw new RangeError(`not a decimal amount with at most 4 decimals: ${text}`);
  return value;
}

/** 44000n → "4.4000", -1n → "-0.0001". */
export const fromScaled = scaledToText;

/** Exact sum of decimal texts ("0.0000" for none). */
export function sumDecimals(texts: readonly string[]): string {
  return fromScaled(texts.reduce((acc, t) => acc + toScaled(t), 0n));
}

/** -1, 0 or 1. */
export function signOf(text: string): -1 | 0 | 1 {
  const value = toScaled(text);
  return value < 0n ? -1 : value > 0n ? 1 : 0;
}

/** A display-only number for chart bar heights; tooltips and labels show the exact text. */
export function toChartNumber(text: string): number {
  return Number(text);
}
