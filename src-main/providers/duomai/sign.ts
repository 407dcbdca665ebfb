/**
 * Duomai request signature (providers.md §5.1): public params travel in the query string, business
 * params are the JSON body, and the MD5 covers the exact body text that is sent.
 */
import { createHash } from 'node:crypto';

/** The public parameters that take part in the signature (`sign` itself is excluded). */
export interface DuomaiPublicParams {
  readonly app_key: string;
  readonly service: string;
  /** Unix seconds, as sent. */
  readonly timestamp: string;
}

/** ASCII-sorted key+value concatenation: `app_key…service…timestamp…`. */
export function duomaiSignBase(params: DuomaiPublicParams): string {
  const entries: [string, string][] = [
    ['app_key', params.app_key],
    ['service', params.service],
    ['timestamp', params.timestamp],
  ];
  // Byte order, never localeCompare (providers.md §0.3).
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([k, v]) => k + v).join('');
}

/**
 * `UPPER(md5(app_secret + base + body + app_secret))`. `body` must be the exact JSON string that is
 * posted; an empty body is refused because the gateway's convention for it is unknown.
 */
export function signDuomai(appSecret: string, params: DuomaiPublicParams, body: string): string {
  if (body === '') throw new Error('多麦签名需要非空请求体 Duomai signing needs a non-empty JSON body');
  return createHash('md5')
    .update(appSecret + duomaiSignBase(params) + body + appSecret, 'utf8')
    .digest('hex')
    .toUpperCase();
}
