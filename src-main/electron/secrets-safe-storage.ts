/**
 * The vault's OS-keyring key slot on the desktop: Electron's safeStorage (DPAPI on Windows, Keychain
 * on macOS, libsecret/kwallet on Linux) adapted to the core's SafeStorageLike; open-core.ts uses it,
 * or the passphrase fallback when it is unavailable. Electron 41 has only the synchronous methods.
 * Usable only after `app` is ready.
 */
import { safeStorage as electronSafeStorage, type SafeStorage } from 'electron';
import type { SafeStorageLike } from '../secrets/safe-storage-slot.js';

type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export function adaptSafeStorage(safeStorage: SafeStorageApi = electronSafeStorage, platform: NodeJS.Platform = process.platform): SafeStorageLike {
  const adapted: SafeStorageLike = {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
  // Only Linux has a choice of backends (and 'basic_text' there means no real protection).
  if (platform === 'linux') adapted.getSelectedStorageBackend = () => safeStorage.getSelectedStorageBackend();
  return adapted;
}
