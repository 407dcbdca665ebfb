/**
 * Dashboard benchmark (issue 5: figures < 50 ms p95 at 1,000,000 orders).
 *
 * 1. Query: seeds `scale` orders (default 1,000,000) with their commissions, settlement revisions,
 *    cards and flows through RecordStore.commitPage (many pages per outer transaction, as the query
 *    bench does), places "now" on the last day of the seeded span, then times `dashboard:summary`
 *    through the real dispatcher (validation + rollup reads + folding + mapping): whole ledger, one
 *    provider, one account. For comparison it also times the same figures computed by GROUP BY over
 *    the base tables (test/main/services/dashboard-direct.ts) and one plain GROUP BY over all orders.
 * 2. Write cost of the rollup triggers, in CPU time (steadier than wall time on a shared machine):
 *    (a) the triggers alone — bare order rows on the full schema in memory, inserted, re-priced (same
 *    rollup key: one upsert) and moved to another status (two upserts); a ledger with and one without
 *    the triggers take turns chunk by chunk; µs per row from the median chunks. (b) the sync path —
 *    sync-shaped pages through RecordStore.commitPage on file databases, one transaction per page,
 *    then every order again with another status and total; overhead in % (best of `writeRounds`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../src-main/api/result.js';
import { openDatabase, type Db } from '../../src-main/db/connection.js';
import { migrate } from '../../src-main/db/migrate.js';
import { indexPendingOrders } from '../../src-main/db/search-index.js';
import type { OrderRecord, RecordBatch } from '../../src-main/domain/models.js';
import { RecordStore } from '../../src-main/sync/record-store.js';
import { directSummary } from '../main/services/dashboard-direct.js';
import { insertSeedAccounts, seededOrder, seedOrders, type SeedAccount } from '../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../support/temp-core.js';

export interface DashboardBenchOptions {
  /** Orders to seed for the query part (default 1,000,000). */
  readonly scale?: number;
  /** Timed `dashboard:summary` calls per variant (default 200). */
  readonly runs?: number;
  /** Orders written per variant for the trigger write cost (default 40,000; 5× as many bare rows). */
  readonly writeOrders?: number;
  /** Alternating with/without rounds; the best of each is kept (default 3). */
  readonly writeRounds?: number;
  readonly log?: (line: string) => void;
}

const DAY = 86_400_000;
const START_MS = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 730;
/** Midday (Shanghai) of the last seeded day: every period has data. */
const NOW = START_MS + (SPAN_DAYS - 1) * DAY + 4 * 3_600_000;
const SEED_CHUNK = 50_000;
const COUNTERS = () => ({ windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 });

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 1000) / 1000;
}

function timeSync(runs: number, fn: () => unknown): { p50: number; p95: number } {
  for (let i = 0; i < Math.min(5, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function seedLedger(core: TempCore, scale: number, log: (line: string) => void): SeedAccount[] {
  const accounts = insertSeedAccounts(core.db);
  core.db.pragma('cache_size = -1000000');
  core.db.pragma('synchronous = OFF');
  const t0 = performance.now();
  for (let from = 0; from < scale; from += SEED_CHUNK) {
    const to = Math.min(scale, from + SEED_CHUNK);
    core.db.transaction(() => seedOrders(core.store, accounts, { count: scale, from, to, keep: false, startMs: START_MS, spanDays: SPAN_DAYS }))();
    log(`dashboard: seeded ${to}/${scale} orders in ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  // Finish the search index here (the background worker's job), so it does not run while timing.
  indexPendingOrders(core.db);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.db.pragma('synchronous = NORMAL');
  core.db.pragma('cache_size = -2000');
  return accounts;
}

async function measureQueries(core: TempCore, accounts: readonly SeedAccount[], runs: number) {
  const call = async (args: Record<string, unknown>) => {
    const result = (await core.dispatch('dashboard:summary', args)) as Result<unknown>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const whole = await timeAsync(runs, () => call({}));
  const provider = await timeAsync(runs, () => call({ provider: 'duomai' }));
  const account = await timeAsync(runs, () => call({ accountId: accounts[0]!.id }));
  const directRuns = Math.max(3, Math.min(10, Math.floor(runs / 20)));
  const direct = timeSync(directRuns, () => directSummary(core.db, NOW));
  const plainGroupBy = timeSync(3, () => core.db.prepare('SELECT provider, currency, status, count(*), SUM(total), SUM(refunded) FROM orders GROUP BY 1, 2, 3').all());
  return { whole, provider, account, direct, plainGroupBy };
}

// ── trigger write cost ──────────────────────────────────────────────────────────────────────────────

interface Page {
  readonly accountIndex: number;
  readonly batch: RecordBatch;
}

/** `name` null: an in-memory database (no I/O in the measurement). */
function freshLedger(dir: string, name: string | null, withTriggers: boolean): { db: Db; store: RecordStore; accounts: SeedAccount[] } {
  const db = openDatabase(name === null ? ':memory:' : path.join(dir, name));
  migrate(db);
  if (!withTriggers) {
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup%'").pluck().all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t}`);
  }
  const store = new RecordStore(db, { encrypt: (s) => Buffer.from(s), fingerprint: (s) => s });
  return { db, store, accounts: insertSeedAccounts(db) };
}

/**
 * Sync-shaped pages of up to 1000 orders per account with their facts; with `moved`, every order again
 * with another status and total (an update that moves its rollup row: two upserts).
 */
function pagesOf(orders: number, accounts: readonly SeedAccount[], moved: boolean): Page[] {
  const pages: Page[] = [];
  for (let chunk = 0; chunk < orders; chunk += 1000) {
    const perAccount = new Map<number, RecordBatch[]>();
    for (let i = chunk; i < Math.min(orders, chunk + 1000); i++) {
      const s = seededOrder(i, accounts, { count: orders, startMs: START_MS, spanDays: SPAN_DAYS });
      let batch = s.batch;
      if (moved) {
        const total = s.record.total ? { ...s.record.total, scaled: s.record.total.scaled + 100 } : null;
        const completed = s.record.status === 'completed';
        const record: OrderRecord = { ...s.record, status: completed ? 'refunded' : 'completed', total, refunded: completed ? total : null };
        batch = { orders: [record], cards: [], commissions: [], settlements: [], flows: [] };
      }
      perAccount.set(s.accountIndex, [...(perAccount.get(s.accountIndex) ?? []), batch]);
    }
    for (const [accountIndex, list] of perAccount) {
      pages.push({
        accountIndex,
        batch: {
          orders: list.flatMap((b) => b.orders),
          cards: list.flatMap((b) => b.cards),
          commissions: list.flatMap((b) => b.commissions),
          settlements: list.flatMap((b) => b.settlements),
          flows: list.flatMap((b) => b.flows),
        },
      });
    }
  }
  return pages;
}

/** CPU milliseconds of `fn` (user + system): steadier than wall time on a shared machine. */
function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function commitAll(store: RecordStore, accounts: readonly SeedAccount[], pages: readonly Page[]): number {
  return cpuMs(() => {
    for (const p of pages) {
      const a = accounts[p.accountIndex]!;
      store.commitPage({ accountId: a.id, provider: a.provider, runId: null, counters: COUNTERS() }, p.batch, undefined, NOW);
    }
  });
}

/** The store path on a file database, one transaction per page as sync commits: inserts, then every order moved. */
function storePass(dir: string, name: string, withTriggers: boolean, inserts: readonly Page[], moves: readonly Page[]) {
  const { db, store, accounts } = freshLedger(dir, name, withTriggers);
  try {
    const insertMs = commitAll(store, accounts, inserts);
    const updateMs = commitAll(store, accounts, moves);
    const rolled = db.prepare('SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM commissions) + (SELECT count(*) FROM settlement_changes)').pluck().get() as number;
    return { insertMs, updateMs, rolled };
  } finally {
    db.close();
  }
}

/** Bare order rows on the full schema, in memory: insert, re-price (same rollup key) and move (another status). */
function rawLedger(withTriggers: boolean) {
  const { db, accounts } = freshLedger('', null, withTriggers);
  const insert = db.prepare(
    `INSERT INTO orders (account_id, provider, order_no, status, status_raw, currency, total, created_at, raw, content_hash, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, 'completed', '3', 'CNY', ?, ?, '{}', 'h', 0, 0)`,
  );
  const reprice = db.prepare('UPDATE orders SET total = total + 1 WHERE id = ?');
  const move = db.prepare("UPDATE orders SET status = CASE status WHEN 'completed' THEN 'refunded' ELSE 'completed' END, refunded = total WHERE id = ?");
  let rows = 0;
  const inTx = (k: number, fn: (i: number) => void) => cpuMs(() => db.transaction(() => { for (let i = 0; i < k; i++) fn(i); })());
  return {
    insert: (k: number) =>
      inTx(k, () => {
        const a = accounts[rows % accounts.length]!;
        insert.run(a.id, a.provider, `R${rows}`, 10_000 + rows, START_MS + (rows % SPAN_DAYS) * DAY);
        rows += 1;
      }),
    reprice: (k: number) => inTx(k, (i) => reprice.run(1 + ((i * 7919) % rows))),
    move: (k: number) => inTx(k, (i) => move.run(1 + ((i * 7919) % rows))),
    close: () => db.close(),
  };
}

/** The triggers alone: the two ledgers take turns, chunk by chunk; µs per row from the median chunks. */
function measureTriggers(chunk: number, rounds: number) {
  const ledgers = { with: rawLedger(true), without: rawLedger(false) };
  const ops = ['insert', 'reprice', 'move'] as const;
  const times = { with: { insert: [] as number[], reprice: [] as number[], move: [] as number[] }, without: { insert: [] as number[], reprice: [] as number[], move: [] as number[] } };
  try {
    ledgers.with.insert(chunk * 4);
    ledgers.without.insert(chunk * 4);
    for (let round = 0; round < rounds; round++) {
      for (const variant of round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
        for (const op of ops) times[variant][op].push(ledgers[variant][op](chunk));
      }
    }
  } finally {
    ledgers.with.close();
    ledgers.without.close();
  }
  const perRow = (variant: 'with' | 'without', op: (typeof ops)[number]) => (median(times[variant][op]) * 1000) / chunk;
  const round2 = (v: number) => Math.round(v * 100) / 100;
  return Object.fromEntries(
    ops.map((op) => [op, { withUs: round2(perRow('with', op)), withoutUs: round2(perRow('without', op)), triggerUs: round2(perRow('with', op) - perRow('without', op)) }]),
  ) as Record<(typeof ops)[number], { withUs: number; withoutUs: number; triggerUs: number }>;
}

function measureWriteCost(orders: number, rounds: number, log: (line: string) => void) {
  const trigger = measureTriggers(5_000, 12);
  log(`dashboard: triggers alone (CPU µs per row): insert +${trigger.insert.triggerUs}, same-key update +${trigger.reprice.triggerUs}, moving update +${trigger.move.triggerUs}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-dashboard-write-'));
  const runs = { with: { insertMs: [] as number[], updateMs: [] as number[] }, without: { insertMs: [] as number[], updateMs: [] as number[] } };
  let rolled = 0;
  try {
    // Page shapes only need the account list; ids are the same in every fresh ledger.
    const shape = freshLedger(dir, null, true);
    const inserts = pagesOf(orders, shape.accounts, false);
    const moves = pagesOf(orders, shape.accounts, true);
    shape.db.close();
    for (let round = 0; round < rounds; round++) {
      for (const variant of round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
        const r = storePass(dir, `store-${variant}-${round}.sqlite3`, variant === 'with', inserts, moves);
        runs[variant].insertMs.push(r.insertMs);
        runs[variant].updateMs.push(r.updateMs);
        rolled = r.rolled;
        log(`dashboard: store round ${round + 1}, ${variant} triggers: insert ${Math.round(r.insertMs)} ms CPU, update ${Math.round(r.updateMs)} ms CPU`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const best = (variant: 'with' | 'without', key: 'insertMs' | 'updateMs') => Math.min(...runs[variant][key]);
  const pct = (key: 'insertMs' | 'updateMs') => Math.round(((best('with', key) - best('without', key)) / best('without', key)) * 1000) / 10;
  return {
    trigger,
    store: {
      orders,
      rolledRows: rolled,
      insertCpuMs: { withTriggers: Math.round(best('with', 'insertMs')), without: Math.round(best('without', 'insertMs')) },
      updateCpuMs: { withTriggers: Math.round(best('with', 'updateMs')), without: Math.round(best('without', 'updateMs')) },
      insertOverheadPct: pct('insertMs'),
      updateOverheadPct: pct('updateMs'),
    },
  };
}

/** Seeds, measures, and returns the figures for `npm run bench` (`query.dashboard*`, `write.rollup*`). */
export async function runDashboardBench(options: DashboardBenchOptions = {}): Promise<Record<string, number | object>> {
  const scale = options.scale ?? 1_000_000;
  const runs = options.runs ?? 200;
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-dashboard-bench-'));
  const core = await openTempCore({ dataDir, now: () => NOW });
  let query: Awaited<ReturnType<typeof measureQueries>>;
  let seedMs: number;
  try {
    const t0 = performance.now();
    const accounts = seedLedger(core, scale, log);
    seedMs = Math.round(performance.now() - t0);
    query = await measureQueries(core, accounts, runs);
    log(`dashboard: summary p50 ${query.whole.p50} ms, p95 ${query.whole.p95} ms; direct GROUP BY ${query.direct.p50} ms; plain GROUP BY ${query.plainGroupBy.p50} ms`);
  } finally {
    const keepAlive = setInterval(() => undefined, 1000);
    await core.cleanup().finally(() => clearInterval(keepAlive));
  }
  const write = measureWriteCost(Math.min(scale, options.writeOrders ?? 40_000), options.writeRounds ?? 3, log);
  log(`dashboard: store path with triggers: +${write.store.insertOverheadPct}% CPU on inserts, +${write.store.updateOverheadPct}% on updates`);
  return {
    'query.dashboardP95Ms': Math.max(query.whole.p95, query.provider.p95, query.account.p95),
    'query.dashboardP50Ms': query.whole.p50,
    'query.dashboardDirectMs': query.direct.p50,
    'write.rollupTriggerInsertUs': write.trigger.insert.triggerUs,
    'write.rollupTriggerUpdateUs': write.trigger.reprice.triggerUs,
    'write.rollupTriggerMoveUs': write.trigger.move.triggerUs,
    'write.rollupStoreOverheadPct': write.store.insertOverheadPct,
    dashboard: { scale, seedMs, runs, query, write },
  };
}
