/** `sync` and `import-ids`: run syncs from a terminal with a live progress line, or as JSON. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SyncProgressEvent, SyncRunView, TrackedIdsImported, TrackedIdsPreview } from '../api/contract.js';
import { resolveAccountId } from './accounts-commands.js';
import { CliError, type CliContext } from './context.js';
import { formatTable } from './table.js';
import { decodeText } from './text-file.js';

/** Where the ids came from, for a table: its column, and the cells left out. */
function sourceText({ column, skipped }: { column: string | null; skipped: number }): string {
  if (column === null) return '';
  const left = skipped > 0 ? `，跳过 ${skipped} 个不是订单号的单元格（如合计行） skipping ${skipped} non-id cells` : '';
  return `（来自「${column}」列 from column "${column}"${left}）`;
}

function progressLine(e: SyncProgressEvent): string {
  const eta = e.etaMs === null ? '' : ` 剩余约 ${Math.ceil(e.etaMs / 1000)}s`;
  return `[${e.accountName}] ${e.phase}${e.window ? ` ${e.window}` : ''}${e.page ? ` 第${e.page}页` : ''} · 已取 ${e.fetched} · 新增 ${e.inserted} · 更新 ${e.updated} · ${e.ratePerSec}/s${eta}`;
}

function runRow(r: SyncRunView): string[] {
  const seconds = r.durationMs === null ? '' : (r.durationMs / 1000).toFixed(1);
  return [r.accountName, r.status, String(r.fetched), String(r.inserted), String(r.updated), String(r.unchanged), seconds, r.errorMessage ?? ''];
}

export function registerSyncCommands(program: Command, ctx: () => CliContext): void {
  program
    .command('sync')
    .description('同步账户数据 sync accounts (all enabled accounts unless --account)')
    .option('--account <name>', '只同步此账户 only this account (name or id)')
    .option('--since <yyyy-MM-dd>', '从此日期开始覆盖（回补或复查） start of the period this run covers')
    .action(async (opts: { account?: string; since?: string }) => {
      const c = ctx();
      const core = await c.open();
      const accountId = opts.account ? await resolveAccountId(c, opts.account) : undefined;
      const tty = !c.options.json && (c.io.stderr as NodeJS.WriteStream).isTTY === true;
      const unsubscribe = core.events.subscribe((name, payload) => {
        if (name === 'sync:progress' && tty) c.io.stderr.write(`\r\x1b[2K${progressLine(payload as SyncProgressEvent)}`);
      });
      const stopOnSignal = () => core.services.sync.cancel();
      process.once('SIGINT', stopOnSignal);
      try {
        const { runs, skipped } = await core.services.sync.runAndWait({ accountId, since: opts.since }, 'cli');
        if (tty) c.io.stderr.write('\r\x1b[2K');
        const human = [
          runs.length === 0 ? '没有可同步的账户 nothing to sync' : formatTable(['账户', '结果', '获取', '新增', '更新', '未变', '秒', '错误'], runs.map(runRow), { alignRight: [2, 3, 4, 5, 6] }),
          ...skipped.map((s) => `跳过 skipped #${s.accountId}: ${s.reason}`),
        ].join('\n');
        c.print(human, { runs, skipped });
        const failed = runs.filter((r) => r.status !== 'succeeded');
        if (failed.length > 0) throw new CliError(`${failed.length} 个账户同步未成功 sync failed: ${failed.map((r) => `${r.accountName}: ${r.errorMessage}`).join('; ')}`, 3);
      } finally {
        unsubscribe();
        process.off('SIGINT', stopOnSignal);
      }
    });

  program
    .command('import-ids')
    .description('导入要跟踪的订单号（卡速售买家 ordersn、快麦 tid） import ids to track')
    .requiredOption('--account <name>', '账户 account (name or id)')
    .option('--file <path>', '从文件读取：订单号列表，或带表头的 CSV（UTF-8 或 GBK）；- 表示标准输入 read a list or a CSV with a header row, - for stdin')
    .option('--column <header>', 'CSV 中订单号列的表头（默认按「订单号」「ordersn」「tid」等识别） the id column header')
    .option('--dry-run', '只显示会读到什么，不导入 show what would be read, add nothing')
    .action(async (opts: { account: string; file?: string; column?: string; dryRun?: boolean }) => {
      const c = ctx();
      const text = !opts.file || opts.file === '-' ? await c.io.readStdin() : decodeText(await readFile(opts.file));
      if (text.trim() === '') throw new CliError('没有读到订单号 no ids given');
      const args = { accountId: await resolveAccountId(c, opts.account), text, ...(opts.column ? { column: opts.column } : {}) };
      if (opts.dryRun) {
        const preview = await c.call<TrackedIdsPreview>('sync:read-ids', args);
        c.print(`读到 ${preview.count} 个订单号${sourceText(preview)}，例如 ${preview.sample.join(', ')}；未导入 (dry run: nothing added)`, preview);
        return;
      }
      const result = await c.call<TrackedIdsImported>('sync:import-ids', args);
      c.print(`读到 ${result.count} 个订单号${sourceText(result)}，新增 ${result.added} 个，共跟踪 ${result.total} 个 (read ${result.count}, added ${result.added}, tracking ${result.total})`, result);
    });
}
