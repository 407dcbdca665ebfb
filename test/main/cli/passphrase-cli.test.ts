import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Opens a backup's (or ledger's) vault with `passphrase`, and decrypts its account secret with it. */
async function secretsOpenedWith(file: string, passphrase: string): Promise<unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const vault = await openVault(new KeySlotsRepository(db), passphraseUnlocker(passphrase));
    const { secrets_enc } = db.prepare('SELECT secrets_enc FROM accounts').get() as { secrets_enc: Buffer };
    return vault.decryptJson(secrets_enc);
  } finally {
    db.close();
  }
}

describe('CLI passphrase change', () => {
  let dataDir: string;
  let otherDir: string;
  let backupName: string;
  const FOREIGN = 'manual-2026-01-02T03-04-05-006Z.sqlite3';
  const BROKEN = 'hourly-2026-01-02T03-04-05-006Z.sqlite3';
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
    const backedUp = await cli(at('--json', 'backup'), withPassphrase(OLD));
    backupName = (JSON.parse(backedUp.stdout) as { name: string }).name;
    // Another ledger under the same passphrase, and a file that is no database, named like backups.
    otherDir = mkdtempSync(path.join(os.tmpdir(), 'ml-pcli-other-'));
    await cli(['--data-dir', otherDir, 'accounts', 'add', '--provider', 'kasushou', '--name', '别家', '--base-url', 'https://other.example.com', '--set', 'userId=o', '--secrets-stdin'], withPassphrase(OLD), '{"apikey":"otherledger99"}');
    copyFileSync(path.join(otherDir, 'ledger.sqlite3'), path.join(dataDir, 'backups', FOREIGN));
    writeFileSync(path.join(dataDir, 'backups', BROKEN), 'not a database');
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

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
    expect(JSON.parse(changed.stdout)).toEqual({
      changed: true,
      removedSlots: 1,
      backups: {
        rekeyed: [backupName],
        skipped: [
          { name: FOREIGN, reason: 'foreign' },
          { name: BROKEN, reason: 'unreadable', detail: expect.any(String) },
        ],
      },
    });

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
        { actor: 'cli', details_json: JSON.stringify({ removedSlots: 1, backupsRekeyed: 1, backupsSkipped: [FOREIGN, BROKEN] }) },
      ]);
    } finally {
      db.close();
    }
  });

  it('gave the backups folder the new passphrase: the old one opens no backup of this ledger, a restore still works', async () => {
    const backup = path.join(dataDir, 'backups', backupName);
    await expect(secretsOpenedWith(backup, OLD)).rejects.toThrow(/wrong passphrase/);
    expect(await secretsOpenedWith(backup, NEW)).toEqual({ apikey: 'abcdefgh1234' });
    // The other ledger's file was not touched.
    expect(await secretsOpenedWith(path.join(dataDir, 'backups', FOREIGN), OLD)).toEqual({ apikey: 'otherledger99' });

    const restored = await cli(at('restore', backupName, '--yes'), withPassphrase(NEW));
    expect(restored.stderr).toBe('');
    expect(await secretsOpenedWith(path.join(dataDir, 'ledger.sqlite3'), NEW)).toEqual({ apikey: 'abcdefgh1234' });
    expect((await cli(at('accounts', 'list'), withPassphrase(OLD))).code).not.toBe(0);
  });

  it('says in plain words what happened to the backups', async () => {
    const changed = await cli(at('passphrase', 'change'), withPassphrase(NEW, { MERCHANT_LEDGER_NEW_PASSPHRASE: OLD }));
    expect(changed.stderr).toBe('');
    expect(changed.stdout).toContain('口令已更改');
    // The backup and the undo copy of the restore.
    expect(changed.stdout).toContain('备份文件夹中 2 个备份已改用新口令');
    expect(changed.stdout).toContain(`  ${FOREIGN}  无法确认属于此账本`);
    expect(changed.stdout).toContain(`  ${BROKEN}  无法读写`);
  });
});
