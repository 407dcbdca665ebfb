/** `providers:*` and `accounts:*` — provider descriptions and account management. */
import { z } from 'zod';
import type { ProviderSlug } from '../../domain/models.js';
import { channel, Empty, Id, Provider, ShortText, type LocalizedText } from '../channel.js';

const FieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '字段名无效 invalid field name');
const FieldValue = z.string().max(4096);
const FieldMap = z.record(FieldKey, FieldValue).refine((r) => Object.keys(r).length <= 32, '字段过多 too many fields');
const BaseUrl = z
  .string()
  .trim()
  .max(2048)
  .url('请输入完整网址，例如 https://example.com (must be a full URL)')
  .refine((u) => /^https?:\/\//i.test(u), '只支持 http/https 网址 (only http/https)');

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

export const accountChannels = {
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
