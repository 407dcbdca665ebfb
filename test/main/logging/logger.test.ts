import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, nullLogger, type AppLogger } from '../../../src-main/logging/logger.js';
import { SecretRegistry } from '../../../src-main/logging/redact.js';
import { ProviderError } from '../../../src-main/providers/provider-error.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { memoryKeySlotStore, openVault } from '../../../src-main/secrets/vault.js';

/** One of each kind of secret the app handles. Literal values are grepped for in every log file afterwards. */
const SECRETS = {
  apiKey: 'ak_live_9f8e7d6c5b4a3210',
  token: 'tok_3c2b1a0f9e8d7c6b',
  password: 'Pa55w0rd!Merch@nt',
  signature: '30E42B02D169FA80C548B0251F55A1D0',
  cardPassword: 'CARD-PWD-7788-9911-2233',
  kuaimaiSession: 'kmsess_5f4e3d2c1b0a9988',
  refreshToken: 'rt_a1b2c3d4e5f6a7b8',
  clientSecret: 'cs_test_client_secret_42',
} as const;

/** The same kinds, never registered: only key-name rules can catch these. */
const UNREGISTERED = {
  apiKey: 'ak_unreg_0011223344',
  token: 'tok_unreg_5566778899',
  password: 'unregPassw0rd#1',
  signature: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
  cardPassword: 'UNREG-CARD-4455',
  kuaimaiSession: 'kmsess_unreg_6677',
  refreshToken: 'rt_unreg_8899aabb',
  clientSecret: 'cs_unreg_secret_77',
} as const;

const ORDER_NO = '240102123456789012345678';
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ml-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function readAllLogs(folder: string): { files: string[]; text: string } {
  const files = readdirSync(folder);
  return { files, text: files.map((file) => readFileSync(path.join(folder, file), 'utf8')).join('\n') };
}

function logEverything(logger: AppLogger, s: Record<keyof typeof SECRETS, string>, registered: boolean): void {
  const kuaimaiUrl = `https://gw.superboss.cc/router?method=kmt.api.trade.list&appKey=12345678&session=${s.kuaimaiSession}&sign=${s.signature}&order=${ORDER_NO}`;
  const jsonBody = JSON.stringify({ apikey: s.apiKey, refreshToken: s.refreshToken, client_secret: s.clientSecret, ordersn: ORDER_NO });
  const cause = new Error(`connect failed for token=${s.token}`);
  const providerError = new ProviderError({
    kind: 'auth',
    provider: 'kuaimai',
    message: `签名无效 (invalid signature) sign=${s.signature} session=${s.kuaimaiSession}`,
    raw: JSON.stringify({ code: '25', session: s.kuaimaiSession, refreshToken: s.refreshToken, card_password: s.cardPassword, order: ORDER_NO }),
    cause,
  });
  const child = logger.child({ provider: 'kuaimai', session: s.kuaimaiSession, headers: { token: s.token, Sign: s.signature } });
  const grandchild = child.child({ account: 'shop-1', auth: { password: s.password }, note: `apiKey=${s.apiKey}` });

  for (const level of LEVELS) {
    // message text: key/value patterns, interpolation, URL query strings, JSON text
    logger[level](`calling ${kuaimaiUrl}`);
    logger[level]('login password=%s client_secret=%s order %s', s.password, s.clientSecret, ORDER_NO);
    logger[level](`response body ${jsonBody}`);
    logger[level]('headers Authorization: Bearer %s; Sign: %s', s.token, s.signature);
    logger[level]({ order: ORDER_NO }, 'card %s password: %s', 'NO-1', s.cardPassword);
    // object fields at several depths, arrays, JSON strings inside strings
    logger[level]({
      apiKey: s.apiKey,
      order: ORDER_NO,
      request: { url: kuaimaiUrl, headers: { token: s.token, Sign: s.signature }, body: jsonBody },
      a: { b: { c: { d: { e: { refresh_token: s.refreshToken, client_secret: s.clientSecret } } } } },
      cards: [{ card_no: 'NO-1', card_password: s.cardPassword }],
      nestedJson: JSON.stringify({ raw: jsonBody }),
      settings: { secrets: { kuaimai: { session: s.kuaimaiSession } } },
    }, `sync page 1 for ${ORDER_NO}`);
    // errors: message, raw, cause — as the first argument and under err
    logger[level](providerError);
    logger[level]({ err: providerError, order: ORDER_NO }, 'sync failed');
    logger[level]({ error: cause }, 'plain error field');
    // child loggers with bindings
    child[level]({ page: 2 }, `child page for ${ORDER_NO}`);
    grandchild[level]('grandchild %o', { cardPassword: s.cardPassword, refreshToken: s.refreshToken, order: ORDER_NO });
    if (registered) {
      // bare literals: only the SecretRegistry can know these are secrets
      logger[level](`bare ${s.apiKey} ${s.token} ${s.password} ${s.signature}`);
      logger[level]({ values: [s.cardPassword, s.kuaimaiSession, s.refreshToken, s.clientSecret] }, `bare in msg ${s.cardPassword}`);
      child[level](`${s.kuaimaiSession}`);
    }
  }
  child.setBindings({ token2: s.token, extra: `retry with sign=${s.signature}` });
  child.info('after setBindings');
}

describe('createLogger', () => {
  it('never writes any kind of secret through any log path, and keeps the context', async () => {
    const registry = new SecretRegistry();
    // Registered through the vault hook, as the app does.
    const vault = await openVault(memoryKeySlotStore(), passphraseUnlocker('test pass', { scrypt: { N: 1024, r: 8, p: 1 } }), {
      onSecretRevealed: (value) => registry.register(value),
    });
    vault.decryptJson(vault.encryptJson({ ...SECRETS }));
    expect(registry.size).toBe(Object.keys(SECRETS).length);

    const logger = createLogger({ dir, level: 'trace', registry });
    logEverything(logger, SECRETS, true);
    logEverything(logger, UNREGISTERED, false);
    await logger.close();

    const { files, text } = readAllLogs(dir);
    expect(files).toContain('merchant-ledger.log');
    for (const [kind, secret] of [...Object.entries(SECRETS), ...Object.entries(UNREGISTERED)]) {
      expect(text.includes(secret), `${kind} ${secret} leaked`).toBe(false);
    }
    const lines = text.split('\n').filter((line) => line.length > 0);
    expect(lines.length).toBeGreaterThan(2 * LEVELS.length * 10);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(new Set(records.map((record) => record.level))).toEqual(new Set([10, 20, 30, 40, 50, 60]));
    // Non-secret context survives.
    expect(text).toContain(ORDER_NO);
    expect(text).toContain('appKey=12345678');
    expect(text).toContain('method=kmt.api.trade.list');
    expect(text).toContain('NO-1');
    expect(text).toContain('"provider":"kuaimai"');
    expect(text).toContain('"account":"shop-1"');
    expect(text).toContain('签名无效 (invalid signature)');
    expect(text).toContain('"kind":"auth"');
    expect(text).toContain('connect failed');
    expect(text).toContain('••••');
    expect(text).toContain('[REDACTED]');
    const errorRecord = records.find((record) => record.msg === 'sync failed');
    expect(errorRecord?.err).toMatchObject({ type: 'ProviderError', kind: 'auth', provider: 'kuaimai' });
    expect(JSON.stringify(errorRecord?.err)).toContain('"raw":');
  });

  it('flush() makes every line readable without closing', async () => {
    const logger = createLogger({ dir, registry: new SecretRegistry() });
    for (let i = 0; i < 200; i += 1) logger.info({ i }, `line ${i}`);
    await logger.flush();
    const lines = readFileSync(path.join(dir, 'merchant-ledger.log'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(200);
    expect(JSON.parse(lines[199] ?? '{}')).toMatchObject({ i: 199, msg: 'line 199', level: 30 });
    await logger.close();
    logger.info('dropped after close');
    await logger.flush();
  });

  it('honours the level', async () => {
    const logger = createLogger({ dir, level: 'warn', fileName: 'custom.log', registry: new SecretRegistry() });
    logger.info('hidden');
    logger.warn('shown');
    await logger.close();
    const text = readFileSync(path.join(dir, 'custom.log'), 'utf8');
    expect(text).toContain('shown');
    expect(text).not.toContain('hidden');
  });

  it('rotates by size into several files, all redacted, keeping at most maxFiles rotated files', async () => {
    const registry = new SecretRegistry();
    registry.register(SECRETS.cardPassword);
    const logger = createLogger({ dir, registry, rotation: { size: '2K', maxFiles: 3 } });
    for (let i = 0; i < 120; i += 1) {
      logger.info({ order: `${ORDER_NO}-${i}`, apiKey: SECRETS.apiKey }, `row ${i} token=${SECRETS.token} card ${SECRETS.cardPassword}`);
    }
    await logger.close();
    const { files, text } = readAllLogs(dir);
    const logFiles = files.filter((file) => file.endsWith('.log'));
    expect(logFiles.length).toBeGreaterThanOrEqual(3);
    expect(logFiles.length).toBeLessThanOrEqual(4); // current file + maxFiles rotated
    expect(logFiles.filter((file) => file !== 'merchant-ledger.log').every((file) => /^merchant-ledger-\d{8}-\d{6}-\d+\.log$/.test(file))).toBe(true);
    for (const secret of [SECRETS.apiKey, SECRETS.token, SECRETS.cardPassword]) expect(text).not.toContain(secret);
    expect(text).toContain(`${ORDER_NO}-119`);
  });
  it('copies the redacted lines to stderr when asked', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      const logger = createLogger({ dir, alsoStderr: true, registry: new SecretRegistry() });
      logger.info({ order: ORDER_NO }, `token=${SECRETS.token}`);
      await logger.close();
    } finally {
      spy.mockRestore();
    }
    const line = written.join('');
    expect(line).toContain(ORDER_NO);
    expect(line).not.toContain(SECRETS.token);
    expect(readFileSync(path.join(dir, 'merchant-ledger.log'), 'utf8')).toBe(line);
  });
});

describe('nullLogger', () => {
  it('accepts every call and resolves flush/close', async () => {
    const logger = nullLogger();
    logger.error({ token: 'x' }, 'nothing');
    logger.child({ a: 1 }).info('nothing');
    await expect(logger.flush()).resolves.toBeUndefined();
    await expect(logger.close()).resolves.toBeUndefined();
  });
});
