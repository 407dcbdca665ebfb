/** `report …` and `reconcile …` through the real CLI program over a seeded ledger. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';
import type { FindingView, ReconcileRunView, ReportDrilldownView, ReportView } from '../../../src-main/api/channels/reports.js';
import { parseShanghaiWallTime } from '../../../src-main/domain/time.js';
import { openTempCore } from '../../support/temp-core.js';
import { addAccount, commit, order } from '../services/ledger-fixtures.js';

describe('CLI report and reconcile', () => {
  let dataDir: string;

  function cli(args: string[]): Promise<CliRun> {
    return runCliCaptured(['--data-dir', dataDir, ...args]);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-report-'));
    const core = await openTempCore({ dataDir });
    const shop = addAccount(core, 'kasushou', '我的卡速售');
    commit(core, shop, 'kasushou', {
      orders: [
        order({ orderNo: 'D100', total: 25_0000, createdAt: parseShanghaiWallTime('2024-03-01 10:00:00') }),
        order({ orderNo: 'D101', status: 'refunded', total: 58_0000, refunded: 0, createdAt: parseShanghaiWallTime('2024-03-02 10:00:00') }),
      ],
    });
    await core.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a report as JSON and as a table with totals, and drills into a row', async () => {
    const json = await cli(['report', 'revenue', '--from', '2024-03-01', '--to', '2024-03-02', '--account', '我的卡速售', '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout) as ReportView<'revenue'>;
    expect(view.rows.map((r) => [r.period, r.money.revenue.amount])).toEqual([
      ['2024-03-01', '25.0000'],
      ['2024-03-02', '58.0000'],
    ]);
    expect(view.totals[0]!.money.revenue).toEqual({ amount: '83.0000', currency: 'CNY' });

    const table = await cli(['report', 'revenue', '--from', '2024-03-01', '--to', '2024-03-02', '--group', 'month', '--keys']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/2024-03\s+kasushou\s+CNY\s+83\.0000\s+0\.0000\s+83\.0000\s+2/);
    expect(table.stdout).toContain('合计 total');

    const drill = await cli(['report', 'drilldown', view.rows[1]!.key, '--json']);
    expect(drill.code).toBe(0);
    expect((JSON.parse(drill.stdout) as ReportDrilldownView).items.map((i) => i.ref)).toEqual(['D101']);
    const human = await cli(['report', 'drilldown', view.rows[1]!.key]);
    expect(human.stdout).toContain('D101');
  });

  it('refuses bad report arguments with a one-line error', async () => {
    const backwards = await cli(['report', 'revenue', '--from', '2024-03-05', '--to', '2024-03-01']);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/^错误 error: 参数无效 invalid arguments/);
    expect((await cli(['report', 'bogus', '--from', '2024-03-01', '--to', '2024-03-01'])).code).toBe(2);
  });

  it('runs the checks, lists findings, and marks one reviewed', async () => {
    const listed = await cli(['reconcile', '--json']);
    expect(listed.code).toBe(0);
    const { run, findings } = JSON.parse(listed.stdout) as { run: ReconcileRunView; findings: FindingView[] };
    expect(run.found.kasushou_refund_missing).toBe(1);
    expect(findings.map((f) => [f.check, f.subject])).toEqual([['kasushou_refund_missing', 'D101']]);

    const human = await cli(['reconcile']);
    expect(human.stdout).toContain('卡速售退款为0');
    expect(human.stdout).toContain('D101');

    const review = await cli(['reconcile', 'review', String(findings[0]!.id), '--note', '已核实']);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain('已标记复核');
    const unreviewed = await cli(['reconcile', '--no-run', '--unreviewed', '--json']);
    expect((JSON.parse(unreviewed.stdout) as { run: null; findings: FindingView[] })).toEqual({ run: null, findings: [] });
    const again = await cli(['reconcile', '--json']);
    expect((JSON.parse(again.stdout) as { findings: FindingView[] }).findings[0]).toMatchObject({ id: findings[0]!.id, reviewed: true, reviewNote: '已核实' });

    const settings = await cli(['reconcile', 'settings', '--upline-cap-bps', '2000', '--json']);
    expect(JSON.parse(settings.stdout)).toEqual({ uplineCapBps: 2000 });
    expect((await cli(['reconcile', 'review', 'x'])).code).toBe(2);
  });
});
