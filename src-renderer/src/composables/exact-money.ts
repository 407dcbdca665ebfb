/**
 * Exact money text from the core (`"1234.5000"`, scale 4) formatted for display without ever turning it
 * into a float: the integer part is grouped with Intl on a BigInt, the decimals are kept as digits.
 */

/** What the core sends for an amount: exact decimal text and its currency. */
export interface MoneyText {
  readonly amount: string;
  readonly currency: string;
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;
export const MONEY_SCALE = 4;

/** "12.3400" → 123400n (scale 4); null for text that is not a plain decimal or has a non-zero fifth decimal. */
export function parseScaledText(amount: string): bigint | null {
  const match = DECIMAL_RE.exec(amount.trim());
  if (!match) return null;
  const fraction = match[3] ?? '';
  if (/[1-9]/.test(fraction.slice(MONEY_SCALE))) return null;
  const value = BigInt(`${match[2]}${fraction.slice(0, MONEY_SCALE).padEnd(MONEY_SCALE, '0')}`);
  return match[1] === '-' ? -value : value;
}

/** 123400n → "12.3400". */
export function scaledToText(scaled: bigint): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(MONEY_SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -MONEY_SCALE)}.${digits.slice(-MONEY_SCALE)}`;
}

/** Exact sum of decimal texts (all in one currency). */
export function sumAmounts(amounts: readonly string[]): string {
  let total = 0n;
  for (const a of amounts) total += parseScaledText(a) ?? 0n;
  return scaledToText(total);
}

/**
 * "1234567.5000" → "1,234,567.50" (zh-CN/en group with commas); trailing zeros beyond `minDecimals`
 * are dropped, significant ones kept ("0.0125" stays "0.0125"). Unparseable text is returned as is.
 */
export function formatAmount(amount: string, locale: string, minDecimals = 2): string {
  const match = DECIMAL_RE.exec(amount.trim());
  if (!match) return amount;
  const integer = new Intl.NumberFormat(locale, { useGrouping: true }).format(BigInt(match[2] ?? '0'));
  let decimals = match[3] ?? '';
  while (decimals.length > minDecimals && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  decimals = decimals.padEnd(minDecimals, '0');
  const isZero = /^0*$/.test(`${match[2]}${match[3] ?? ''}`);
  const sign = match[1] === '-' && !isZero ? '-' : '';
  return `${sign}${integer}${decimals ? `.${decimals}` : ''}`;
}

const SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', USD: '$' };

/** "¥1,234.50", "-$0.01"; unknown currencies as "1.00 XYZ". */
export function formatMoney(money: MoneyText, locale: string): string {
  const text = formatAmount(money.amount, locale);
  const symbol = SYMBOLS[money.currency];
  if (!symbol) return `${text} ${money.currency}`;
  return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
}

/** -1, 0 or 1 for the sign of an exact amount (0 for unparseable text). */
export function amountSign(amount: string): -1 | 0 | 1 {
  const scaled = parseScaledText(amount);
  if (scaled === null || scaled === 0n) return 0;
  return scaled < 0n ? -1 : 1;
}
