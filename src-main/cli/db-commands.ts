/** `db migrate|check` and `status`: database maintenance that needs no passphrase (status does). */
import path from 'node:path';
import type { Command } from 'commander';
import type { StatusView } from '../api/contract.js';
import { databasePath, openDatabase } from '../db/connection.js';
import { checkDatabase } from '../db/health-check.js';
import { LATEST_SCHEMA_VERSION, migrate } from '../db/migrate.js';
import { CliError, type CliContext } from './context.js';

export function registerDbCommands(program: Command, ctx: () => CliContext): void {
  const db = program.command('db').description('数据库维护 database maintenance');

  db.command('migrate')
    .description('升级数据库结构（先自动备份） apply schema migrations (backs up first)')
    .action(() => {
      const c = ctx();
      const handle = openDatabase(databasePath(c.dataDir));
      try {
        const result = migrate(handle, { backupDir: path.join(c.dataDir, 'backups') });
        c.print(
          result.from === result.to ? `数据库已是最新版本 v${result.to} (up to date)` : `已从 v${result.from} 升级到 v${result.to}${result.backupFile ? `，备份 ${result.backupFile}` : ''}`,
          result,
        );
      } finally {
        handle.close();
      }
    });

  db.command('check')
    .description('检查数据库完整性 check integrity and schema version')
    .action(() => {
      const c = ctx();
      const handle = openDatabase(databasePath(c.dataDir));
      try {
        const report = checkDatabase(handle);
        c.print(
          `完整性 integrity: ${report.integrity}\n外键 foreign keys: ${report.foreignKeyViolations} 处问题\n结构版本 schema: v${report.schemaVersion} / v${LATEST_SCHEMA_VERSION}`,
          report,
        );
        if (!report.ok) throw new CliError(`数据库检查未通过 database check failed: ${report.problems.join('; ')}`, 2);
      } finally {
        handle.close();
      }
    });

  program
    .command('status')
    .description('账本概况 what the ledger holds')
    .action(async () => {
      const c = ctx();
      const s = await c.call<StatusView>('app:status', {});
      const last = s.lastSyncAt ? new Date(s.lastSyncAt).toISOString() : '从未 never';
      c.print(
        [
          `数据目录 data dir: ${c.dataDir}`,
          `账户 accounts: ${s.accounts}`,
          `订单 orders: ${s.orders}  卡密 cards: ${s.cards}  佣金 commissions: ${s.commissions}`,
          `结算变动 settlements: ${s.settlements}  资金流水 flows: ${s.flows}`,
          `最近同步 last sync: ${last}  结构版本 schema: v${s.schemaVersion}`,
        ].join('\n'),
        { dataDir: c.dataDir, ...s },
      );
    });
}
