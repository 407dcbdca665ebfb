/**
 * The one error taxonomy every provider adapter maps its failures into. Adapters never retry; the sync
 * engine reads `retryable` (and `retryAfterMs`) to decide.
 */
import type { ProviderSlug } from '../domain/models.js';

export const PROVIDER_ERROR_KINDS = ['auth', 'rate_limit', 'network', 'timeout', 'bad_response', 'rejected', 'unsupported'] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** The raw payload kept on an error is capped so a huge HTML page cannot bloat logs or the database. */
export const MAX_RAW_ERROR_CHARS = 64 * 1024;

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  provider: ProviderSlug;
  message: string;
  retryable?: boolean;
  providerCode?: string;
  httpStatus?: number;
  /** The body (or part of it) that could not be used, for inspection. */
  raw?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

const DEFAULT_RETRYABLE: Record<ProviderErrorKind, boolean> = {
  auth: false,
  rate_limit: true,
  network: true,
  timeout: true,
  bad_response: false,
  rejected: false,
  unsupported: false,
};

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderSlug;
  readonly retryable: boolean;
  readonly providerCode: string | undefined;
  readonly httpStatus: number | undefined;
  readonly raw: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.provider = init.provider;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE[init.kind];
    this.providerCode = init.providerCode;
    this.httpStatus = init.httpStatus;
    this.raw = init.raw === undefined ? undefined : init.raw.slice(0, MAX_RAW_ERROR_CHARS);
    this.retryAfterMs = init.retryAfterMs;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      provider: this.provider,
      retryable: this.retryable,
      providerCode: this.providerCode,
      httpStatus: this.httpStatus,
      message: this.message,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
