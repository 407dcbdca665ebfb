import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';
import type { ExportJobView } from '../../../src-main/api/channels/export.js';
import { openDatabase } from '../../../src-main/db/connection.js';
import { AuditRepository } from '../../../src-main/db/repositories/audit-repository.js';
import { parseCsv } from '../../support/export-support.js';
import { insertSeedAccounts, seedOrders } from '../../support/ledger-seed.js';
import { openTempCore } from '../../support/temp-core.js';

const COUNT = 240;

describe('CLI export', () => {
  let dataDir: string;
  let outDir: string;

  function cli(args: string[], tty = false): Promise<CliRun> {
    return runCliCaptured(['--data-dir', dataDir, ...args], { tty });
  }

  function csv(file: string): string[][] {
    return parseCsv(readFileSync(file, 'utf8').slice(1));
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-export-'));
    outDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-export-out-'));
    const core = await openTempCore({ dataDir });
    seedOrders(core.store, insertSeedAccounts(core.db), { count: COUNT, startMs: Date.UTC(2024, 0, 1), spanDays: 60 });
    await core.close();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('exports orders to the --out file, with a progress line on a terminal', async () => {
    const out = path.join(outDir, '订单.csv');
    const run = await cli(['export', '--kind', 'orders', '--format', 'csv', '--out', out], true);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`已导出 ${COUNT} 行`);
    expect(run.stdout).toContain(out);
    expect(run.stderr).toContain('\r\u001b[2K导出 export');
    expect(run.stderr).toMatch(/行 rows/);
    expect(csv(out)).toHaveLength(COUNT + 1);
  });

  it('--json prints the finished job; the format follows the --out extension; filters apply', async () => {
    const out = path.join(outDir, 'duomai.xlsx');
    const run = await cli(['export', '--kind', 'orders', '--out', out, '--provider', 'duomai', '--status', 'completed,refunded', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const job = JSON.parse(run.stdout) as ExportJobView;
    const db = openDatabase(path.join(dataDir, 'ledger.sqlite3'));
    try {
      const expected = db.prepare("SELECT count(*) FROM orders WHERE provider = 'duomai' AND status IN ('completed', 'refunded')").pluck().get();
      expect(job).toMatchObject({ status: 'succeeded', format: 'xlsx', kind: 'orders', file: out, rows: expected });
    } finally {
      db.close();
    }
    expect(existsSync(out)).toBe(true);
  });

  it('without --out the file goes to the exports folder of the data directory', async () => {
    const run = await cli(['export', '--kind', 'commissions', '--format', 'csv', '--json']);
    expect(run.code).toBe(0);
    const job = JSON.parse(run.stdout) as ExportJobView;
    expect(path.dirname(job.file)).toBe(path.join(dataDir, 'exports'));
    expect(readdirSync(path.join(dataDir, 'exports'))).toContain(path.basename(job.file));
  });

  it('--include-passwords writes the password column, warns and is audit-logged', async () => {
    const out = path.join(outDir, 'cards.csv');
    const run = await cli(['export', '--kind', 'cards', '--out', out, '--include-passwords']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('审计日志');
    const rows = csv(out);
    const col = rows[0]!.indexOf('密码 password');
    expect(col).toBeGreaterThan(0);
    expect(rows.slice(1).every((r) => /^pw-\d+-\d{6}$/.test(r[col]!))).toBe(true);
    const db = openDatabase(path.join(dataDir, 'ledger.sqlite3'));
    try {
      expect(new AuditRepository(db).recent(10, 'export.passwords')).toEqual([expect.objectContaining({ actor: 'cli', details: expect.objectContaining({ kind: 'cards', file: out }) })]);
    } finally {
      db.close();
    }
  });

  it('reports export with --report, --from and --to', async () => {
    const out = path.join(outDir, 'revenue.csv');
    const run = await cli(['export', '--kind', 'report', '--report', 'revenue', '--from', '2024-01-01', '--to', '2024-03-31', '--group', 'month', '--out', out]);
    expect(run.code).toBe(0);
    const rows = csv(out);
    expect(rows[0]![0]).toBe('期间 period');
    expect(rows.some((r) => r[0] === '合计 total')).toBe(true);
  });

  it('refuses what does not fit: a filter of another kind, an unknown format, passwords outside cards', async () => {
    const tid = await cli(['export', '--kind', 'orders', '--tid', '1', '--out', path.join(outDir, 'x.csv')]);
    expect(tid.code).not.toBe(0);
    expect(tid.stderr).toContain('--tid');
    const format = await cli(['export', '--kind', 'orders', '--out', path.join(outDir, 'x.txt')]);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain('--format');
    const passwords = await cli(['export', '--kind', 'orders', '--format', 'csv', '--include-passwords']);
    expect(passwords.code).not.toBe(0);
    const report = await cli(['export', '--kind', 'report', '--format', 'csv', '--report', 'revenue']);
    expect(report.code).not.toBe(0);
    expect(report.stderr).toContain('--from');
    expect(existsSync(path.join(outDir, 'x.csv'))).toBe(false);
  });
});
