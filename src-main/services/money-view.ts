/** Scale-4 integers from the database → the contract's exact `{ amount, currency }` (no floats on the way). */
import type { MoneyView } from '../api/channels/records.js';
import { isCurrency, MONEY_SCALE } from '../domain/money.js';

/** "4.4000", "-0.0001", "123456789012.3456": always 4 decimals. Accepts BigInt sums of any size. */
export function scaledToDecimal(scaled: number | bigint): string {
  const value = typeof scaled === 'bigint' ? scaled : BigInt(scaled);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(MONEY_SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -MONEY_SCALE)}.${digits.slice(-MONEY_SCALE)}`;
}

export function toMoneyView(scaled: number | bigint, currency: string): MoneyView {
  // The schema's CHECK constraint only admits known currencies; anything else is a corrupted row.
  if (!isCurrency(currency)) throw new Error(`unknown currency in the ledger: ${currency}`);
  return { amount: scaledToDecimal(scaled), currency };
}

export function toMoneyViewOrNull(scaled: number | bigint | null, currency: string | null): MoneyView | null {
  return scaled === null || currency === null ? null : toMoneyView(scaled, currency);
}
