import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';
import { openDatabase } from '../../../src-main/db/connection.js';
import { AuditRepository } from '../../../src-main/db/repositories/audit-repository.js';
import { insertSeedAccounts, seedOrders, type SeedAccount, type SeededOrder } from '../../support/ledger-seed.js';
import { openTempCore } from '../../support/temp-core.js';

const COUNT = 240;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const MONEY = { amount: expect.stringMatching(/^-?\d+\.\d{4}$/), currency: expect.stringMatching(/^(CNY|USD)$/) };

describe('CLI read commands', () => {
  let dataDir: string;
  let accounts: SeedAccount[];
  let seeded: SeededOrder[];

  function cli(args: string[]): Promise<CliRun> {
    return runCliCaptured(['--data-dir', dataDir, ...args]);
  }

  async function json<T>(args: string[]): Promise<T[]> {
    const run = await cli([...args, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as unknown;
    expect(Array.isArray(parsed)).toBe(true);
    return parsed as T[];
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-records-'));
    const core = await openTempCore({ dataDir });
    accounts = insertSeedAccounts(core.db);
    seeded = seedOrders(core.store, accounts, { count: COUNT, startMs: Date.UTC(2024, 0, 1), spanDays: 60 });
    await core.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('orders list --json: one array, the documented fields and types', async () => {
    const orders = await json<Record<string, unknown>>(['orders', 'list', '--limit', '5']);
    expect(orders).toHaveLength(5);
    for (const o of orders) {
      expect(Object.keys(o)).toEqual(
        expect.arrayContaining(['provider', 'account', 'orderNo', 'externalOrderNo', 'status', 'statusRaw', 'title', 'total', 'createdAt', 'updatedAt']),
      );
      expect(o).toMatchObject({ id: expect.stringMatching(/^\d+$/), orderNo: expect.any(String), createdAt: expect.stringMatching(ISO) });
      expect(['pending', 'processing', 'completed', 'cancelled', 'refunded', 'failed', 'unknown']).toContain(o.status);
      if (o.total !== null) expect(o.total).toEqual(MONEY);
    }
    const newest = [...seeded].sort((a, b) => b.record.createdAt! - a.record.createdAt!)[0]!;
    expect(orders[0]).toMatchObject({ orderNo: newest.record.orderNo, account: accounts[newest.accountIndex]!.name, statusRaw: newest.record.statusRaw });
  });

  it('formats money exactly with four decimals and times in Shanghai', async () => {
    const s = seeded.find((x) => x.record.total !== null && x.record.total.scaled % 10_000 !== 0 && x.record.updatedAt !== null)!;
    const [o] = await json<{ total: { amount: string; currency: string }; createdAt: string }>(['orders', 'list', '--q', s.record.orderNo]);
    const scaled = s.record.total!.scaled;
    expect(o!.total).toEqual({ amount: `${Math.floor(scaled / 10_000)}.${String(scaled % 10_000).padStart(4, '0')}`, currency: s.record.total!.currency });
    const created = new Date(s.record.createdAt! + 8 * 3_600_000).toISOString().slice(0, 19);
    expect(o!.createdAt).toBe(`${created}+08:00`);
  });

  it('follows keyset pages up to --limit and applies inclusive business-day filters', async () => {
    const all = await json<{ id: string }>(['orders', 'list', '--limit', '1000']);
    expect(all).toHaveLength(COUNT);
    expect(new Set(all.map((o) => o.id)).size).toBe(COUNT);
    const some = await json<{ id: string }>(['orders', 'list', '--limit', '777', '--status', 'completed,refunded', '--provider', 'duomai']);
    expect(some.length).toBe(seeded.filter((s) => accounts[s.accountIndex]!.provider === 'duomai' && ['completed', 'refunded'].includes(s.record.status)).length);
    const day = await json<{ createdAt: string }>(['orders', 'list', '--from', '2024-01-20', '--to', '2024-01-21', '--limit', '1000']);
    const start = Date.UTC(2024, 0, 19, 16);
    const want = seeded.filter((s) => s.record.createdAt! >= start && s.record.createdAt! < start + 2 * 86_400_000);
    expect(day).toHaveLength(want.length);
    expect(day.every((o) => o.createdAt >= '2024-01-20T00:00:00+08:00' && o.createdAt <= '2024-01-21T23:59:59+08:00')).toBe(true);
  });

  it('cards list is masked; --reveal adds passwords and writes one audit row per card', async () => {
    const masked = await json<Record<string, unknown>>(['cards', 'list', '--account', accounts[0]!.name, '--limit', '3']);
    expect(masked).toHaveLength(3);
    for (const c of masked) {
      expect(c).toMatchObject({ orderNo: expect.any(String), cardNo: expect.any(String), showType: expect.any(Number) });
      expect('expiresAt' in c).toBe(true);
      expect('password' in c).toBe(false);
    }
    const passwords = new Set(seeded.flatMap((s) => s.batch.cards.map((c) => c.password)));
    const plain = await cli(['cards', 'list', '--limit', '50']);
    for (const p of passwords) expect(plain.stdout).not.toContain(p);

    const revealed = await json<{ cardNo: string; password: string }>(['cards', 'list', '--account', accounts[0]!.name, '--limit', '3', '--reveal']);
    expect(revealed.every((c) => passwords.has(c.password))).toBe(true);
    const db = openDatabase(path.join(dataDir, 'ledger.sqlite3'));
    try {
      const rows = new AuditRepository(db).recent(10, 'card.reveal');
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.actor === 'cli')).toBe(true);
    } finally {
      db.close();
    }
  });

  it('commissions list and summary, settlements and flows in the documented shape', async () => {
    const commissions = await json<Record<string, unknown>>(['commissions', 'list', '--level', '0', '--limit', '4']);
    expect(commissions).toHaveLength(4);
    for (const c of commissions) expect(c).toMatchObject({ orderNo: expect.any(String), beneficiary: expect.any(String), level: 0, amount: MONEY, status: expect.any(String) });
    const summary = await json<Record<string, unknown>>(['commissions', 'summary']);
    expect(summary.length).toBeGreaterThan(0);
    for (const s of summary) expect(s).toMatchObject({ beneficiary: expect.any(String), level: expect.any(Number), amount: MONEY, count: expect.any(Number) });
    // zh-CN order: Chinese names by pinyin (王 wang before 张 zhang; by code point 张 comes first), then Latin.
    expect([...new Set(summary.map((s) => s['beneficiary']))]).toEqual(['王芳', '张伟', 'site-8801', 'worker_li', 'worker_zhao']);

    const settlements = await json<Record<string, unknown>>(['settlements', 'list', '--limit', '2']);
    expect(settlements).toHaveLength(2);
    for (const s of settlements) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['orderNo', 'orderTime', 'modifiedAt', 'priceOld', 'priceDelta', 'priceNew', 'commissionOld', 'commissionDelta', 'commissionNew', 'adsId', 'adsName', 'euid']),
      );
      expect(s).toMatchObject({ modifiedAt: expect.stringMatching(ISO), priceDelta: MONEY });
    }
    const flows = await json<Record<string, unknown>>(['flows', 'list', '--limit', '2']);
    expect(flows).toHaveLength(2);
    for (const f of flows) expect(f).toMatchObject({ tid: expect.any(String), flowType: 1, amount: MONEY, createdAt: expect.stringMatching(ISO) });
  });

  it('prints aligned tables for people', async () => {
    const run = await cli(['orders', 'list', '--limit', '3']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
  });

  it('rejects bad filters with one line on stderr', async () => {
    for (const args of [
      ['orders', 'list', '--from', '2024-13-01'],
      ['orders', 'list', '--status', 'shipped'],
      ['orders', 'list', '--limit', '0'],
      ['orders', 'list', '--provider', 'taobao'],
      ['orders', 'list', '--account', 'nobody'],
      ['orders', 'list', '--min-total', 'abc'],
      ['commissions', 'summary', '--level', '7'],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
