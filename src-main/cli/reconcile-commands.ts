/**
 * `reconcile [--no-run] [--all] [--unreviewed]` runs the checks and lists the findings;
 * `reconcile review <id> [--note] [--undo]` marks one reviewed; `reconcile settings [--upline-cap-bps]`.
 */
import type { Command } from 'commander';
import type { FindingPageView, FindingView, ReconcileRunView, ReconcileSettingsView } from '../api/channels/reports.js';
import { CliError, type CliContext } from './context.js';
import { formatTable } from './table.js';

const CHECK_LABELS: Readonly<Record<FindingView['check'], string>> = {
  kuaimai_flow_mismatch: '快麦流水不符',
  kasushou_refund_missing: '卡速售退款为0',
  duomai_commission_cut: '多麦佣金下调',
  commission_upline_excess: '上级佣金超限',
};

function findingRow(f: FindingView): string[] {
  const reviewed = f.reviewed ? (f.changedSinceReview ? '已复核*' : '已复核') : '';
  return [String(f.id), CHECK_LABELS[f.check], f.accountName, f.subject, f.difference ? `${f.difference.amount} ${f.difference.currency}` : '', f.state === 'open' ? '' : '已解决', reviewed, f.message];
}

function findingsTable(items: readonly FindingView[]): string {
  if (items.length === 0) return '没有对账问题 no findings';
  return formatTable(['id', '检查 check', '账户 account', '单号 subject', '差额 difference', '状态', '复核 reviewed', '说明 message'], items.map(findingRow), { alignRight: [0, 4] });
}

function runSummary(r: ReconcileRunView): string {
  return `对账完成 checked: 新增 ${r.added} new, 重新出现 ${r.reopened} reopened, 已解决 ${r.resolved} resolved, 未复核 ${r.unreviewed} unreviewed`;
}

async function allFindings(c: CliContext, args: Record<string, unknown>): Promise<FindingView[]> {
  const items: FindingView[] = [];
  let after: number | null = null;
  do {
    const page: FindingPageView = await c.call<FindingPageView>('reconcile:findings', { ...args, limit: 500, ...(after === null ? {} : { after }) });
    items.push(...page.items);
    after = page.nextAfter;
  } while (after !== null);
  return items;
}

export function registerReconcileCommands(program: Command, ctx: () => CliContext): void {
  const reconcile = program
    .command('reconcile')
    .description('对账检查并列出问题 run the reconciliation checks and list findings')
    .option('--no-run', '只列出，不重新检查 list only, do not run the checks')
    .option('--all', '包括已解决的问题 include resolved findings')
    .option('--unreviewed', '只看未复核的 only findings nobody reviewed')
    .action(async (opts: { run: boolean; all?: boolean; unreviewed?: boolean }) => {
      const c = ctx();
      const run = opts.run ? await c.call<ReconcileRunView>('reconcile:run', {}) : null;
      const findings = await allFindings(c, { state: opts.all ? 'all' : 'open', ...(opts.unreviewed ? { reviewed: false } : {}) });
      const human = [...(run ? [runSummary(run)] : []), findingsTable(findings)].join('\n');
      c.print(human, { run, findings });
    });

  reconcile
    .command('review <id>')
    .description('标记为已复核 mark a finding reviewed')
    .option('--note <text>', '备注 note')
    .option('--undo', '取消复核标记 clear the review mark')
    .action(async (id: string, opts: { note?: string; undo?: boolean }) => {
      const c = ctx();
      if (!/^[1-9]\d{0,14}$/.test(id)) throw new CliError('id 必须是正整数 must be a positive integer', 2);
      const finding = await c.call<FindingView>('reconcile:review', { id: Number(id), reviewed: opts.undo !== true, ...(opts.note ? { note: opts.note } : {}) });
      c.print(`${finding.reviewed ? '已标记复核 reviewed' : '已取消复核 review cleared'} #${finding.id}: ${finding.message}`, finding);
    });

  reconcile
    .command('settings')
    .description('对账设置 reconciliation settings')
    .option('--upline-cap-bps <n>', '上级佣金上限，订单金额的万分比（3000 = 30%） upline cap in basis points of the order total')
    .action(async (opts: { uplineCapBps?: string }) => {
      const c = ctx();
      if (opts.uplineCapBps !== undefined && !/^\d{1,5}$/.test(opts.uplineCapBps)) throw new CliError('--upline-cap-bps 必须是 0-10000 的整数', 2);
      const view = await c.call<ReconcileSettingsView>('reconcile:settings', opts.uplineCapBps === undefined ? {} : { uplineCapBps: Number(opts.uplineCapBps) });
      c.print(`上级佣金上限 upline cap: ${view.uplineCapBps} bps (${view.uplineCapBps / 100}%)`, view);
    });
}
