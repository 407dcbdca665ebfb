import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, passphraseUnlocker, resolvePassphrase } from '../../../src-main/secrets/passphrase-slot.js';
import { memoryKeySlotStore, openVault, VaultError, VaultLockedError, type KeySlotRecord } from '../../../src-main/secrets/vault.js';

describe('passphraseUnlocker', () => {
  it('wraps with scrypt N=2^15 r=8 p=1 and a 16-byte random salt recorded in the slot', async () => {
    const store = memoryKeySlotStore();
    await openVault(store, passphraseUnlocker('s3cret passphrase'));
    const params = JSON.parse(store.list()[0]?.params ?? '{}') as Record<string, unknown>;
    expect(params).toMatchObject({ kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1 });
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    expect(Buffer.from(String(params.salt), 'base64')).toHaveLength(16);

    const again = memoryKeySlotStore();
    await openVault(again, passphraseUnlocker('s3cret passphrase'));
    expect(JSON.parse(again.list()[0]?.params ?? '{}').salt).not.toBe(params.salt);
  });

  it('unwraps only with the same passphrase', async () => {
    const unlocker = passphraseUnlocker('密码 with unicode ✓', { scrypt: { N: 1024, r: 8, p: 1 } });
    const dataKey = Buffer.alloc(32, 7);
    const { params, wrappedKey } = await unlocker.wrap(dataKey);
    const slot: KeySlotRecord = { id: 's1', kind: 'passphrase', params, wrappedKey, createdAt: 0 };
    expect((await unlocker.unwrap(slot)).equals(dataKey)).toBe(true);
    await expect(passphraseUnlocker('密码 with unicode ✗').unwrap(slot)).rejects.toThrow(VaultLockedError);
  });

  it('refuses an empty passphrase', () => {
    expect(() => passphraseUnlocker('')).toThrow(/口令不能为空/);
  });

  it('refuses a slot whose stored cost parameters are absurd or unreadable', async () => {
    const unlocker = passphraseUnlocker('x-passphrase');
    const base = { id: 's', kind: 'passphrase' as const, wrappedKey: Buffer.alloc(60), createdAt: 0 };
    await expect(unlocker.unwrap({ ...base, params: JSON.stringify({ kdf: 'scrypt', salt: 'AA==', N: 2 ** 30, r: 8, p: 1 }) })).rejects.toThrow(
      VaultError,
    );
    await expect(unlocker.unwrap({ ...base, params: 'not json' })).rejects.toThrow(/unreadable/);
  });
});

describe('resolvePassphrase', () => {
  it('prefers MERCHANT_LEDGER_PASSPHRASE', async () => {
    const prompt = async () => 'typed';
    await expect(resolvePassphrase({ env: { MERCHANT_LEDGER_PASSPHRASE: 'from-env' }, prompt })).resolves.toBe('from-env');
  });

  it('falls back to the injected prompt', async () => {
    await expect(resolvePassphrase({ env: {}, prompt: async () => 'typed' })).resolves.toBe('typed');
    await expect(resolvePassphrase({ env: { MERCHANT_LEDGER_PASSPHRASE: '' }, prompt: async () => '' })).rejects.toThrow(/口令不能为空/);
  });

  it('with a confirm prompt (a new ledger), returns the passphrase only when both entries match', async () => {
    await expect(resolvePassphrase({ env: {}, prompt: async () => 'typed', confirm: async () => 'typed' })).resolves.toBe('typed');
    await expect(resolvePassphrase({ env: {}, prompt: async () => 'typed', confirm: async () => 'typo' })).rejects.toThrow(/两次输入的口令不一致/);
    let asked = 0;
    const confirm = async () => {
      asked += 1;
      return 'other';
    };
    await expect(resolvePassphrase({ env: { MERCHANT_LEDGER_PASSPHRASE: 'from-env' }, prompt: async () => 'typed', confirm })).resolves.toBe('from-env');
    expect(asked).toBe(0);
  });

  it('without env or prompt tells the user to set MERCHANT_LEDGER_PASSPHRASE', async () => {
    await expect(resolvePassphrase({ env: {} })).rejects.toThrow(/MERCHANT_LEDGER_PASSPHRASE/);
  });
});
