/**
 * Opens the ledger database: WAL for concurrent readers while sync writes, foreign keys on, a busy
 * timeout so a second process (the CLI beside the app) waits instead of failing.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

export const DB_FILE_NAME = 'ledger.sqlite3';

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Path of a better-sqlite3 build for another ABI (the desktop app's Electron build). */
  readonly nativeBinding?: string;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  return db;
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}
