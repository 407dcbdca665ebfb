/**
 * OS keyring key slot (desktop). The Electron shell passes its `safeStorage`; this module never imports
 * Electron, it only needs the shape below.
 */
import { KEY_BYTES } from './aead.js';
import type { KeySlotRecord, KeyUnlocker } from './vault.js';
import { VaultError, VaultLockedError } from './vault-errors.js';

/** The subset of Electron's `safeStorage` the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'. */
  getSelectedStorageBackend?(): string;
}

/** Backends that store with a hard-coded password, i.e. no real protection: the UI should warn. */
export const WEAK_BACKENDS: readonly string[] = ['basic_text'];

interface SafeStorageSlotParams {
  v: 1;
  backend: string;
  weak: boolean;
}

const UNAVAILABLE_MESSAGE = '系统密钥环不可用，请改用口令保护 (OS keyring encryption is not available; use a passphrase instead)';

export function safeStorageUnlocker(safeStorage: SafeStorageLike): KeyUnlocker {
  return {
    kind: 'safe-storage',
    async wrap(dataKey) {
      if (!safeStorage.isEncryptionAvailable()) throw new VaultError(UNAVAILABLE_MESSAGE);
      const backend = safeStorage.getSelectedStorageBackend?.() ?? 'os-default';
      const params: SafeStorageSlotParams = { v: 1, backend, weak: WEAK_BACKENDS.includes(backend) };
      return { params: JSON.stringify(params), wrappedKey: safeStorage.encryptString(dataKey.toString('base64')) };
    },
    async unwrap(slot: KeySlotRecord) {
      if (!safeStorage.isEncryptionAvailable()) throw new VaultLockedError(UNAVAILABLE_MESSAGE);
      let encoded: string;
      try {
        encoded = safeStorage.decryptString(slot.wrappedKey);
      } catch (error) {
        throw new VaultLockedError('系统密钥环无法解开密钥库 (the OS keyring could not decrypt the vault key)', { cause: error });
      }
      const dataKey = Buffer.from(encoded, 'base64');
      if (dataKey.length !== KEY_BYTES) throw new VaultLockedError('系统密钥环中的密钥无效 (the OS keyring returned an invalid key)');
      return dataKey;
    },
  };
}
