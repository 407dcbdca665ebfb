/** The contract's channels wired to the use-cases. One line per channel: no logic lives here. */
import type { Handlers } from '../api/dispatch.js';
import type { AccountService } from './account-service.js';
import type { AppInfoService } from './app-info-service.js';
import type { BackupService } from './backup-service.js';
import { dashboardHandlers, type DashboardService } from './dashboard-service.js';
import { exportHandlers, type ExportService } from './export-service.js';
import { insightHandlers, type InsightServices } from './insight-services.js';
import type { PassphraseService } from './passphrase-service.js';
import { recordHandlers, type RecordServices } from './record-services.js';
import type { SyncService } from './sync-service.js';

export interface CoreServices {
  readonly accounts: AccountService;
  readonly app: AppInfoService;
  readonly sync: SyncService;
  readonly insights: InsightServices;
  readonly records: RecordServices;
  readonly backup: BackupService;
  readonly dashboard: DashboardService;
  readonly exports: ExportService;
  /** Not on the contract (the web face never takes a passphrase): the CLI and the desktop shell's own channel change it. */
  readonly passphrase: PassphraseService;
}

export function createHandlers(s: CoreServices): Handlers {
  return {
    'app:info': (_args, ctx) => s.app.info(ctx.face),
    'app:status': () => s.app.status(),
    'providers:list': () => s.accounts.providers(),
    'accounts:list': () => s.accounts.list(),
    'accounts:add': (args) => s.accounts.add(args),
    'accounts:update': (args) => s.accounts.update(args),
    'accounts:remove': (args) => s.accounts.remove(args.id),
    'accounts:test': (args) => s.accounts.test(args.id),
    'sync:run': (args, ctx) => s.sync.run(args, ctx.face === 'cli' ? 'cli' : 'manual'),
    'sync:cancel': (args) => s.sync.cancel(args.accountId),
    'sync:state': () => s.sync.state(),
    'sync:runs': (args) => s.sync.runs(args),
    'sync:read-ids': (args) => s.sync.readIds(args),
    'sync:import-ids': (args) => s.sync.importIds(args),
    ...insightHandlers(s.insights),
    ...recordHandlers(s.records),
    'backup:list': () => s.backup.list(),
    'backup:create': (args, ctx) => s.backup.create(args, ctx.face),
    'backup:restore': (args, ctx) => s.backup.restore(args, ctx.face),
    'backup:settings': (args) => s.backup.settings(args),
    ...dashboardHandlers(s.dashboard),
    ...exportHandlers(s.exports),
  };
}
