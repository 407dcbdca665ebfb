/**
 * Accounts: provider, name, settings, and the vault-encrypted secrets blob with its display hints.
 * Secrets enter and leave this repository only as ciphertext.
 */
import type { ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';

export interface AccountRow {
  readonly id: number;
  readonly provider: ProviderSlug;
  readonly name: string;
  readonly baseUrl: string;
  readonly settings: Record<string, string>;
  readonly secretsEnc: Buffer | null;
  readonly secretHints: Record<string, string>;
  readonly enabled: boolean;
  readonly syncIntervalMinutes: number;
  readonly lookbackDays: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastSuccessAt: number | null;
  readonly lastErrorAt: number | null;
  readonly lastErrorKind: string | null;
  readonly lastErrorMessage: string | null;
  readonly needsAttention: string | null;
  readonly nextRunAt: number | null;
}

export interface NewAccount {
  readonly provider: ProviderSlug;
  readonly name: string;
  readonly baseUrl: string;
  readonly settings: Record<string, string>;
  readonly secretsEnc: Buffer | null;
  readonly secretHints: Record<string, string>;
}

export type AccountPatch = Partial<
  Pick<AccountRow, 'name' | 'baseUrl' | 'settings' | 'secretsEnc' | 'secretHints' | 'enabled' | 'syncIntervalMinutes' | 'lookbackDays'>
>;

export interface AccountHealthPatch {
  readonly lastSuccessAt?: number | null;
  readonly lastErrorAt?: number | null;
  readonly lastErrorKind?: string | null;
  readonly lastErrorMessage?: string | null;
  readonly needsAttention?: string | null;
  readonly nextRunAt?: number | null;
}

interface RawRow {
  id: number;
  provider: ProviderSlug;
  name: string;
  base_url: string;
  settings_json: string;
  secrets_enc: Buffer | null;
  secret_hints_json: string;
  enabled: number;
  sync_interval_min: number;
  lookback_days: number | null;
  created_at: number;
  updated_at: number;
  last_success_at: number | null;
  last_error_at: number | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  needs_attention: string | null;
  next_run_at: number | null;
}

function fromRaw(r: RawRow): AccountRow {
  return {
    id: r.id,
    provider: r.provider,
    name: r.name,
    baseUrl: r.base_url,
    settings: JSON.parse(r.settings_json) as Record<string, string>,
    secretsEnc: r.secrets_enc,
    secretHints: JSON.parse(r.secret_hints_json) as Record<string, string>,
    enabled: r.enabled === 1,
    syncIntervalMinutes: r.sync_interval_min,
    lookbackDays: r.lookback_days,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastSuccessAt: r.last_success_at,
    lastErrorAt: r.last_error_at,
    lastErrorKind: r.last_error_kind,
    lastErrorMessage: r.last_error_message,
    needsAttention: r.needs_attention,
    nextRunAt: r.next_run_at,
  };
}

const PATCH_COLUMNS: Record<keyof AccountPatch, string> = {
  name: 'name',
  baseUrl: 'base_url',
  settings: 'settings_json',
  secretsEnc: 'secrets_enc',
  secretHints: 'secret_hints_json',
  enabled: 'enabled',
  syncIntervalMinutes: 'sync_interval_min',
  lookbackDays: 'lookback_days',
};

const HEALTH_COLUMNS: Record<keyof AccountHealthPatch, string> = {
  lastSuccessAt: 'last_success_at',
  lastErrorAt: 'last_error_at',
  lastErrorKind: 'last_error_kind',
  lastErrorMessage: 'last_error_message',
  needsAttention: 'needs_attention',
  nextRunAt: 'next_run_at',
};

function toColumnValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  list(): AccountRow[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY name COLLATE NOCASE, id').all() as RawRow[]).map(fromRaw);
  }

  get(id: number): AccountRow | null {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as RawRow | undefined;
    return row ? fromRaw(row) : null;
  }

  getByName(name: string): AccountRow | null {
    const row = this.db.prepare('SELECT * FROM accounts WHERE name = ?').get(name) as RawRow | undefined;
    return row ? fromRaw(row) : null;
  }

  insert(account: NewAccount, now: number): AccountRow {
    const info = this.db
      .prepare(
        `INSERT INTO accounts (provider, name, base_url, settings_json, secrets_enc, secret_hints_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(account.provider, account.name, account.baseUrl, JSON.stringify(account.settings), account.secretsEnc, JSON.stringify(account.secretHints), now, now);
    return this.get(Number(info.lastInsertRowid))!;
  }

  update(id: number, patch: AccountPatch, now: number): AccountRow | null {
    this.patch(id, patch, PATCH_COLUMNS, now);
    return this.get(id);
  }

  updateHealth(id: number, patch: AccountHealthPatch): void {
    this.patch(id, patch, HEALTH_COLUMNS, null);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  private patch(id: number, patch: object, columns: Record<string, string>, now: number | null): void {
    const entries = Object.entries(patch).filter(([key, value]) => value !== undefined && key in columns);
    if (entries.length === 0 && now === null) return;
    const sets = entries.map(([key]) => `${columns[key]} = ?`);
    const values = entries.map(([, value]) => toColumnValue(value));
    if (now !== null) {
      sets.push('updated_at = ?');
      values.push(now);
    }
    this.db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }
}
