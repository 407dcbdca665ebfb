/**
 * Which field / parameter names hold secrets. Used by pino's path redaction (exact names) and by the
 * scrubber (normalized names: case, `_` and `-` ignored, plus a few suffixes such as `…Token`).
 */

/** Exact spellings seen in the providers' protocols and our own settings; pino redact matches these literally. */
export const SECRET_KEY_NAMES: readonly string[] = [
  'apikey', 'apiKey', 'api_key', 'APIKey', 'x-api-key',
  'appSecret', 'app_secret', 'appsecret', 'clientSecret', 'client_secret',
  'secret', 'secrets', 'hash', 'privateKey', 'private_key', 'passphrase',
  'token', 'Token', 'session', 'sid', 'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'device_token',
  'password', 'Password', 'passwd', 'pwd', 'card_password', 'cardPassword',
  'sign', 'Sign', 'signature', 'Signature',
  'authorization', 'Authorization', 'cookie', 'Cookie', 'set-cookie', 'Set-Cookie',
];

const EXACT_NORMALIZED = new Set([
  ...SECRET_KEY_NAMES.map(normalizeKey),
  'tokens', 'sessionkey', 'sessionid', 'cardpwd', 'proxyauthorization', 'cookies', 'setcookie',
  'secretkey', 'datakey', 'credential', 'credentials',
]);

const SECRET_SUFFIXES = ['secret', 'token', 'password', 'passwd', 'apikey', 'signature', 'passphrase', 'privatekey', 'secretkey', 'session', 'credentials'];

function normalizeKey(key: string): string {
  // Trailing digits do not change the meaning: token2, password_1 → token, password.
  return key.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/\d+$/, '');
}

/** True when a field named `key` must never be logged. For dotted paths (`headers.token`) the last segment decides. */
export function isSecretKey(key: string): boolean {
  const last = key.slice(key.lastIndexOf('.') + 1);
  const normalized = normalizeKey(last);
  if (normalized.length === 0) return false;
  return EXACT_NORMALIZED.has(normalized) || SECRET_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

/** Depth of wildcard paths generated for pino redact: `k`, `*.k`, `*.*.k`, `*.*.*.k`. Deeper keys are the scrubber's job. */
export const REDACT_WILDCARD_DEPTH = 3;

/** pino `redact.paths` for every secret key name at depth 0..REDACT_WILDCARD_DEPTH, plus common header paths. */
export function secretRedactPaths(): string[] {
  const paths: string[] = [];
  for (const name of SECRET_KEY_NAMES) {
    const segment = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `["${name}"]`;
    for (let depth = 0; depth <= REDACT_WILDCARD_DEPTH; depth += 1) {
      const prefix = '*.'.repeat(depth);
      paths.push(segment.startsWith('[') ? `${prefix.slice(0, -1)}${segment}` : `${prefix}${segment}`);
    }
  }
  paths.push('headers.token', 'headers.Sign', 'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie');
  return [...new Set(paths)];
}
