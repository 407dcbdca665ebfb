/** Which accounts track pasted ids (no list API for them), and how pasted text becomes ids. */
import type { AccountView } from '../../../../src-main/api/contract.js';

export const ID_MAX_LENGTH = 64;

/** Kasushou buyer accounts (order numbers) and Kuaimai accounts (trade ids). */
export function canImportIds(account: Pick<AccountView, 'provider' | 'settings'>): boolean {
  if (account.provider === 'kuaimai') return true;
  return account.provider === 'kasushou' && (account.settings['mode'] ?? 'buyer') !== 'admin';
}

/** Distinct ids from pasted text: one per line, or separated by commas, semicolons or spaces. */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,，;；]+/).map((s) => s.trim()).filter(Boolean))];
}
