import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseUnlocker, openDesktopCore, type KeyChoice } from '../../../src-main/electron/open-core.js';
import { recoveryHandlers } from '../../../src-main/electron/recovery-handlers.js';
import { nullLogger } from '../../../src-main/logging/logger.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import type { SafeStorageLike } from '../../../src-main/secrets/safe-storage-slot.js';
import { openAppCore, type AppCore } from '../../../src-main/services/app-core.js';
import { fakeSafeStorage } from '../secrets/fake-safe-storage.js';
import { recordingLogger } from './fakes.js';

vi.mock('electron', () => ({ app: { isPackaged: false } }));

// Real ledgers in temp folders: the CLI / web mode open them with a passphrase, the desktop with the
// (fake) OS keyring, and the passphrase typed into the window when the keyring cannot.
const scrypt = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'cli passphrase 1';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-open-core-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const openCli = (passphrase = PASSPHRASE) => openAppCore({ dataDir, face: 'cli', unlocker: passphraseUnlocker(passphrase, { scrypt }), logger: nullLogger() });
const slotKinds = (core: AppCore) => core.vault.info().slots.map((slot) => slot.kind);

/** What desktop-app.ts does, with the window's answer given by `typed` when the vault asks. */
async function openDesktop(keyring: SafeStorageLike, typed?: string): Promise<{ core: AppCore; keys: KeyChoice; asked: number }> {
  let asked = 0;
  const keys = chooseUnlocker(keyring, () => (asked += 1));
  const opening = openDesktopCore(dataDir, keys);
  let answer: Promise<unknown> | null = null;
  if (typed !== undefined) {
    await expect(keys.gate.state()).resolves.toMatchObject({ state: 'locked', mode: 'unlock', keyring: true });
    answer = keys.gate.submit(typed);
  }
  const core = await opening;
  keys.gate.opened();
  if (answer) await expect(answer).resolves.toEqual({ ok: true, value: { state: 'open' } });
  return { core, keys, asked };
}

describe('opening one ledger from the desktop, the CLI and the web mode', () => {
  it('asks for the passphrase of a CLI ledger once, then the keyring remembers it; the CLI keeps working', async () => {
    const cli = await openCli();
    const secret = cli.vault.encrypt('provider secret');
    await cli.close();

    const keyring = fakeSafeStorage();
    const first = await openDesktop(keyring, PASSPHRASE);
    expect(first.asked).toBe(1);
    expect(first.core.vault.decrypt(secret)).toBe('provider secret');
    expect(slotKinds(first.core)).toEqual(['passphrase', 'safe-storage']);
    await first.core.close();

    const next = await openDesktop(keyring);
    expect(next.asked).toBe(0);
    expect(next.keys.gate.wasAsked).toBe(false);
    expect(next.core.vault.decrypt(secret)).toBe('provider secret');
    await next.core.close();

    const cliAgain = await openCli();
    expect(cliAgain.vault.decrypt(secret)).toBe('provider secret');
    await cliAgain.close();
  });

  it('a keyring-only ledger gets a recovery passphrase: the CLI and a new machine can then open it', async () => {
    const keyring = fakeSafeStorage();
    const desktop = await openDesktop(keyring);
    expect(desktop.asked).toBe(0);
    const secret = desktop.core.vault.encrypt('card password');
    const recovery = recoveryHandlers({ vault: () => desktop.core.vault, passphrase: () => desktop.core.services.passphrase, logger: recordingLogger(), scrypt });
    await expect(Promise.resolve(recovery['desktop:recovery:state']({}))).resolves.toEqual({ ok: true, value: { keyring: true, passphrase: false, minLength: 8 } });
    await expect(recovery['desktop:recovery:set']({ passphrase: 'recovery passphrase' })).resolves.toEqual({ ok: true, value: { keyring: true, passphrase: true, minLength: 8 } });
    await desktop.core.close();

    const cli = await openCli('recovery passphrase');
    expect(cli.vault.decrypt(secret)).toBe('card password');
    await cli.close();

    // Another machine: its keyring cannot decrypt the old keyring slot, so the window asks.
    const elsewhere = await openDesktop(fakeSafeStorage(), 'recovery passphrase');
    expect(elsewhere.asked).toBe(1);
    expect(elsewhere.core.vault.decrypt(secret)).toBe('card password');
    expect(slotKinds(elsewhere.core)).toEqual(['safe-storage', 'passphrase', 'safe-storage']);
    await elsewhere.core.close();
  });

  it('without any keyring, the window’s passphrase creates the ledger and no keyring slot is added', async () => {
    const keys = chooseUnlocker(fakeSafeStorage({ available: false }));
    const opening = openDesktopCore(dataDir, keys);
    await expect(keys.gate.state()).resolves.toEqual({ state: 'locked', mode: 'create', minLength: 8, keyring: false });
    const answer = keys.gate.submit('a new passphrase');
    const core = await opening;
    keys.gate.opened();
    await expect(answer).resolves.toEqual({ ok: true, value: { state: 'open' } });
    expect(slotKinds(core)).toEqual(['passphrase']);
    await core.close();
  });
});
