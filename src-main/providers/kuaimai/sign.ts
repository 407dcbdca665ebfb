/**
 * Kuaimai (快麦) open-platform request signing: the Taobao-TOP algorithm (providers.md §3.2).
 * base = concat(key + value) over all params except `sign`, keys in byte (ASCII) order, empty values
 * dropped; md5 wraps the base in the secret, hmac / hmac-sha256 key the MAC with it; hex upper-case.
 */
import { createHash, createHmac } from 'node:crypto';
import { toShanghaiWallTime } from '../../domain/time.js';

export const KUAIMAI_SIGN_METHODS = ['hmac', 'md5', 'hmac-sha256'] as const;
export type KuaimaiSignMethod = (typeof KUAIMAI_SIGN_METHODS)[number];

/** A parameter value before it becomes form text; null/undefined/"" are never sent. */
export type KuaimaiParamValue = string | number | bigint | boolean | null | undefined;

export function isKuaimaiSignMethod(value: unknown): value is KuaimaiSignMethod {
  return typeof value === 'string' && (KUAIMAI_SIGN_METHODS as readonly string[]).includes(value);
}

/**
 * Drops null/undefined/"" and turns the rest into strings. The gateway's handling of empty values is
 * unknown (clients disagree), so we never send them: what is signed is exactly what travels.
 */
export function compactParams(params: Readonly<Record<string, KuaimaiParamValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const text = String(value);
    if (text !== '') out[key] = text;
  }
  return out;
}

/** Byte order of the UTF-8 keys; never localeCompare, which orders `_` and capitals differently. */
export function compareAscii(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The string the signature is computed over: `k1v1k2v2…` without `sign` and without empty values. */
export function signBaseString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort(compareAscii)
    .map((key) => `${key}${params[key]}`)
    .join('');
}

/** Signs a base string with the chosen method; 32 hex digits (md5, hmac) or 64 (hmac-sha256). */
export function signBase(base: string, secret: string, method: KuaimaiSignMethod): string {
  switch (method) {
    case 'md5':
      return createHash('md5').update(`${secret}${base}${secret}`, 'utf8').digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', Buffer.from(secret, 'utf8')).update(base, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', Buffer.from(secret, 'utf8')).update(base, 'utf8').digest('hex').toUpperCase();
  }
}

/** The `sign` value for a parameter set (its own `sign`, if present, is ignored). */
export function signParams(params: Readonly<Record<string, string>>, secret: string, method: KuaimaiSignMethod): string {
  return signBase(signBaseString(params), secret, method);
}

/** The public `timestamp` parameter: `yyyy-MM-dd HH:mm:ss` in GMT+8 from the injected clock. */
export function kuaimaiTimestamp(nowMs: number): string {
  return toShanghaiWallTime(nowMs);
}
