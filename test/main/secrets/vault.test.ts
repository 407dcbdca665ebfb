import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passphraseUnlocker, type ScryptParams } from '../../../src-main/secrets/passphrase-slot.js';
import { safeStorageUnlocker } from '../../../src-main/secrets/safe-storage-slot.js';
import {
  memoryKeySlotStore,
  openVault,
  VAULT_BLOB_VERSION,
  VaultError,
  VaultLockedError,
  type KeySlotStore,
  type Vault,
} from '../../../src-main/secrets/vault.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

// Cheap scrypt cost for tests that are not about the KDF; passphrase-slot.test.ts covers the default cost.
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const fastPass = (passphrase: string) => passphraseUnlocker(passphrase, { scrypt: FAST });

async function freshVault(options: Parameters<typeof openVault>[2] = {}): Promise<{ store: KeySlotStore; vault: Vault }> {
  const store = memoryKeySlotStore();
  const vault = await openVault(store, fastPass('correct horse'), options);
  return { store, vault };
}

describe('openVault', () => {
  it('creates the data key and one slot when the store is empty, then reopens with the same key', async () => {
    const { store, vault } = await freshVault();
    expect(store.list()).toHaveLength(1);
    expect(store.list()[0]?.kind).toBe('passphrase');
    const blob = vault.encrypt('app-secret-123');

    const reopened = await openVault(store, fastPass('correct horse'));
    expect(reopened.decrypt(blob)).toBe('app-secret-123');
    expect(store.list()).toHaveLength(1);
  });

  it('refuses a wrong passphrase with a clear zh-CN + en message', async () => {
    const { store } = await freshVault();
    const attempt = openVault(store, fastPass('wrong horse'));
    await expect(attempt).rejects.toBeInstanceOf(VaultLockedError);
    await expect(openVault(store, fastPass('wrong horse'))).rejects.toThrow('口令错误，无法解锁密钥库 (wrong passphrase)');
  });

  it('refuses an unlocker of a kind that has no slot', async () => {
    const { store } = await freshVault();
    await expect(openVault(store, safeStorageUnlocker(fakeSafeStorage()))).rejects.toThrow(/safe-storage/);
  });

  it('never stores the data key or the passphrase in clear', async () => {
    const { store } = await freshVault();
    const slot = store.list()[0];
    expect(slot).toBeDefined();
    expect(slot?.params).not.toContain('correct horse');
    expect(slot?.wrappedKey.toString('latin1')).not.toContain('correct horse');
    expect(slot?.wrappedKey.length).toBe(12 + 32 + 16);
  });
});

describe('encrypt / decrypt', () => {
  it('round-trips text and JSON, and the blob has the documented layout', async () => {
    const { vault } = await freshVault();
    const blob = vault.encrypt('卡密 CARD-PWD-7788');
    expect(blob[0]).toBe(VAULT_BLOB_VERSION);
    expect(blob.length).toBe(1 + 12 + Buffer.byteLength('卡密 CARD-PWD-7788') + 16);
    expect(vault.decrypt(blob)).toBe('卡密 CARD-PWD-7788');

    const secrets = { apikey: 'ak_live_1', nested: { session: 'kmsess', list: ['a', 1, null] } };
    expect(vault.decryptJson(vault.encryptJson(secrets))).toEqual(secrets);
  });

  it('uses a fresh IV each time and the ciphertext never contains the plaintext', async () => {
    const { vault } = await freshVault();
    const secret = 'refresh_token_plaintext_value';
    const a = vault.encrypt(secret);
    const b = vault.encrypt(secret);
    expect(a.equals(b)).toBe(false);
    for (const blob of [a, b]) {
      expect(blob.includes(Buffer.from(secret))).toBe(false);
      expect(blob.toString('latin1')).not.toContain('refresh');
      expect(blob.toString('base64')).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  it('detects tampering anywhere in the blob', async () => {
    const { vault } = await freshVault();
    const blob = vault.encrypt('client_secret_value');
    for (const index of [0, 1, 12, 13, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => vault.decrypt(tampered)).toThrow(VaultError);
    }
    expect(() => vault.decrypt(blob.subarray(0, blob.length - 1))).toThrow(/数据已损坏/);
    expect(() => vault.decrypt(Buffer.alloc(0))).toThrow(VaultError);
  });

  it('refuses a blob made with another vault', async () => {
    const { vault } = await freshVault();
    const other = await freshVault();
    expect(() => vault.decrypt(other.vault.encrypt('x'))).toThrow(/encrypted with another key/);
  });

  it('reports every decrypted string (and JSON string leaf) to onSecretRevealed', async () => {
    const revealed: string[] = [];
    const { vault } = await freshVault({ onSecretRevealed: (value) => revealed.push(value) });
    vault.decrypt(vault.encrypt('pw-1'));
    vault.decryptJson(vault.encryptJson({ apiKey: 'ak-2', deep: [{ token: 'tk-3' }], count: 4 }));
    expect(revealed).toEqual(['pw-1', 'ak-2', 'tk-3']);
  });

  it('locks: the data key is wiped and further use is refused', async () => {
    const { vault } = await freshVault();
    const blob = vault.encrypt('x');
    vault.lock();
    expect(() => vault.decrypt(blob)).toThrow(VaultLockedError);
    expect(() => vault.encrypt('y')).toThrow(VaultLockedError);
  });

  it('round-trips arbitrary unicode strings (property)', async () => {
    const { vault } = await freshVault();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const blob = vault.encrypt(text);
        expect(vault.decrypt(blob)).toBe(text);
        expect(blob.length).toBe(1 + 12 + Buffer.byteLength(text) + 16);
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        // Lone surrogates are not valid UTF-8: they come back as U+FFFD, exactly like Buffer.from would give.
        expect(vault.decrypt(vault.encrypt(text))).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      }),
      { numRuns: 100 },
    );
  });
});

describe('key slots', () => {
  it('two slots (safe-storage + passphrase) unlock the same data key', async () => {
    const store = memoryKeySlotStore();
    const safeStorage = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const desktop = await openVault(store, safeStorageUnlocker(safeStorage));
    const added = await desktop.addSlot(fastPass('cli passphrase'));
    expect(added.kind).toBe('passphrase');
    const blob = desktop.encrypt('shared secret');

    const viaPassphrase = await openVault(store, fastPass('cli passphrase'));
    const viaKeyring = await openVault(store, safeStorageUnlocker(safeStorage));
    expect(viaPassphrase.decrypt(blob)).toBe('shared secret');
    expect(viaKeyring.decrypt(viaPassphrase.encrypt('back'))).toBe('back');
    expect(desktop.info()).toEqual({
      slots: [
        { id: expect.any(String), kind: 'safe-storage' },
        { id: added.id, kind: 'passphrase' },
      ],
      weakKeyring: false,
    });
  });

  it('tries every slot of the unlocker kind (changed passphrase kept next to the old one)', async () => {
    const { store, vault } = await freshVault();
    await vault.addSlot(fastPass('second passphrase'));
    const blob = vault.encrypt('value');
    expect((await openVault(store, fastPass('second passphrase'))).decrypt(blob)).toBe('value');
    expect((await openVault(store, fastPass('correct horse'))).decrypt(blob)).toBe('value');
  });

  it('opens with the fallback when the main unlocker has no slot, and never creates with it', async () => {
    const keyring = safeStorageUnlocker(fakeSafeStorage());
    const { store, vault } = await freshVault();
    const blob = vault.encrypt('made by the CLI');
    const opened = await openVault(store, keyring, { fallback: fastPass('correct horse') });
    expect(opened.decrypt(blob)).toBe('made by the CLI');
    expect(store.list().map((slot) => slot.kind)).toEqual(['passphrase']);

    const fresh = memoryKeySlotStore();
    await openVault(fresh, keyring, { fallback: fastPass('never asked') });
    expect(fresh.list().map((slot) => slot.kind)).toEqual(['safe-storage']);
  });

  it('falls back when the keyring slot cannot be decrypted, and reports the keyring’s reason when nothing opens', async () => {
    const store = memoryKeySlotStore();
    const before = await openVault(store, safeStorageUnlocker(fakeSafeStorage()));
    await before.addSlot(fastPass('recovery passphrase'));
    const blob = before.encrypt('secret');
    const otherMachine = safeStorageUnlocker(fakeSafeStorage());
    expect((await openVault(store, otherMachine, { fallback: fastPass('recovery passphrase') })).decrypt(blob)).toBe('secret');

    const keyringOnly = memoryKeySlotStore();
    await openVault(keyringOnly, safeStorageUnlocker(fakeSafeStorage()));
    await expect(openVault(keyringOnly, otherMachine, { fallback: fastPass('recovery passphrase') })).rejects.toThrow(/keyring/);
  });

  it('hands all slots of its kind to an unlocker that opens one of several at once', async () => {
    const { store, vault } = await freshVault();
    await vault.addSlot(fastPass('second passphrase'));
    const seen: number[] = [];
    const batch = fastPass('second passphrase');
    const unlocker = {
      ...batch,
      unwrap: () => Promise.reject(new Error('per-slot unwrap must not be used')),
      async unwrapOneOf(slots: Parameters<typeof batch.unwrap>[0][]) {
        seen.push(slots.length);
        for (const slot of slots) {
          try {
            return await batch.unwrap(slot);
          } catch {
            // the next slot may match
          }
        }
        throw new VaultLockedError('none');
      },
    };
    await expect(openVault(store, unlocker)).resolves.toBeDefined();
    expect(seen).toEqual([2]);
  });

  it('removes a slot but refuses to remove the last one', async () => {
    const { store, vault } = await freshVault();
    const first = vault.info().slots[0]?.id ?? '';
    const second = await vault.addSlot(fastPass('new passphrase'));
    vault.removeSlot(first);
    expect(vault.info().slots).toEqual([{ id: second.id, kind: 'passphrase' }]);
    await expect(openVault(store, fastPass('correct horse'))).rejects.toBeInstanceOf(VaultLockedError);
    expect(() => vault.removeSlot(second.id)).toThrow(/最后一个密钥槽.*last key slot/);
    expect(() => vault.removeSlot('no-such-id')).toThrow(VaultError);
    expect(store.list()).toHaveLength(1);
  });

  it('replaces every slot of a kind with one new slot and keeps the others', async () => {
    const store = memoryKeySlotStore();
    const safeStorage = fakeSafeStorage();
    const vault = await openVault(store, safeStorageUnlocker(safeStorage));
    const secret = vault.encrypt('卡密 1234');
    await vault.addSlot(fastPass('old passphrase'));
    await vault.addSlot(fastPass('another old one'));
    const replaced = await vault.replaceSlots(fastPass('new passphrase'));
    expect(replaced).toMatchObject({ kind: 'passphrase', removed: 2 });
    expect(vault.info().slots.map((s) => s.kind).sort()).toEqual(['passphrase', 'safe-storage']);
    for (const old of ['old passphrase', 'another old one']) await expect(openVault(store, fastPass(old))).rejects.toBeInstanceOf(VaultLockedError);
    // The data key is the same, so what was encrypted before opens through the new slot and the keyring.
    expect((await openVault(store, fastPass('new passphrase'))).decrypt(secret)).toBe('卡密 1234');
    expect((await openVault(store, safeStorageUnlocker(safeStorage))).decrypt(secret)).toBe('卡密 1234');
  });

  it('flags a basic_text keyring as weak', async () => {
    const store = memoryKeySlotStore();
    const vault = await openVault(store, safeStorageUnlocker(fakeSafeStorage({ backend: 'basic_text' })));
    expect(vault.info().weakKeyring).toBe(true);
    expect(JSON.parse(store.list()[0]?.params ?? '{}')).toMatchObject({ backend: 'basic_text', weak: true });
  });

  it('does not flag macOS/Windows safeStorage (no backend query) as weak', async () => {
    const vault = await openVault(memoryKeySlotStore(), safeStorageUnlocker(fakeSafeStorage()));
    expect(vault.info().weakKeyring).toBe(false);
  });
});

describe('vault fingerprints', () => {
  it('are stable for equal text, differ for other text and do not reveal it', async () => {
    const { openVault, memoryKeySlotStore } = await import('../../../src-main/secrets/vault.js');
    const { passphraseUnlocker } = await import('../../../src-main/secrets/passphrase-slot.js');
    const unlocker = passphraseUnlocker('fp test', { scrypt: { N: 1024, r: 8, p: 1 } });
    const store = memoryKeySlotStore();
    const vault = await openVault(store, unlocker);
    const again = await openVault(store, unlocker);
    const other = await openVault(memoryKeySlotStore(), unlocker);
    expect(vault.fingerprint('1234')).toBe(again.fingerprint('1234'));
    expect(vault.fingerprint('1234')).not.toBe(vault.fingerprint('1235'));
    expect(vault.fingerprint('1234')).not.toBe(other.fingerprint('1234'));
    expect(vault.fingerprint('1234')).toMatch(/^[0-9a-f]{64}$/);
  });
});
