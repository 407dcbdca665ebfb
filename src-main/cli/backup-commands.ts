/** `backup [--out FILE]`, `backup list`, `backup settings` and `restore FILE`: backups from a terminal. */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { BackupCreatedView, BackupListView, BackupSettingsView, BackupView, RestoreView } from '../api/contract.js';
import { toShanghaiWallTime } from '../domain/time.js';
import { CliError, type CliContext } from './context.js';
import { formatTable } from './table.js';

const KIND_LABEL: Record<BackupView['kind'], string> = {
  hourly: '每小时 hourly',
  daily: '每日 daily',
  manual: '手动 manual',
  'pre-migrate': '升级前 pre-migrate',
  'pre-restore': '恢复前 pre-restore',
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function intOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`需要非负整数 (expected a whole number): ${value}`, 2);
  return Number(value);
}

/** Asks on the real terminal only; tests and pipes never reach a question. */
async function confirmOnTerminal(c: CliContext, question: string): Promise<boolean> {
  if (c.io.stdout !== process.stdout || !process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|是)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** A bare name from the backups folder, else a path relative to the current directory. */
async function restoreTarget(c: CliContext, file: string): Promise<{ name: string } | { path: string }> {
  if (!file.includes('/') && !file.includes('\\')) {
    const list = await c.call<BackupListView>('backup:list', {});
    if (list.backups.some((b) => b.name === file)) return { name: file };
  }
  return { path: path.resolve(file) };
}

export function registerBackupCommands(program: Command, ctx: () => CliContext): void {
  const backup = program
    .command('backup')
    .description('立即备份数据库（默认写入备份文件夹） back up the database now (into the backups folder unless --out)')
    .option('--out <file>', '备份到此文件（不会覆盖已有文件） write the backup to this file (never overwrites)')
    .action(async (opts: { out?: string }) => {
      const c = ctx();
      const view = await c.call<BackupCreatedView>('backup:create', opts.out ? { target: path.resolve(opts.out) } : {});
      c.print(`已备份 backed up: ${view.file} (${formatSize(view.sizeBytes)})`, view);
    });

  backup
    .command('list')
    .description('列出备份 list backups in the backups folder')
    .action(async () => {
      const c = ctx();
      const list = await c.call<BackupListView>('backup:list', {});
      const rows = list.backups.map((b) => [b.name, KIND_LABEL[b.kind], toShanghaiWallTime(b.createdAt), formatSize(b.sizeBytes), b.schemaVersion === null ? '?' : `v${b.schemaVersion}`]);
      c.print(
        `备份文件夹 folder: ${list.folder}\n${rows.length === 0 ? '还没有备份 no backups yet' : formatTable(['文件 file', '类型 kind', '时间 time', '大小 size', '版本'], rows, { alignRight: [3] })}`,
        list,
      );
    });

  backup
    .command('settings')
    .description('查看或修改自动备份策略 show or change the automatic backup policy')
    .option('--enable', '开启自动备份 turn automatic backups on')
    .option('--disable', '关闭自动备份 turn automatic backups off')
    .option('--interval <minutes>', '间隔分钟 minutes between automatic backups', intOption)
    .option('--keep-hourly <n>', '保留的每小时备份数 hourly backups kept', intOption)
    .option('--keep-daily <n>', '保留的每日备份数 daily backups kept', intOption)
    .action(async (opts: { enable?: boolean; disable?: boolean; interval?: number; keepHourly?: number; keepDaily?: number }) => {
      const c = ctx();
      if (opts.enable && opts.disable) throw new CliError('--enable 与 --disable 不能同时使用 (choose one)', 2);
      const s = await c.call<BackupSettingsView>('backup:settings', {
        ...(opts.enable ? { enabled: true } : opts.disable ? { enabled: false } : {}),
        ...(opts.interval !== undefined ? { intervalMinutes: opts.interval } : {}),
        ...(opts.keepHourly !== undefined ? { keepHourly: opts.keepHourly } : {}),
        ...(opts.keepDaily !== undefined ? { keepDaily: opts.keepDaily } : {}),
      });
      c.print(`自动备份 automatic: ${s.enabled ? '开 on' : '关 off'} · 每 ${s.intervalMinutes} 分钟 · 保留 ${s.keepHourly} 个每小时 + ${s.keepDaily} 个每日`, s);
    });

  program
    .command('restore <file>')
    .description('从备份恢复（先保存当前数据，可撤销） restore a backup (the current data is kept first, so it can be undone)')
    .option('--yes', '不询问，直接恢复 do not ask (required when not on a terminal)')
    .action(async (file: string, opts: { yes?: boolean }) => {
      const c = ctx();
      const target = await restoreTarget(c, file);
      if (!opts.yes && !(await confirmOnTerminal(c, `恢复将用 ${file} 替换当前账本数据（会先保存恢复前的副本）。继续？ Replace the ledger's data? [y/N] `))) {
        throw new CliError('未恢复：请加 --yes 确认 (not restored: add --yes to confirm)', 2);
      }
      const view = await c.call<RestoreView>('backup:restore', target);
      const undoCommand = `restore ${view.undo.name} --yes`;
      c.print(
        [
          `已恢复 restored from: ${view.restoredFrom}${view.migratedTo !== view.schemaVersion ? `（已从 v${view.schemaVersion} 升级到 v${view.migratedTo}）` : ''}`,
          `恢复前的数据已保存为 the previous data was kept as: ${view.undo.name}`,
          `撤销 undo with: ${undoCommand}`,
        ].join('\n'),
        { ...view, undoCommand },
      );
    });
}
