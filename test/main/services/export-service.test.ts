/**
 * `export:*` over a real core with a small ledger (orders and every kind of fact): who may choose a
 * path, filters equal the list channels', card passwords only on request and audited, every kind and
 * reports, CSV quoting and the formula guard, XLSX text/number edge cases and the sheet rollover.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobView, ExportStartArgs, ExportStartedView } from '../../../src-main/api/channels/export.js';
import type { OrderListItemView, PageView } from '../../../src-main/api/channels/records.js';
import type { ReportView } from '../../../src-main/api/channels/reports.js';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import type { Result } from '../../../src-main/api/result.js';
import { AccountsRepository } from '../../../src-main/db/repositories/accounts-repository.js';
import { AuditRepository } from '../../../src-main/db/repositories/audit-repository.js';
import { OrderExportRows } from '../../../src-main/db/repositories/export-order-rows.js';
import { ExportRepository } from '../../../src-main/db/repositories/export-repository.js';
import { ReportsRepository } from '../../../src-main/db/repositories/reports-repository.js';
import { money } from '../../../src-main/domain/money.js';
import type { OrderRecord } from '../../../src-main/domain/models.js';
import { toShanghaiWallTime } from '../../../src-main/domain/time.js';
import { ExportService } from '../../../src-main/services/export-service.js';
import { createHandlers } from '../../../src-main/services/handlers.js';
import { createRecordServices } from '../../../src-main/services/record-services.js';
import { ReportService } from '../../../src-main/services/report-service.js';
import { dispatch } from '../../support/core-calls.js';
import { commitOrders, parseCsv, scaled4 } from '../../support/export-support.js';
import { insertSeedAccounts, seedOrders, type SeedAccount, type SeededOrder } from '../../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

const COUNT = 600;
const TRICKY_TITLE = '含,逗号 "引号"\r\n第二行 <b>&amp;</b>';
const FORMULA_BUYER = '=HYPERLINK("http://evil.example","点我")';
const CONTROL_TITLE = '控制\u0001字符\u0008';
const BIG_TOTAL = 1_234_567_890_123_456; // 123,456,789,012.3456: 16 significant digits
const DST_1988 = Date.UTC(1988, 6, 1, 4, 30, 0); // Shanghai observed DST (UTC+9) that summer

function special(orderNo: string, fields: Partial<OrderRecord>): OrderRecord {
  return {
    orderNo,
    externalOrderNo: null,
    status: 'completed',
    statusRaw: '3',
    title: null,
    buyer: null,
    total: money(12_3400, 'CNY'),
    paid: null,
    refunded: null,
    commission: null,
    createdAt: Date.UTC(2024, 0, 1),
    updatedAt: null,
    paidAt: null,
    items: [],
    raw: JSON.stringify({ order_sn: orderNo }),
    ...fields,
  };
}

describe('export service', () => {
  let core: TempCore;
  let accounts: SeedAccount[];
  let seeded: SeededOrder[];
  let outDir: string;
  const web = () => createDispatcher(createHandlers(core.services));

  const call = <T>(channel: string, args: unknown) => dispatch<T>(core, channel, args);

  async function fail(channel: string, args: unknown): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
    const result = await core.dispatch(channel, args);
    if (result.ok) throw new Error(`${channel} should have failed`);
    return result.error;
  }

  async function exported(args: Record<string, unknown>): Promise<ExportJobView> {
    const started = await call<ExportStartedView>('export:start', args);
    const job = await core.services.exports.wait(started.jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    return job;
  }

  async function csvRows(args: Record<string, unknown>): Promise<string[][]> {
    const job = await exported({ format: 'csv', ...args });
    const text = readFileSync(job.file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(job.rows + 1);
    return rows;
  }

  async function workbook(args: Record<string, unknown>): Promise<ExcelJS.Workbook> {
    const job = await exported({ format: 'xlsx', ...args });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(job.file);
    return book;
  }

  /** A second service over the same core, with test knobs. */
  function newService(knobs: { pageSize?: number; maxRowsPerSheet?: number } = {}): ExportService {
    return new ExportService({
      dataDir: core.dataDir,
      sources: {
        records: createRecordServices({ db: core.db, decrypt: (b) => core.vault.decrypt(b), now: Date.now }),
        orderRows: new OrderExportRows(core.db),
        accounts: new AccountsRepository(core.db),
        reports: new ReportService({ reports: new ReportsRepository(core.db) }),
        exports: new ExportRepository(core.db),
        decrypt: (b) => core.vault.decrypt(b),
      },
      audit: new AuditRepository(core.db),
      events: core.events,
      now: Date.now,
      ...knobs,
    });
  }

  function auditCount(): number {
    return new AuditRepository(core.db).recent(1000, 'export.passwords').length;
  }

  beforeAll(async () => {
    core = await openTempCore({ face: 'cli' });
    accounts = insertSeedAccounts(core.db);
    seeded = seedOrders(core.store, accounts, { count: COUNT, startMs: Date.UTC(2024, 0, 1), spanDays: 90 });
    commitOrders(core.store, accounts[0]!, [
      special('SPECIAL-TRICKY', { title: TRICKY_TITLE, buyer: FORMULA_BUYER }),
      special('SPECIAL-CONTROL', { title: CONTROL_TITLE, buyer: '  前后空格  ' }),
      special('SPECIAL-BIG', { total: money(BIG_TOTAL, 'CNY'), paid: money(-1, 'CNY') }),
      special('SPECIAL-1988', { createdAt: DST_1988 }),
    ]);
    outDir = mkdtempSync(path.join(os.tmpdir(), 'ml-export-out-'));
  });
  afterAll(async () => {
    await core?.cleanup();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('the web face cannot choose a path; its exports go to the exports folder', async () => {
    const target = path.join(outDir, 'web.csv');
    const refused = await web()('export:start', { kind: 'orders', format: 'csv', filters: {}, target }, { face: 'web' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'validation', details: { problem: 'web-path' } });
    expect(existsSync(target)).toBe(false);

    const started = await web()('export:start', { kind: 'orders', format: 'csv', filters: {} }, { face: 'web' });
    expect(started.ok).toBe(true);
    const job = await core.services.exports.wait((started as { value: ExportStartedView }).value.jobId);
    expect(job.status).toBe('succeeded');
    expect(path.dirname(job.file)).toBe(path.join(core.dataDir, 'exports'));
    expect(path.basename(job.file)).toMatch(/^orders-\d{8}-\d{6}-[0-9a-f]{8}\.csv$/);
  });

  it('the CLI face writes to an absolute target of the right type, and nowhere else', async () => {
    expect((await fail('export:start', { kind: 'orders', format: 'csv', filters: {}, target: 'relative.csv' })).code).toBe('validation');
    expect((await fail('export:start', { kind: 'orders', format: 'csv', filters: {}, target: path.join(outDir, 'x.xlsx') })).code).toBe('validation');
    expect((await fail('export:start', { kind: 'orders', format: 'csv', filters: {}, target: path.join(outDir, 'nope', 'x.csv') })).code).toBe('not_found');
    const target = path.join(outDir, '订单.csv');
    const job = await exported({ kind: 'orders', format: 'csv', filters: {}, target });
    expect(job.file).toBe(target);
    expect(job.rows).toBe(COUNT + 4);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  const START = Date.UTC(2024, 0, 1);
  const DAY = 86_400_000;
  const orderFilters: [string, () => Record<string, unknown>][] = [
    ['no filter', () => ({})],
    ['provider, statuses, amount sort, minimum', () => ({ provider: 'duomai', status: ['completed', 'refunded'], sort: 'total_desc', totalMin: '10.5' })],
    ['account and one status', () => ({ accountId: accounts[1]!.id, status: ['completed'] })],
    ['three statuses (merged arms)', () => ({ status: ['completed', 'refunded', 'cancelled'] })],
    ['five statuses (row by row)', () => ({ status: ['completed', 'refunded', 'cancelled', 'pending', 'processing'] })],
    ['trigram search', () => ({ q: '话费充值' })],
    ['two-character word', () => ({ q: '话费' })],
    ['order-number prefix', () => ({ q: 'KS' })],
    ['amount range, smallest first', () => ({ totalMin: '100', totalMax: '500', sort: 'total_asc' })],
    ['recently updated', () => ({ sort: 'updated_desc' })],
    ['USD, oldest first', () => ({ currency: 'USD', sort: 'created_asc' })],
    ['one month by amount', () => ({ createdFrom: START + 30 * DAY, createdTo: START + 60 * DAY, sort: 'total_desc' })],
  ];

  it.each(orderFilters)('orders (%s): exactly the rows and order of orders:list', async (_name, filtersOf) => {
    const filters = filtersOf();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageView<OrderListItemView> = await call('orders:list', { ...filters, limit: 37, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((o) => `${o.id} ${o.orderNo} ${o.total?.amount ?? ''}`));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(ids.length).toBeGreaterThan(0);
    // Pages of 7 rows: the export follows its own keyset pages through the same plans.
    const service = newService({ pageSize: 7 });
    const job = await service.wait(service.start({ kind: 'orders', format: 'csv', filters: { sort: 'created_desc', limit: 100, ...filters } } as ExportStartArgs, 'cli').jobId);
    expect(job.status).toBe('succeeded');
    const rows = parseCsv(readFileSync(job.file, 'utf8').slice(1)).slice(1);
    expect(rows.map((r) => `${r[0]} ${r[3]} ${r[10]}`)).toEqual(ids);
  });

  it('a page cursor is not an export filter', async () => {
    expect((await fail('export:start', { kind: 'orders', format: 'csv', filters: { cursor: 'abc' } })).code).toBe('validation');
  });

  it('card passwords: absent unless asked for; when asked, exact and audit-logged', async () => {
    const passwords = new Map(seeded.flatMap((s) => s.batch.cards.map((c) => [c.cardNo, c.password] as const)));
    expect(passwords.size).toBeGreaterThan(50);
    const before = auditCount();
    const plain = await csvRows({ kind: 'cards', filters: {} });
    expect(plain[0]!.some((h) => h.includes('密码') || h.includes('password'))).toBe(false);
    expect(plain.flat().some((cell) => cell.startsWith('pw-'))).toBe(false);
    expect(plain).toHaveLength(passwords.size + 1);
    expect(auditCount()).toBe(before);

    const job = await exported({ kind: 'cards', format: 'csv', filters: {}, includePasswords: true });
    expect(job.includePasswords).toBe(true);
    const rows = parseCsv(readFileSync(job.file, 'utf8').slice(1));
    const header = rows[0]!;
    const cardNo = header.indexOf('卡号 cardNo');
    const password = header.indexOf('密码 password');
    expect(password).toBeGreaterThan(0);
    for (const row of rows.slice(1)) expect(row[password]).toBe(passwords.get(row[cardNo]!));
    const audit = new AuditRepository(core.db).recent(10, 'export.passwords');
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({ actor: 'cli', action: 'export.passwords', targetType: 'export', targetId: job.jobId, details: { kind: 'cards', format: 'csv', file: job.file } });
    expect(JSON.stringify(audit[0])).not.toMatch(/pw-/);

    const book = await workbook({ kind: 'cards', filters: { provider: 'kuaimai' }, includePasswords: true });
    const sheet = book.worksheets[0]!;
    const cols = (sheet.getRow(1).values as unknown[]).slice(1);
    const pwCol = cols.indexOf('密码 password') + 1;
    sheet.eachRow((row, n) => {
      if (n > 1) expect(row.getCell(pwCol).value).toBe(passwords.get(String(row.getCell(cols.indexOf('卡号 cardNo') + 1).value)));
    });
    expect(auditCount()).toBe(before + 2);

    expect((await fail('export:start', { kind: 'orders', format: 'csv', filters: {}, includePasswords: true })).code).toBe('validation');
    expect(auditCount()).toBe(before + 2);
  });

  it('commissions, settlements and flows: every row, amounts exact', async () => {
    const checks = [
      { kind: 'commissions', sql: 'SELECT id, amount AS a FROM commissions ORDER BY earned_at DESC, id DESC', column: '金额 amount' },
      { kind: 'settlements', sql: 'SELECT id, commission_delta AS a FROM settlement_changes ORDER BY modified_at DESC, id DESC', column: '佣金变动 commissionDelta' },
      { kind: 'flows', sql: 'SELECT id, amount AS a FROM money_flows ORDER BY created_at DESC, id DESC', column: '金额 amount' },
    ] as const;
    for (const check of checks) {
      const expected = core.db.prepare(check.sql).all() as { id: number; a: number | null }[];
      expect(expected.length).toBeGreaterThan(10);
      const rows = await csvRows({ kind: check.kind, filters: {} });
      const col = rows[0]!.indexOf(check.column);
      expect(col).toBeGreaterThan(0);
      expect(rows.slice(1).map((r) => [Number(r[0]), r[col]])).toEqual(expected.map((e) => [e.id, e.a === null ? '' : scaled4(e.a)]));
    }
    const flows = await csvRows({ kind: 'flows', filters: { flowType: 1 } });
    expect(flows[1]![flows[0]!.indexOf('商品 itemTitles')]).toMatch(/\p{Script=Han}/u);
  });

  it('reports: the rows and per-currency totals of the report channel', async () => {
    const args = { from: '2024-01-01', to: '2024-03-31', group: 'month' } as const;
    const view = await call<ReportView<'revenue'>>('report:revenue', args);
    expect(view.rows.length).toBeGreaterThan(3);
    const rows = await csvRows({ kind: 'report', filters: { report: 'revenue', ...args } });
    expect(rows[0]).toEqual(['期间 period', '开始 from', '结束 to', '供应商 provider', '币种 currency', '收入 revenue', '退款 refunds', '净额 net', '订单数 orders', '退款订单数 refundedOrders']);
    const expected = [
      ...view.rows.map((r) => [r.period, r.from, r.to, r.dims.provider, r.dims.currency, r.money.revenue.amount, r.money.refunds.amount, r.money.net.amount, String(r.counts.orders), String(r.counts.refundedOrders)]),
      ...view.totals.map((t) => ['合计 total', args.from, args.to, '', t.currency ?? '', t.money.revenue.amount, t.money.refunds.amount, t.money.net.amount, String(t.counts.orders), String(t.counts.refundedOrders)]),
    ];
    expect(rows.slice(1)).toEqual(expected);

    const book = await workbook({ kind: 'report', filters: { report: 'revenue', ...args } });
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('收入报表 revenue');
    expect(sheet.getRow(2).getCell(6).value).toBe(Number(view.rows[0]!.money.revenue.amount));
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('#,##0.00##');
    expect((await fail('export:start', { kind: 'report', format: 'csv', filters: { report: 'revenue', from: '2024-02-01', to: '2024-01-01' } })).code).toBe('validation');
    expect((await fail('export:start', { kind: 'report', format: 'csv', filters: { report: 'nope', from: '2024-01-01', to: '2024-01-02' } })).code).toBe('validation');
  });

  it('CSV: RFC 4180 quoting, the formula guard, exact big amounts, pre-1992 Shanghai time', async () => {
    const rows = await csvRows({ kind: 'orders', filters: { q: 'SPECIAL' } });
    const byNo = new Map(rows.slice(1).map((r) => [r[3], r]));
    expect(byNo.get('SPECIAL-TRICKY')![7]).toBe(TRICKY_TITLE);
    expect(byNo.get('SPECIAL-TRICKY')![8]).toBe(`'${FORMULA_BUYER}`);
    expect(byNo.get('SPECIAL-BIG')![10]).toBe('123456789012.3456');
    expect(byNo.get('SPECIAL-BIG')![11]).toBe('-0.0001');
    expect(byNo.get('SPECIAL-1988')![15]).toBe(toShanghaiWallTime(DST_1988));
    expect(byNo.get('SPECIAL-1988')![15]).toBe('1988-07-01 13:30:00');
  });

  it('XLSX: escaped and control characters, spaces kept, too-long amounts as text, typed cells, frozen header', async () => {
    const book = await workbook({ kind: 'orders', filters: { q: 'SPECIAL' } });
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(8).width).toBe(36);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const byNo = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && byNo.set(String(row.getCell(4).value), row));
    expect(byNo.get('SPECIAL-TRICKY')!.getCell(8).value).toBe(TRICKY_TITLE);
    expect(byNo.get('SPECIAL-TRICKY')!.getCell(9).value).toBe(FORMULA_BUYER);
    expect(byNo.get('SPECIAL-CONTROL')!.getCell(8).value).toBe('控制\uFFFD字符\uFFFD');
    expect(byNo.get('SPECIAL-CONTROL')!.getCell(9).value).toBe('  前后空格  ');
    expect(byNo.get('SPECIAL-BIG')!.getCell(11).value).toBe('123456789012.3456');
    expect(byNo.get('SPECIAL-BIG')!.getCell(12).value).toBe(-0.0001);
    const dst = byNo.get('SPECIAL-1988')!.getCell(16).value as Date;
    expect(dst.toISOString()).toBe('1988-07-01T13:30:00.000Z');
    expect(byNo.get('SPECIAL-1988')!.getCell(1).value).toEqual(expect.any(Number));
  });

  it('XLSX: a new sheet (with its header) after the row limit of a sheet', async () => {
    const service = newService({ pageSize: 64, maxRowsPerSheet: 250 });
    const started = service.start({ kind: 'orders', format: 'xlsx', filters: { sort: 'created_asc', limit: 100 } }, 'cli');
    const job = await service.wait(started.jobId);
    expect(job.status).toBe('succeeded');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(job.file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['订单 orders', '订单 orders 2', '订单 orders 3']);
    expect(book.worksheets.map((s) => s.rowCount)).toEqual([251, 251, COUNT + 4 - 500 + 1]);
    const ids: number[] = [];
    for (const sheet of book.worksheets) {
      expect(sheet.getRow(1).getCell(1).value).toBe('编号 id');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      sheet.eachRow((row, n) => n > 1 && ids.push(row.getCell(1).value as number));
    }
    const expected = core.db.prepare('SELECT id FROM orders ORDER BY created_at ASC, id ASC').pluck().all();
    expect(ids).toEqual(expected);
  });

  it('partial files a crashed process left behind are removed, fresh ones (another process) kept', async () => {
    const folder = path.join(core.dataDir, 'exports');
    mkdirSync(folder, { recursive: true });
    const stale = path.join(folder, 'orders-crashed.csv.part');
    const fresh = path.join(folder, 'orders-other-process.csv.part');
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'y');
    const dayAgo = new Date(Date.now() - 86_400_000);
    utimesSync(stale, dayAgo, dayAgo);
    const service = newService();
    const job = await service.wait(service.start({ kind: 'flows', format: 'csv', filters: { limit: 100 } }, 'cli').jobId);
    expect(job.status).toBe('succeeded');
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh);
  });

  it('export:jobs lists this session’s jobs, newest first', async () => {
    const jobs = await call<ExportJobView[]>('export:jobs', {});
    expect(jobs.length).toBeGreaterThan(5);
    expect(jobs.every((j) => j.status === 'succeeded')).toBe(true);
    expect(jobs[0]!.startedAt).toBeGreaterThanOrEqual(jobs.at(-1)!.startedAt);
    expect((await fail('export:cancel', { jobId: 'no-such-job' })).code).toBe('not_found');
  });

  it('a failed export says why, in the job and its finished event, and leaves no partial file', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ml-export-gone-'));
    const target = path.join(folder, 'orders.csv');
    const finished: ExportJobView[] = [];
    const unsubscribe = core.events.subscribe((name, payload) => {
      if (name === 'export:finished') finished.push(payload as ExportJobView);
    });
    try {
      const started = await call<ExportStartedView>('export:start', { kind: 'orders', format: 'csv', filters: {}, target });
      // The folder disappears before the job opens its file (it runs from the next turn on).
      rmSync(folder, { recursive: true, force: true });
      const job = await core.services.exports.wait(started.jobId);
      expect(job).toMatchObject({ status: 'failed', bytes: null });
      expect(job.error).toMatch(/^导出失败 export failed: ENOENT/);
      expect(job.error).toContain(target);
      expect(finished.find((j) => j.jobId === started.jobId)).toEqual(job);
      expect(existsSync(target)).toBe(false);
      expect(existsSync(`${target}.part`)).toBe(false);
    } finally {
      unsubscribe();
    }
  });

  it('closing the core cancels its running exports before the database closes', async () => {
    const other = await openTempCore({ face: 'cli' });
    let closed = false;
    try {
      commitOrders(other.store, insertSeedAccounts(other.db)[0]!, seeded.slice(0, 50).map((s) => s.record));
      const started = (await other.dispatch('export:start', { kind: 'orders', format: 'xlsx', filters: {} })) as Result<ExportStartedView>;
      if (!started.ok) throw new Error(started.error.message);
      await other.close();
      closed = true;
      const job = await other.services.exports.wait(started.value.jobId);
      expect(job.status).toBe('cancelled');
      expect(readdirSync(path.dirname(started.value.file))).toEqual([]);
    } finally {
      if (!closed) await other.close();
      rmSync(other.dataDir, { recursive: true, force: true });
    }
  });
});
