/**
 * Query benchmark of the read side: seeds `scale` orders (default 1,000,000) with their cards,
 * commissions, settlement revisions and flows through RecordStore.commitPage — many pages per outer
 * transaction, the bulk path through the same repositories — then times first pages of typical
 * order lists and searches through the real dispatcher (validation + SQL + mapping), as a view would.
 *
 * Result: `query.p95Ms` is the worst p95 among the list queries, `query.searchP95Ms` the worst p95
 * among the searches; `breakdown` has p50/p95, rows and execution plan per query, plus seed facts.
 * Targets (issue 5): list < 10 ms, search < 50 ms at 1,000,000 orders.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OrderListItemView, PageView } from '../../src-main/api/channels/records.js';
import type { Result } from '../../src-main/api/result.js';
import { OrdersQueryRepository, type OrderFilter, type OrderSort } from '../../src-main/db/repositories/orders-query-repository.js';
import { indexPendingOrders } from '../../src-main/db/search-index.js';
import { parseScaled } from '../../src-main/domain/money.js';
import { COMMON_TERM, insertSeedAccounts, RARE_TERM, seedOrders, seededOrder, SHORT_TERM, type SeedAccount } from '../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../support/temp-core.js';

export interface QueryBenchOptions {
  /** Orders to seed (default 1,000,000). */
  readonly scale?: number;
  /** Timed repetitions per query (default 40). */
  readonly runs?: number;
  /** Keep the seeded ledger here and reuse it next time when it holds exactly `scale` orders. */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

interface QuerySpec {
  readonly name: string;
  readonly channel: string;
  readonly args: Record<string, unknown>;
  readonly kind: 'list' | 'search' | 'other';
}

const SEED_CHUNK = 50_000;
const START_MS = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 730;
const DAY = 86_400_000;

/** The p-th percentile of ascending samples, rounded to µs. */
export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 1000) / 1000;
}

function seed(core: TempCore, scale: number, log: (line: string) => void): SeedAccount[] {
  const accounts = insertSeedAccounts(core.db);
  // Seeding only: big page cache and no fsync; restored before anything is measured.
  core.db.pragma('cache_size = -1000000');
  core.db.pragma('synchronous = OFF');
  const started = performance.now();
  for (let from = 0; from < scale; from += SEED_CHUNK) {
    const to = Math.min(scale, from + SEED_CHUNK);
    core.db.transaction(() => seedOrders(core.store, accounts, { count: scale, from, to, keep: false, startMs: START_MS, spanDays: SPAN_DAYS }))();
    log(`seeded ${to}/${scale} orders in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  // The search index is filled from its queue (normally by the background worker): finish it here,
  // so nothing is left for the worker while queries are timed.
  indexPendingOrders(core.db);
  log(`indexed the seeded orders for search in ${Math.round((performance.now() - started) / 1000)} s`);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.db.pragma('synchronous = NORMAL');
  core.db.pragma('cache_size = -2000');
  return accounts;
}

function specs(accounts: readonly SeedAccount[], scale: number, partialOrderNo: string): QuerySpec[] {
  const end = START_MS + SPAN_DAYS * DAY;
  const list = (name: string, args: Record<string, unknown>): QuerySpec => ({ name, channel: 'orders:list', args: { limit: 100, ...args }, kind: 'list' });
  const search = (name: string, args: Record<string, unknown>): QuerySpec => ({ name, channel: 'orders:list', args: { limit: 100, ...args }, kind: 'search' });
  const other = (name: string, channel: string, args: Record<string, unknown>): QuerySpec => ({ name, channel, args, kind: 'other' });
  const duomaiB = accounts.find((a) => a.name === '多麦-B')!;
  return [
    list('orders newest first', {}),
    list('orders of one provider', { provider: 'duomai' }),
    list('orders of one account, completed', { accountId: accounts[0]!.id, status: ['completed'] }),
    list('orders refunded or failed', { status: ['refunded', 'failed'] }),
    list('orders last 30 days', { createdFrom: end - 30 * DAY, createdTo: end }),
    list('orders by amount, largest first', { sort: 'total_desc' }),
    list('orders of a provider by amount, smallest first', { provider: 'kuaimai', sort: 'total_asc' }),
    list('orders recently updated', { sort: 'updated_desc' }),
    list('orders oldest first, pending', { sort: 'created_asc', status: ['pending'] }),
    list('orders ¥100–¥200', { totalMin: '100', totalMax: '200' }),
    list('orders of one week by amount', { createdFrom: end - 7 * DAY, createdTo: end, sort: 'total_desc' }),
    list('orders small account, cancelled, last 90 days', { accountId: duomaiB.id, status: ['cancelled'], createdFrom: end - 90 * DAY }),
    search('search rare term', { q: RARE_TERM }),
    search(`search common term (1/6 of orders)`, { q: COMMON_TERM }),
    search('search partial order number', { q: partialOrderNo }),
    search('search 2-character word', { q: SHORT_TERM }),
    search('search common term in one account by amount', { q: COMMON_TERM, accountId: accounts[1]!.id, sort: 'total_desc' }),
    other('cards first page', 'cards:list', { limit: 100 }),
    other('cards of one account, completed orders', 'cards:list', { accountId: accounts[0]!.id, orderStatus: ['completed'], limit: 100 }),
    other('commissions first page', 'commissions:list', { limit: 100 }),
    other('commissions of one beneficiary, level 0', 'commissions:list', { beneficiary: '张伟', level: 0, limit: 100 }),
    other('settlements first page', 'settlements:list', { limit: 100 }),
    other('flows first page', 'flows:list', { limit: 100 }),
    other('commission summary, last 30 days', 'commissions:summary', { earnedFrom: end - 30 * DAY, earnedTo: end }),
    other(`commission summary, whole ledger (${scale} orders)`, 'commissions:summary', {}),
  ];
}

function toFilter(args: Record<string, unknown>): { filter: OrderFilter; sort: OrderSort } {
  const money = (v: unknown) => (typeof v === 'string' ? (parseScaled(v) ?? undefined) : undefined);
  return {
    filter: {
      accountId: args.accountId as number | undefined,
      provider: args.provider as OrderFilter['provider'],
      statuses: args.status as OrderFilter['statuses'],
      createdFrom: args.createdFrom as number | undefined,
      createdTo: args.createdTo as number | undefined,
      totalMin: money(args.totalMin),
      totalMax: money(args.totalMax),
      q: args.q as string | undefined,
    },
    sort: (args.sort as OrderSort | undefined) ?? 'created_desc',
  };
}

async function measure(core: TempCore, spec: QuerySpec, runs: number): Promise<{ p50: number; p95: number; rows: number }> {
  const call = async () => {
    const result = (await core.dispatch(spec.channel, spec.args)) as Result<unknown>;
    if (!result.ok) throw new Error(`${spec.name}: ${result.error.message}`);
    return result.value;
  };
  const value = await call();
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const rows = Array.isArray(value) ? value.length : ((value as PageView<unknown>).items?.length ?? 0);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows };
}

/** Opens (seeding it first unless `options.dataDir` already holds exactly `scale` orders) the bench ledger. */
export async function openLedger(options: Pick<QueryBenchOptions, 'dataDir'>, scale: number, log: (line: string) => void) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ml-query-bench-'));
  const reuse = options.dataDir !== undefined && existsSync(path.join(dataDir, 'ledger.sqlite3'));
  const core = await openTempCore({ dataDir });
  let accounts: SeedAccount[];
  let seedMs = 0;
  const count = (core.db.prepare('SELECT count(*) FROM orders').pluck().get() as number) ?? 0;
  if (reuse && count === scale) {
    accounts = (core.db.prepare('SELECT id, provider, name FROM accounts ORDER BY id').all() as SeedAccount[]).slice(0, 6);
    log(`reusing ${count} seeded orders in ${dataDir}`);
  } else {
    if (count !== 0) throw new Error(`${dataDir} holds ${count} orders, not ${scale}: use an empty folder`);
    const t0 = performance.now();
    accounts = seed(core, scale, log);
    seedMs = Math.round(performance.now() - t0);
  }
  const cleanup = async () => (options.dataDir === undefined ? core.cleanup() : core.close());
  return { core, accounts, seedMs, dataDir, cleanup };
}

/** Seeds, measures, and returns the figures for `npm run bench`. */
export async function runQueryBench(options: QueryBenchOptions = {}): Promise<Record<string, number | object>> {
  const scale = options.scale ?? 1_000_000;
  const runs = options.runs ?? 40;
  const log = options.log ?? (() => undefined);
  const { core, accounts, seedMs, dataDir, cleanup } = await openLedger(options, scale, log);
  try {
    const probe = seededOrder(Math.floor(scale / 3), accounts, { count: scale, startMs: START_MS, spanDays: SPAN_DAYS }).record.orderNo;
    const partial = probe.slice(Math.max(0, probe.length - 12), probe.length - 2);
    const repo = new OrdersQueryRepository(core.db);
    const breakdown: Record<string, object> = {};
    let listP95 = 0;
    let searchP95 = 0;
    for (const spec of specs(accounts, scale, partial)) {
      const result = await measure(core, spec, runs);
      const plan = spec.channel === 'orders:list' ? repo.list(toFilter(spec.args).filter, toFilter(spec.args).sort, null, 101).plan : undefined;
      breakdown[spec.name] = { ...result, ...(plan ? { plan } : {}) };
      if (spec.kind === 'list') listP95 = Math.max(listP95, result.p95);
      if (spec.kind === 'search') searchP95 = Math.max(searchP95, result.p95);
      log(`${spec.name}: p50 ${result.p50} ms, p95 ${result.p95} ms, ${result.rows} rows${plan ? ` (${plan})` : ''}`);
    }
    const deep = await deepPage(core, runs);
    breakdown['orders page 50 (keyset)'] = deep;
    listP95 = Math.max(listP95, deep.p95);
    const file = path.join(dataDir, 'ledger.sqlite3');
    breakdown.seed = { scale, seedMs, dbMegabytes: Math.round(statSync(file).size / 1_048_576), runs };
    return { 'query.p95Ms': listP95, 'query.searchP95Ms': searchP95, breakdown };
  } finally {
    // core.close() waits for the checkpoint worker, which is unref'd: keep the loop alive meanwhile,
    // or a script whose last await this is can end with exit code 13 (unsettled top-level await).
    const keepAlive = setInterval(() => undefined, 1000);
    await cleanup().finally(() => clearInterval(keepAlive));
  }
}

/** The 50th page, reached through cursors: keyset pages cost the same at any depth. */
async function deepPage(core: TempCore, runs: number): Promise<{ p50: number; p95: number; rows: number }> {
  let cursor: string | null = null;
  for (let page = 1; page < 50; page++) {
    const result = (await core.dispatch('orders:list', { limit: 100, ...(cursor ? { cursor } : {}) })) as Result<PageView<OrderListItemView>>;
    if (!result.ok) throw new Error(result.error.message);
    cursor = result.value.nextCursor;
    if (cursor === null) break;
  }
  return measure(core, { name: 'orders page 50 (keyset)', channel: 'orders:list', args: { limit: 100, ...(cursor ? { cursor } : {}) }, kind: 'list' }, runs);
}

// `tsx test/bench/query-bench.ts [scale] [dataDir]` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const scale = Number(process.argv[2] ?? 1_000_000);
  const result = await runQueryBench({ scale, ...(process.argv[3] ? { dataDir: process.argv[3] } : {}), log: (line) => console.log(line) });
  console.log(JSON.stringify(result, null, 2));
}
