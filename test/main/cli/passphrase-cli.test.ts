import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';
import { KeySlotsRepository } from '../../../src-main/db/repositories/key-slots-repository.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { openVault } from '../../../src-main/secrets/vault.js';

const OLD = 'the old passphrase';
const NEW = '新的口令 new one';

function cli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliRun> {
  return runCliCaptured(args, { env, stdin });
}

describe('CLI passphrase change', () => {
  let dataDir: string;
  const at = (...args: string[]) => ['--data-dir', dataDir, ...args];
  const withPassphrase = (passphrase: string, extra: Record<string, string> = {}) => ({ MERCHANT_LEDGER_PASSPHRASE: passphrase, ...extra });
  const ledger = () => new Database(path.join(dataDir, 'ledger.sqlite3'), { readonly: true });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-pcli-'));
    const added = await cli(
      at('accounts', 'add', '--provider', 'kasushou', '--name', '店', '--base-url', 'https://shop.example.com', '--set', 'userId=u', '--secrets-stdin'),
      withPassphrase(OLD),
      '{"apikey":"abcdefgh1234"}',
    );
    expect(added.stderr).toBe('');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a new passphrase shorter than eight characters and keeps the old one', async () => {
    const refused = await cli(at('passphrase', 'change'), withPassphrase(OLD, { MERCHANT_LEDGER_NEW_PASSPHRASE: 'short' }));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/新口令须为 8–1024 个字符/);
    expect((await cli(at('accounts', 'list', '--json'), withPassphrase(OLD))).code).toBe(0);
  });

  it('needs the current passphrase to change it', async () => {
    const wrong = await cli(at('passphrase', 'change'), withPassphrase('not the passphrase', { MERCHANT_LEDGER_NEW_PASSPHRASE: NEW }));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/口令错误.*wrong passphrase/);
  });

  it('changes it: the old passphrase stops opening the ledger, the new one opens it with every secret', async () => {
    const changed = await cli(at('--json', 'passphrase', 'change'), withPassphrase(OLD, { MERCHANT_LEDGER_NEW_PASSPHRASE: NEW }));
    expect(changed.stderr).toBe('');
    expect(JSON.parse(changed.stdout)).toEqual({ changed: true, removedSlots: 1 });

    const withOld = await cli(at('accounts', 'list'), withPassphrase(OLD));
    expect(withOld.code).not.toBe(0);
    expect(withOld.stderr).toMatch(/wrong passphrase/);
    const withNew = await cli(at('accounts', 'list', '--json'), withPassphrase(NEW));
    expect(JSON.parse(withNew.stdout)).toHaveLength(1);

    const db = ledger();
    try {
      const vault = await openVault(new KeySlotsRepository(db), passphraseUnlocker(NEW));
      const { secrets_enc } = db.prepare('SELECT secrets_enc FROM accounts').get() as { secrets_enc: Buffer };
      expect(vault.decryptJson(secrets_enc)).toEqual({ apikey: 'abcdefgh1234' });
      expect(db.prepare("SELECT actor, details_json FROM audit_log WHERE action = 'vault.passphrase-change'").all()).toEqual([
        { actor: 'cli', details_json: '{"removedSlots":1}' },
      ]);
    } finally {
      db.close();
    }
  });
});
