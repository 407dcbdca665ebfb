/**
 * Export benchmark: seeds `scale` orders (default 1,000,000) through RecordStore.commitPage (orders
 * only: many pages per outer transaction, no fsync while seeding), then exports all of them through
 * `export:start` to CSV and to XLSX, each in a fresh child process so the peak memory measured is the
 * export's own.
 *
 * Result: `export.csvSeconds`, `export.xlsxSeconds` (start → file complete), `export.peakRssMb` (the
 * larger peak RSS of the two export processes); `export` has rows, file sizes, the longest
 * event-loop stall of each export and seed facts. Targets (issue 6): CSV < 10 s, XLSX < 60 s,
 * peak < 500 MB at 1,000,000 orders.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedOrdersOnly } from '../support/export-support.js';
import { insertSeedAccounts } from '../support/ledger-seed.js';
import { openTempCore } from '../support/temp-core.js';

export interface ExportBenchOptions {
  /** Orders to seed (default 1,000,000). */
  readonly scale?: number;
  /** Keep the seeded ledger here and reuse it next time when it holds exactly `scale` orders. */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

interface ChildResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly bytes: number;
  readonly peakRssMb: number;
  readonly maxStallMs: number;
  readonly p99StallMs: number;
}

const root = path.resolve(import.meta.dirname, '../..');

async function seedIfNeeded(dataDir: string, scale: number, log: (line: string) => void): Promise<number> {
  const core = await openTempCore({ dataDir, face: 'cli' });
  try {
    const count = core.db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
    if (count === scale) {
      log(`reusing ${count} seeded orders in ${dataDir}`);
      return 0;
    }
    if (count !== 0) throw new Error(`${dataDir} holds ${count} orders, not ${scale}: use an empty folder`);
    const accounts = insertSeedAccounts(core.db);
    core.db.pragma('cache_size = -1000000');
    core.db.pragma('synchronous = OFF');
    const t0 = performance.now();
    seedOrdersOnly(core.db, core.store, accounts, {
      count: scale,
      startMs: Date.UTC(2023, 0, 1),
      spanDays: 730,
      perTransaction: 50_000,
      onProgress: (done) => log(`seeded ${done}/${scale} orders in ${Math.round((performance.now() - t0) / 1000)} s`),
    });
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.db.pragma('synchronous = NORMAL');
    return Math.round(performance.now() - t0);
  } finally {
    const keepAlive = setInterval(() => undefined, 1000);
    await core.close().finally(() => clearInterval(keepAlive));
  }
}

function measure(dataDir: string, format: 'csv' | 'xlsx'): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/bench/export-bench-child.ts'), dataDir, format], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`${format} export process exited ${code}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

/** Seeds, measures, and returns the figures for `npm run bench -- --only export`. */
export async function runExportBench(options: ExportBenchOptions = {}): Promise<Record<string, number | object>> {
  const scale = options.scale ?? 1_000_000;
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ml-export-bench-'));
  try {
    const seedMs = await seedIfNeeded(dataDir, scale, log);
    log(`exporting ${scale} orders to CSV…`);
    const csv = await measure(dataDir, 'csv');
    log(`CSV: ${csv.seconds} s (${csv.cpuSeconds} s CPU), ${Math.round(csv.bytes / 1_048_576)} MB, peak RSS ${csv.peakRssMb} MB, longest stall ${csv.maxStallMs} ms (p99 ${csv.p99StallMs} ms)`);
    log(`exporting ${scale} orders to XLSX…`);
    const xlsx = await measure(dataDir, 'xlsx');
    log(`XLSX: ${xlsx.seconds} s (${xlsx.cpuSeconds} s CPU), ${Math.round(xlsx.bytes / 1_048_576)} MB, peak RSS ${xlsx.peakRssMb} MB, longest stall ${xlsx.maxStallMs} ms (p99 ${xlsx.p99StallMs} ms)`);
    for (const result of [csv, xlsx]) if (result.rows !== scale) throw new Error(`exported ${result.rows} rows of ${scale}`);
    return {
      'export.csvSeconds': csv.seconds,
      'export.xlsxSeconds': xlsx.seconds,
      'export.peakRssMb': Math.max(csv.peakRssMb, xlsx.peakRssMb),
      export: { csv, xlsx, seed: { scale, seedMs } },
    };
  } finally {
    if (options.dataDir === undefined && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  }
}
