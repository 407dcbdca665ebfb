/**
 * Numbered migrations, each applied in its own transaction with the version recorded in
 * `PRAGMA user_version` and `schema_migrations`. A database newer than this build is refused, and an
 * existing database is copied aside before it is changed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './connection.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `数据库版本 ${found} 比本程序支持的版本 ${supported} 新，请升级商户账本后再打开。` +
        ` (database schema v${found} is newer than this app supports, v${supported}; update the app)`,
    );
  }
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
  readonly backupFile: string | null;
}

/** Refuses a database stamped with a version this build does not know. */
export function assertSchemaSupported(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const version = schemaVersion(db);
  if (version > migrations.length) throw new SchemaTooNewError(version, migrations.length);
  return version;
}

export function migrate(db: Db, options: { backupDir?: string; now?: () => number; migrations?: readonly Migration[] } = {}): MigrateResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  const from = assertSchemaSupported(db, migrations);
  if (from === migrations.length) return { from, to: from, backupFile: null };
  let backupFile: string | null = null;
  if (from > 0 && options.backupDir) {
    mkdirSync(options.backupDir, { recursive: true });
    backupFile = path.join(options.backupDir, `pre-migrate-v${from}-${now()}.sqlite3`);
    db.prepare('VACUUM INTO ?').run(backupFile);
  }
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: migrations.length, backupFile };
}
