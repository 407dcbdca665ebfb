import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../support/core-calls.js';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';
import { openTempCore, TEST_PASSPHRASE } from '../../support/temp-core.js';

const root = path.resolve(import.meta.dirname, '../../..');

/** An export with "订单号,金额" headers and a totals row, as a spreadsheet on a Chinese Windows saves it: GBK, CRLF. */
const GBK_CSV = Buffer.concat([
  Buffer.from([0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5]),
  Buffer.from(','),
  Buffer.from([0xbd, 0xf0, 0xb6, 0xee]),
  Buffer.from('\r\nDD1,1.00\r\nDD2,2.00\r\n'),
  // 合计 (the totals row an export ends with)
  Buffer.from([0xba, 0xcf, 0xbc, 0xc6]),
  Buffer.from(',3.00\r\n'),
]);

describe('CLI import-ids', () => {
  let dataDir: string;

  function cli(args: string[], stdin?: string): Promise<CliRun> {
    return runCliCaptured(['--data-dir', dataDir, ...args], stdin === undefined ? {} : { stdin });
  }

  async function imported(args: string[], stdin?: string): Promise<Record<string, unknown>> {
    const run = await cli(['--json', 'import-ids', '--account', '买家', ...args], stdin);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-import-'));
    const core = await openTempCore({ dataDir });
    await dispatch(core, 'accounts:add', { provider: 'kasushou', name: '买家', baseUrl: 'http://127.0.0.1:9', settings: { userId: '1', mode: 'buyer' }, secrets: { apikey: 'k' } });
    await core.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads the 订单号 column of a GBK CSV file, says so, and adds nothing on a second import', async () => {
    const file = path.join(dataDir, 'orders.csv');
    writeFileSync(file, GBK_CSV);
    const run = await cli(['import-ids', '--account', '买家', '--file', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('读到 2 个订单号（来自「订单号」列');
    expect(run.stdout).toContain('跳过 1 个不是订单号的单元格');
    expect(run.stdout).toContain('新增 2 个，共跟踪 2 个');
    expect(await imported(['--file', file])).toEqual({ count: 2, column: '订单号', skipped: 1, added: 0, total: 2 });
  });

  it('--dry-run shows what a file would give and adds nothing', async () => {
    const file = path.join(dataDir, 'preview.csv');
    writeFileSync(file, '订单号,金额\nPV1,1\nPV2,2\n');
    const run = await cli(['import-ids', '--account', '买家', '--file', file, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('读到 2 个订单号（来自「订单号」列');
    expect(run.stdout).toContain('例如 PV1, PV2；未导入');
    const json = await cli(['--json', 'import-ids', '--account', '买家', '--file', file, '--dry-run']);
    expect(JSON.parse(json.stdout)).toEqual({ count: 2, column: '订单号', headers: ['订单号', '金额'], skipped: 0, sample: ['PV1', 'PV2'] });
    expect(await imported(['--file', '-'], 'DD1')).toMatchObject({ added: 0, total: 2 });
  });

  it('reads a plain list from standard input, and a column named with --column', async () => {
    expect(await imported(['--file', '-'], 'DD3\nDD4, DD3\n')).toEqual({ count: 2, column: null, skipped: 0, added: 2, total: 4 });
    const file = path.join(dataDir, 'named.csv');
    writeFileSync(file, '单据,备注\nDD5,a\nDD6,b\n');
    expect(await imported(['--file', file, '--column', '单据'])).toEqual({ count: 2, column: '单据', skipped: 0, added: 2, total: 6 });
  });

  it('reads a GBK CSV piped to the real process on standard input (--file -)', async () => {
    const child = spawn('npm', ['run', '-s', 'cli', '--', '--data-dir', dataDir, '--json', 'import-ids', '--account', '买家', '--file', '-', '--dry-run'], {
      cwd: root,
      env: { ...process.env, MERCHANT_LEDGER_PASSPHRASE: TEST_PASSPHRASE },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stdin.end(GBK_CSV);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ count: 2, column: '订单号', skipped: 1 });
  });

  it('refuses a table with no id column, naming its headers, and tracks nothing from it', async () => {
    const file = path.join(dataDir, 'wrong.csv');
    writeFileSync(file, '编号,金额\n7,1.00\n');
    const run = await cli(['import-ids', '--account', '买家', '--file', file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('表格中找不到订单号列（表头：「编号」「金额」）');
    expect(await imported(['--file', '-'], 'DD1')).toMatchObject({ added: 0, total: 6 });
  });
});
