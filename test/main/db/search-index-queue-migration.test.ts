/** Migration 0005: the search index is filled from a queue; searches stay exact whatever the queue holds. */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { migrate, schemaVersion } from '../../../src-main/db/migrate.js';
import { MIGRATIONS } from '../../../src-main/db/migrations/index.js';
import { searchIndexQueue } from '../../../src-main/db/migrations/0005-search-index-queue.js';
import { OrdersQueryRepository } from '../../../src-main/db/repositories/orders-query-repository.js';
import { indexPendingOrders, pendingSearchRows, startSearchIndexer } from '../../../src-main/db/search-index.js';
import { RecordStore } from '../../../src-main/sync/record-store.js';
import { insertSeedAccounts, seedOrders } from '../../support/ledger-seed.js';
import { openTempCore } from '../../support/temp-core.js';

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

/** Ids the FTS index itself answers for a literal substring. */
function indexed(db: Db, q: string): number[] {
  return db.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid').pluck().all(`"${q}"`) as number[];
}

/** Ids whose indexed columns contain `q`, read from the table (the truth the index must match). */
function truth(db: Db, q: string): number[] {
  const p = `%${q}%`;
  return db
    .prepare('SELECT id FROM orders WHERE order_no LIKE ? OR external_order_no LIKE ? OR title LIKE ? OR buyer LIKE ? ORDER BY id')
    .pluck()
    .all(p, p, p, p) as number[];
}

function searched(db: Db, q: string): number[] {
  const { rows, plan } = new OrdersQueryRepository(db).list({ q }, 'created_desc', null, 10_000, { strategy: 'candidates' });
  expect(plan).toBe('candidates:fts');
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

const insertOrder = (db: Db, orderNo: string, title: string) =>
  Number(
    db
      .prepare(
        `INSERT INTO orders (account_id, provider, order_no, status, status_raw, title, raw, content_hash, first_seen_at, last_seen_at)
         VALUES (1, 'duomai', ?, 'pending', '0', ?, '{}', 'h', 0, 0)`,
      )
      .run(orderNo, title).lastInsertRowid,
  );

describe('migration 0005 search-index-queue', () => {
  it('is the fifth migration; orders indexed before it stay indexed and the queue starts empty', () => {
    expect(MIGRATIONS.indexOf(searchIndexQueue)).toBe(4);
    expect(searchIndexQueue.version).toBe(5);
    const { db, store } = ledgerAt(4);
    const accounts = insertSeedAccounts(db);
    seedOrders(store, accounts, { count: 300, keep: false });
    const before = indexed(db, 'VIP');
    expect(before.length).toBeGreaterThan(0);

    migrate(db, { migrations: MIGRATIONS.slice(0, 5) });
    expect(schemaVersion(db)).toBe(5);
    expect(pendingSearchRows(db)).toBe(0);
    expect(indexed(db, 'VIP')).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('queues inserts and real changes only, and a search finds queued and indexed orders alike', () => {
    const { db } = ledgerAt(5);
    insertSeedAccounts(db);
    const a = insertOrder(db, '202007110940097797825832', '腾讯视频VIP会员月卡');
    const b = insertOrder(db, 'D100759082558859640832', '京东E卡100元');
    expect(pendingSearchRows(db)).toBe(2);
    expect(indexed(db, '京东E卡')).toEqual([]);
    expect(searched(db, '京东E卡')).toEqual([b]);
    expect(searched(db, '0940097')).toEqual([a]);

    expect(indexPendingOrders(db)).toBe(2);
    expect(pendingSearchRows(db)).toBe(0);
    expect(indexed(db, '京东E卡')).toEqual([b]);

    // Rewriting the same values (what a sync does for a changed status) leaves the index alone.
    db.prepare("UPDATE orders SET title = title, buyer = buyer, status = 'completed' WHERE id = ?").run(b);
    expect(pendingSearchRows(db)).toBe(0);
    // A new title: the old one leaves the index at once, the new one is found from the queue.
    db.prepare("UPDATE orders SET title = '爱奇艺黄金会员' WHERE id = ?").run(b);
    expect(pendingSearchRows(db)).toBe(1);
    expect(indexed(db, '京东E卡')).toEqual([]);
    expect(searched(db, '京东E卡')).toEqual([]);
    expect(searched(db, '爱奇艺')).toEqual([b]);
    // Changed again while queued: still one entry, indexed with its latest values.
    db.prepare("UPDATE orders SET title = '优酷会员年卡' WHERE id = ?").run(b);
    expect(pendingSearchRows(db)).toBe(1);
    indexPendingOrders(db);
    expect(indexed(db, '爱奇艺')).toEqual([]);
    expect(indexed(db, '优酷会员')).toEqual([b]);
  });

  it('deletes leave neither index entries nor queue entries behind, queued or indexed', () => {
    const { db, store } = ledgerAt(5);
    const accounts = insertSeedAccounts(db);
    seedOrders(store, accounts, { count: 400, keep: false });
    indexPendingOrders(db, 150);
    expect(pendingSearchRows(db)).toBe(400 - 150);
    db.prepare('DELETE FROM orders WHERE id % 3 = 0').run();
    expect(pendingSearchRows(db)).toBe((db.prepare('SELECT count(*) FROM orders WHERE id > 150').pluck().get() as number));
    for (const q of ['VIP', '话费充值', '100']) expect(searched(db, q), q).toEqual(truth(db, q));
    indexPendingOrders(db);
    for (const q of ['VIP', '话费充值', '100']) expect(indexed(db, q), q).toEqual(truth(db, q));
    // The index holds exactly the table: FTS5 checks its own index against the external content.
    expect(() => db.prepare("INSERT INTO orders_fts (orders_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });
});

describe('background search indexing', () => {
  it('tokenizes queued orders in small batches, only while the ledger is not busy', async () => {
    const { db, store } = ledgerAt(5);
    const accounts = insertSeedAccounts(db);
    seedOrders(store, accounts, { count: 500, keep: false });
    let busy = true;
    const indexer = startSearchIndexer(db, { busy: () => busy, idleMs: 5, pauseMs: 0 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pendingSearchRows(db)).toBe(500);
      busy = false;
      await vi.waitFor(() => expect(pendingSearchRows(db)).toBe(0), { timeout: 30_000, interval: 20 });
      expect(indexed(db, '话费充值')).toEqual(truth(db, '话费充值'));
    } finally {
      indexer.stop();
    }
  });

  it('the core indexes by itself what was queued', async () => {
    const core = await openTempCore();
    try {
      const accounts = insertSeedAccounts(core.db);
      seedOrders(core.store, accounts, { count: 300, keep: false });
      await vi.waitFor(() => expect(pendingSearchRows(core.db)).toBe(0), { timeout: 30_000, interval: 50 });
      expect(indexed(core.db, 'VIP')).toEqual(truth(core.db, 'VIP'));
    } finally {
      await core.cleanup();
    }
  });
});
