/** Migration 0002: read-side indexes on top of an existing v1 ledger, data untouched. */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { migrate, schemaVersion } from '../../../src-main/db/migrate.js';
import { queryIndexes } from '../../../src-main/db/migrations/0002-query-indexes.js';
import { MIGRATIONS } from '../../../src-main/db/migrations/index.js';
import { OrdersQueryRepository } from '../../../src-main/db/repositories/orders-query-repository.js';
import { RecordStore } from '../../../src-main/sync/record-store.js';
import { insertSeedAccounts, seedOrders } from '../../support/ledger-seed.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function indexColumns(db: Db, name: string): string[] {
  return (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as { name: string }[]).map((r) => r.name);
}

describe('migration 0002 query-indexes', () => {
  it('is the second migration and upgrades a v1 ledger with data in place', () => {
    expect(MIGRATIONS.indexOf(queryIndexes)).toBe(1);
    expect(queryIndexes.version).toBe(2);
    const db = openDatabase(':memory:');
    opened.push(db);
    migrate(db, { migrations: MIGRATIONS.slice(0, 1) });
    const store = new RecordStore(db, { encrypt: (p) => Buffer.from(p), fingerprint: (t) => createHash('sha256').update(t).digest('hex') });
    const accounts = insertSeedAccounts(db);
    seedOrders(store, accounts, { count: 200, keep: false });
    const before = db.prepare('SELECT id, order_no, total, created_at FROM orders ORDER BY id').all();

    migrate(db, { migrations: MIGRATIONS.slice(0, 2) });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT id, order_no, total, created_at FROM orders ORDER BY id').all()).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The v1 sort indexes keep their names and leading columns and gain covered columns.
    expect(indexColumns(db, 'orders_by_created')).toEqual(['created_at', 'id', 'total', 'status']);
    expect(indexColumns(db, 'orders_by_total').slice(0, 2)).toEqual(['total', 'id']);
    for (const name of ['orders_by_account_total', 'orders_by_updated', 'commissions_summary', 'commissions_by_beneficiary_earned', 'card_codes_by_account_seen']) {
      expect(indexColumns(db, name).length, name).toBeGreaterThan(0);
    }
    const { rows } = new OrdersQueryRepository(db).list({ provider: 'duomai' }, 'total_desc', null, 10);
    expect(rows.length).toBe(10);
  });
});
