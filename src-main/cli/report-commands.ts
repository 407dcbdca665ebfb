/**
 * `report <kind> --from --to [--provider] [--account] [--group] [--json]`, `report drilldown <key>`,
 * and (from reconcile-commands.ts) `reconcile`. Tables for people, the channel's value for `--json`.
 */
import type { Command } from 'commander';
import { REPORT_GROUPS, REPORT_KINDS, type ReportDrilldownView, type ReportKind, type ReportMoney, type ReportView } from '../api/channels/reports.js';
import { toShanghaiWallTime } from '../domain/time.js';
import { resolveAccountId } from './accounts-commands.js';
import { CliError, type CliContext } from './context.js';
import { registerReconcileCommands } from './reconcile-commands.js';
import { formatTable } from './table.js';

const KIND_LABELS: Readonly<Record<ReportKind, string>> = {
  commissions: '佣金应付/已付 commission payouts owed/paid per beneficiary and level',
  revenue: '营业额、退款与净额 revenue, refunds and net per provider and currency',
  settlements: '多麦结算变动 Duomai settlement revisions (upward/downward commission deltas)',
  flows: '快麦资金流水 Kuaimai money flows: payments, refunds, net',
  cards: '卡密发放数量 card codes delivered',
};

interface ReportOptions {
  from: string;
  to: string;
  provider?: string;
  account?: string;
  group?: string;
  keys?: boolean;
}

function money(m: ReportMoney): string {
  return m.amount;
}

function renderReport(view: ReportView, showKeys: boolean): string {
  const first = view.rows[0] ?? view.totals[0];
  if (!first) return `没有数据 no data (${view.from} … ${view.to})`;
  const dimNames = view.rows[0] ? Object.keys(view.rows[0].dims) : [];
  const moneyNames = Object.keys(first.money);
  const countNames = Object.keys(first.counts);
  const headers = ['period', ...dimNames, ...moneyNames, ...countNames, ...(showKeys ? ['key'] : [])];
  const rows = view.rows.map((r) => [
    r.period,
    ...dimNames.map((d) => String((r.dims as Record<string, unknown>)[d])),
    ...moneyNames.map((m) => money((r.money as Record<string, ReportMoney>)[m]!)),
    ...countNames.map((c) => String((r.counts as Record<string, number>)[c])),
    ...(showKeys ? [r.key] : []),
  ]);
  const totals = view.totals.map((t) => [
    '合计 total',
    ...dimNames.map((d) => (d === 'currency' ? (t.currency ?? '') : '')),
    ...moneyNames.map((m) => money((t.money as Record<string, ReportMoney>)[m]!)),
    ...countNames.map((c) => String((t.counts as Record<string, number>)[c])),
    ...(showKeys ? [''] : []),
  ]);
  const figures = moneyNames.length + countNames.length;
  return formatTable(headers, [...rows, ...totals], { alignRight: Array.from({ length: figures }, (_, i) => 1 + dimNames.length + i) });
}

function renderDrilldown(view: ReportDrilldownView): string {
  if (view.items.length === 0) return '没有记录 no records';
  const moneyNames = Object.keys(view.items[0]!.money);
  const table = formatTable(
    ['id', 'account', view.kind === 'flows' ? 'tid' : 'order', 'time', 'status', ...moneyNames],
    view.items.map((i) => [
      String(i.id),
      String(i.accountId),
      i.ref,
      i.at === null ? '' : toShanghaiWallTime(i.at),
      i.status ?? '',
      ...moneyNames.map((m) => i.money[m]?.amount ?? ''),
    ]),
    { alignRight: moneyNames.map((_, i) => 5 + i) },
  );
  return view.nextAfter === null ? table : `${table}\n下一页 next page: --after ${view.nextAfter}`;
}

function positiveInt(value: string, name: string): number {
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new CliError(`${name} 必须是正整数 must be a positive integer`, 2);
  return Number(value);
}

export function registerReportCommands(program: Command, ctx: () => CliContext): void {
  const report = program.command('report').description('报表 reports: ' + REPORT_KINDS.join(', ') + ', drilldown');
  for (const kind of REPORT_KINDS) {
    report
      .command(kind)
      .description(KIND_LABELS[kind])
      .requiredOption('--from <yyyy-MM-dd>', '开始日期（含） first business day')
      .requiredOption('--to <yyyy-MM-dd>', '结束日期（含） last business day')
      .option('--provider <slug>', '只看此平台 only this provider')
      .option('--account <name>', '只看此账户 only this account (name or id)')
      .option('--group <group>', `分组 ${REPORT_GROUPS.join('|')}`)
      .option('--keys', '显示行键（用于 report drilldown） show row keys for drilldown')
      .action(async (opts: ReportOptions) => {
        const c = ctx();
        const accountId = opts.account ? await resolveAccountId(c, opts.account) : undefined;
        const view = await c.call<ReportView>(`report:${kind}`, {
          from: opts.from,
          to: opts.to,
          ...(opts.provider ? { provider: opts.provider } : {}),
          ...(accountId === undefined ? {} : { accountId }),
          ...(opts.group ? { group: opts.group } : {}),
        });
        c.print(renderReport(view, opts.keys === true), view);
      });
  }
  report
    .command('drilldown <key>')
    .description('报表行背后的记录 the records behind a report row')
    .option('--figure <name>', '只看构成此数字的记录 only records behind this figure (e.g. refunds)')
    .option('--after <id>', '从此记录之后 keyset cursor from the previous page')
    .option('--limit <n>', '每页条数 page size (1-500)', '100')
    .action(async (key: string, opts: { figure?: string; after?: string; limit: string }) => {
      const c = ctx();
      const view = await c.call<ReportDrilldownView>('report:drilldown', {
        key,
        limit: positiveInt(opts.limit, '--limit'),
        ...(opts.figure ? { figure: opts.figure } : {}),
        ...(opts.after ? { after: positiveInt(opts.after, '--after') } : {}),
      });
      c.print(renderDrilldown(view), view);
    });
  registerReconcileCommands(program, ctx);
}
