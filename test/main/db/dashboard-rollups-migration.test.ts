/** Migration 0004: the dashboard rollups are backfilled from an existing ledger and kept exact afterwards. */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { migrate, schemaVersion } from '../../../src-main/db/migrate.js';
import { dashboardRollups } from '../../../src-main/db/migrations/0004-dashboard-rollups.js';
import { MIGRATIONS } from '../../../src-main/db/migrations/index.js';
import { DASHBOARD_QUERIES } from '../../../src-main/db/repositories/dashboard-repository.js';
import { RecordStore } from '../../../src-main/sync/record-store.js';
import { insertSeedAccounts, seedOrders } from '../../support/ledger-seed.js';
import { rollupAndReference } from '../services/dashboard-direct.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function ledgerAt(version: number): { db: Db; store: RecordStore } {
  const db = openDatabase(':memory:');
  opened.push(db);
  migrate(db, { migrations: MIGRATIONS.slice(0, version) });
  const store = new RecordStore(db, { encrypt: (p) => Buffer.from(p), fingerprint: (t) => createHash('sha256').update(t).digest('hex') });
  return { db, store };
}

function expectExact(db: Db): void {
  for (const name of ['orders', 'commissions', 'settlements'] as const) {
    const { rollup, direct } = rollupAndReference(db, name);
    expect(rollup.length, name).toBeGreaterThan(0);
    expect(rollup, name).toEqual(direct);
  }
}

describe('migration 0004 dashboard-rollups', () => {
  it('is the fourth migration and backfills the rollups from the records already there', () => {
    expect(MIGRATIONS.indexOf(dashboardRollups)).toBe(3);
    expect(dashboardRollups.version).toBe(4);
    const { db, store } = ledgerAt(3);
    const accounts = insertSeedAccounts(db);
    seedOrders(store, accounts, { count: 600, keep: false, spanDays: 40 });
    const before = db.prepare('SELECT count(*) FROM orders').pluck().get();

    migrate(db, { migrations: MIGRATIONS.slice(0, 4) });
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expectExact(db);

    // …and the triggers keep it exact for what sync writes next: new orders and changed ones.
    seedOrders(store, accounts, { count: 900, from: 600, to: 900, keep: false, spanDays: 40 });
    const changed = seedOrders(store, accounts, { count: 600, from: 0, to: 200, keep: true, spanDays: 40 }).filter((_, i) => i % 3 === 0);
    for (const s of changed) {
      const total = s.record.total ? { ...s.record.total, scaled: s.record.total.scaled + 1234 } : null;
      const record = { ...s.record, status: s.record.status === 'completed' ? ('refunded' as const) : ('completed' as const), total, refunded: total };
      const account = accounts[s.accountIndex]!;
      store.commitPage({ accountId: account.id, provider: account.provider, runId: null, counters: { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 } }, { orders: [record], cards: [], commissions: [], settlements: [], flows: [] }, undefined, Date.UTC(2025, 0, 2));
    }
    expect(db.prepare("SELECT count(*) FROM record_history WHERE field = 'status'").pluck().get()).toBe(changed.length);
    expectExact(db);
  });

  it('reads only the rollups, through their primary keys', () => {
    const { db } = ledgerAt(MIGRATIONS.length);
    const sqls = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'rollup_%'").pluck().all() as string[]).join('\n');
    expect(sqls).toContain('WITHOUT ROWID');
    for (const [key, sql] of Object.entries(DASHBOARD_QUERIES)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: 1, to: 2, account: null, provider: null }) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
      expect(plan, key).toMatch(/SEARCH r USING PRIMARY KEY \(day>\? AND day<\?\)/);
      expect(plan, key).not.toMatch(/\b(orders|commissions|settlement_changes)\b(?! ?\()/);
    }
  });
});
