/**
 * `passphrase change`: opens the ledger with the current passphrase (as every command does), then sets a
 * new one. The new passphrase comes from MERCHANT_LEDGER_NEW_PASSPHRASE, else it is typed twice on the
 * terminal without echo; never from the command line, where the shell history would keep it.
 */
import type { Command } from 'commander';
import { CliError, type CliContext } from './context.js';
import { terminalPrompt } from './tty-prompt.js';

export const NEW_PASSPHRASE_ENV = 'MERCHANT_LEDGER_NEW_PASSPHRASE';

async function newPassphrase(c: CliContext): Promise<string> {
  const fromEnv = c.io.env[NEW_PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  const ask = terminalPrompt('新口令 New passphrase: ');
  const again = terminalPrompt('再输入一次 Repeat the new passphrase: ');
  if (!ask || !again) {
    throw new CliError(`需要新口令：请设置环境变量 ${NEW_PASSPHRASE_ENV} 或在终端中运行 (new passphrase required: set ${NEW_PASSPHRASE_ENV} or run in a terminal)`, 2);
  }
  const first = await ask();
  if ((await again()) !== first) throw new CliError('两次输入的新口令不一致，口令未更改 (the two entries differ; the passphrase is unchanged)', 2);
  return first;
}

export function registerPassphraseCommands(program: Command, ctx: () => CliContext): void {
  program
    .command('passphrase')
    .description('账本口令 the ledger passphrase')
    .command('change')
    .description('更改账本口令（旧口令随即失效，备份文件夹中的备份也改用新口令） change the passphrase (the old one stops working, also for the backups folder)')
    .action(async () => {
      const c = ctx();
      const core = await c.open();
      const passphrase = await newPassphrase(c);
      const { removedSlots, backups } = await core.services.passphrase.change(passphrase);
      const lines = [
        '口令已更改，旧口令不再能打开此账本。 (passphrase changed; the old one no longer opens this ledger)',
        `备份文件夹中 ${backups.rekeyed.length} 个备份已改用新口令。 (${backups.rekeyed.length} backups in the backups folder now open with the new passphrase)`,
        ...(backups.skipped.length > 0
          ? [
              `以下 ${backups.skipped.length} 个备份未能更改，仍可用旧口令打开，请检查或删除 (left unchanged, they still open with the old passphrase; check or delete them):`,
              ...backups.skipped.map((b) => `  ${b.name}  ${b.reason === 'foreign' ? '无法确认属于此账本 (not provably this ledger’s)' : `无法读写 (unreadable): ${b.detail ?? ''}`}`),
            ]
          : []),
        '备份文件夹以外的备份副本仍需用旧口令打开。 (copies kept outside the backups folder still need the old passphrase)',
      ];
      c.print(lines.join('\n'), { changed: true, removedSlots, backups });
    });
}
