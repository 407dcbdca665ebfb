/** Runs one CLI invocation in-process, as the terminal would, and keeps what it printed. */
import { PassThrough } from 'node:stream';
import { runCli } from '../../src-main/cli/program.js';
import { TEST_PASSPHRASE } from './temp-core.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** MERCHANT_LEDGER_PASSPHRASE; the test core's passphrase unless given. */
  readonly passphrase?: string;
  /** More environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Whether stderr claims to be a terminal (progress lines are drawn only on one). */
  readonly tty?: boolean;
}

export async function runCliCaptured(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const env = { MERCHANT_LEDGER_PASSPHRASE: options.passphrase ?? TEST_PASSPHRASE, ...options.env };
  const code = await runCli(args, { stdout, stderr, readStdin: async () => options.stdin ?? '', env });
  return { code, stdout: out, stderr: err };
}
