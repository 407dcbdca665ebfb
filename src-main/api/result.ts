/** The envelope every channel answers with: no raw Error ever crosses a face. */

export const API_ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'provider',
  'locked',
  'unauthorized',
  'unknown_channel',
  'cancelled',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  readonly code: ApiErrorCode;
  /** Plain words for the merchant (zh-CN first, English after). */
  readonly message: string;
  /** Field problems for `validation`; provider error kind for `provider`. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ApiErrorCode, message: string, details?: Record<string, unknown>): Result<T> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
