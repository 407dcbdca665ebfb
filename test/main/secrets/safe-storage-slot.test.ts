import { describe, expect, it } from 'vitest';
import { safeStorageUnlocker } from '../../../src-main/secrets/safe-storage-slot.js';
import { memoryKeySlotStore, openVault, VaultError, VaultLockedError } from '../../../src-main/secrets/vault.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

describe('safeStorageUnlocker', () => {
  it('wraps the data key with safeStorage and records the backend', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'kwallet5' });
    const store = memoryKeySlotStore();
    const vault = await openVault(store, safeStorageUnlocker(safeStorage));
    const slot = store.list()[0];
    expect(slot?.kind).toBe('safe-storage');
    expect(JSON.parse(slot?.params ?? '{}')).toEqual({ v: 1, backend: 'kwallet5', weak: false });
    const blob = vault.encrypt('token-abc');
    expect((await openVault(store, safeStorageUnlocker(safeStorage))).decrypt(blob)).toBe('token-abc');
  });

  it('refuses clearly when OS encryption is unavailable', async () => {
    await expect(openVault(memoryKeySlotStore(), safeStorageUnlocker(fakeSafeStorage({ available: false })))).rejects.toThrow(
      /系统密钥环不可用.*not available/,
    );
    const safeStorage = fakeSafeStorage();
    const store = memoryKeySlotStore();
    await openVault(store, safeStorageUnlocker(safeStorage));
    safeStorage.available = false;
    await expect(openVault(store, safeStorageUnlocker(safeStorage))).rejects.toThrow(VaultLockedError);
  });

  it('another machine key (keyring reset) cannot unlock', async () => {
    const store = memoryKeySlotStore();
    await openVault(store, safeStorageUnlocker(fakeSafeStorage()));
    const attempt = openVault(store, safeStorageUnlocker(fakeSafeStorage()));
    await expect(attempt).rejects.toBeInstanceOf(VaultError);
    await expect(openVault(store, safeStorageUnlocker(fakeSafeStorage()))).rejects.toThrow(/could not decrypt/);
  });
});
