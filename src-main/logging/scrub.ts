/**
 * String and value scrubbing for logs: masks `key=value`, `"key":"value"`, `key: value` (also inside URL query
 * strings, escaped JSON and URL-encoded text) for secret key names, every literal in the SecretRegistry, and
 * whole values of secret-named fields at any depth. Errors become plain objects with message/stack/raw/cause
 * scrubbed.
 */
import { isSecretKey } from './secret-keys.js';
import { SECRET_MASK, type SecretRegistry } from './secret-registry.js';

/** What a secret-named field's whole value is replaced with (same censor as pino's path redaction). */
export const REDACTED = '[REDACTED]';

const MAX_DEPTH = 10;

// A key, optionally quoted ("k", 'k', or \"k\" inside escaped JSON), then `:` or `=`.
const KEY_SEP_SOURCE = String.raw`(?<![A-Za-z0-9_\-])(\\?["']|)([A-Za-z][A-Za-z0-9_.\-]{0,63})\1(\s*[:=]\s*)`;
const VALUE_SOURCE = [
  String.raw`\\"(?:(?!\\")[^\r\n])*\\"`, // \"…\" (JSON text inside a JSON string)
  String.raw`"(?:[^"\\\r\n]|\\.)*"`,
  String.raw`'(?:[^'\\\r\n]|\\.)*'`,
  String.raw`(?:Bearer|Basic|Digest|Token)\s+[^\s,;&"'\\<>{}()[\]]+`,
  String.raw`[^\s,;&"'\\<>{}()[\]]+`,
].join('|');
const COOKIE_KEY = /(^|[^A-Za-z])(set-?)?cookies?$/i;
const KEEP_AS_IS = new Set(['null', 'true', 'false', 'undefined', REDACTED, `"${REDACTED}"`, SECRET_MASK, `"${SECRET_MASK}"`]);

/** Masks secrets in free text: key/value patterns first, then registered literals. */
export function scrubString(text: string, registry: SecretRegistry): string {
  let result = maskKeyValues(text);
  if (/%[0-9A-Fa-f]{2}/.test(result)) {
    // Form bodies and URLs carry `%22token%22%3A%22…` / `token%3D…`: if decoding reveals a secret, log the decoded, masked text.
    const decoded = result.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeSafely);
    if (decoded !== result) {
      const masked = maskKeyValues(decoded);
      if (masked !== decoded) result = masked;
    }
  }
  return registry.scrub(result);
}

function decodeSafely(sequence: string): string {
  try {
    return decodeURIComponent(sequence);
  } catch {
    return sequence;
  }
}

function maskKeyValues(text: string): string {
  const keySep = new RegExp(KEY_SEP_SOURCE, 'g');
  const valueAt = new RegExp(VALUE_SOURCE, 'iy');
  let out = '';
  let last = 0;
  for (let match = keySep.exec(text); match !== null; match = keySep.exec(text)) {
    const key = match[2] ?? '';
    if (!isSecretKey(key)) continue; // keep scanning inside the value: `url=https://…?token=…`
    const valueStart = match.index + match[0].length;
    const end = findValueEnd(text, valueStart, valueAt, COOKIE_KEY.test(key));
    if (end === null) continue;
    const value = text.slice(valueStart, end);
    if (KEEP_AS_IS.has(value)) continue;
    out += text.slice(last, valueStart) + maskLike(value);
    last = end;
    keySep.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

function findValueEnd(text: string, start: number, valueAt: RegExp, toEndOfLine: boolean): number | null {
  const first = text[start];
  if (first === '{' || first === '[') return balancedEnd(text, start);
  if (toEndOfLine && first !== '"' && first !== "'" && first !== '\\') {
    // `Cookie: a=1; sid=2` — every pair is sensitive, not just the first.
    const lineEnd = text.slice(start).search(/[\r\n]/);
    return lineEnd === -1 ? text.length : start + lineEnd;
  }
  valueAt.lastIndex = start;
  const value = valueAt.exec(text);
  return value === null || value[0].length === 0 ? null : start + value[0].length;
}

/** End of a `{…}` / `[…]` block (strings skipped); the end of the text when it is cut off, so nothing leaks. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function maskLike(value: string): string {
  if (value.startsWith('\\"')) return `\\"${SECRET_MASK}\\"`;
  if (value.startsWith('"')) return `"${SECRET_MASK}"`;
  if (value.startsWith("'")) return `'${SECRET_MASK}'`;
  if (value.startsWith('{')) return `{${SECRET_MASK}}`;
  if (value.startsWith('[')) return `[${SECRET_MASK}]`;
  const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${SECRET_MASK}` : SECRET_MASK;
}

/**
 * Deep copy of `value` that is safe to log: strings scrubbed, secret-named fields censored at any depth,
 * Errors serialized (see `serializeError`), binary data summarized, cycles and excessive depth cut.
 */
export function scrubValue(value: unknown, registry: SecretRegistry): unknown {
  return scrubAt(value, registry, 0, new WeakSet());
}

function scrubAt(value: unknown, registry: SecretRegistry, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return scrubString(value, registry);
    case 'bigint':
      return value.toString();
    case 'symbol':
      return scrubString(value.toString(), registry);
    case 'function':
      return undefined;
    case 'object':
      break;
    default:
      return value; // number, boolean, undefined
  }
  if (value === null || value instanceof Date) return value;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Object]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorToObject(value, registry, depth, seen);
    if (Array.isArray(value)) return value.map((item) => scrubAt(item, registry, depth + 1, seen));
    if (value instanceof Map) return scrubEntries([...value.entries()].map(([k, v]) => [String(k), v]), registry, depth, seen);
    if (value instanceof Set) return [...value].map((item) => scrubAt(item, registry, depth + 1, seen));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return scrubAt(toJSON.call(value), registry, depth + 1, seen);
    return scrubEntries(Object.entries(value), registry, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function scrubEntries(entries: [string, unknown][], registry: SecretRegistry, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    if (item === undefined) continue;
    const safeKey = scrubString(key, registry);
    out[safeKey] = isSecretKey(key) && item !== null && item !== '' ? REDACTED : scrubAt(item, registry, depth + 1, seen);
  }
  return out;
}

/** Logged shape of an Error: type, message, stack, every own field (e.g. ProviderError's `raw`), cause chain. */
export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: unknown;
  [field: string]: unknown;
}

/** Serializes an Error (with `raw` body and `cause` chain) with the scrubber applied to every string. */
export function serializeError(error: Error, registry: SecretRegistry): SerializedError {
  return errorToObject(error, registry, 0, new WeakSet([error]));
}

function errorToObject(error: Error, registry: SecretRegistry, depth: number, seen: WeakSet<object>): SerializedError {
  const ownFields = Object.entries(error).filter(([key]) => !['cause', 'errors', 'name', 'type', 'message', 'stack'].includes(key));
  const out: SerializedError = {
    type: error.name || error.constructor.name,
    message: scrubString(String(error.message), registry),
    ...scrubEntries(ownFields, registry, depth, seen),
  };
  if (typeof error.stack === 'string') out.stack = scrubString(error.stack, registry);
  if (error instanceof AggregateError && Array.isArray(error.errors)) {
    out.errors = error.errors.map((item) => scrubAt(item, registry, depth + 1, seen));
  }
  if (error.cause !== undefined) out.cause = scrubAt(error.cause, registry, depth + 1, seen);
  return out;
}
