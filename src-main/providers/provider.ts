/**
 * What every provider folder exports: a definition that describes its account fields (which are
 * secret), validates settings and secrets, builds a typed client bound to one account, and makes one
 * cheap signed call to test the connection. Sync strategies import their own provider's client type
 * directly; everything else goes through the registry.
 */
import type { z } from 'zod';
import type { ProviderSlug } from '../domain/models.js';
import type { FetchLike } from './http.js';

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** One field of an account form. Secret fields are write-only: set through the contract, never read back. */
export interface AccountFieldSpec {
  readonly key: string;
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  readonly secret: boolean;
  readonly required: boolean;
  /** `list` = comma-separated values (itboye usernames). */
  readonly kind: 'text' | 'password' | 'select' | 'list' | 'url';
  readonly options?: readonly string[];
  readonly defaultValue?: string;
}

/** Everything an adapter needs for one account; credentials are plain only inside the main process. */
export interface ProviderContext {
  readonly fetch: FetchLike;
  readonly baseUrl: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  /**
   * Called when the adapter renews a credential (Kuaimai token refresh) so it is persisted in the
   * vault. Adapters keep working with the new values whether or not persistence succeeds.
   */
  readonly onCredentialsRenewed?: (changes: {
    secrets?: Record<string, string>;
    settings?: Record<string, string>;
  }) => void | Promise<void>;
}

export interface ConnectionTestResult {
  /** Plain-language summary for the merchant, e.g. "连接成功，读取到 3 条订单". */
  readonly message: string;
}

export interface ProviderDefinition<Client = unknown> {
  readonly slug: ProviderSlug;
  readonly displayName: LocalizedText;
  /** Default base URL, or null when each merchant's site has its own (Kasushou, union-home, itboye). */
  readonly defaultBaseUrl: string | null;
  readonly baseUrlHelp: LocalizedText;
  readonly fields: readonly AccountFieldSpec[];
  /** Validates the non-secret settings (strings from the form or `--set k=v`). */
  readonly settingsSchema: z.ZodType<Record<string, string>>;
  /** Validates the secrets object (`--secrets-stdin` JSON or the form's write-only fields). */
  readonly secretsSchema: z.ZodType<Record<string, string>>;
  createClient(ctx: ProviderContext): Client;
  /** One cheap signed call; throws ProviderError with a mapped kind on failure. */
  testConnection(client: Client): Promise<ConnectionTestResult>;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
