import { describe, expect, it, vi } from 'vitest';
import { KEY_BYTES } from '../../../src-main/secrets/aead.js';
import { safeStorageUnlocker } from '../../../src-main/secrets/safe-storage-slot.js';

const fake = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as string,
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    // A reversible stand-in for the OS keyring: reversed bytes.
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (encrypted: Buffer) => Buffer.from(encrypted).reverse().toString('utf8'),
    getSelectedStorageBackend: () => fake.backend,
  },
}));
vi.mock('electron', () => ({ safeStorage: fake.safeStorage }));

const { adaptSafeStorage } = await import('../../../src-main/electron/secrets-safe-storage.js');
const desktopUnlocker = () => safeStorageUnlocker(adaptSafeStorage());

describe('safeStorage key slot', () => {
  it('wraps and unwraps the data key through Electron safeStorage', async () => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    const unlocker = desktopUnlocker();
    expect(unlocker.kind).toBe('safe-storage');
    const dataKey = Buffer.alloc(KEY_BYTES, 7);
    const slot = await unlocker.wrap(dataKey);
    expect(slot.wrappedKey.equals(Buffer.from(dataKey.toString('base64')))).toBe(false);
    expect(JSON.parse(slot.params)).toMatchObject({ backend: process.platform === 'linux' ? 'gnome_libsecret' : 'os-default', weak: false });
    const back = await unlocker.unwrap({ ...slot, kind: 'safe-storage' } as never);
    expect(Buffer.from(back).equals(dataKey)).toBe(true);
  });

  it('reports the Linux backend (basic_text is weak) and not on other platforms', () => {
    fake.backend = 'basic_text';
    expect(adaptSafeStorage(fake.safeStorage as never, 'linux').getSelectedStorageBackend?.()).toBe('basic_text');
    expect(adaptSafeStorage(fake.safeStorage as never, 'win32').getSelectedStorageBackend).toBeUndefined();
  });

  it('refuses when OS encryption is unavailable', async () => {
    fake.available = false;
    await expect(desktopUnlocker().wrap(Buffer.alloc(KEY_BYTES))).rejects.toThrow(/keyring/i);
    fake.available = true;
  });
});
