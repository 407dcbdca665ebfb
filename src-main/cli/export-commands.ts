/**
 * `export --kind orders|cards|commissions|settlements|flows|report --format csv|xlsx [--out FILE]
 * [filters of the matching list command] [--include-passwords]`: writes the whole filtered list (or a
 * report) through the `export:*` channels, with a live progress line on a terminal. Ctrl-C cancels
 * the job and removes the partial file. `--format` may be left out when `--out` ends in .csv/.xlsx.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportJobView, type ExportKind, type ExportProgressEvent, type ExportStartedView } from '../api/channels/export.js';
import { REPORT_GROUPS, REPORT_KINDS } from '../api/channels/reports.js';
import { COMMISSION_STATUSES, ORDER_STATUSES, PROVIDER_SLUGS } from '../domain/models.js';
import { businessDayRange, businessDayStart } from '../domain/time.js';
import { resolveAccountId } from './accounts-commands.js';
import { CliError, type CliContext } from './context.js';

interface ExportOptions {
  kind: string;
  format?: string;
  out?: string;
  account?: string;
  provider?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
  minTotal?: string;
  maxTotal?: string;
  sort?: string;
  order?: string;
  beneficiary?: string;
  level?: string;
  tid?: string;
  type?: string;
  report?: string;
  group?: string;
  includePasswords?: boolean;
}

type FilterOption = Exclude<keyof ExportOptions, 'kind' | 'format' | 'out' | 'includePasswords'>;

/** Which filter options each kind takes (the options of its list command). */
const ALLOWED: Readonly<Record<ExportKind, readonly FilterOption[]>> = {
  orders: ['account', 'provider', 'status', 'from', 'to', 'q', 'minTotal', 'maxTotal', 'sort'],
  cards: ['account', 'provider', 'status', 'from', 'to', 'order'],
  commissions: ['account', 'provider', 'status', 'from', 'to', 'order', 'beneficiary', 'level'],
  settlements: ['account', 'from', 'to', 'order'],
  flows: ['account', 'from', 'to', 'tid', 'type'],
  report: ['report', 'account', 'provider', 'from', 'to', 'group'],
};

const FLAG: Readonly<Record<FilterOption, string>> = {
  account: '--account',
  provider: '--provider',
  status: '--status',
  from: '--from',
  to: '--to',
  q: '--q',
  minTotal: '--min-total',
  maxTotal: '--max-total',
  sort: '--sort',
  order: '--order',
  beneficiary: '--beneficiary',
  level: '--level',
  tid: '--tid',
  type: '--type',
  report: '--report',
  group: '--group',
};

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) throw new CliError(`${flag} 无效 (allowed: ${allowed.join('|')}): ${value}`);
  return value as T | undefined;
}

function listOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(/[,，\s]+/).filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0) throw new CliError(`${flag} 无效 (allowed: ${allowed.join('|')}): ${bad.join(', ')}`);
  return items as T[];
}

function day(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliError(`${flag} 日期格式应为 YYYY-MM-DD (expected YYYY-MM-DD): ${value}`);
  try {
    businessDayStart(value);
  } catch {
    throw new CliError(`${flag} 不是有效日期 (not a valid date): ${value}`);
  }
  return value;
}

/** Inclusive Shanghai business days → half-open epoch-ms range (as the list commands do). */
function period(opts: { from?: string | undefined; to?: string | undefined }): { from?: number; to?: number } {
  return {
    ...(opts.from ? { from: businessDayStart(day(opts.from, '--from')) } : {}),
    ...(opts.to ? { to: businessDayRange(day(opts.to, '--to')).end } : {}),
  };
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,7}$/.test(value)) throw new CliError(`${flag} 必须是整数 (must be an integer): ${value}`);
  return Number(value);
}

function filtersFor(kind: ExportKind, opts: ExportOptions, accountId: number | undefined): Record<string, unknown> {
  const { from, to } = period(kind === 'report' ? {} : opts);
  const provider = oneOf(opts.provider, PROVIDER_SLUGS, '--provider');
  switch (kind) {
    case 'orders':
      return {
        accountId,
        provider,
        status: listOf(opts.status, ORDER_STATUSES, '--status'),
        createdFrom: from,
        createdTo: to,
        totalMin: opts.minTotal,
        totalMax: opts.maxTotal,
        q: opts.q,
        sort: opts.sort,
      };
    case 'cards':
      return { accountId, provider, orderNo: opts.order, orderStatus: listOf(opts.status, ORDER_STATUSES, '--status'), expiresAfter: from, expiresBefore: to };
    case 'commissions': {
      const level = integer(opts.level, '--level');
      if (level !== undefined && (level < 0 || level > 3)) throw new CliError(`--level 必须是 0-3 (0 = 本人, 1-3 = 上级): ${opts.level}`);
      const status = listOf(opts.status, COMMISSION_STATUSES, '--status');
      return { accountId, provider, beneficiary: opts.beneficiary, level, status, earnedFrom: from, earnedTo: to, orderNo: opts.order };
    }
    case 'settlements':
      return { accountId, orderNo: opts.order, modifiedFrom: from, modifiedTo: to };
    case 'flows':
      return { accountId, tid: opts.tid, flowType: integer(opts.type, '--type'), createdFrom: from, createdTo: to };
    case 'report': {
      if (!opts.report || !opts.from || !opts.to) throw new CliError('报表导出需要 --report、--from 和 --to (a report export needs --report, --from and --to)');
      const report = oneOf(opts.report, REPORT_KINDS, '--report');
      return { report, from: day(opts.from, '--from'), to: day(opts.to, '--to'), provider, accountId, group: oneOf(opts.group, REPORT_GROUPS, '--group') };
    }
  }
}

function formatOf(opts: ExportOptions): ExportFormat {
  const format = oneOf(opts.format, EXPORT_FORMATS, '--format');
  if (format) return format;
  const ext = opts.out ? path.extname(opts.out).slice(1).toLowerCase() : '';
  if ((EXPORT_FORMATS as readonly string[]).includes(ext)) return ext as ExportFormat;
  throw new CliError('需要 --format csv|xlsx（或以 .csv/.xlsx 结尾的 --out） (--format is required unless --out ends in .csv or .xlsx)');
}

function progressLine(e: ExportProgressEvent): string {
  const total = e.totalEstimate === null ? '' : ` / ${e.totalEstimate}`;
  const percent = e.totalEstimate ? ` (${Math.min(100, Math.floor((e.rows / e.totalEstimate) * 100))}%)` : '';
  const phase = e.phase === 'counting' ? '统计中 counting' : e.phase === 'finishing' ? '收尾中 finishing' : '写入中 writing';
  return `导出 export ${phase} · ${e.rows}${total} 行 rows${percent}`;
}

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

async function runExport(c: CliContext, opts: ExportOptions): Promise<void> {
  const kind = oneOf(opts.kind, EXPORT_KINDS, '--kind');
  if (!kind) throw new CliError(`需要 --kind (${EXPORT_KINDS.join('|')})`);
  const given = (Object.keys(FLAG) as FilterOption[]).filter((k) => opts[k] !== undefined);
  const wrong = given.filter((k) => !ALLOWED[kind].includes(k));
  if (wrong.length > 0) throw new CliError(`${wrong.map((k) => FLAG[k]).join(', ')} 不适用于 --kind ${kind} (not a filter of ${kind})`);
  if (opts.includePasswords && kind !== 'cards') throw new CliError('--include-passwords 只适用于 --kind cards (card exports only)');
  const format = formatOf(opts);
  const core = await c.open();
  const accountId = opts.account === undefined ? undefined : await resolveAccountId(c, opts.account);
  const args = {
    kind,
    format,
    filters: filtersFor(kind, opts, accountId),
    ...(opts.includePasswords ? { includePasswords: true } : {}),
    ...(opts.out ? { target: path.resolve(opts.out) } : {}),
  };
  const tty = !c.options.json && (c.io.stderr as NodeJS.WriteStream).isTTY === true;
  let jobId: string | null = null;
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (tty && name === 'export:progress' && (payload as ExportProgressEvent).jobId === jobId) c.io.stderr.write(`\r\x1b[2K${progressLine(payload as ExportProgressEvent)}`);
  });
  const cancel = () => void (jobId && core.services.exports.cancel(jobId));
  process.once('SIGINT', cancel);
  try {
    const started = await c.call<ExportStartedView>('export:start', args);
    jobId = started.jobId;
    const job: ExportJobView = await core.services.exports.wait(started.jobId);
    if (tty) c.io.stderr.write('\r\x1b[2K');
    if (job.status === 'cancelled') throw new CliError('导出已取消，未完成的文件已删除 (export cancelled; the partial file was removed)', 130);
    if (job.status !== 'succeeded') throw new CliError(job.error ?? '导出失败 export failed');
    if (opts.includePasswords && !c.options.json) c.io.stderr.write('文件包含卡密密码，已写入审计日志；请妥善保管 (the file holds card passwords; audit-logged)\n');
    c.print(`已导出 ${job.rows} 行 → ${job.file} (${sizeText(job.bytes)}) exported ${job.rows} rows`, job);
  } finally {
    unsubscribe();
    process.off('SIGINT', cancel);
  }
}

export function registerExportCommands(program: Command, ctx: () => CliContext): void {
  program
    .command('export')
    .description('导出列表或报表到 CSV/XLSX export a filtered list or a report to CSV or XLSX')
    .requiredOption('--kind <kind>', `导出内容 what to export: ${EXPORT_KINDS.join('|')}`)
    .option('--format <format>', '格式 csv|xlsx（默认取 --out 的扩展名） file format')
    .option('--out <file>', '输出文件（默认写入数据目录的 exports 文件夹） output file')
    .option('--account <name>', '账户 account (name or id)')
    .option('--provider <slug>', `供应商 provider: ${PROVIDER_SLUGS.join('|')}`)
    .option('--status <list>', '状态，逗号分隔 statuses (orders, cards: order status; commissions: commission status)')
    .option('--from <YYYY-MM-DD>', '开始日期（上海时间，含） first business day, inclusive')
    .option('--to <YYYY-MM-DD>', '结束日期（上海时间，含） last business day, inclusive')
    .option('--q <text>', '订单搜索 order search (orders)')
    .option('--min-total <amount>', '最小金额 minimum total (orders)')
    .option('--max-total <amount>', '最大金额 maximum total (orders)')
    .option('--sort <sort>', '排序 orders sort: created_desc|created_asc|total_desc|total_asc|updated_desc')
    .option('--order <orderNo>', '订单号 order number (cards, commissions, settlements)')
    .option('--beneficiary <name>', '收款人 beneficiary (commissions)')
    .option('--level <n>', '层级 level 0-3 (commissions)')
    .option('--tid <tid>', '交易号 trade id (flows)')
    .option('--type <n>', '流水类型 flow type (flows)')
    .option('--report <kind>', `报表 report: ${REPORT_KINDS.join('|')}`)
    .option('--group <group>', `报表分组 report grouping: ${REPORT_GROUPS.join('|')}`)
    .option('--include-passwords', '包含卡密密码（写入审计日志） include card passwords; audit-logged (cards)')
    .action(async (opts: ExportOptions) => runExport(ctx(), opts));
}
