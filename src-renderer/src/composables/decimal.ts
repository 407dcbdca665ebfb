/**
 * Exact arithmetic on the contract's decimal amounts ("4.4000", "-0.1234"): they are read as scale-4
 * BigInts, added, and written back as text — never through a float. Only chart geometry uses
 * `toChartNumber` (pixels, not money).
 */
const SCALE = 4;
const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** "12.5" → 125000n. Throws on text that is not a plain decimal or has more than 4 decimals. */
export function toScaled(text: string): bigint {
  const match = DECIMAL_RE.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${text}`);
  const fraction = match[3] ?? '';
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) throw new RangeError(`more than ${SCALE} decimals: ${text}`);
  const digits = BigInt(`${match[2]}${fraction.slice(0, SCALE).padEnd(SCALE, '0')}`);
  return match[1] === '-' ? -digits : digits;
}

/** 44000n → "4.4000", -1n → "-0.0001". */
export function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}

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
