/** Migration 0003: the findings table on top of an existing v2 ledger, with its unique key and cascade. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { migrate, schemaVersion } from '../../../src-main/db/migrate.js';
import { MIGRATIONS } from '../../../src-main/db/migrations/index.js';
import { reconciliationFindings } from '../../../src-main/db/migrations/0003-reconciliation-findings.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function insertFinding(db: Db, key: string, accountId: number): void {
  db.prepare(
    `INSERT INTO reconciliation_findings (finding_key, check_kind, account_id, subject, evidence_hash, first_seen_at, last_seen_at) VALUES (?, 'kasushou_refund_missing', ?, 'R1', 'h', 1, 1)`,
  ).run(key, accountId);
}

describe('migration 0003 reconciliation-findings', () => {
  it('is the third migration and upgrades a v2 database in place', () => {
    expect(MIGRATIONS.indexOf(reconciliationFindings)).toBe(2);
    expect(reconciliationFindings.version).toBe(3);
    const db = openDatabase(':memory:');
    opened.push(db);
    migrate(db, { migrations: MIGRATIONS.slice(0, 2) });
    expect(schemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO accounts (provider, name, base_url, created_at, updated_at) VALUES ('kasushou', 'a', 'https://x.test', 1, 1)").run();
    migrate(db, { migrations: MIGRATIONS.slice(0, 3) });
    expect(schemaVersion(db)).toBe(3);

    insertFinding(db, 'kasushou_refund_missing:1:R1', 1);
    expect(() => insertFinding(db, 'kasushou_refund_missing:1:R1', 1)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE reconciliation_findings SET state = 'gone'").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM accounts').run();
    expect(db.prepare('SELECT count(*) AS n FROM reconciliation_findings').get()).toEqual({ n: 0 });
  });
});
