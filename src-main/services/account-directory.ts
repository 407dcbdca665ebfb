/** Account id → name and provider for list views; read once per call (a ledger has a handful of accounts). */
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { ProviderSlug } from '../domain/models.js';

export interface AccountRef {
  readonly name: string;
  readonly provider: ProviderSlug;
}

export type AccountLookup = (id: number) => AccountRef;

export function accountLookup(accounts: AccountsRepository): AccountLookup {
  const byId = new Map(accounts.list().map((a) => [a.id, { name: a.name, provider: a.provider }]));
  // Rows are deleted with their account (ON DELETE CASCADE), so a miss means a concurrent removal.
  return (id) => byId.get(id) ?? { name: `#${id}`, provider: 'kasushou' };
}
