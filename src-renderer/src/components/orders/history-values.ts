/**
 * History rows keep values as text: statuses as the normalized name, amounts as "12.3400 CNY"
 * (exact decimal + currency). These turn them into what the merchant reads.
 */
import type { MoneyView } from '../../../../src-main/api/contract.js';
import type { Currency } from '../../api/record-types.js';
import { ORDER_STATUS_LIST } from '../../composables/order-status.js';

export const MONEY_FIELDS: ReadonlySet<string> = new Set(['total', 'paid', 'refunded', 'commission']);
const HISTORY_MONEY_RE = /^(-?\d+(?:\.\d+)?)\s+(CNY|USD)$/;

export function historyMoney(value: string): MoneyView | null {
  const match = HISTORY_MONEY_RE.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  return { amount: match[1], currency: match[2] as Currency };
}

export function isOrderStatus(value: string): value is (typeof ORDER_STATUS_LIST)[number] {
  return (ORDER_STATUS_LIST as readonly string[]).includes(value);
}
