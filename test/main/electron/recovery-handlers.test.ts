import { describe, expect, it } from 'vitest';
import { ALREADY_SET_MESSAGE, NONE_YET_MESSAGE, NOT_OPEN_MESSAGE, recoveryHandlers } from '../../../src-main/electron/recovery-handlers.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { safeStorageUnlocker } from '../../../src-main/secrets/safe-storage-slot.js';
import { memoryKeySlotStore, openVault, type Vault } from '../../../src-main/secrets/vault.js';
import type { BackupService } from '../../../src-main/services/backup-service.js';
import { CHANGE_UNDER_WAY_MESSAGE, PassphraseService } from '../../../src-main/services/passphrase-service.js';
import { fakeSafeStorage } from '../secrets/fake-safe-storage.js';
import { recordingLogger } from './fakes.js';

const scrypt = { N: 2 ** 10, r: 8, p: 1 };

async function keyringLedger() {
  const store = memoryKeySlotStore();
  const vault = await openVault(store, safeStorageUnlocker(fakeSafeStorage()));
  return { store, vault };
}

interface AuditLine {
  readonly action: string;
  readonly actor: string;
  readonly details: Record<string, unknown>;
}

/** The backups folder as the service sees it: one backup re-keyed, one not provably this ledger's. */
const backups: Pick<BackupService, 'changePassphrase'> = {
  changePassphrase: async (change) => ({
    ...(await change()),
    backups: { rekeyed: ['backup-manual-1.sqlite3'], skipped: [{ name: 'backup-manual-2.sqlite3', reason: 'foreign' }] },
  }),
};

function handlersFor(vault: Vault | null, audit: AuditLine[] = []) {
  const logger = recordingLogger();
  const passphrase = vault && new PassphraseService({ vault, backups, audit: { record: (entry) => audit.push(entry) }, logger, actor: 'desktop', now: () => 0, scrypt });
  return recoveryHandlers({ vault: () => vault, passphrase: () => passphrase, logger, scrypt });
}

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

  it('changes the passphrase: the old one stops opening the ledger, the new one and the keyring open it', async () => {
    const { store, vault } = await keyringLedger();
    const secret = vault.encrypt('appSecret');
    const audit: AuditLine[] = [];
    const handlers = handlersFor(vault, audit);
    await handlers['desktop:recovery:set']({ passphrase: 'first recovery' });
    const answer = await handlers['desktop:recovery:change']({ passphrase: 'changed recovery' });
    expect(answer).toEqual({
      ok: true,
      value: { keyring: true, passphrase: true, minLength: 8, backupsRekeyed: 1, backupsSkipped: ['backup-manual-2.sqlite3'] },
    });
    expect(JSON.stringify(answer)).not.toContain('changed recovery');
    expect(store.list().map((slot) => slot.kind)).toEqual(['safe-storage', 'passphrase']);
    await expect(openVault(store, passphraseUnlocker('first recovery', { scrypt }))).rejects.toThrow(/wrong passphrase/);
    expect((await openVault(store, passphraseUnlocker('changed recovery', { scrypt }))).decrypt(secret)).toBe('appSecret');
    expect(audit).toEqual([expect.objectContaining({ action: 'vault.passphrase-change', actor: 'desktop', details: { removedSlots: 1, backupsRekeyed: 1, backupsSkipped: ['backup-manual-2.sqlite3'] } })]);
  });

  it('refuses to change a passphrase the ledger does not have yet, and two changes racing each other', async () => {
    const { store, vault } = await keyringLedger();
    const handlers = handlersFor(vault);
    expect(await handlers['desktop:recovery:change']({ passphrase: 'long enough' })).toEqual({ ok: false, error: { code: 'conflict', message: NONE_YET_MESSAGE } });
    await handlers['desktop:recovery:set']({ passphrase: 'first recovery' });
    const [first, second] = await Promise.all([
      handlers['desktop:recovery:change']({ passphrase: 'second recovery' }),
      handlers['desktop:recovery:change']({ passphrase: 'third recovery' }),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual({ ok: false, error: { code: 'conflict', message: CHANGE_UNDER_WAY_MESSAGE } });
    const passphraseSlots = store.list().filter((slot) => slot.kind === 'passphrase');
    expect(passphraseSlots).toHaveLength(1);
    await expect(openVault(memoryKeySlotStore(passphraseSlots), passphraseUnlocker('second recovery', { scrypt }))).resolves.toBeDefined();
  });

  it('answers `locked` before the ledger is open', async () => {
    const handlers = handlersFor(null);
    expect(await handlers['desktop:recovery:state']({})).toEqual({ ok: false, error: { code: 'locked', message: NOT_OPEN_MESSAGE } });
    expect(await handlers['desktop:recovery:set']({ passphrase: 'long enough' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await handlers['desktop:recovery:change']({ passphrase: 'long enough' })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
