import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';

const PASSPHRASE = 'backup cli passphrase';

function cli(args: string[], stdin = ''): Promise<CliRun> {
  return runCliCaptured(args, { passphrase: PASSPHRASE, stdin });
}

describe('CLI backup and restore', () => {
  let dataDir: string;
  let outDir: string;
  const at = (...args: string[]) => ['--data-dir', dataDir, ...args];
  /** Read straight from the file (no passphrase, no core): what any later process would see. */
  const accountNames = async (): Promise<string[]> => {
    const db = new Database(path.join(dataDir, 'ledger.sqlite3'), { readonly: true });
    try {
      return (db.prepare('SELECT name FROM accounts ORDER BY id').all() as { name: string }[]).map((a) => a.name);
    } finally {
      db.close();
    }
  };
  const addAccount = async (name: string): Promise<void> => {
    const r = await cli(at('accounts', 'add', '--provider', 'kasushou', '--name', name, '--base-url', 'https://shop.example.com', '--set', 'userId=u', '--secrets-stdin'), '{"apikey":"abcdefgh1234"}');
    expect(r.stderr).toBe('');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-bcli-'));
    outDir = mkdtempSync(path.join(os.tmpdir(), 'ml-bcli-out-'));
    await addAccount('第一店');
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('backs up to a chosen file and refuses to overwrite it', async () => {
    const out = path.join(outDir, 'ledger-copy.sqlite3');
    const made = await cli(at('backup', '--out', out));
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(out);
    expect(existsSync(out)).toBe(true);
    const again = await cli(at('backup', '--out', out));
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/文件已存在/);
  });

  it('backs up into the backups folder and lists it', async () => {
    const made = await cli(at('backup', '--json'));
    expect(made.code).toBe(0);
    const view = JSON.parse(made.stdout) as { name: string };
    const list = await cli(at('backup', 'list'));
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(view.name);
    expect(list.stdout).toContain('手动 manual');
    const json = JSON.parse((await cli(at('backup', 'list', '--json'))).stdout) as { folder: string; backups: { name: string; kind: string }[] };
    expect(json.folder).toBe(path.join(dataDir, 'backups'));
    expect(json.backups).toEqual([expect.objectContaining({ name: view.name, kind: 'manual' })]);
  });

  it('requires --yes when not on a terminal, and leaves the data alone', async () => {
    await addAccount('第二店');
    const r = await cli(at('restore', path.join(outDir, 'ledger-copy.sqlite3')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
    expect(await accountNames()).toEqual(['第一店', '第二店']);
  });

  it('restores a file with --yes, prints the undo copy, and restoring that copy undoes it', async () => {
    const r = await cli(at('restore', path.join(outDir, 'ledger-copy.sqlite3'), '--yes'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await accountNames()).toEqual(['第一店']);
    const undo = /restore (pre-restore-\S+\.sqlite3) --yes/.exec(r.stdout)?.[1];
    expect(undo, r.stdout).toBeDefined();
    const back = await cli(at('restore', undo ?? '', '--yes', '--json'));
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ restoredFrom: undo, undo: { kind: 'pre-restore' } });
    expect(await accountNames()).toEqual(['第一店', '第二店']);
  });

  it('refuses a file that is not a backup with one clear line', async () => {
    const junk = path.join(outDir, 'junk.sqlite3');
    writeFileSync(junk, 'this is not a database at all, just some text'.repeat(100));
    const r = await cli(at('restore', junk, '--yes'));
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/不是 SQLite 数据库文件/);
    expect(await accountNames()).toEqual(['第一店', '第二店']);
  });

  it('shows and changes the automatic backup policy', async () => {
    const r = await cli(at('backup', 'settings', '--keep-hourly', '6', '--keep-daily', '7', '--json'));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ enabled: true, intervalMinutes: 60, keepHourly: 6, keepDaily: 7 });
    const off = await cli(at('backup', 'settings', '--disable'));
    expect(off.stdout).toMatch(/关 off.*保留 6 个每小时 \+ 7 个每日/);
  });
});
