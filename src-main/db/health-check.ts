/** Integrity, foreign keys and schema version of a ledger database, for `db check` and restores. */
import type { Db } from './connection.js';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrate.js';

export interface DatabaseReport {
  readonly ok: boolean;
  readonly integrity: string;
  readonly foreignKeyViolations: number;
  readonly schemaVersion: number;
  readonly latestSchemaVersion: number;
  readonly problems: string[];
}

export function checkDatabase(db: Db): DatabaseReport {
  const integrityRows = db.pragma('integrity_check') as { integrity_check: string }[];
  const integrity = integrityRows.map((r) => r.integrity_check).join('; ');
  const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
  const version = schemaVersion(db);
  const problems: string[] = [];
  if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  if (foreignKeyViolations > 0) problems.push(`${foreignKeyViolations} foreign key violations`);
  if (version > LATEST_SCHEMA_VERSION) problems.push(`schema v${version} is newer than this app (v${LATEST_SCHEMA_VERSION})`);
  if (version < LATEST_SCHEMA_VERSION) problems.push(`schema v${version} needs migration to v${LATEST_SCHEMA_VERSION} (run: db migrate)`);
  return { ok: problems.length === 0, integrity, foreignKeyViolations, schemaVersion: version, latestSchemaVersion: LATEST_SCHEMA_VERSION, problems };
}
