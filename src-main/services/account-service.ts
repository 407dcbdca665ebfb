/**
 * Accounts use-cases: add/update/remove with per-provider validation, write-only secrets (encrypted
 * with the vault, only masked hints leave), connection tests, and the provider context the sync
 * engine runs with.
 */
import type { AccountView, ConnectionTestView, ProviderInfo } from '../api/contract.js';
import { ConflictError, NotFoundError, ValidationError } from '../api/errors.js';
import type { AccountRow, AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { AuditRepository } from '../db/repositories/audit-repository.js';
import type { ProviderSlug } from '../domain/models.js';
import type { FetchLike } from '../providers/http.js';
import { DEFAULT_TIMEOUT_MS, type ProviderContext, type ProviderDefinition } from '../providers/provider.js';
import { isProviderError } from '../providers/provider-error.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Vault } from '../secrets/vault.js';
import { toAccountView } from './account-view.js';
import type { EventBus } from './event-bus.js';
import { secretHint } from './secret-hints.js';

export interface AccountServiceDeps {
  readonly accounts: AccountsRepository;
  readonly audit: AuditRepository;
  readonly registry: ProviderRegistry;
  readonly vault: Vault;
  readonly fetch: FetchLike;
  readonly now: () => number;
  readonly events: EventBus;
  readonly actor: string;
}

export interface NewAccountInput {
  readonly provider: ProviderSlug;
  readonly name: string;
  readonly baseUrl?: string | undefined;
  readonly settings: Record<string, string>;
  readonly secrets: Record<string, string>;
}

export interface AccountUpdateInput {
  readonly id: number;
  readonly name?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly settings?: Record<string, string> | undefined;
  readonly secrets?: Record<string, string> | undefined;
  readonly enabled?: boolean | undefined;
  readonly syncIntervalMinutes?: number | undefined;
  readonly lookbackDays?: number | null | undefined;
}

function fieldKeys(def: ProviderDefinition, secret: boolean): Set<string> {
  return new Set(def.fields.filter((f) => f.secret === secret).map((f) => f.key));
}

function rejectUnknown(def: ProviderDefinition, given: Record<string, string>, secret: boolean): void {
  const known = fieldKeys(def, secret);
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    const kind = secret ? '密钥字段 secret fields' : '设置字段 settings';
    throw new ValidationError(`${def.displayName['zh-CN']} 不支持这些${kind}: ${unknown.join(', ')} (allowed: ${[...known].join(', ') || 'none'})`);
  }
}

function parseWith(schema: ProviderDefinition['settingsSchema'], value: Record<string, string>, what: string): Record<string, string> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
    throw new ValidationError(`${what}无效 invalid ${what}: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}

function dropEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  providers(): ProviderInfo[] {
    return Object.values(this.deps.registry).map((def) => ({
      slug: def.slug,
      displayName: def.displayName,
      defaultBaseUrl: def.defaultBaseUrl,
      baseUrlHelp: def.baseUrlHelp,
      fields: def.fields.map((f) => ({ ...f })),
    }));
  }

  list(): AccountView[] {
    return this.deps.accounts.list().map((row) => toAccountView(row, this.definition(row.provider)));
  }

  view(id: number): AccountView {
    const row = this.row(id);
    return toAccountView(row, this.definition(row.provider));
  }

  add(input: NewAccountInput): AccountView {
    const def = this.definition(input.provider);
    const settingsGiven = dropEmpty(input.settings);
    const secretsGiven = dropEmpty(input.secrets);
    rejectUnknown(def, settingsGiven, false);
    rejectUnknown(def, secretsGiven, true);
    const settings = parseWith(def.settingsSchema, settingsGiven, '设置 settings');
    const secrets = parseWith(def.secretsSchema, secretsGiven, '密钥 secrets');
    const baseUrl = input.baseUrl ?? def.defaultBaseUrl;
    if (!baseUrl) throw new ValidationError(`${def.displayName['zh-CN']} 需要填写接口地址 (base URL is required): ${def.baseUrlHelp['zh-CN']}`);
    if (this.deps.accounts.getByName(input.name)) throw new ConflictError(`已有同名账户「${input.name}」 (an account with this name exists)`);
    const row = this.deps.accounts.insert(
      { provider: input.provider, name: input.name, baseUrl, settings, ...this.sealSecrets(secrets) },
      this.deps.now(),
    );
    this.audit('account.add', row.id, { provider: input.provider, name: input.name, secretKeys: Object.keys(secrets) });
    this.deps.events.emit('accounts:changed', { accountId: row.id });
    return toAccountView(row, def);
  }

  update(input: AccountUpdateInput): AccountView {
    const current = this.row(input.id);
    const def = this.definition(current.provider);
    if (input.name !== undefined && input.name !== current.name && this.deps.accounts.getByName(input.name)) {
      throw new ConflictError(`已有同名账户「${input.name}」 (an account with this name exists)`);
    }
    let settings: Record<string, string> | undefined;
    if (input.settings) {
      rejectUnknown(def, input.settings, false);
      settings = parseWith(def.settingsSchema, dropEmpty({ ...current.settings, ...input.settings }), '设置 settings');
    }
    let sealed: { secretsEnc: Buffer | null; secretHints: Record<string, string> } | undefined;
    if (input.secrets) {
      rejectUnknown(def, input.secrets, true);
      const merged = dropEmpty({ ...this.openSecrets(current), ...input.secrets });
      sealed = this.sealSecrets(parseWith(def.secretsSchema, merged, '密钥 secrets'));
    }
    const row = this.deps.accounts.update(
      input.id,
      {
        name: input.name,
        baseUrl: input.baseUrl,
        settings,
        ...sealed,
        enabled: input.enabled,
        syncIntervalMinutes: input.syncIntervalMinutes,
        lookbackDays: input.lookbackDays,
      },
      this.deps.now(),
    )!;
    if (sealed) this.deps.accounts.updateHealth(input.id, { needsAttention: null });
    if (input.syncIntervalMinutes !== undefined && input.syncIntervalMinutes !== current.syncIntervalMinutes && current.nextRunAt !== null) {
      // The next run follows the new interval from the last run, not the interval the last run was planned with.
      const from = Math.max(current.lastSuccessAt ?? 0, current.lastErrorAt ?? 0) || this.deps.now();
      this.deps.accounts.updateHealth(input.id, { nextRunAt: from + input.syncIntervalMinutes * 60_000 });
    }
    this.audit('account.update', input.id, {
      fields: Object.keys(input).filter((k) => k !== 'id' && k !== 'secrets'),
      secretKeys: input.secrets ? Object.keys(input.secrets) : [],
    });
    this.deps.events.emit('accounts:changed', { accountId: input.id });
    return toAccountView(this.deps.accounts.get(row.id)!, def);
  }

  remove(id: number): { removed: true } {
    const row = this.row(id);
    this.deps.accounts.remove(id);
    this.audit('account.remove', id, { provider: row.provider, name: row.name });
    this.deps.events.emit('accounts:changed', { accountId: id });
    return { removed: true };
  }

  async test(id: number): Promise<ConnectionTestView> {
    const row = this.row(id);
    const def = this.definition(row.provider);
    try {
      const result = await def.testConnection(def.createClient(this.contextFor(row)));
      return { ok: true, message: result.message, errorKind: null };
    } catch (error) {
      if (isProviderError(error)) return { ok: false, message: error.message, errorKind: error.kind };
      throw error;
    }
  }

  /** The context an adapter runs with: plaintext secrets exist only here, inside the main process. */
  contextFor(rowOrId: AccountRow | number, signal?: AbortSignal): ProviderContext {
    const row = typeof rowOrId === 'number' ? this.row(rowOrId) : rowOrId;
    return {
      fetch: this.deps.fetch,
      baseUrl: row.baseUrl,
      settings: row.settings,
      secrets: this.openSecrets(row),
      timeoutMs: DEFAULT_TIMEOUT_MS,
      now: this.deps.now,
      ...(signal ? { signal } : {}),
      onCredentialsRenewed: (changes) => this.persistRenewal(row.id, changes),
    };
  }

  row(id: number): AccountRow {
    const row = this.deps.accounts.get(id);
    if (!row) throw new NotFoundError(`账户不存在 account ${id} not found`);
    return row;
  }

  rowByName(name: string): AccountRow {
    const row = this.deps.accounts.getByName(name);
    if (!row) throw new NotFoundError(`账户不存在 account "${name}" not found`);
    return row;
  }

  definition(slug: ProviderSlug): ProviderDefinition {
    return this.deps.registry[slug];
  }

  private persistRenewal(id: number, changes: { secrets?: Record<string, string>; settings?: Record<string, string> }): void {
    const current = this.row(id);
    this.deps.accounts.update(
      id,
      {
        settings: changes.settings ? { ...current.settings, ...changes.settings } : undefined,
        ...(changes.secrets ? this.sealSecrets({ ...this.openSecrets(current), ...changes.secrets }) : {}),
      },
      this.deps.now(),
    );
    this.audit('account.credentials_renewed', id, { secretKeys: Object.keys(changes.secrets ?? {}), settingKeys: Object.keys(changes.settings ?? {}) }, 'sync');
  }

  private sealSecrets(secrets: Record<string, string>): { secretsEnc: Buffer | null; secretHints: Record<string, string> } {
    if (Object.keys(secrets).length === 0) return { secretsEnc: null, secretHints: {} };
    return {
      secretsEnc: this.deps.vault.encryptJson(secrets),
      secretHints: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, secretHint(v)])),
    };
  }

  private openSecrets(row: AccountRow): Record<string, string> {
    return row.secretsEnc ? (this.deps.vault.decryptJson(row.secretsEnc) as Record<string, string>) : {};
  }

  private audit(action: string, accountId: number, details: Record<string, unknown>, actor = this.deps.actor): void {
    this.deps.audit.record({ at: this.deps.now(), actor, action, targetType: 'account', targetId: String(accountId), details });
  }
}
