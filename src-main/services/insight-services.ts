/**
 * Reports and reconciliation as one unit for the composition root: their services built over the
 * database, and their channel handlers (`report:*`, `reconcile:*`). One line per channel.
 */
import type { reportChannels } from '../api/channels/reports.js';
import type { Handlers } from '../api/dispatch.js';
import type { Db } from '../db/connection.js';
import { AuditRepository } from '../db/repositories/audit-repository.js';
import { FindingsRepository } from '../db/repositories/findings-repository.js';
import { ReconciliationChecksRepository } from '../db/repositories/reconciliation-checks-repository.js';
import { ReportsRepository } from '../db/repositories/reports-repository.js';
import { SettingsRepository } from '../db/repositories/settings-repository.js';
import { ReconciliationService } from './reconciliation-service.js';
import { ReportService } from './report-service.js';

export interface InsightServices {
  readonly reports: ReportService;
  readonly reconciliation: ReconciliationService;
}

export function createInsightServices(deps: { readonly db: Db; readonly now: () => number }): InsightServices {
  return {
    reports: new ReportService({ reports: new ReportsRepository(deps.db) }),
    reconciliation: new ReconciliationService({
      checks: new ReconciliationChecksRepository(deps.db),
      findings: new FindingsRepository(deps.db),
      settings: new SettingsRepository(deps.db),
      audit: new AuditRepository(deps.db),
      now: deps.now,
    }),
  };
}

export type InsightChannel = keyof typeof reportChannels;

export function insightHandlers(s: InsightServices): Pick<Handlers, InsightChannel> {
  return {
    'report:commissions': (args) => s.reports.report('commissions', args),
    'report:revenue': (args) => s.reports.report('revenue', args),
    'report:settlements': (args) => s.reports.report('settlements', args),
    'report:flows': (args) => s.reports.report('flows', args),
    'report:cards': (args) => s.reports.report('cards', args),
    'report:drilldown': (args) => s.reports.drilldown(args),
    'reconcile:run': () => s.reconciliation.run(),
    'reconcile:findings': (args) => s.reconciliation.findings(args),
    'reconcile:review': (args, ctx) => s.reconciliation.review(args, ctx.face),
    'reconcile:settings': (args, ctx) => s.reconciliation.settings(args, ctx.face),
  };
}
