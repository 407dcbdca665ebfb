/**
 * Passphrase key slot (CLI and web mode): scrypt derives a key-encryption key that wraps the data key with
 * AES-256-GCM. The salt and cost parameters live in the slot so they can be raised later without breaking
 * existing slots.
 */
import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { KEY_BYTES, openGcm, sealGcm } from './aead.js';
import type { KeySlotRecord, KeyUnlocker } from './vault.js';
import { VaultError, VaultLockedError, WRONG_PASSPHRASE_MESSAGE } from './vault-errors.js';

export const PASSPHRASE_ENV = 'MERCHANT_LEDGER_PASSPHRASE';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
// A slot row comes from disk: refuse cost parameters that would let a crafted row exhaust memory or CPU.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const WRAP_AAD = Buffer.from('merchant-ledger:key-slot:passphrase:v1', 'utf8');

interface PassphraseSlotParams extends ScryptParams {
  v: 1;
  kdf: 'scrypt';
  salt: string;
}

export interface PassphraseUnlockerOptions {
  /** Cost for newly wrapped slots; defaults to N=2^15, r=8, p=1. Existing slots use their stored params. */
  scrypt?: ScryptParams;
}

/** Creates an unlocker for a passphrase; an empty passphrase is refused. */
export function passphraseUnlocker(passphrase: string, options: PassphraseUnlockerOptions = {}): KeyUnlocker {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new VaultError('口令不能为空 (passphrase must not be empty)');
  }
  const cost = options.scrypt ?? DEFAULT_SCRYPT;
  checkCost(cost);
  return {
    kind: 'passphrase',
    async wrap(dataKey) {
      const salt = randomBytes(SALT_BYTES);
      const kek = await deriveKey(passphrase, salt, cost);
      const params: PassphraseSlotParams = { v: 1, kdf: 'scrypt', salt: salt.toString('base64'), ...cost };
      return { params: JSON.stringify(params), wrappedKey: sealGcm(kek, dataKey, WRAP_AAD) };
    },
    async unwrap(slot: KeySlotRecord) {
      const params = parseParams(slot.params);
      const kek = await deriveKey(passphrase, Buffer.from(params.salt, 'base64'), params);
      const dataKey = openGcm(kek, slot.wrappedKey, WRAP_AAD);
      if (dataKey === null) throw new VaultLockedError(WRONG_PASSPHRASE_MESSAGE);
      return dataKey;
    },
  };
}

function deriveKey(passphrase: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is exactly that for N=2^15, r=8, so double it.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function checkCost({ N, r, p }: ScryptParams): void {
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  const ok = powerOfTwo && N <= MAX_N && Number.isInteger(r) && r >= 1 && r <= MAX_R && Number.isInteger(p) && p >= 1 && p <= MAX_P;
  if (!ok) throw new VaultError(`口令密钥槽参数无效 (invalid scrypt parameters N=${N} r=${r} p=${p})`);
}

function parseParams(text: string): PassphraseSlotParams {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const params = value as Partial<PassphraseSlotParams> | undefined;
  if (
    typeof params !== 'object' ||
    params === null ||
    params.kdf !== 'scrypt' ||
    typeof params.salt !== 'string' ||
    typeof params.N !== 'number' ||
    typeof params.r !== 'number' ||
    typeof params.p !== 'number'
  ) {
    throw new VaultError('口令密钥槽已损坏 (passphrase key slot parameters are unreadable)');
  }
  checkCost({ N: params.N, r: params.r, p: params.p });
  return params as PassphraseSlotParams;
}

export interface ResolvePassphraseOptions {
  env?: Record<string, string | undefined>;
  /** Interactive prompt supplied by the CLI (hidden input); absent when there is no terminal. */
  prompt?: () => Promise<string>;
  /**
   * Asks once more after `prompt`, for a ledger that has no passphrase yet: what is typed first becomes
   * its passphrase, and a typo there would lock the merchant out of the secrets.
   */
  confirm?: (() => Promise<string>) | undefined;
}

/** MERCHANT_LEDGER_PASSPHRASE when set and not empty. */
export function envPassphrase(env: Record<string, string | undefined>): string | null {
  const fromEnv = env[PASSPHRASE_ENV];
  return fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : null;
}

/** The passphrase from MERCHANT_LEDGER_PASSPHRASE, else from the injected prompt, else a clear error. */
export async function resolvePassphrase({ env = process.env, prompt, confirm }: ResolvePassphraseOptions = {}): Promise<string> {
  const fromEnv = envPassphrase(env);
  if (fromEnv !== null) return fromEnv;
  if (prompt) {
    const typed = await prompt();
    if (typed.length === 0) throw new VaultError('口令不能为空 (passphrase must not be empty)');
    if (confirm && (await confirm()) !== typed) {
      throw new VaultError('两次输入的口令不一致，账本未创建 (the two entries differ; no ledger was created)');
    }
    return typed;
  }
  throw new VaultError(
    `需要密钥库口令：请设置环境变量 ${PASSPHRASE_ENV} 或在终端中运行以输入口令 (passphrase required: set ${PASSPHRASE_ENV} or run in a terminal to be prompted)`,
  );
}
