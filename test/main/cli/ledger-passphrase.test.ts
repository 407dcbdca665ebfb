import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerPassphrase } from '../../../src-main/cli/ledger-passphrase.js';
import { databasePath } from '../../../src-main/db/connection.js';
import { ledgerHasKeySlots } from '../../../src-main/db/ledger-probe.js';
import { openTempCore, TEST_PASSPHRASE } from '../../support/temp-core.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-ledger-pass-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A terminal that answers each question in turn and remembers what it was asked. */
function terminal(...answers: string[]) {
  const asked: string[] = [];
  return {
    asked,
    promptFor: (question: string) => async () => {
      asked.push(question);
      return answers.shift() ?? '';
    },
  };
}

async function ledgerIn(dir: string): Promise<void> {
  const core = await openTempCore({ dataDir: dir });
  await core.close();
}

describe('ledgerHasKeySlots', () => {
  it('is false for an empty folder and for a database without key slots, true once a ledger was opened', async () => {
    const dir = tempDir();
    expect(ledgerHasKeySlots(dir)).toBe(false);
    new Database(databasePath(dir)).close();
    expect(ledgerHasKeySlots(dir)).toBe(false);
    await ledgerIn(dir);
    expect(ledgerHasKeySlots(dir)).toBe(true);
  });
});

describe('ledgerPassphrase (CLI and web mode)', () => {
  it('asks twice for a new ledger, naming its folder, and refuses two different entries', async () => {
    const dir = tempDir();
    const same = terminal('new secret', 'new secret');
    await expect(ledgerPassphrase(dir, {}, same.promptFor)).resolves.toBe('new secret');
    expect(same.asked).toHaveLength(2);
    expect(same.asked[0]).toContain('新账本');
    expect(same.asked[0]).toContain(dir);

    const typo = terminal('new secret', 'new secert');
    await expect(ledgerPassphrase(dir, {}, typo.promptFor)).rejects.toThrow(/两次输入的口令不一致/);

    // As in the desktop app: at least 8 characters, said before the repeat is asked for.
    const short = terminal('1234567', '1234567');
    await expect(ledgerPassphrase(dir, {}, short.promptFor)).rejects.toThrow(/至少 8 个字符/);
    expect(short.asked).toHaveLength(1);
  });

  it('asks once to unlock an existing ledger, and not at all with MERCHANT_LEDGER_PASSPHRASE', async () => {
    const dir = tempDir();
    await ledgerIn(dir);
    const once = terminal(TEST_PASSPHRASE);
    await expect(ledgerPassphrase(dir, {}, once.promptFor)).resolves.toBe(TEST_PASSPHRASE);
    expect(once.asked).toEqual(['账本口令 Ledger passphrase: ']);

    const none = terminal();
    await expect(ledgerPassphrase(tempDir(), { MERCHANT_LEDGER_PASSPHRASE: 'from env' }, none.promptFor)).resolves.toBe('from env');
    expect(none.asked).toEqual([]);
  });
});
