import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../../support/cli-run.js';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrate.js';

const root = path.resolve(import.meta.dirname, '../../..');
const PASSPHRASE = 'cli test passphrase';
const SECRET = 'sk-CLI-never-in-plaintext-98765';

function cli(args: string[], stdin = ''): Promise<CliRun> {
  return runCliCaptured(args, { passphrase: PASSPHRASE, stdin });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f));
}

describe('CLI accounts', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds an account with secrets from stdin and lists it as JSON without the secret', async () => {
    const add = await cli(
      ['--data-dir', dataDir, '--json', 'accounts', 'add', '--provider', 'kasushou', '--name', '我的卡速售', '--base-url', 'https://shop.example.com', '--set', 'userId=2uIkTrXNdAFc7OKh', '--set', 'mode=admin', '--secrets-stdin'],
      JSON.stringify({ apikey: SECRET }),
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const list = await cli(['--data-dir', dataDir, 'accounts', 'list', '--json']);
    expect(list.code).toBe(0);
    const accounts = JSON.parse(list.stdout) as { name: string; provider: string; baseUrl: string; settings: Record<string, string>; secrets: Record<string, { configured: boolean; hint: string }> }[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      name: '我的卡速售',
      provider: 'kasushou',
      baseUrl: 'https://shop.example.com',
      settings: { userId: '2uIkTrXNdAFc7OKh', mode: 'admin' },
      secrets: { apikey: { configured: true, hint: '••••8765' } },
    });
    expect(list.stdout).not.toContain(SECRET);
  });

  it('never writes the secret in plaintext to any file of the data folder', async () => {
    const needle = Buffer.from(SECRET, 'utf8');
    for (const file of filesUnder(dataDir)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(needle), file).toBe(false);
    }
    expect(filesUnder(dataDir).some((f) => f.endsWith('ledger.sqlite3'))).toBe(true);
  });

  it('fails with one line on stderr and a non-zero code on bad input', async () => {
    const dup = await cli(['--data-dir', dataDir, 'accounts', 'add', '--provider', 'kasushou', '--name', '我的卡速售', '--base-url', 'https://x.example', '--set', 'userId=u', '--secrets-stdin'], '{"apikey":"abcdefgh"}');
    expect(dup.code).not.toBe(0);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toMatch(/同名|exists/);
    const badJson = await cli(['--data-dir', dataDir, 'accounts', 'add', '--provider', 'duomai', '--name', 'd', '--set', 'appKey=1', '--secrets-stdin'], '{nope');
    expect(badJson.code).not.toBe(0);
    expect(badJson.stderr).toMatch(/JSON/);
    const badProvider = await cli(['--data-dir', dataDir, 'accounts', 'add', '--provider', 'taobao', '--name', 't']);
    expect(badProvider.code).not.toBe(0);
    expect(badProvider.stderr).toMatch(/provider/);
    const unknownSetting = await cli(['--data-dir', dataDir, 'accounts', 'add', '--provider', 'duomai', '--name', 'd2', '--set', 'color=red', '--set', 'appKey=1', '--secrets-stdin'], '{"appSecret":"abcdefgh"}');
    expect(unknownSetting.code).not.toBe(0);
    expect(unknownSetting.stderr).toMatch(/color/);
  });

  it('refuses a wrong passphrase with a clear message', async () => {
    const wrong = await runCliCaptured(['--data-dir', dataDir, 'accounts', 'list'], { passphrase: 'wrong' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/口令错误|wrong passphrase/);
  });

  it('removes an account by name', async () => {
    const removed = await cli(['--data-dir', dataDir, '--json', 'accounts', 'remove', '我的卡速售']);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await cli(['--data-dir', dataDir, '--json', 'accounts', 'list'])).stdout)).toEqual([]);
  });

  it('checks and migrates the database', async () => {
    const check = await cli(['--data-dir', dataDir, '--json', 'db', 'check']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, integrity: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });
    const migrate = await cli(['--data-dir', dataDir, '--json', 'db', 'migrate']);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });
});

describe('npm run -s cli (real process, no build step)', () => {
  it('round-trips an account through two invocations on the same data folder', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-cli-proc-'));
    const run = promisify(execFile);
    const env = { ...process.env, MERCHANT_LEDGER_PASSPHRASE: PASSPHRASE };
    try {
      const add = run('npm', ['run', '-s', 'cli', '--', '--data-dir', dataDir, 'accounts', 'add', '--provider', 'duomai', '--name', 'dm', '--set', 'appKey=2312521', '--secrets-stdin'], { cwd: root, env });
      add.child.stdin?.end(JSON.stringify({ appSecret: SECRET }));
      await add;
      const { stdout } = await run('npm', ['run', '-s', 'cli', '--', '--data-dir', dataDir, 'accounts', 'list', '--json'], { cwd: root, env });
      expect(JSON.parse(stdout)).toMatchObject([{ name: 'dm', provider: 'duomai', baseUrl: 'https://open.duomai.com/apis', secrets: { appSecret: { configured: true } } }]);
      const failed = await run('npm', ['run', '-s', 'cli', '--', '--data-dir', dataDir, 'accounts', 'test', 'nope'], { cwd: root, env }).catch((e: { code: number; stderr: string }) => e);
      expect((failed as { code: number }).code).not.toBe(0);
      expect((failed as { stderr: string }).stderr).toMatch(/找不到账户|not found/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
