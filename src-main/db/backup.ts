/**
 * File-level backup operations on the ledger database: an online backup (SQLite's backup API) to a
 * path, the backups folder and its naming scheme, validation of a candidate file before a restore, and
 * the copy of a validated file into the live database. Policy (when, how many) lives in the service.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KeySlotRecord } from '../secrets/vault.js';
import type { Db } from './connection.js';

export const BACKUPS_DIR_NAME = 'backups';
export const BACKUP_KINDS = ['hourly', 'daily', 'manual', 'pre-migrate', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupFileInfo {
  readonly name: string;
  readonly file: string;
  readonly kind: BackupKind;
  readonly createdAt: number;
  readonly sizeBytes: number;
  readonly schemaVersion: number | null;
}

export type BackupFileProblem = 'missing' | 'not-sqlite' | 'truncated' | 'corrupt' | 'not-ledger' | 'too-new' | 'foreign' | 'page-size' | 'exists';

/** A candidate or target file that cannot be used; the message is for the merchant. */
export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
  constructor(
    readonly problem: BackupFileProblem,
    message: string,
  ) {
    super(message);
  }
}

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_DIR_NAME);
}

// ── names ───────────────────────────────────────────────────────────────────────────────────────────

/** `hourly-2024-05-29T16-26-40-123Z.sqlite3` (UTC, sortable, no characters Windows forbids). */
function stamp(at: number): string {
  return new Date(at).toISOString().replace(/:/g, '-').replace('.', '-');
}

const STAMPED = /^(hourly|daily|manual|pre-restore)-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?\.sqlite3$/;
/** Written by migrate(): `pre-migrate-v<from>-<epoch ms>.sqlite3`. */
const PRE_MIGRATE = /^pre-migrate-v\d+-(\d{1,16})\.sqlite3$/;

export function parseBackupName(name: string): { kind: BackupKind; createdAt: number } | null {
  const migrated = PRE_MIGRATE.exec(name);
  if (migrated) return { kind: 'pre-migrate', createdAt: Number(migrated[1]) };
  const m = STAMPED.exec(name);
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s, ms] = m;
  const createdAt = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  return Number.isFinite(createdAt) ? { kind: kind as BackupKind, createdAt } : null;
}

/** A free file name for a new backup of `kind` taken at `at` in `dir`. */
export function newBackupName(dir: string, kind: Exclude<BackupKind, 'pre-migrate'>, at: number): string {
  const base = `${kind}-${stamp(at)}`;
  let name = `${base}.sqlite3`;
  for (let n = 2; existsSync(path.join(dir, name)); n++) name = `${base}-${n}.sqlite3`;
  return name;
}

// ── header ──────────────────────────────────────────────────────────────────────────────────────────

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

interface SqliteHeader {
  readonly pageSize: number;
  /** Pages according to the header, or null when that field is not trustworthy. */
  readonly pageCount: number | null;
  readonly userVersion: number;
}

/** Reads the 100-byte SQLite header; null when the file is not a SQLite database. */
export function readSqliteHeader(file: string): SqliteHeader | null {
  const buf = Buffer.alloc(100);
  let read: number;
  const fd = openSync(file, 'r');
  try {
    read = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || !buf.subarray(0, 16).equals(MAGIC)) return null;
  const raw = buf.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  // The in-header size is valid only when "version-valid-for" matches the change counter.
  const pageCount = buf.readUInt32BE(92) === buf.readUInt32BE(24) ? buf.readUInt32BE(28) : null;
  return { pageSize, pageCount, userVersion: buf.readUInt32BE(60) };
}

// ── listing ─────────────────────────────────────────────────────────────────────────────────────────

/** Every recognised backup in `dir`, newest first; other files are ignored. */
export function listBackups(dir: string): BackupFileInfo[] {
  if (!existsSync(dir)) return [];
  const out: BackupFileInfo[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    try {
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      out.push({ name, file, ...parsed, sizeBytes: stat.size, schemaVersion: readSqliteHeader(file)?.userVersion ?? null });
    } catch {
      continue; // removed while listing
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

// ── writing ─────────────────────────────────────────────────────────────────────────────────────────

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * Online backup of `db` to `target` with SQLite's backup API (the app keeps reading and writing
 * meanwhile). Written under a temporary name and renamed, and switched to a rollback journal so the
 * result is one self-contained file. Refuses to overwrite an existing file.
 */
export async function writeBackup(db: Db, target: string): Promise<{ sizeBytes: number }> {
  if (existsSync(target)) throw new BackupFileError('exists', `文件已存在，不会覆盖 (file exists, not overwriting): ${target}`);
  const partial = path.join(path.dirname(target), `.partial-${randomUUID()}.sqlite3`);
  try {
    await db.backup(partial);
    const handle = new Database(partial);
    try {
      handle.pragma('journal_mode = DELETE');
    } finally {
      handle.close();
    }
    renameSync(partial, target);
  } finally {
    removeWithSidecars(partial);
  }
  return { sizeBytes: statSync(target).size };
}

/** Removes half-written files left by a backup interrupted by a crash. */
export function removeStalePartials(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (/^\.(partial|staging)-/.test(name)) rmSync(path.join(dir, name), { force: true });
}

// ── validation and restore ──────────────────────────────────────────────────────────────────────────

export interface StagedCandidate {
  readonly file: string;
  dispose(): void;
}

/**
 * Copies a candidate (and its `-wal`, if any) into `dir` under a private name, so the file validated is
 * exactly the file restored, and the user's file is never touched.
 */
export function stageCandidate(source: string, dir: string): StagedCandidate {
  let stat;
  try {
    stat = statSync(source);
  } catch {
    throw new BackupFileError('missing', `找不到备份文件 (backup file not found): ${source}`);
  }
  if (!stat.isFile()) throw new BackupFileError('missing', `不是文件 (not a file): ${source}`);
  const file = path.join(dir, `.staging-${randomUUID()}.sqlite3`);
  copyFileSync(source, file);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${file}-wal`);
  return { file, dispose: () => removeWithSidecars(file) };
}

export interface ValidationExpectations {
  readonly latestSchemaVersion: number;
  /** The live database's key slots: the backup must share one, or pass `canDecrypt`. */
  readonly currentSlots: readonly KeySlotRecord[];
  /** Probe with the current data key, for a ledger whose slots changed since (e.g. a new passphrase). */
  readonly canDecrypt?: (blob: Buffer) => boolean;
  /** The live database's page size: SQLite cannot copy another page size into a WAL database. */
  readonly pageSize?: number;
}

export interface ValidatedBackup {
  readonly schemaVersion: number;
  readonly pageSize: number;
}

const NOT_SQLITE = '不是 SQLite 数据库文件，无法恢复 (not an SQLite database file)';
const CORRUPT = '备份文件已损坏（完整性检查未通过），无法恢复 (backup is corrupt: integrity check failed)';
const NOT_LEDGER = '不是商户账本的数据库，无法恢复 (not a Merchant Ledger database)';
const FOREIGN =
  '此备份属于另一个账本：其中的密钥和卡密无法用当前账本的密钥解密，已拒绝恢复 (this backup belongs to another ledger: its secrets could not be decrypted with this ledger’s key)';

function checkHeader(file: string, expect: ValidationExpectations): SqliteHeader {
  const header = readSqliteHeader(file);
  if (!header) throw new BackupFileError('not-sqlite', NOT_SQLITE);
  if (header.pageCount !== null && statSync(file).size < header.pageCount * header.pageSize) {
    throw new BackupFileError('truncated', '备份文件不完整（已被截断），无法恢复 (backup file is truncated)');
  }
  if (expect.pageSize !== undefined && header.pageSize !== expect.pageSize) {
    throw new BackupFileError('page-size', `备份的页大小 ${header.pageSize} 与当前数据库 ${expect.pageSize} 不同，无法恢复 (page size differs)`);
  }
  return header;
}

export function hasTables(db: Db, names: readonly string[]): boolean {
  const found = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (${names.map(() => '?').join(',')})`).get(...names) as { n: number };
  return found.n === names.length;
}

function sameSlot(a: KeySlotRecord, b: { id: string; kind: string; params: string; wrapped_key: Buffer }): boolean {
  return a.id === b.id && a.kind === b.kind && a.params === b.params && Buffer.compare(a.wrappedKey, b.wrapped_key) === 0;
}

/** Whether `db` holds this ledger's data key: it shares a key slot with it, or `canDecrypt` opens one of its secrets. */
export function belongsToLedger(db: Db, expect: Pick<ValidationExpectations, 'currentSlots' | 'canDecrypt'>): boolean {
  const slots = db.prepare('SELECT id, kind, params, wrapped_key FROM key_slots').all() as { id: string; kind: string; params: string; wrapped_key: Buffer }[];
  if (slots.some((s) => expect.currentSlots.some((c) => sameSlot(c, s)))) return true;
  if (!expect.canDecrypt) return false;
  const sample =
    (db.prepare('SELECT secrets_enc AS blob FROM accounts WHERE secrets_enc IS NOT NULL LIMIT 1').get() as { blob: Buffer } | undefined) ??
    (db.prepare('SELECT password_enc AS blob FROM card_codes LIMIT 1').get() as { blob: Buffer } | undefined);
  return sample !== undefined && Buffer.isBuffer(sample.blob) && expect.canDecrypt(sample.blob);
}

function inspectOpen(db: Db, expect: ValidationExpectations): number {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.length !== 1 || integrity[0] !== 'ok') throw new BackupFileError('corrupt', `${CORRUPT}: ${integrity.slice(0, 3).join('; ')}`);
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version < 1 || !hasTables(db, ['schema_migrations', 'key_slots', 'accounts', 'card_codes'])) throw new BackupFileError('not-ledger', NOT_LEDGER);
  if (version > expect.latestSchemaVersion) {
    throw new BackupFileError(
      'too-new',
      `备份的数据库版本 v${version} 比本程序支持的 v${expect.latestSchemaVersion} 新，请先升级商户账本 (backup schema v${version} is newer than this app supports, v${expect.latestSchemaVersion})`,
    );
  }
  if (!belongsToLedger(db, expect)) throw new BackupFileError('foreign', FOREIGN);
  return version;
}

/**
 * Checks a candidate opened read-only: an SQLite file, not truncated, passing `integrity_check`, a
 * ledger schema not newer than this build, and belonging to this ledger. Throws `BackupFileError`.
 */
export function validateBackupFile(file: string, expect: ValidationExpectations): ValidatedBackup {
  const header = checkHeader(file, expect);
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return { schemaVersion: inspectOpen(db, expect), pageSize: header.pageSize };
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new BackupFileError('not-sqlite', NOT_SQLITE);
    if (typeof code === 'string' && code.startsWith('SQLITE_')) throw new BackupFileError('corrupt', `${CORRUPT} (${code})`);
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Copies a (validated) database file over the live database through SQLite's backup API, in one step:
 * the copy is one write transaction, so a failure leaves the live data as it was, and the live
 * connection simply sees the new content (its statements re-prepare on the schema change).
 */
export async function copyIntoLive(source: string, livePath: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(livePath, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}
