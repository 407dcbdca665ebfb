import { describe, expect, it } from 'vitest';
import { ALREADY_SET_MESSAGE, NOT_OPEN_MESSAGE, recoveryHandlers } from '../../../src-main/electron/recovery-handlers.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { safeStorageUnlocker } from '../../../src-main/secrets/safe-storage-slot.js';
import { memoryKeySlotStore, openVault, type Vault } from '../../../src-main/secrets/vault.js';
import { fakeSafeStorage } from '../secrets/fake-safe-storage.js';
import { recordingLogger } from './fakes.js';

const scrypt = { N: 2 ** 10, r: 8, p: 1 };

async function keyringLedger() {
  const store = memoryKeySlotStore();
  const vault = await openVault(store, safeStorageUnlocker(fakeSafeStorage()));
  return { store, vault };
}

const handlersFor = (vault: Vault | null) => recoveryHandlers({ vault: () => vault, logger: recordingLogger(), scrypt });

describe('recovery passphrase (desktop Settings)', () => {
  it('adds one passphrase slot that opens the same data key, and answers only slot kinds', async () => {
    const { store, vault } = await keyringLedger();
    const secret = vault.encrypt('appSecret');
    const answer = await handlersFor(vault)['desktop:recovery:set']({ passphrase: 'my recovery words' });
    expect(answer).toEqual({ ok: true, value: { keyring: true, passphrase: true, minLength: 8 } });
    expect(JSON.stringify(answer)).not.toContain('my recovery words');
    expect(store.list().map((slot) => slot.kind)).toEqual(['safe-storage', 'passphrase']);
    expect((await openVault(store, passphraseUnlocker('my recovery words', { scrypt }))).decrypt(secret)).toBe('appSecret');
  });

  it('refuses a second passphrase, and two calls racing each other', async () => {
    const { store, vault } = await keyringLedger();
    const handlers = handlersFor(vault);
    const [first, second] = await Promise.all([
      handlers['desktop:recovery:set']({ passphrase: 'first recovery' }),
      handlers['desktop:recovery:set']({ passphrase: 'second recovery' }),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual({ ok: false, error: { code: 'conflict', message: ALREADY_SET_MESSAGE } });
    await expect(handlers['desktop:recovery:set']({ passphrase: 'third recovery' })).resolves.toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(store.list().filter((slot) => slot.kind === 'passphrase')).toHaveLength(1);
  });

  it('answers `locked` before the ledger is open', async () => {
    const handlers = handlersFor(null);
    expect(await handlers['desktop:recovery:state']({})).toEqual({ ok: false, error: { code: 'locked', message: NOT_OPEN_MESSAGE } });
    expect(await handlers['desktop:recovery:set']({ passphrase: 'long enough' })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
