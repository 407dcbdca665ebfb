/**
 * Sync benchmarks: end-to-end throughput from a zero-latency simulator in another process, the
 * longest event-loop stall during that sync, and the store path alone compared with a raw
 * better-sqlite3 insert of the same rows into the same tables, indexes and search index.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../src-main/db/connection.js';
import { migrate } from '../../src-main/db/migrate.js';
import { MIGRATIONS, type Migration } from '../../src-main/db/migrations/index.js';
import type { RecordBatch } from '../../src-main/domain/models.js';
import { mapDuomaiOrders, mapDuomaiSettlements } from '../../src-main/providers/duomai/mapping.js';
import { baseOrder, orderWireRow, settlementWireRow, type DuomaiDatasetConfig } from '../../src-main/providers/duomai/simulator-data.js';
import { parseJsonLossless } from '../../src-main/providers/json.js';
import { simulatorWireJson } from '../../src-main/providers/simulator-wire-json.js';
import { RecordStore } from '../../src-main/sync/record-store.js';
import { openTempCore } from '../support/temp-core.js';
import type { DuomaiOrderRow, DuomaiSettlementRow } from '../../src-main/providers/duomai/schemas.js';

const root = path.resolve(import.meta.dirname, '../..');

async function startSimulatorProcess(provider: string, scale: number): Promise<{ account: unknown; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/bench/simulator-process.ts'), provider, String(scale)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  return { account: (JSON.parse(line) as { account: unknown }).account, stop: () => child.stdin!.end() };
}

export async function benchSyncEndToEnd(orders: number): Promise<{ recordsPerSec: number; maxStallMs: number; records: number; seconds: number }> {
  const sim = await startSimulatorProcess('duomai', orders);
  // The faces' page writer: the store worker thread.
  const core = await openTempCore({ syncWriter: 'worker' });
  try {
    const added = await core.dispatch('accounts:add', sim.account);
    if (!added.ok) throw new Error(added.error.message);
    const accountId = (added.value as { id: number }).id;
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const t0 = performance.now();
    const run = await core.engine.start(accountId, { trigger: 'manual' }).done;
    const seconds = (performance.now() - t0) / 1000;
    stalls.disable();
    if (run.status !== 'succeeded') throw new Error(`sync failed: ${run.errorMessage}`);
    return { recordsPerSec: Math.round(run.fetched / seconds), maxStallMs: Math.round(stalls.max / 1e6), records: run.fetched, seconds: Math.round(seconds * 10) / 10 };
  } finally {
    await core.cleanup();
    sim.stop();
  }
}

/** Rows through the wire and back, so the mapped rows are what a sync maps. */
function throughWire<T>(rows: unknown[]): T[] {
  return parseJsonLossless(simulatorWireJson(rows)) as T[];
}

/** Mapped duomai pages (orders + their commissions + settlement revisions), as the strategy commits them. */
function mappedPages(orders: number, pageSize = 200): RecordBatch[] {
  const cfg: DuomaiDatasetConfig = { count: orders, seed: 7, startSec: Date.UTC(2024, 0, 1) / 1000, periodSec: 90 * 86_400, maxLagSec: 6 * 3600, siteId: '1001' };
  const pages: RecordBatch[] = [];
  for (let start = 0; start < orders; start += pageSize) {
    const cores = Array.from({ length: Math.min(pageSize, orders - start) }, (_, i) => baseOrder(cfg, start + i));
    const orderBatch = mapDuomaiOrders(throughWire<DuomaiOrderRow>(cores.map((c) => orderWireRow(c, '1001'))));
    const revisions = throughWire<DuomaiSettlementRow>(cores.flatMap((c) => c.revisions.map((r) => settlementWireRow(c, r))));
    const settlementBatch = mapDuomaiSettlements(revisions);
    pages.push({ ...orderBatch, settlements: settlementBatch.settlements });
  }
  return pages;
}

/** Opened as the app opens its ledger: the same pragmas (temp_store = MEMORY keeps statement journals off disk). */
function freshDb(dir: string, name: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = openDatabase(path.join(dir, name));
  migrate(db, { migrations });
  db.prepare("INSERT INTO accounts (provider, name, base_url, created_at, updated_at) VALUES ('duomai', 'bench', 'http://x', 0, 0)").run();
  return db;
}

function rawInsert(db: Db, pages: readonly RecordBatch[]): number {
  const order = db.prepare(
    `INSERT INTO orders (account_id, provider, order_no, external_order_no, status, status_raw, title, buyer, currency, total, paid, refunded, commission,
       commission_currency, created_at, updated_at, paid_at, raw, content_hash, first_seen_at, last_seen_at)
     VALUES (1, 'duomai', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', 0, 0)`,
  );
  const item = db.prepare('INSERT INTO order_items (order_id, item_key, title, sku, quantity, currency, unit_price, amount, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const commission = db.prepare(
    `INSERT INTO commissions (account_id, order_id, order_no, beneficiary, level, currency, amount, status, status_raw, earned_at, content_hash, first_seen_at, last_seen_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', 0, 0)`,
  );
  const settlement = db.prepare(
    `INSERT INTO settlement_changes (account_id, change_key, order_no, order_time, modified_at, currency, price_old, price_delta, price_new, commission_old,
       commission_delta, commission_new, ads_id, ads_name, euid, raw, first_seen_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const tx = db.transaction((page: RecordBatch) => {
    const ids = new Map<string, number>();
    for (const o of page.orders) {
      const id = Number(
        order.run(o.orderNo, o.externalOrderNo, o.status, o.statusRaw, o.title, o.buyer, o.total?.currency ?? 'CNY', o.total?.scaled ?? null, o.paid?.scaled ?? null,
          o.refunded?.scaled ?? null, o.commission?.scaled ?? null, o.commission?.currency ?? null, o.createdAt, o.updatedAt, o.paidAt, o.raw).lastInsertRowid,
      );
      ids.set(o.orderNo, id);
      o.items.forEach((it, i) => item.run(id, `${it.itemKey}#${i}`, it.title, it.sku, it.quantity, it.amount?.currency ?? 'CNY', it.unitPrice?.scaled ?? null, it.amount?.scaled ?? null, it.raw));
    }
    for (const c of page.commissions) commission.run(ids.get(c.orderNo) ?? null, c.orderNo, c.beneficiary, c.level, c.amount.currency, c.amount.scaled, c.status, c.statusRaw, c.earnedAt);
    for (const s of page.settlements) {
      settlement.run(s.changeKey, s.orderNo, s.orderTime, s.modifiedAt, s.currency, s.priceOld?.scaled ?? null, s.priceDelta?.scaled ?? null, s.priceNew?.scaled ?? null,
        s.commissionOld?.scaled ?? null, s.commissionDelta?.scaled ?? null, s.commissionNew?.scaled ?? null, s.adsId, s.adsName, s.euid, s.raw);
    }
  });
  const t0 = performance.now();
  for (const page of pages) tx(page);
  return performance.now() - t0;
}

/**
 * The yardstick for this machine: "a raw insert of 1M orders with five indexes and a trigram FTS
 * index runs at about 60,000 rows/s". Our first schema is exactly that (five order indexes, a trigram
 * FTS5 index filled by triggers), so the same mapped orders, without items, go into it. Rows/s.
 */
function referenceInsert(dir: string, pages: readonly RecordBatch[]): number {
  const ordersOnly = pages.map((p) => ({ ...p, orders: p.orders.map((o) => ({ ...o, items: [] })), commissions: [], settlements: [] }));
  const ms = rawInsert(freshDb(dir, 'reference.sqlite3', MIGRATIONS.slice(0, 1)), ordersOnly);
  return Math.round((ordersOnly.reduce((n, p) => n + p.orders.length, 0) / ms) * 1000);
}

export function benchStorePath(orders: number): { storeRatio: number; storeRowsPerSec: number; rawRowsPerSec: number; referenceRowsPerSec: number } {
  const pages = mappedPages(orders);
  const rows = pages.reduce((n, p) => n + p.orders.length + p.commissions.length + p.settlements.length, 0);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-bench-store-'));
  try {
    const rawMs = rawInsert(freshDb(dir, 'raw.sqlite3'), pages);
    const db = freshDb(dir, 'store.sqlite3');
    const store = new RecordStore(db, { encrypt: (s) => Buffer.from(s), fingerprint: (s) => s });
    const counters = { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 };
    const t0 = performance.now();
    for (const page of pages) store.commitPage({ accountId: 1, provider: 'duomai', runId: null, counters }, page, { stream: 'bench', value: counters.pages }, Date.now());
    const storeMs = performance.now() - t0;
    return {
      storeRatio: Math.round((rawMs / storeMs) * 100) / 100,
      storeRowsPerSec: Math.round((rows / storeMs) * 1000),
      rawRowsPerSec: Math.round((rows / rawMs) * 1000),
      referenceRowsPerSec: referenceInsert(dir, pages),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
