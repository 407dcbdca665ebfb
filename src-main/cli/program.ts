/** The CLI's command tree, built over an injectable IO so tests can run it in-process. */
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './accounts-commands.js';
import { registerBackupCommands } from './backup-commands.js';
import { CliContext, CliError, type CliIo, type GlobalOptions } from './context.js';
import { registerDbCommands } from './db-commands.js';
import { registerExportCommands } from './export-commands.js';
import { registerPassphraseCommands } from './passphrase-commands.js';
import { registerRecordCommands } from './records-commands.js';
import { registerReportCommands } from './report-commands.js';
import { registerSyncCommands } from './sync-commands.js';

export function buildProgram(io: CliIo, holder: { ctx: CliContext | null }): Command {
  const program = new Command();
  program
    .name('merchant-ledger')
    .description('商户账本 Merchant Ledger — 命令行 command line')
    .option('--data-dir <dir>', '数据目录（默认 MERCHANT_LEDGER_HOME 或系统应用数据目录） data folder')
    .option('--json', '输出 JSON machine-readable output')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .hook('preAction', (_cmd, action) => {
      holder.ctx = new CliContext(action.optsWithGlobals<GlobalOptions>(), io);
    });
  const ctx = () => {
    if (!holder.ctx) throw new CliError('internal: context not ready');
    return holder.ctx;
  };
  registerAccountCommands(program, ctx);
  registerDbCommands(program, ctx);
  registerSyncCommands(program, ctx);
  registerRecordCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerBackupCommands(program, ctx);
  registerExportCommands(program, ctx);
  registerPassphraseCommands(program, ctx);
  return program;
}

/** Runs one CLI invocation; resolves with the process exit code. Errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const holder: { ctx: CliContext | null } = { ctx: null };
  const program = buildProgram(io, holder);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`错误 error: ${message.split('\n')[0]}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await holder.ctx?.close();
  }
}
