import { describe, expect, it } from 'vitest';
import { PassphraseGate, TOO_SHORT_MESSAGE, unlockHandlers } from '../../../src-main/electron/passphrase-gate.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { safeStorageUnlocker } from '../../../src-main/secrets/safe-storage-slot.js';
import { memoryKeySlotStore, openVault } from '../../../src-main/secrets/vault.js';
import { WRONG_PASSPHRASE_MESSAGE } from '../../../src-main/secrets/vault-errors.js';
import { fakeSafeStorage } from '../secrets/fake-safe-storage.js';

// Cheap scrypt: these tests are about the flow, passphrase-slot.test.ts covers the KDF.
const scrypt = { N: 1024, r: 8, p: 1 };

/** What desktop-app.ts does: open the vault with the gate's unlocker, then report the core open. */
function openWith(gate: PassphraseGate, store = memoryKeySlotStore()) {
  const opened = openVault(store, gate.unlocker()).then((vault) => {
    gate.opened();
    return vault;
  });
  return { store, opened };
}

describe('passphrase gate (desktop without an OS keyring)', () => {
  it('asks to create a passphrase for a new ledger, refuses a short one, then opens', async () => {
    const gate = new PassphraseGate({ scrypt });
    const { store, opened } = openWith(gate);
    await expect(gate.state()).resolves.toEqual({ state: 'locked', mode: 'create', minLength: 8, keyring: false });

    await expect(gate.submit('short')).resolves.toEqual({ ok: false, error: { code: 'validation', message: TOO_SHORT_MESSAGE } });
    await expect(gate.submit('correct horse battery')).resolves.toEqual({ ok: true, value: { state: 'open' } });
    const vault = await opened;
    expect(store.list().map((slot) => slot.kind)).toEqual(['passphrase']);
    const secret = vault.encrypt('卡密 1234');
    await expect(gate.state()).resolves.toEqual({ state: 'open' });

    // The next start unlocks with the same passphrase and reads the secret back.
    const again = new PassphraseGate({ scrypt });
    const next = openWith(again, store);
    await expect(again.state()).resolves.toEqual({ state: 'locked', mode: 'unlock', minLength: 8, keyring: false });
    await expect(again.submit('correct horse battery')).resolves.toEqual({ ok: true, value: { state: 'open' } });
    expect((await next.opened).decrypt(secret)).toBe('卡密 1234');
  });

  it('answers a wrong passphrase with `locked` and lets the merchant try again', async () => {
    const store = memoryKeySlotStore();
    const first = new PassphraseGate({ scrypt });
    const created = openWith(first, store);
    await first.submit('right passphrase');
    await created.opened;

    const gate = new PassphraseGate({ scrypt });
    const { opened } = openWith(gate, store);
    await expect(gate.submit('wrong passphrase')).resolves.toEqual({ ok: false, error: { code: 'locked', message: WRONG_PASSPHRASE_MESSAGE } });
    await expect(gate.state()).resolves.toEqual({ state: 'locked', mode: 'unlock', minLength: 8, keyring: false });
    await expect(gate.submit('right passphrase')).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await expect(opened).resolves.toBeDefined();
  });

  it('answers only once the core is open, and reports a core that failed after the key was accepted', async () => {
    const gate = new PassphraseGate({ scrypt });
    const key = openVault(memoryKeySlotStore(), gate.unlocker());
    const answer = gate.submit('a good passphrase');
    await key;
    let settled = false;
    void answer.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    gate.failed('数据库版本比本程序新 (database is newer than this app)');
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'internal', message: '数据库版本比本程序新 (database is newer than this app)' } });
  });

  it('tries a typed passphrase on every passphrase slot, asking once per try', async () => {
    const store = memoryKeySlotStore();
    const first = new PassphraseGate({ scrypt });
    const created = openWith(first, store);
    await first.submit('first passphrase');
    await (await created.opened).addSlot(passphraseUnlocker('second passphrase', { scrypt }));

    const asks: number[] = [];
    const gate = new PassphraseGate({ scrypt, onAsk: () => asks.push(1) });
    const { opened } = openWith(gate, store);
    await expect(gate.submit('neither of them')).resolves.toEqual({ ok: false, error: { code: 'locked', message: WRONG_PASSPHRASE_MESSAGE } });
    await expect(gate.submit('second passphrase')).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await expect(opened).resolves.toBeDefined();
    expect(asks).toHaveLength(1);
    expect(gate.wasAsked).toBe(true);
  });

  it('says when the keyring will remember the ledger, and is not asked when the keyring opens it', async () => {
    const keyring = safeStorageUnlocker(fakeSafeStorage());
    const store = memoryKeySlotStore();
    const gate = new PassphraseGate({ scrypt, keyring: true });
    await openVault(store, keyring, { fallback: gate.unlocker() });
    gate.opened();
    expect(gate.wasAsked).toBe(false);
    await expect(gate.state()).resolves.toEqual({ state: 'open' });

    const cliStore = memoryKeySlotStore();
    await openVault(cliStore, passphraseUnlocker('made by the cli', { scrypt }));
    const asking = new PassphraseGate({ scrypt, keyring: true });
    const opened = openVault(cliStore, keyring, { fallback: asking.unlocker() });
    await expect(asking.state()).resolves.toEqual({ state: 'locked', mode: 'unlock', minLength: 8, keyring: true });
    const answer = asking.submit('made by the cli');
    await expect(opened).resolves.toBeDefined();
    asking.opened();
    await expect(answer).resolves.toEqual({ ok: true, value: { state: 'open' } });
    expect(asking.wasAsked).toBe(true);
  });

  it('refuses a second submit while one is being checked', async () => {
    const gate = new PassphraseGate({ scrypt });
    openWith(gate);
    const first = gate.submit('first passphrase');
    await expect(gate.submit('second passphrase')).resolves.toMatchObject({ ok: false, error: { code: 'conflict' } });
    await expect(first).resolves.toEqual({ ok: true, value: { state: 'open' } });
  });

  it('holds a submit that arrives before the vault asked', async () => {
    const gate = new PassphraseGate({ scrypt });
    const early = gate.submit('typed early enough');
    const { opened } = openWith(gate);
    await expect(early).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await expect(opened).resolves.toBeDefined();
  });

  it('serves the unlock channels; without a gate (keyring available) the ledger is simply open', async () => {
    const open = unlockHandlers(null);
    await expect(Promise.resolve(open['desktop:unlock:state']({}))).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await expect(Promise.resolve(open['desktop:unlock:submit']({ passphrase: 'x' }))).resolves.toEqual({ ok: true, value: { state: 'open' } });

    const gate = new PassphraseGate({ scrypt });
    const handlers = unlockHandlers(gate);
    openWith(gate);
    await expect(Promise.resolve(handlers['desktop:unlock:state']({}))).resolves.toEqual({ ok: true, value: { state: 'locked', mode: 'create', minLength: 8, keyring: false } });
    await expect(Promise.resolve(handlers['desktop:unlock:submit']({ passphrase: 'via the channel' }))).resolves.toEqual({ ok: true, value: { state: 'open' } });
  });
});
