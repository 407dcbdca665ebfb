import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../../src-main/secrets/safe-storage-slot.js';

/** A stand-in for Electron's safeStorage: AES with a per-instance machine key, configurable backend. */
export function fakeSafeStorage(options: { backend?: string; available?: boolean; machineKey?: Buffer } = {}): SafeStorageLike & {
  available: boolean;
} {
  const machineKey = options.machineKey ?? randomBytes(32);
  const fake = {
    available: options.available ?? true,
    isEncryptionAvailable: () => fake.available,
    encryptString(plain: string): Buffer {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', machineKey, iv);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.update(plain, 'utf8'), cipher.final()]);
    },
    decryptString(encrypted: Buffer): string {
      const iv = encrypted.subarray(3, 19);
      const decipher = createDecipheriv('aes-256-cbc', machineKey, iv);
      return Buffer.concat([decipher.update(encrypted.subarray(19)), decipher.final()]).toString('utf8');
    },
    ...(options.backend === undefined ? {} : { getSelectedStorageBackend: () => options.backend ?? 'unknown' }),
  };
  return fake;
}
