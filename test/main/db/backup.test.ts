import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BackupFileError,
  copyIntoLive,
  listBackups,
  newBackupName,
  parseBackupName,
  readSqliteHeader,
  validateBackupFile,
  writeBackup,
  type ValidationExpectations,
} from '../../../src-main/db/backup.js';
import { rekeyBackupFile } from '../../../src-main/db/backup-rekey.js';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { LATEST_SCHEMA_VERSION, migrate } from '../../../src-main/db/migrate.js';
import { MIGRATIONS, type Migration } from '../../../src-main/db/migrations/index.js';
import { KeySlotsRepository } from '../../../src-main/db/repositories/key-slots-repository.js';
import type { KeySlotRecord } from '../../../src-main/secrets/vault.js';

const opened: Db[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-backup-'));
  dirs.push(dir);
  return dir;
}

function slot(id: string): KeySlotRecord {
  return { id, kind: 'passphrase', params: '{"salt":"x"}', wrappedKey: randomBytes(60), createdAt: 1 };
}

/** A migrated ledger with one key slot and some rows. */
function ledger(dir: string, slotId = 'slot-a'): { db: Db; file: string; slot: KeySlotRecord } {
  const file = path.join(dir, 'ledger.sqlite3');
  const db = openDatabase(file);
  opened.push(db);
  migrate(db);
  const s = slot(slotId);
  new KeySlotsRepository(db).save(s);
  db.prepare("INSERT INTO accounts (provider, name, base_url, secrets_enc, created_at, updated_at) VALUES ('duomai', 'A', 'https://a.example', ?, 1, 1)").run(Buffer.from([1, 2, 3]));
  const insert = db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
  for (let i = 0; i < 200; i++) insert.run(`k${i}`, 'x'.repeat(200));
  return { db, file, slot: s };
}

function expectations(s: KeySlotRecord, extra: Partial<ValidationExpectations> = {}): ValidationExpectations {
  return { latestSchemaVersion: LATEST_SCHEMA_VERSION, currentSlots: [s], pageSize: 4096, ...extra };
}

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BackupFileError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('backup file names', () => {
  it('round-trips the kind and instant through the name, and parses pre-migrate names', () => {
    const dir = tempDir();
    const at = Date.UTC(2024, 4, 29, 16, 26, 40, 123);
    const name = newBackupName(dir, 'hourly', at);
    expect(name).toBe('hourly-2024-05-29T16-26-40-123Z.sqlite3');
    expect(parseBackupName(name)).toEqual({ kind: 'hourly', createdAt: at });
    writeFileSync(path.join(dir, name), '');
    expect(newBackupName(dir, 'hourly', at)).toBe('hourly-2024-05-29T16-26-40-123Z-2.sqlite3');
    expect(parseBackupName('hourly-2024-05-29T16-26-40-123Z-2.sqlite3')).toEqual({ kind: 'hourly', createdAt: at });
    expect(parseBackupName('pre-migrate-v3-1717000000000.sqlite3')).toEqual({ kind: 'pre-migrate', createdAt: 1717000000000 });
    expect(parseBackupName('pre-restore-2024-05-29T16-26-40-123Z.sqlite3')?.kind).toBe('pre-restore');
    for (const bad of ['ledger.sqlite3', '.partial-x.sqlite3', 'hourly-2024.sqlite3', 'weekly-2024-05-29T16-26-40-123Z.sqlite3', 'hourly-2024-05-29T16-26-40-123Z.db']) {
      expect(parseBackupName(bad), bad).toBeNull();
    }
  });
});

describe('writeBackup', () => {
  it('writes one self-contained SQLite file with the same rows, and never overwrites', async () => {
    const dir = tempDir();
    const { db } = ledger(dir);
    const target = path.join(dir, 'out', 'copy.sqlite3');
    mkdirSync(path.dirname(target));
    const { sizeBytes } = await writeBackup(db, target);
    expect(sizeBytes).toBeGreaterThan(0);
    expect(readdirSync(path.dirname(target))).toEqual(['copy.sqlite3']);
    const bytes = readFileSync(target);
    expect([bytes[18], bytes[19]]).toEqual([1, 1]); // rollback journal, not WAL: no -wal/-shm needed
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 200 });
      expect(copy.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'A' }]);
    } finally {
      copy.close();
    }
    await expect(writeBackup(db, target)).rejects.toThrow(/文件已存在.*file exists/);
  });
});

describe('listBackups', () => {
  it('lists recognised backups newest first with kind, size and schema version, ignoring other files', async () => {
    const dir = tempDir();
    const { db } = ledger(dir);
    const folder = path.join(dir, 'backups');
    mkdirSync(folder);
    await writeBackup(db, path.join(folder, newBackupName(folder, 'daily', 1_000)));
    await writeBackup(db, path.join(folder, newBackupName(folder, 'manual', 3_000)));
    await writeBackup(db, path.join(folder, newBackupName(folder, 'hourly', 2_000)));
    writeFileSync(path.join(folder, 'notes.txt'), 'hello');
    writeFileSync(path.join(folder, '.partial-abc.sqlite3'), 'x');
    const list = listBackups(folder);
    expect(list.map((b) => [b.kind, b.createdAt, b.schemaVersion])).toEqual([
      ['manual', 3_000, LATEST_SCHEMA_VERSION],
      ['hourly', 2_000, LATEST_SCHEMA_VERSION],
      ['daily', 1_000, LATEST_SCHEMA_VERSION],
    ]);
    expect(list.every((b) => b.sizeBytes > 0 && b.file === path.join(folder, b.name))).toBe(true);
    expect(listBackups(path.join(dir, 'missing'))).toEqual([]);
  });

  it('lists the backup migrate() takes before changing an existing database', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.sqlite3');
    const db = openDatabase(file);
    opened.push(db);
    const extra: Migration = { version: MIGRATIONS.length + 1, name: 'extra', up: (d) => d.exec('CREATE TABLE extra (x INTEGER)') };
    const all = [...MIGRATIONS, extra];
    migrate(db, { migrations: all.slice(0, -1) });
    const result = migrate(db, { migrations: all, backupDir: path.join(dir, 'backups'), now: () => 1_717_000_000_000 });
    expect(result.backupFile).not.toBeNull();
    const list = listBackups(path.join(dir, 'backups'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'pre-migrate', createdAt: 1_717_000_000_000, schemaVersion: all.length - 1, file: result.backupFile });
  });
});

describe('validateBackupFile', () => {
  async function goodBackup(): Promise<{ dir: string; db: Db; file: string; s: KeySlotRecord }> {
    const dir = tempDir();
    const { db, slot: s } = ledger(dir);
    const file = path.join(dir, 'good.sqlite3');
    await writeBackup(db, file);
    return { dir, db, file, s };
  }

  it('accepts a backup of this ledger and reports its schema version', async () => {
    const { file, s } = await goodBackup();
    expect(validateBackupFile(file, expectations(s))).toEqual({ schemaVersion: LATEST_SCHEMA_VERSION, pageSize: 4096 });
  });

  it('refuses random bytes, an empty file and a missing SQLite header', async () => {
    const { dir, s } = await goodBackup();
    const random = path.join(dir, 'random.sqlite3');
    writeFileSync(random, randomBytes(64 * 1024));
    expect(problemOf(() => validateBackupFile(random, expectations(s)))).toMatch(/^not-sqlite: 不是 SQLite 数据库文件/);
    const empty = path.join(dir, 'empty.sqlite3');
    writeFileSync(empty, '');
    expect(problemOf(() => validateBackupFile(empty, expectations(s)))).toMatch(/^not-sqlite/);
  });

  it('refuses a truncated file', async () => {
    const { file, s } = await goodBackup();
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    expect(problemOf(() => validateBackupFile(file, expectations(s)))).toMatch(/^truncated: 备份文件不完整.*truncated/);
  });

  it('refuses a file whose pages are damaged (integrity check)', async () => {
    const { file, s } = await goodBackup();
    const bytes = readFileSync(file);
    // Overwrite the middle of the file (table pages) with noise, keeping the header intact.
    Buffer.alloc(8192, 0x5a).copy(bytes, Math.floor(bytes.length / 2));
    writeFileSync(file, bytes);
    expect(problemOf(() => validateBackupFile(file, expectations(s)))).toMatch(/^corrupt: 备份文件已损坏/);
  });

  it('refuses an SQLite file that is not a ledger', () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.sqlite3');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    other.pragma('user_version = 1');
    other.close();
    expect(problemOf(() => validateBackupFile(file, expectations(slot('a'))))).toMatch(/^not-ledger: 不是商户账本的数据库/);
  });

  it('refuses a backup from a newer version of the app', async () => {
    const { file, s } = await goodBackup();
    const handle = new Database(file);
    handle.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    handle.close();
    expect(problemOf(() => validateBackupFile(file, expectations(s)))).toMatch(new RegExp(`^too-new: 备份的数据库版本 v${LATEST_SCHEMA_VERSION + 1}`));
  });

  it('refuses a backup of another ledger unless its secrets decrypt with the current key', async () => {
    const { file } = await goodBackup();
    const mine = slot('slot-other');
    expect(problemOf(() => validateBackupFile(file, expectations(mine)))).toMatch(/^foreign: 此备份属于另一个账本.*belongs to another ledger/);
    expect(problemOf(() => validateBackupFile(file, expectations(mine, { canDecrypt: () => false })))).toMatch(/^foreign/);
    const probed: Buffer[] = [];
    const accepted = validateBackupFile(file, expectations(mine, { canDecrypt: (blob) => (probed.push(blob), true) }));
    expect(accepted.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(probed).toEqual([Buffer.from([1, 2, 3])]);
  });

  it('refuses a different page size (SQLite cannot copy it into a WAL database)', async () => {
    const { file, s } = await goodBackup();
    expect(problemOf(() => validateBackupFile(file, expectations(s, { pageSize: 8192 })))).toMatch(/^page-size/);
  });
});

describe('copyIntoLive', () => {
  it('replaces the live content under an open connection, whose prepared statements keep working', async () => {
    const dir = tempDir();
    const { db, file } = ledger(dir);
    const backup = path.join(dir, 'b.sqlite3');
    await writeBackup(db, backup);
    const count = db.prepare('SELECT count(*) AS n FROM settings');
    db.prepare('DELETE FROM settings').run();
    db.exec('CREATE TABLE added_later (x INTEGER)');
    expect(count.get()).toEqual({ n: 0 });

    await copyIntoLive(backup, file);

    expect(count.get()).toEqual({ n: 200 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'added_later'").get()).toEqual({ n: 0 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare("INSERT INTO settings (key, value) VALUES ('after', 'restore')").run();
    expect(count.get()).toEqual({ n: 201 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(readSqliteHeader(file)?.userVersion).toBe(LATEST_SCHEMA_VERSION);
    const again = openDatabase(file);
    opened.push(again);
    expect(again.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 201 });
    expect(existsSync(backup)).toBe(true);
  });
});

describe('replacing the passphrase slots of a backup after a passphrase change', () => {
  const newSlot = slot('slot-new');
  const keyring: KeySlotRecord = { id: 'slot-keyring', kind: 'safe-storage', params: '{"backend":"test"}', wrappedKey: randomBytes(60), createdAt: 1 };

  async function backupOf(extraSlots: KeySlotRecord[] = []): Promise<{ file: string; old: KeySlotRecord }> {
    const dir = tempDir();
    const live = ledger(dir, 'slot-old');
    for (const extra of extraSlots) new KeySlotsRepository(live.db).save(extra);
    const file = path.join(dir, 'manual.sqlite3');
    await writeBackup(live.db, file);
    return { file, old: live.slot };
  }

  function slotsIn(file: string): { id: string; kind: string }[] {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT id, kind FROM key_slots ORDER BY id').all() as { id: string; kind: string }[];
    } finally {
      db.close();
    }
  }

  it('puts the new slot in place of every passphrase slot, keeps keyring slots, and is done once', async () => {
    const older = slot('slot-older');
    const { file, old } = await backupOf([older, keyring]);
    expect(rekeyBackupFile(file, newSlot, { currentSlots: [old, newSlot] })).toEqual({ outcome: 'rekeyed' });
    expect(slotsIn(file)).toEqual([
      { id: 'slot-keyring', kind: 'safe-storage' },
      { id: 'slot-new', kind: 'passphrase' },
    ]);
    expect(rekeyBackupFile(file, newSlot, { currentSlots: [old, newSlot] })).toEqual({ outcome: 'unaffected' });
    expect(validateBackupFile(file, expectations(newSlot)).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('proves a backup with no shared slot by decrypting a secret with the data key, or leaves it alone', async () => {
    const { file } = await backupOf();
    const proof = (opens: boolean) => ({ currentSlots: [newSlot], canDecrypt: (blob: Buffer) => opens && blob.equals(Buffer.from([1, 2, 3])) });
    expect(rekeyBackupFile(file, newSlot, proof(false))).toEqual({ outcome: 'foreign' });
    expect(slotsIn(file)).toEqual([{ id: 'slot-old', kind: 'passphrase' }]);
    expect(rekeyBackupFile(file, newSlot, proof(true))).toEqual({ outcome: 'rekeyed' });
    expect(slotsIn(file)).toEqual([{ id: 'slot-new', kind: 'passphrase' }]);
  });

  it('adds no passphrase to a backup that had none (made before the recovery passphrase was set)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'keyring-only.sqlite3');
    const db = openDatabase(file);
    opened.push(db);
    migrate(db);
    new KeySlotsRepository(db).save(keyring);
    db.close();
    expect(rekeyBackupFile(file, newSlot, { currentSlots: [keyring, newSlot] })).toEqual({ outcome: 'unaffected' });
    expect(slotsIn(file)).toEqual([{ id: 'slot-keyring', kind: 'safe-storage' }]);
  });

  it('reports a file that is no database as unreadable, with the reason', () => {
    const file = path.join(tempDir(), 'garbage.sqlite3');
    writeFileSync(file, 'not a database at all, just text');
    expect(rekeyBackupFile(file, newSlot, { currentSlots: [newSlot] })).toEqual({ outcome: 'unreadable', detail: 'file is not a database' });
  });
});
