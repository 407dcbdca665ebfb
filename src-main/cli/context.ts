/** What every CLI command shares: global options, opening the core once, and uniform output/errors. */
import type { Result } from '../api/result.js';
import { passphraseUnlocker } from '../secrets/passphrase-slot.js';
import { openAppCore, type AppCore } from '../services/app-core.js';
import { resolveDataDir } from '../services/data-dir.js';
import { ledgerPassphrase } from './ledger-passphrase.js';

export interface GlobalOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
}

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly readStdin: () => Promise<string>;
  readonly env: NodeJS.ProcessEnv;
}

export class CliContext {
  private core: AppCore | null = null;

  constructor(
    readonly options: GlobalOptions,
    readonly io: CliIo,
  ) {}

  get dataDir(): string {
    return resolveDataDir(this.options.dataDir, this.io.env);
  }

  async open(): Promise<AppCore> {
    if (this.core) return this.core;
    const passphrase = await ledgerPassphrase(this.dataDir, this.io.env);
    this.core = await openAppCore({ dataDir: this.dataDir, face: 'cli', unlocker: passphraseUnlocker(passphrase) });
    return this.core;
  }

  /** Calls a contract channel and returns its value, or throws the API error as a one-line CliError. */
  async call<T>(channel: string, args: unknown): Promise<T> {
    const core = await this.open();
    const result = (await core.dispatch(channel, args)) as Result<T>;
    if (!result.ok) throw new CliError(result.error.message);
    return result.value;
  }

  print(human: string, machine: unknown): void {
    this.io.stdout.write(this.options.json ? `${JSON.stringify(machine, null, 2)}\n` : `${human}\n`);
  }

  async close(): Promise<void> {
    await this.core?.close();
    this.core = null;
  }
}
