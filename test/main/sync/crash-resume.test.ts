/**
 * Crash safety: a separate sync process is SIGKILLed at random points many times, then allowed to
 * finish. A point is a random number of provider requests into the run plus a random delay, so each
 * kill lands inside a run (in a fetch, a parse or a commit) on a fast machine as on a slow one. The
 * ledger must hold exactly the provider's records — none lost, none duplicated — and the database
 * must pass SQLite's integrity check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetMember, type FleetMember } from '../../../src-main/demo/simulator-fleet.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

const root = path.resolve(import.meta.dirname, '../../..');
const KILLS = 8;

interface SyncChild {
  readonly child: ChildProcess;
  /** Resolves once the child has sent `count` provider requests. */
  requests(count: number): Promise<void>;
  readonly done: Promise<string>;
}

function startChild(dataDir: string): SyncChild {
  // `--import tsx` keeps the sync in this very process; tsx's CLI would run it in a grandchild that SIGKILL misses.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/support/sync-child.ts'), dataDir], {
    cwd: root,
    env: { ...process.env, MERCHANT_LEDGER_PASSPHRASE: 'test passphrase' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let sent = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    sent = out.split('REQUEST\n').length - 1;
    for (const w of waiting.filter((w) => sent >= w.count)) w.resolve();
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(`sync child exited ${code}: ${err}`)))),
  );
  const requests = (count: number) => new Promise<void>((resolve) => (sent >= count ? resolve() : waiting.push({ count, resolve })));
  return { child, requests, done };
}

/**
 * Deterministic pseudo-random kill points, so a failure can be replayed: after 1–12 requests of a run
 * (a full sync sends about 210), then 0–79 ms more.
 */
function killPoints(seed: number, count: number): { requests: number; delayMs: number }[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31);
  return Array.from({ length: count }, () => ({ requests: 1 + (next() % 12), delayMs: next() % 80 }));
}

describe('sync survives SIGKILL at random points', () => {
  const opened: { core?: TempCore; member?: FleetMember } = {};
  afterAll(async () => {
    await opened.core?.cleanup();
    await opened.member?.simulator.close();
  });

  it('duomai: killed many times, then completed, holds exactly the ground truth', async () => {
    const member = await fleetMember('duomai', { scale: 20_000 });
    opened.member = member;
    const setup = await openTempCore();
    const added = await setup.dispatch('accounts:add', member.account);
    expect(added.ok).toBe(true);
    const dataDir = setup.dataDir;
    await setup.close();

    for (const point of killPoints(20_261_122, KILLS)) {
      const { child, requests, done } = startChild(dataDir);
      await requests(point.requests);
      await new Promise((r) => setTimeout(r, point.delayMs));
      child.kill('SIGKILL');
      await done;
    }
    const final = startChild(dataDir);
    const output = await final.done;
    expect(output).toContain('DONE');
    expect(JSON.parse(output.slice(output.indexOf('DONE ') + 5).trim())).toEqual([expect.objectContaining({ status: 'succeeded' })]);

    const core = await openTempCore({ dataDir });
    opened.core = core;
    const sim = member.simulator;
    const farFuture = Math.floor(Date.now() / 1000) + 86_400 * 365;
    const truthOrders = sim.expectedOrders(0, farFuture).map((r) => String(r.order_sn));
    const stored = core.db.prepare('SELECT order_no FROM orders ORDER BY order_no').pluck().all() as string[];
    expect(stored.length).toBe(new Set(truthOrders).size);
    expect(new Set(stored)).toEqual(new Set(truthOrders));
    const truthSettlements = sim.expectedSettlements(0, farFuture).length;
    expect(core.db.prepare('SELECT count(*) FROM settlement_changes').pluck().get()).toBe(truthSettlements);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
    // Every kill cut its run short (the next start marks it interrupted); the last run finished.
    const statuses = Object.fromEntries(
      (core.db.prepare('SELECT status, count(*) AS n FROM sync_runs GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    );
    expect(statuses).toEqual({ interrupted: KILLS, succeeded: 1 });
  }, 180_000);
});
