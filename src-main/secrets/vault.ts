/**
 * Envelope encryption for provider secrets and card passwords.
 *
 * One random 32-byte data key (AES-256-GCM) encrypts every secret. The data key is only ever stored wrapped,
 * in one or more key slots (passphrase via scrypt, or the OS keyring via Electron safeStorage), so a slot can
 * be added or removed without re-encrypting any secret.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { KEY_BYTES, openGcm, sealGcm } from './aead.js';
import { VaultError, VaultLockedError } from './vault-errors.js';

export { VaultError, VaultLockedError } from './vault-errors.js';

export type KeySlotKind = 'passphrase' | 'safe-storage';

/** One wrapped copy of the data key, as persisted (the db layer keeps these in a table). */
export interface KeySlotRecord {
  id: string;
  kind: KeySlotKind;
  /** JSON text: for passphrase slots the salt and scrypt N/r/p; for safe-storage slots the keyring backend. */
  params: string;
  wrappedKey: Buffer;
  createdAt: number;
}

/** Persistence of key slots. Implementations must make `save` durable before returning. */
export interface KeySlotStore {
  list(): KeySlotRecord[];
  save(slot: KeySlotRecord): void;
  remove(id: string): void;
}

/** A way to wrap / unwrap the data key (passphrase, OS keyring…). */
export interface KeyUnlocker {
  readonly kind: KeySlotKind;
  wrap(dataKey: Buffer): Promise<{ params: string; wrappedKey: Buffer }>;
  /** Returns the data key or throws `VaultLockedError` when this unlocker cannot open the slot. */
  unwrap(slot: KeySlotRecord): Promise<Buffer>;
  /**
   * Optional: opens one of several slots of this kind at once. An unlocker that asks a person (the
   * desktop's passphrase window) implements it so one typed passphrase is tried on every slot, instead
   * of being asked again and again for the first slot.
   */
  unwrapOneOf?(slots: KeySlotRecord[]): Promise<Buffer>;
}

export interface VaultInfo {
  slots: { id: string; kind: KeySlotKind }[];
  /** True when a slot relies on a keyring that does not really protect the key (Linux `basic_text`). */
  weakKeyring: boolean;
}

export interface Vault {
  /** Encrypts UTF-8 text: 1 version byte ‖ 12-byte random IV ‖ ciphertext ‖ 16-byte tag. */
  encrypt(plain: string): Buffer;
  /** Throws `VaultError` for a tampered, truncated or foreign blob. */
  decrypt(blob: Buffer): string;
  encryptJson(value: unknown): Buffer;
  /** Returns the parsed value; validate it (zod) at the call site. */
  decryptJson(blob: Buffer): unknown;
  /**
   * A keyed fingerprint (HMAC-SHA256 under a subkey of the data key) for change detection of secret
   * content: equal inputs give equal hex, but a short card password cannot be guessed from it.
   */
  fingerprint(text: string): string;
  /** Wraps the current data key with another unlocker (e.g. a passphrase next to safe-storage). */
  addSlot(unlocker: KeyUnlocker): Promise<{ id: string; kind: KeySlotKind }>;
  /**
   * Wraps the current data key with `unlocker`, then removes every other slot of its kind: a changed
   * passphrase. Slots of other kinds (the OS keyring) stay. Nothing is re-encrypted. Answers the new
   * slot and the ones it replaced (so copies of them elsewhere, in backups, can be found).
   */
  replaceSlots(unlocker: KeyUnlocker): Promise<{ id: string; kind: KeySlotKind; removed: number; slot: KeySlotRecord; replaced: KeySlotRecord[] }>;
  /** Refuses to remove the last slot (the data key would be lost with every secret). */
  removeSlot(id: string): void;
  info(): VaultInfo;
  /** Wipes the data key from memory; later calls throw `VaultLockedError`. */
  lock(): void;
}

export interface OpenVaultOptions {
  /**
   * Tried when no slot of the main unlocker's kind opens the vault — e.g. the desktop's keyring meets a
   * ledger the CLI created (passphrase slot only). Never used to create a new vault.
   */
  fallback?: KeyUnlocker;
  /** Called with every decrypted string (each string leaf for JSON) so the logger can redact it. */
  onSecretRevealed?: (value: string) => void;
  now?: () => number;
}

export const VAULT_BLOB_VERSION = 1;
const VERSION_AAD = Buffer.from([VAULT_BLOB_VERSION]);

const CORRUPT_MESSAGE = '无法解密：数据已损坏或不是由本密钥库加密 (cannot decrypt: data is corrupted or was encrypted with another key)';
const LOCKED_MESSAGE = '密钥库已锁定 (vault is locked)';

/** Opens the vault, creating the data key and first slot when the store is empty. */
export async function openVault(store: KeySlotStore, unlocker: KeyUnlocker, options: OpenVaultOptions = {}): Promise<Vault> {
  const now = options.now ?? Date.now;
  const existing = store.list();
  let dataKey: Buffer;
  if (existing.length === 0) {
    dataKey = randomBytes(KEY_BYTES);
    await saveSlot(store, unlocker, dataKey, now());
  } else {
    dataKey = await unwrapWithFallback(existing, unlocker, options.fallback);
  }
  return createVault(store, dataKey, options.onSecretRevealed, now);
}

async function saveSlot(store: KeySlotStore, unlocker: KeyUnlocker, dataKey: Buffer, createdAt: number): Promise<KeySlotRecord> {
  const { params, wrappedKey } = await unlocker.wrap(dataKey);
  const slot: KeySlotRecord = { id: randomUUID(), kind: unlocker.kind, params, wrappedKey, createdAt };
  store.save(slot);
  return slot;
}

async function unwrapWithFallback(slots: KeySlotRecord[], unlocker: KeyUnlocker, fallback: KeyUnlocker | undefined): Promise<Buffer> {
  const unlockers = fallback ? [unlocker, fallback] : [unlocker];
  let firstError: unknown = null;
  for (const candidate of unlockers) {
    const ofKind = slots.filter((slot) => slot.kind === candidate.kind);
    if (ofKind.length === 0) continue;
    try {
      return checkKeySize(candidate.unwrapOneOf ? await candidate.unwrapOneOf(ofKind) : await unwrapAny(ofKind, candidate));
    } catch (error) {
      // The main unlocker's reason (e.g. "the keyring could not decrypt") is the one worth showing.
      firstError ??= error;
    }
  }
  if (firstError !== null) throw firstError;
  const kinds = unlockers.map((u) => u.kind).join(', ');
  throw new VaultLockedError(
    `密钥库没有可用此方式解锁的密钥槽 (no key slot of kind "${kinds}"; available: ${[...new Set(slots.map((s) => s.kind))].join(', ')})`,
  );
}

async function unwrapAny(candidates: KeySlotRecord[], unlocker: KeyUnlocker): Promise<Buffer> {
  let lastError: unknown;
  for (const slot of candidates) {
    try {
      return checkKeySize(await unlocker.unwrap(slot));
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError instanceof VaultError) throw lastError;
  throw new VaultLockedError('无法解锁密钥库 (could not unlock the vault)', { cause: lastError });
}

function checkKeySize(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new VaultError('密钥槽内容无效 (key slot holds a key of the wrong size)');
  return key;
}

function createVault(store: KeySlotStore, dataKey: Buffer, reveal: ((value: string) => void) | undefined, now: () => number): Vault {
  let locked = false;
  const key = (): Buffer => {
    if (locked) throw new VaultLockedError(LOCKED_MESSAGE);
    return dataKey;
  };

  const decryptQuiet = (blob: Buffer): string => {
    if (!Buffer.isBuffer(blob) || blob.length < 1 || blob[0] !== VAULT_BLOB_VERSION) throw new VaultError(CORRUPT_MESSAGE);
    const plain = openGcm(key(), blob.subarray(1), VERSION_AAD);
    if (plain === null) throw new VaultError(CORRUPT_MESSAGE);
    return plain.toString('utf8');
  };

  const fingerprintKey = createHmac('sha256', dataKey).update('merchant-ledger:fingerprint:v1').digest();

  const encrypt = (plain: string): Buffer =>
    Buffer.concat([VERSION_AAD, sealGcm(key(), Buffer.from(plain, 'utf8'), VERSION_AAD)]);

  return {
    encrypt,
    decrypt(blob) {
      const plain = decryptQuiet(blob);
      reveal?.(plain);
      return plain;
    },
    encryptJson(value) {
      const text = JSON.stringify(value);
      if (text === undefined) throw new VaultError('无法加密此值 (value is not JSON-serializable)');
      return encrypt(text);
    },
    decryptJson(blob) {
      const text = decryptQuiet(blob);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new VaultError('解密内容不是有效的 JSON (decrypted data is not valid JSON)', { cause: error });
      }
      if (reveal) forEachStringLeaf(value, reveal);
      return value;
    },
    fingerprint(text) {
      key();
      return createHmac('sha256', fingerprintKey).update(text, 'utf8').digest('hex');
    },
    ...slotOperations(store, key, now),
    lock() {
      fingerprintKey.fill(0);
      dataKey.fill(0);
      locked = true;
    },
  };
}

function slotOperations(store: KeySlotStore, key: () => Buffer, now: () => number): Pick<Vault, 'addSlot' | 'replaceSlots' | 'removeSlot' | 'info'> {
  return {
    async addSlot(unlocker) {
      const slot = await saveSlot(store, unlocker, key(), now());
      return { id: slot.id, kind: slot.kind };
    },
    async replaceSlots(unlocker) {
      // The new slot is saved before any old one goes: a crash in between leaves both ways in, never none.
      const slot = await saveSlot(store, unlocker, key(), now());
      const old = store.list().filter((s) => s.kind === slot.kind && s.id !== slot.id);
      for (const s of old) store.remove(s.id);
      return { id: slot.id, kind: slot.kind, removed: old.length, slot, replaced: old };
    },
    removeSlot(id) {
      key();
      const slots = store.list();
      if (!slots.some((slot) => slot.id === id)) throw new VaultError(`找不到密钥槽 ${id} (no such key slot)`);
      if (slots.length <= 1) {
        throw new VaultError('不能删除最后一个密钥槽，否则所有密钥将无法解密 (refusing to remove the last key slot)');
      }
      store.remove(id);
    },
    info() {
      const slots = store.list();
      return {
        slots: slots.map((slot) => ({ id: slot.id, kind: slot.kind })),
        weakKeyring: slots.some(isWeakSlot),
      };
    },
  };
}

function isWeakSlot(slot: KeySlotRecord): boolean {
  if (slot.kind !== 'safe-storage') return false;
  try {
    const params: unknown = JSON.parse(slot.params);
    return typeof params === 'object' && params !== null && (params as { weak?: unknown }).weak === true;
  } catch {
    return false;
  }
}

function forEachStringLeaf(value: unknown, visit: (leaf: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => forEachStringLeaf(item, visit));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => forEachStringLeaf(item, visit));
}

/** In-memory `KeySlotStore` for tests and throwaway sessions. */
export function memoryKeySlotStore(initial: KeySlotRecord[] = []): KeySlotStore {
  const slots = new Map<string, KeySlotRecord>();
  const copy = (slot: KeySlotRecord): KeySlotRecord => ({ ...slot, wrappedKey: Buffer.from(slot.wrappedKey) });
  for (const slot of initial) slots.set(slot.id, copy(slot));
  return {
    list: () => [...slots.values()].map(copy),
    save: (slot) => void slots.set(slot.id, copy(slot)),
    remove: (id) => void slots.delete(id),
  };
}
