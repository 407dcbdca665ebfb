/**
 * Starts the real web mode (`npx tsx src-main/web/main.ts`) as a child process on a fresh data folder
 * and reads the sign-in URL it prints. The child runs in its own process group so stop() ends the
 * whole tree (npx → node) and nothing else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';

export interface RunningWebApp {
  /** `http://127.0.0.1:PORT/auth?token=…` as printed. */
  readonly launchUrl: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the child wrote so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const LAUNCH_URL = /Open: (http:\/\/127\.0\.0\.1:\d+\/auth\?token=[A-Za-z0-9_-]+)/;

export interface WebAppOptions {
  readonly timeoutMs?: number;
  /** An existing ledger folder (kept at stop) instead of a fresh one (removed at stop). */
  readonly dataDir?: string;
  /** The passphrase of that ledger's vault (default: a random one, which creates a new vault). */
  readonly passphrase?: string;
}

export async function startWebApp(options: WebAppOptions = {}): Promise<RunningWebApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ml-e2e-'));
  // Tests trigger syncs themselves; the scheduler would start them on its own.
  const child = spawn('npx', ['tsx', 'src-main/web/main.ts', '--data-dir', dataDir, '--no-scheduler'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MERCHANT_LEDGER_PASSPHRASE: options.passphrase ?? randomBytes(18).toString('base64url'), MERCHANT_LEDGER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(killer);
    }
    if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  };

  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`没有在 ${options.timeoutMs ?? 60_000} ms 内打印启动链接 (no launch URL in time)`), options.timeoutMs ?? 60_000);
    function fail(why: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      reject(new Error(`web mode did not start: ${why}\n--- output ---\n${out}`));
    }
    function check(): void {
      const match = LAUNCH_URL.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(match[1]);
      }
    }
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
    child.once('error', (error) => fail(error.message));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return { launchUrl, origin: new URL(launchUrl).origin, dataDir, child, output: () => out, stop };
}
