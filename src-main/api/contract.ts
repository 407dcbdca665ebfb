/**
 * The one API contract of Merchant Ledger. Every operation any face offers is a channel here:
 * `'<domain>:<verb>'` → a zod schema for its arguments and the type of its result. The desktop shell
 * serves it over IPC, the web mode over loopback HTTP, the CLI calls it in-process; the renderer
 * imports this file with `import type` only.
 *
 * Arguments are strict objects with bounded sizes: the renderer is untrusted.
 */
import { z } from 'zod';
import { PROVIDER_SLUGS, type ProviderSlug } from '../domain/models.js';

// ── shared argument pieces ──────────────────────────────────────────────────────────────────────────

const Empty = z.strictObject({});
const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ShortText = z.string().trim().min(1).max(64);
const FieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '字段名无效 invalid field name');
const FieldValue = z.string().max(4096);
const FieldMap = z.record(FieldKey, FieldValue).refine((r) => Object.keys(r).length <= 32, '字段过多 too many fields');
const BaseUrl = z
  .string()
  .trim()
  .max(2048)
  .url('请输入完整网址，例如 https://example.com (must be a full URL)')
  .refine((u) => /^https?:\/\//i.test(u), '只支持 http/https 网址 (only http/https)');
const Provider = z.enum(PROVIDER_SLUGS);

// ── result types ────────────────────────────────────────────────────────────────────────────────────

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly face: 'desktop' | 'web' | 'cli';
  readonly dataDir: string;
  readonly schemaVersion: number;
  /** True when the data key is protected only by an OS keyring backend that stores it in plain text. */
  readonly weakKeyring: boolean;
}

export interface ProviderFieldInfo {
  readonly key: string;
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  readonly secret: boolean;
  readonly required: boolean;
  readonly kind: 'text' | 'password' | 'select' | 'list' | 'url';
  readonly options?: readonly string[];
  readonly defaultValue?: string;
}

export interface ProviderInfo {
  readonly slug: ProviderSlug;
  readonly displayName: LocalizedText;
  readonly defaultBaseUrl: string | null;
  readonly baseUrlHelp: LocalizedText;
  readonly fields: readonly ProviderFieldInfo[];
}

/** A secret field as the renderer may see it: whether it is set, and a masked hint. Never the value. */
export interface SecretState {
  readonly configured: boolean;
  readonly hint: string | null;
}

export interface AccountHealth {
  readonly state: 'never' | 'ok' | 'error' | 'needs_attention' | 'syncing' | 'disabled';
  readonly lastSuccessAt: number | null;
  readonly lastErrorAt: number | null;
  readonly lastErrorKind: string | null;
  readonly lastErrorMessage: string | null;
  readonly needsAttention: string | null;
  readonly nextRunAt: number | null;
}

export interface AccountView {
  readonly id: number;
  readonly provider: ProviderSlug;
  readonly name: string;
  readonly baseUrl: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, SecretState>>;
  readonly enabled: boolean;
  readonly syncIntervalMinutes: number;
  readonly lookbackDays: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly health: AccountHealth;
}

export interface ConnectionTestView {
  readonly ok: boolean;
  readonly message: string;
  /** ProviderError kind when the test failed (auth, network, timeout, …). */
  readonly errorKind: string | null;
}

export interface StatusView {
  readonly accounts: number;
  readonly orders: number;
  readonly cards: number;
  readonly commissions: number;
  readonly settlements: number;
  readonly flows: number;
  readonly lastSyncAt: number | null;
  readonly schemaVersion: number;
}

// ── channels ────────────────────────────────────────────────────────────────────────────────────────

interface ChannelSpec<A extends z.ZodType, R> {
  readonly args: A;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

function channel<R>() {
  return <A extends z.ZodType>(args: A): ChannelSpec<A, R> => ({ args });
}

export const contract = {
  'app:info': channel<AppInfo>()(Empty),
  'app:status': channel<StatusView>()(Empty),

  'providers:list': channel<ProviderInfo[]>()(Empty),

  'accounts:list': channel<AccountView[]>()(Empty),
  'accounts:add': channel<AccountView>()(
    z.strictObject({
      provider: Provider,
      name: ShortText,
      baseUrl: BaseUrl.optional(),
      settings: FieldMap.default({}),
      secrets: FieldMap.default({}),
    }),
  ),
  'accounts:update': channel<AccountView>()(
    z.strictObject({
      id: Id,
      name: ShortText.optional(),
      baseUrl: BaseUrl.optional(),
      settings: FieldMap.optional(),
      /** Only the keys given are replaced; an empty string clears a secret. */
      secrets: FieldMap.optional(),
      enabled: z.boolean().optional(),
      syncIntervalMinutes: z.number().int().min(1).max(1440).optional(),
      lookbackDays: z.number().int().min(1).max(3650).nullable().optional(),
    }),
  ),
  'accounts:remove': channel<{ removed: true }>()(z.strictObject({ id: Id })),
  'accounts:test': channel<ConnectionTestView>()(z.strictObject({ id: Id })),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What a caller passes (defaults may be omitted). */
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
/** What a handler receives after validation. */
export type ParsedArgsOf<C extends Channel> = z.output<Contract[C]['args']>;
export type ResultOf<C extends Channel> = NonNullable<Contract[C]['result']>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

// ── push events ─────────────────────────────────────────────────────────────────────────────────────

export interface AppEvents {
  'accounts:changed': { readonly accountId: number | null };
}
export type EventName = keyof AppEvents;
export const EVENT_NAMES: readonly EventName[] = ['accounts:changed'];
