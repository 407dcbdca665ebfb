/**
 * Exact money. An amount is an integer count of 1/10000 of the currency unit ("scale 4", because
 * Duomai reports decimal(16,4)), carried with its currency. JS floats never take part in arithmetic:
 * provider values are parsed from their decimal text.
 */

export const MONEY_SCALE = 4;
export const SCALE_FACTOR = 10_000;

export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface Money {
  /** Integer amount in 1/10000 of the unit (e.g. ¥4.40 → 44000). */
  readonly scaled: number;
  readonly currency: Currency;
}

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

/** Accepts 'cny', ' USD ', '' (→ fallback). Unknown currencies are refused rather than guessed. */
export function parseCurrency(value: unknown, fallback: Currency = 'CNY'): Currency {
  if (value === null || value === undefined || value === '') return fallback;
  const upper = String(value).trim().toUpperCase();
  if (isCurrency(upper)) return upper;
  if (upper === 'RMB') return 'CNY';
  throw new MoneyError(`不支持的币种 unsupported currency: ${String(value)}`);
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function checkedSafe(n: number, text: string): number {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`金额超出范围 amount out of range: ${text}`);
  return n;
}

/**
 * Parses a decimal amount into scale-4 units. Accepts decimal strings ("4.40", "-4.4", "1.0000",
 * "1,234.50", "¥20"), JS numbers (-4.4 is read through its shortest round-trip text, so it stays
 * exactly -4.4) and exponent forms. More than four decimals are rounded half away from zero, because
 * such digits only come from a provider's own float noise (e.g. 0.30000000000000004).
 * Returns null for null/undefined/"" — "no amount" is not zero.
 */
export function parseScaled(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new MoneyError(`金额不是有限数 amount is not finite: ${value}`);
    text = String(value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string') {
    text = value.trim().replace(/^[¥￥$]|^US\$/, '').replace(/,/g, '').trim();
    if (text === '') return null;
  } else {
    throw new MoneyError(`金额类型错误 amount has wrong type: ${typeof value}`);
  }
  const match = DECIMAL_RE.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new MoneyError(`无法解析金额 not a decimal amount: ${JSON.stringify(value)}`);
  }
  const negative = match[1] === '-';
  let intDigits = match[2] || '0';
  let fracDigits = match[3] ?? '';
  const exponent = match[4] ? Number(match[4]) : 0;
  if (exponent > 0) {
    const moved = fracDigits.padEnd(exponent, '0');
    intDigits += moved.slice(0, exponent);
    fracDigits = moved.slice(exponent);
  } else if (exponent < 0) {
    const moved = intDigits.padStart(-exponent + 1, '0');
    fracDigits = moved.slice(moved.length + exponent) + fracDigits;
    intDigits = moved.slice(0, moved.length + exponent);
  }
  const kept = fracDigits.slice(0, MONEY_SCALE).padEnd(MONEY_SCALE, '0');
  const roundUp = (fracDigits[MONEY_SCALE] ?? '0') >= '5';
  let scaled = checkedSafe(Number(intDigits + kept), text);
  if (roundUp) scaled = checkedSafe(scaled + 1, text);
  return negative && scaled !== 0 ? -scaled : scaled;
}

/** Integer fen (分, 1/100 yuan) as used by itboye: 50000 → ¥500.00. */
export function scaledFromFen(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'string' ? value.trim() : String(value);
  if (!/^[+-]?\d+$/.test(text)) throw new MoneyError(`分金额必须是整数 fen amount must be an integer: ${JSON.stringify(value)}`);
  return checkedSafe(Number(text) * 100, text);
}

export function money(scaled: number, currency: Currency = 'CNY'): Money {
  if (!Number.isSafeInteger(scaled)) throw new MoneyError(`金额必须是整数单位 scaled amount must be a safe integer: ${scaled}`);
  return { scaled, currency };
}

export function parseMoney(value: unknown, currency: Currency = 'CNY'): Money | null {
  const scaled = parseScaled(value);
  return scaled === null ? null : money(scaled, currency);
}

export function moneyFromFen(value: unknown, currency: Currency = 'CNY'): Money | null {
  const scaled = scaledFromFen(value);
  return scaled === null ? null : money(scaled, currency);
}

/** Exact decimal text with at least `decimals` places; more are shown when they are non-zero. */
export function formatScaled(scaled: number, decimals = MONEY_SCALE, grouping = false): string {
  if (decimals < 0 || decimals > MONEY_SCALE) throw new MoneyError(`decimals must be 0..${MONEY_SCALE}`);
  const negative = scaled < 0;
  const abs = Math.abs(scaled);
  const digits = String(abs).padStart(MONEY_SCALE + 1, '0');
  let intPart = digits.slice(0, -MONEY_SCALE);
  let frac = digits.slice(-MONEY_SCALE);
  // Show more places instead of hiding non-zero digits: money is never silently rounded on screen.
  while (decimals < MONEY_SCALE && frac[decimals] !== undefined && /[1-9]/.test(frac.slice(decimals))) decimals++;
  frac = frac.slice(0, decimals);
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${intPart}${decimals > 0 ? `.${frac}` : ''}`;
}

/** The exact decimal string of an amount at full scale: "4.4000". Used by exports and `--json`. */
export function toDecimalString(m: Money): string {
  return formatScaled(m.scaled, MONEY_SCALE);
}

const SYMBOLS: Record<Currency, string> = { CNY: '¥', USD: 'US$' };

/** Display text such as "¥1,234.50" or "-US$0.1234"; 2 decimals unless more are non-zero or asked for. */
export function formatMoney(m: Money, decimals = 2): string {
  const text = formatScaled(Math.abs(m.scaled), decimals, true);
  return `${m.scaled < 0 ? '-' : ''}${SYMBOLS[m.currency]}${text}`;
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new MoneyError(`不能相加不同币种 cannot add ${a.currency} and ${b.currency}`);
  }
  return money(a.scaled + b.scaled, a.currency);
}

export function negate(m: Money): Money {
  return money(m.scaled === 0 ? 0 : -m.scaled, m.currency);
}

/** Sum of amounts in one currency; mixing currencies throws instead of producing a meaningless total. */
export function sumMoney(items: readonly Money[], currency?: Currency): Money {
  const first = currency ?? items[0]?.currency ?? 'CNY';
  return items.reduce<Money>((acc, m) => addMoney(acc, m), money(0, first));
}

/** Groups amounts by currency, so that CNY and USD each get a total and are never added together. */
export function sumByCurrency(items: readonly Money[]): Map<Currency, Money> {
  const totals = new Map<Currency, Money>();
  for (const m of items) {
    const current = totals.get(m.currency);
    totals.set(m.currency, current ? addMoney(current, m) : m);
  }
  return totals;
}

/** A share of an amount in basis points (1/10000), rounded half away from zero: used for commission caps. */
export function percentOf(m: Money, basisPoints: number): Money {
  const product = BigInt(m.scaled) * BigInt(basisPoints);
  const divisor = 10_000n;
  const q = product / divisor;
  const r = product % divisor;
  const absR = r < 0n ? -r : r;
  const rounded = absR * 2n >= divisor ? q + (product < 0n ? -1n : 1n) : q;
  return money(Number(rounded), m.currency);
}
