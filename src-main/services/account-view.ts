/** AccountRow → the view the renderer may see (no secret values, only configured/hint). */
import type { AccountHealth, AccountView, SecretState } from '../api/contract.js';
import type { AccountRow } from '../db/repositories/accounts-repository.js';
import type { ProviderDefinition } from '../providers/provider.js';

function healthOf(row: AccountRow): AccountHealth {
  let state: AccountHealth['state'] = 'never';
  if (!row.enabled) state = 'disabled';
  else if (row.needsAttention) state = 'needs_attention';
  else if (row.lastErrorAt !== null && (row.lastSuccessAt === null || row.lastErrorAt > row.lastSuccessAt)) state = 'error';
  else if (row.lastSuccessAt !== null) state = 'ok';
  return {
    state,
    lastSuccessAt: row.lastSuccessAt,
    lastErrorAt: row.lastErrorAt,
    lastErrorKind: row.lastErrorKind,
    lastErrorMessage: row.lastErrorMessage,
    needsAttention: row.needsAttention,
    nextRunAt: row.nextRunAt,
  };
}

export function toAccountView(row: AccountRow, def: ProviderDefinition): AccountView {
  const secrets: Record<string, SecretState> = {};
  for (const field of def.fields.filter((f) => f.secret)) {
    const hint = row.secretHints[field.key];
    secrets[field.key] = { configured: hint !== undefined, hint: hint ?? null };
  }
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    baseUrl: row.baseUrl,
    settings: row.settings,
    secrets,
    enabled: row.enabled,
    syncIntervalMinutes: row.syncIntervalMinutes,
    lookbackDays: row.lookbackDays,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    health: healthOf(row),
  };
}
