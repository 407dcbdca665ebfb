/**
 * Kasushou (卡速售) signing. The gateway is PHP: a request body is `json_encode(ksort($post),
 * JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE)` and `Sign = sha1(Timestamp . body . apikey)`; an order
 * callback is verified with `json_encode(ksort($post − sign/card_list/express_list), JSON_UNESCAPED_UNICODE)`,
 * i.e. with slashes escaped as `\/`. Both sides must produce PHP-identical JSON, so this module has its
 * own encoder instead of JSON.stringify (see providers.md §2.2 and §2.6).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface PhpJsonOptions {
  /** PHP's default (`\/`); requests use JSON_UNESCAPED_SLASHES (false), callbacks do not (true). */
  readonly escapeSlashes: boolean;
}

export class PhpJsonError extends Error {
  override readonly name = 'PhpJsonError';
}

/** Callback fields the gateway leaves out of the callback signature (VERIFIED v2api/50). */
export const CALLBACK_UNSIGNED_FIELDS = ['sign', 'card_list', 'express_list'] as const;

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Escapes control characters, quote and backslash, optionally the slash, and the two line terminators
 * PHP ≥ 7.1 always escapes (U+2028/2029). Lone surrogates are refused: PHP rejects invalid UTF-8.
 */
function encodeString(value: string, options: PhpJsonOptions): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (ch === '/') out += options.escapeSlashes ? '\\/' : '/';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (isHigh(code) && isLow(value.charCodeAt(i + 1))) {
      out += ch + value[i + 1]!;
      i++;
    } else if (isHigh(code) || isLow(code)) {
      throw new PhpJsonError(`字符串含无效的 UTF-16 代理项 lone surrogate in ${JSON.stringify(value)}`);
    } else out += ch;
  }
  return `${out}"`;
}

function encodeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new PhpJsonError(`无法编码非有限数 cannot encode ${value}`);
  const text = String(value);
  // PHP writes exponents as 1.0e+25 where JS writes 1e+25: refuse rather than sign something different.
  if (text.includes('e')) throw new PhpJsonError(`数字超出可编码范围 number needs an exponent: ${text}`);
  return text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeEntries(entries: readonly (readonly [string, unknown])[], options: PhpJsonOptions, emptyAs: string): string {
  const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeString(k, options)}:${encodeValue(v, options)}`);
  return parts.length === 0 ? emptyAs : `{${parts.join(',')}}`;
}

/**
 * PHP `json_encode` of one value with JSON_UNESCAPED_UNICODE (and optionally JSON_UNESCAPED_SLASHES).
 * Objects keep their insertion order (only the top level is ever sorted). A nested empty object is
 * written as `[]`, because that is what PHP writes for the empty array it decodes `{}` into.
 */
export function encodeValue(value: unknown, options: PhpJsonOptions): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return value.toString();
    case 'string':
      return encodeString(value, options);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : encodeValue(item, options))).join(',')}]`;
  }
  if (isPlainObject(value)) return encodeEntries(Object.entries(value), options, '[]');
  throw new PhpJsonError(`无法编码的值类型 cannot encode a value of type ${typeof value}`);
}

/** PHP `ksort` on string keys: byte order of the UTF-8 key (= ASCII order), never locale order. */
export function ksortEntries(params: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(params).sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/**
 * The exact request body to send and sign: top-level keys sorted, unescaped slashes and unicode, no
 * spaces. An empty parameter set is `{}` (doc v2api/39: "无参数时传 {} 并对 {} 签名").
 */
export function encodeRequestBody(params: Readonly<Record<string, unknown>>): string {
  return encodeEntries(ksortEntries(params), { escapeSlashes: false }, '{}');
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** `Sign` header: lower-case hex sha1 of Timestamp + body + apikey over the exact body string sent. */
export function signRequest(timestamp: string, body: string, apikey: string): string {
  return sha1Hex(`${timestamp}${body}${apikey}`);
}

/** The JSON text a callback's sign covers: every field except sign/card_list/express_list, ksorted, `\/`. */
export function callbackSignedString(params: Readonly<Record<string, unknown>>): string {
  const kept = ksortEntries(params).filter(([k]) => !(CALLBACK_UNSIGNED_FIELDS as readonly string[]).includes(k));
  return encodeEntries(kept, { escapeSlashes: true }, '[]');
}

/** The sign a genuine order callback carries: sha1(time + signed JSON + apikey). */
export function callbackSign(params: Readonly<Record<string, unknown>>, apikey: string): string {
  const time = params['time'];
  const timeText = typeof time === 'string' || typeof time === 'number' || typeof time === 'bigint' ? String(time) : '';
  return sha1Hex(`${timeText}${callbackSignedString(params)}${apikey}`);
}

/**
 * Verifies an order callback (form fields or parsed JSON). Pure: no clock, no I/O. The card list is not
 * covered by the sign, so callers must re-read cards through `order/info` before trusting them.
 */
export function verifyCallback(params: Readonly<Record<string, unknown>>, apikey: string): boolean {
  const given = params['sign'];
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{40}$/.test(given)) return false;
  let expected: string;
  try {
    expected = callbackSign(params, apikey);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected, 'ascii'), Buffer.from(given.toLowerCase(), 'ascii'));
}
