/**
 * 100,000 orders exported through the `export:*` channels to CSV and to XLSX, read back independently
 * (our own RFC 4180 parser; exceljs's streaming reader) and compared with the database row for row:
 * amounts to 4 decimals, Chinese text, numeric money cells with their number format, Shanghai times.
 * Also: cancelling a running job removes its partial file, and the core keeps answering meanwhile.
 */
import type ExcelJS from 'exceljs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobView, ExportProgressEvent, ExportStartedView } from '../../../src-main/api/channels/export.js';
import { toShanghaiWallTime } from '../../../src-main/domain/time.js';
import { dispatch } from '../../support/core-calls.js';
import { dbOrders, parseCsv, scaled4, seedOrdersOnly, type DbOrder } from '../../support/export-support.js';
import { insertSeedAccounts } from '../../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { openXlsxReader } from '../../support/xlsx-reader.js';

const COUNT = 100_000;
const SHANGHAI_MS = 8 * 3_600_000;

/**
 * Shanghai wall time by plain arithmetic (UTC+8, no DST since 1991: every seeded time is 2022–2025),
 * cross-checked against the time-zone database's formatting on a sample so the shortcut is proven.
 */
let sampled = 0;
function shanghai(ms: number): string {
  const text = new Date(ms + SHANGHAI_MS).toISOString().slice(0, 19).replace('T', ' ');
  if (sampled++ % 997 === 0) expect(text).toBe(toShanghaiWallTime(ms));
  return text;
}

function csvExpected(o: DbOrder): string[] {
  const text = (s: string | null) => (s === null ? '' : /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const money = (n: number | null) => (n === null ? '' : scaled4(n));
  const time = (ms: number | null) => (ms === null ? '' : shanghai(ms));
  const hasAmount = o.total !== null || o.paid !== null || o.refunded !== null;
  return [
    String(o.id),
    o.provider,
    o.account,
    text(o.orderNo),
    text(o.externalOrderNo),
    o.status,
    text(o.statusRaw),
    text(o.title),
    text(o.buyer),
    hasAmount ? o.currency : '',
    money(o.total),
    money(o.paid),
    money(o.refunded),
    money(o.commission),
    o.commission === null ? '' : (o.commissionCurrency ?? ''),
    time(o.createdAt),
    time(o.updatedAt),
    time(o.paidAt),
    time(o.missingSince),
  ];
}

describe('export of 100,000 orders', () => {
  let core: TempCore;

  const call = <T>(channel: string, args: unknown) => dispatch<T>(core, channel, args);

  async function exportOrders(format: 'csv' | 'xlsx'): Promise<{ job: ExportJobView; progress: ExportProgressEvent[] }> {
    const progress: ExportProgressEvent[] = [];
    const unsubscribe = core.events.subscribe((name, payload) => {
      if (name === 'export:progress') progress.push(payload as ExportProgressEvent);
    });
    try {
      const started = await call<ExportStartedView>('export:start', { kind: 'orders', format, filters: {} });
      // The job runs in the background: the core answers other calls meanwhile.
      const status = await core.dispatch('app:status', {});
      expect(status.ok).toBe(true);
      expect((await call<ExportJobView[]>('export:jobs', {})).find((j) => j.jobId === started.jobId)?.status).toBe('running');
      const job = await core.services.exports.wait(started.jobId);
      expect(job.file).toBe(started.file);
      return { job, progress: progress.filter((p) => p.jobId === started.jobId) };
    } finally {
      unsubscribe();
    }
  }

  beforeAll(async () => {
    core = await openTempCore({ face: 'cli' });
    const accounts = insertSeedAccounts(core.db);
    seedOrdersOnly(core.db, core.store, accounts, { count: COUNT, startMs: Date.UTC(2023, 0, 1), spanDays: 730 });
  }, 240_000);
  afterAll(async () => core?.cleanup());

  it('CSV: BOM, header, and every order exactly as the database holds it', async () => {
    const { job, progress } = await exportOrders('csv');
    expect(job).toMatchObject({ status: 'succeeded', rows: COUNT, totalEstimate: COUNT, format: 'csv', kind: 'orders', error: null });
    expect(path.dirname(job.file)).toBe(path.join(core.dataDir, 'exports'));
    expect(progress[0]?.phase).toBe('counting');
    expect(progress.some((p) => p.phase === 'writing' && p.rows > 0)).toBe(true);
    expect(progress.at(-1)?.phase).toBe('finishing');

    const bytes = readFileSync(job.file);
    expect(job.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      '编号 id', '供应商 provider', '账户 account', '订单号 orderNo', '外部单号 externalOrderNo', '状态 status', '原始状态 statusRaw', '标题 title',
      '买家 buyer', '币种 currency', '金额 total', '实付 paid', '退款 refunded', '佣金 commission', '佣金币种 commissionCurrency', '创建时间 createdAt',
      '更新时间 updatedAt', '支付时间 paidAt', '下架时间 missingSince',
    ]);
    expect(rows).toHaveLength(COUNT + 1);
    let i = 1;
    const currencies = new Set<string>();
    let fourDecimals = 0;
    for (const order of dbOrders(core.db)) {
      const expected = csvExpected(order);
      const actual = rows[i++];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ row: i - 1, actual }).toEqual({ row: i - 1, actual: expected });
      currencies.add(order.currency);
      if (order.total !== null && order.total % 100 !== 0) fourDecimals++;
    }
    expect(i).toBe(COUNT + 1);
    // The dataset really has what the comparison is about.
    expect(currencies).toEqual(new Set(['CNY', 'USD']));
    expect(fourDecimals).toBeGreaterThan(1000);
    expect(rows.some((r) => /话费充值/.test(r[7] ?? ''))).toBe(true);
  }, 120_000);

  it('XLSX: numeric money cells, real dates in Shanghai time, text intact, row for row', async () => {
    const { job } = await exportOrders('xlsx');
    expect(job).toMatchObject({ status: 'succeeded', rows: COUNT, format: 'xlsx' });
    expect(existsSync(`${job.file}.part`)).toBe(false);

    const expected = dbOrders(core.db);
    const reader = openXlsxReader(job.file);
    let sheets = 0;
    let rows = 0;
    let columns = 0;
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        columns = Math.max(columns, row.cellCount);
        if (row.number === 1) {
          expect(row.getCell(8).value).toBe('标题 title');
          continue;
        }
        rows++;
        const o = expected.next().value as DbOrder;
        const cell = (n: number) => row.getCell(n);
        const mismatch: string[] = [];
        const check = (label: string, actual: unknown, wanted: unknown) => {
          if (actual !== wanted) mismatch.push(`${label}: ${String(actual)} ≠ ${String(wanted)}`);
        };
        check('id', cell(1).value, o.id);
        check('provider', cell(2).value, o.provider);
        check('orderNo', cell(4).value, o.orderNo);
        check('externalOrderNo', cell(5).value ?? null, o.externalOrderNo);
        check('status', cell(6).value, o.status);
        check('statusRaw', cell(7).value, o.statusRaw);
        check('commissionCurrency', cell(15).value ?? null, o.commission === null ? null : o.commissionCurrency);
        check('title', cell(8).value ?? null, o.title);
        check('buyer', cell(9).value ?? null, o.buyer);
        check('account', cell(3).value, o.account);
        for (const [n, scaled] of [[11, o.total], [12, o.paid], [13, o.refunded], [14, o.commission]] as const) {
          const value = cell(n).value;
          if (scaled === null) check(`money ${n}`, value ?? null, null);
          else {
            check(`money ${n} type`, typeof value, 'number');
            check(`money ${n}`, value, Number(scaled4(scaled)));
            check(`money ${n} scaled`, Math.round((value as number) * 10_000), scaled);
            check(`money ${n} format`, cell(n).numFmt, '#,##0.00##');
          }
        }
        check('currency', cell(10).value ?? null, o.total === null && o.paid === null && o.refunded === null ? null : o.currency);
        for (const [n, ms] of [[16, o.createdAt], [17, o.updatedAt], [18, o.paidAt], [19, o.missingSince]] as const) {
          const value = cell(n).value;
          if (ms === null) check(`date ${n}`, value ?? null, null);
          else {
            check(`date ${n} type`, value instanceof Date, true);
            check(`date ${n}`, (value as Date).getTime() - SHANGHAI_MS, ms);
            check(`date ${n} format`, cell(n).numFmt, 'yyyy-mm-dd hh:mm:ss');
          }
        }
        if (mismatch.length > 0) expect({ row: row.number, mismatch }).toEqual({ row: row.number, mismatch: [] });
      }
    }
    expect(sheets).toBe(1);
    expect(rows).toBe(COUNT);
    // Every cell was compared: the sheet has no column beyond the nineteen checked.
    expect(columns).toBe(19);
    expect(expected.next().done).toBe(true);
  }, 120_000);

  it('cancel stops a running job and removes its partial file', async () => {
    const events: string[] = [];
    let jobId = '';
    const unsubscribe = core.events.subscribe((name, payload) => {
      const p = payload as ExportProgressEvent;
      if (name === 'export:progress' && p.jobId === jobId && p.rows > 0 && !events.includes('cancel')) {
        events.push('cancel');
        // Synchronous inside the job's own progress event: the job sees it before its next page.
        void core.dispatch('export:cancel', { jobId });
      }
      if (name === 'export:finished' && (payload as ExportJobView).jobId === jobId) events.push('finished');
    });
    try {
      const started = await call<ExportStartedView>('export:start', { kind: 'orders', format: 'xlsx', filters: {} });
      jobId = started.jobId;
      const job = await core.services.exports.wait(jobId);
      expect(job.status).toBe('cancelled');
      expect(job.rows).toBeGreaterThan(0);
      expect(job.rows).toBeLessThan(COUNT);
      expect(events).toEqual(['cancel', 'finished']);
      expect(existsSync(started.file)).toBe(false);
      expect(existsSync(`${started.file}.part`)).toBe(false);
      expect(readdirSync(path.dirname(started.file)).filter((f) => f.endsWith('.part'))).toEqual([]);
      // Cancelling a finished job changes nothing.
      expect((await call<ExportJobView>('export:cancel', { jobId })).status).toBe('cancelled');
    } finally {
      unsubscribe();
    }
  }, 60_000);
});
