/**
 * Read commands: `orders list`, `cards list [--reveal]`, `commissions list|summary`,
 * `settlements list|timeline`, `flows list`. Filters map onto the records channels; `--from/--to` are
 * Shanghai business days, both inclusive; `--limit N` follows keyset pages until N rows. Tables for
 * people, the stable format of records-json.ts for `--json`.
 */
import type { Command } from 'commander';
import type {
  CardRevealView,
  CardView,
  CommissionSummaryView,
  CommissionView,
  FlowView,
  MoneyView,
  OrderListItemView,
  PageView,
  SettlementView,
} from '../api/channels/records.js';
import { COMMISSION_STATUSES, ORDER_STATUSES, PROVIDER_SLUGS } from '../domain/models.js';
import { formatMoney, parseMoney, type Currency } from '../domain/money.js';
import { businessDayRange, businessDayStart, toShanghaiWallTime } from '../domain/time.js';
import { resolveAccountId } from './accounts-commands.js';
import { CliError, type CliContext } from './context.js';
import { cardJson, commissionJson, commissionSummaryJson, flowJson, orderJson, settlementJson } from './records-json.js';
import { formatTable } from './table.js';

const MAX_PAGE = 500;

interface CommonOptions {
  account?: string;
  provider?: string;
  status?: string;
  from?: string;
  to?: string;
  limit: string;
}

function positiveInt(value: string, name: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new CliError(`${name} 必须是正整数 (must be a positive integer): ${value}`);
  return Number(value);
}

function dayOrThrow(day: string, name: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new CliError(`${name} 日期格式应为 YYYY-MM-DD (expected YYYY-MM-DD): ${day}`);
  try {
    businessDayStart(day);
  } catch {
    throw new CliError(`${name} 不是有效日期 (not a valid date): ${day}`);
  }
  return day;
}

/** Inclusive Shanghai business days → half-open epoch-ms range. */
function period(opts: { from?: string; to?: string }): { from?: number; to?: number } {
  return {
    ...(opts.from ? { from: businessDayStart(dayOrThrow(opts.from, '--from')) } : {}),
    ...(opts.to ? { to: businessDayRange(dayOrThrow(opts.to, '--to')).end } : {}),
  };
}

function listOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(/[,，\s]+/).filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0) throw new CliError(`${name} 无效 (allowed: ${allowed.join('|')}): ${bad.join(', ')}`);
  return items as T[];
}

function providerOf(value: string | undefined): string | undefined {
  if (value !== undefined && !(PROVIDER_SLUGS as readonly string[]).includes(value)) throw new CliError(`--provider 无效 (allowed: ${PROVIDER_SLUGS.join('|')}): ${value}`);
  return value;
}

async function accountOf(c: CliContext, name: string | undefined): Promise<number | undefined> {
  return name === undefined ? undefined : resolveAccountId(c, name);
}

/** Follows `nextCursor` until `limit` items or the last page. */
async function collect<T>(c: CliContext, channel: string, args: Record<string, unknown>, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  while (items.length < limit) {
    const page = await c.call<PageView<T>>(channel, { ...args, ...(cursor ? { cursor } : {}), limit: Math.min(MAX_PAGE, limit - items.length) });
    items.push(...page.items);
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return items;
}

function moneyText(m: MoneyView | null): string {
  if (m === null) return '';
  return formatMoney(parseMoney(m.amount, m.currency as Currency)!);
}

const BENEFICIARY_ORDER = new Intl.Collator('zh-CN', { numeric: true });

function timeText(ms: number | null): string {
  return ms === null ? '' : toShanghaiWallTime(ms);
}

function table(headers: string[], rows: string[][], alignRight: readonly number[]): string {
  return rows.length === 0 ? '没有记录 no records' : formatTable(headers, rows, { alignRight });
}

function withCommon(cmd: Command, statusHelp?: string): Command {
  cmd
    .option('--account <name>', '账户 account (name or id)')
    .option('--provider <slug>', `供应商 provider: ${PROVIDER_SLUGS.join('|')}`)
    .option('--from <YYYY-MM-DD>', '开始日期（上海时间，含） first business day, inclusive')
    .option('--to <YYYY-MM-DD>', '结束日期（上海时间，含） last business day, inclusive')
    .option('--limit <n>', '最多行数（自动翻页） rows to return, following pages', '100');
  if (statusHelp) cmd.option('--status <list>', statusHelp);
  return cmd;
}

function registerOrders(program: Command, ctx: () => CliContext): void {
  const orders = program.command('orders').description('订单 orders');
  withCommon(orders.command('list').description('列出订单（所有供应商） list orders across providers'), `状态，逗号分隔 statuses: ${ORDER_STATUSES.join(',')}`)
    .option('--q <text>', '搜索订单号/标题/买家（3 个字符起为子串，否则为订单号前缀） search')
    .option('--min-total <amount>', '最小金额 minimum total')
    .option('--max-total <amount>', '最大金额 maximum total')
    .option('--sort <sort>', 'created_desc|created_asc|total_desc|total_asc|updated_desc', 'created_desc')
    .action(async (opts: CommonOptions & { q?: string; minTotal?: string; maxTotal?: string; sort: string }) => {
      const c = ctx();
      const limit = positiveInt(opts.limit, '--limit');
      const { from, to } = period(opts);
      const args = {
        accountId: await accountOf(c, opts.account),
        provider: providerOf(opts.provider),
        status: listOf(opts.status, ORDER_STATUSES, '--status'),
        createdFrom: from,
        createdTo: to,
        totalMin: opts.minTotal,
        totalMax: opts.maxTotal,
        q: opts.q,
        sort: opts.sort,
      };
      const items = await collect<OrderListItemView>(c, 'orders:list', args, limit);
      const rows = items.map((o) => [timeText(o.createdAt), o.accountName, o.orderNo, o.status, moneyText(o.total), o.title ?? '']);
      c.print(table(['创建时间 created', '账户 account', '订单号 order', '状态 status', '金额 total', '标题 title'], rows, [4]), items.map(orderJson));
    });
}

function registerCards(program: Command, ctx: () => CliContext): void {
  const cards = program.command('cards').description('卡密 card codes');
  withCommon(cards.command('list').description('列出卡密（默认隐藏密码） list card codes, passwords masked'), `订单状态 order statuses: ${ORDER_STATUSES.join(',')}`)
    .option('--order <orderNo>', '订单号 order number')
    .option('--reveal', '显示密码（每张卡写入审计日志） show passwords; each reveal is written to the audit log')
    .action(async (opts: CommonOptions & { order?: string; reveal?: boolean }) => {
      const c = ctx();
      const limit = positiveInt(opts.limit, '--limit');
      const { from, to } = period(opts);
      const args = {
        accountId: await accountOf(c, opts.account),
        provider: providerOf(opts.provider),
        orderNo: opts.order,
        orderStatus: listOf(opts.status, ORDER_STATUSES, '--status'),
        expiresAfter: from,
        expiresBefore: to,
      };
      let items: (CardView | CardRevealView)[] = await collect<CardView>(c, 'cards:list', args, limit);
      if (opts.reveal) {
        const revealed: CardRevealView[] = [];
        for (const card of items) revealed.push(await c.call<CardRevealView>('cards:reveal', { id: card.id }));
        items = revealed;
        if (!c.options.json && items.length > 0) c.io.stderr.write(`已显示 ${items.length} 张卡密的密码并写入审计日志 (revealed ${items.length} passwords; audit-logged)\n`);
      }
      const rows = items.map((k) => [k.accountName, k.orderNo, k.cardNo, 'password' in k ? k.password : k.passwordMasked, timeText(k.expiresAt), k.orderStatus ?? '']);
      c.print(table(['账户 account', '订单号 order', '卡号 card', '密码 password', '到期 expires', '订单状态'], rows, []), items.map(cardJson));
    });
}

function commissionArgs(opts: CommonOptions & { beneficiary?: string; level?: string; order?: string }, accountId: number | undefined) {
  const { from, to } = period(opts);
  const level = opts.level === undefined ? undefined : Number(opts.level);
  if (level !== undefined && ![0, 1, 2, 3].includes(level)) throw new CliError(`--level 必须是 0-3 (0 = 本人, 1-3 = 上级): ${opts.level}`);
  return {
    accountId,
    provider: providerOf(opts.provider),
    beneficiary: opts.beneficiary,
    level,
    status: listOf(opts.status, COMMISSION_STATUSES, '--status'),
    earnedFrom: from,
    earnedTo: to,
    orderNo: opts.order,
  };
}

function registerCommissions(program: Command, ctx: () => CliContext): void {
  const commissions = program.command('commissions').description('佣金 commissions');
  const statusHelp = `佣金状态 statuses: ${COMMISSION_STATUSES.join(',')}`;
  const extra = (cmd: Command) =>
    cmd
      .option('--beneficiary <name>', '收款人 beneficiary')
      .option('--level <n>', '层级 level: 0 = 本人 the user, 1-3 = 上级 uplines')
      .option('--order <orderNo>', '订单号 order number');
  extra(withCommon(commissions.command('list').description('列出佣金 list commissions'), statusHelp)).action(
    async (opts: CommonOptions & { beneficiary?: string; level?: string; order?: string }) => {
      const c = ctx();
      const limit = positiveInt(opts.limit, '--limit');
      const args = commissionArgs(opts, await accountOf(c, opts.account));
      const items = await collect<CommissionView>(c, 'commissions:list', args, limit);
      const rows = items.map((m) => [timeText(m.earnedAt), m.accountName, m.orderNo, m.beneficiary, String(m.level), moneyText(m.amount), m.status]);
      c.print(table(['时间 earned', '账户 account', '订单号 order', '收款人', '层级', '金额 amount', '状态 status'], rows, [5]), items.map(commissionJson));
    },
  );
  extra(withCommon(commissions.command('summary').description('按收款人×层级×币种汇总 totals per beneficiary × level × currency'), statusHelp)).action(
    async (opts: CommonOptions & { beneficiary?: string; level?: string; order?: string }) => {
      const c = ctx();
      const args = commissionArgs(opts, await accountOf(c, opts.account));
      // Beneficiaries are often upline user ids: 6 before 12, as the Commissions view lists them.
      const items = (await c.call<CommissionSummaryView[]>('commissions:summary', args)).sort(
        (a, b) => BENEFICIARY_ORDER.compare(a.beneficiary, b.beneficiary) || a.level - b.level || a.amount.currency.localeCompare(b.amount.currency),
      );
      const rows = items.map((s) => [s.beneficiary, String(s.level), moneyText(s.amount), String(s.count)]);
      c.print(table(['收款人 beneficiary', '层级 level', '合计 total', '笔数 count'], rows, [1, 2, 3]), items.map(commissionSummaryJson));
    },
  );
}

function settlementRow(s: SettlementView): string[] {
  return [timeText(s.modifiedAt), s.accountName, s.orderNo, moneyText(s.priceOld), moneyText(s.priceDelta), moneyText(s.priceNew), moneyText(s.commissionDelta), s.adsName ?? ''];
}
const SETTLEMENT_HEADERS = ['变动时间 modified', '账户 account', '订单号 order', '原价', '变动', '新价', '佣金变动', '活动 ads'];
const SETTLEMENT_AMOUNTS = [3, 4, 5, 6];

function registerSettlements(program: Command, ctx: () => CliContext): void {
  const settlements = program.command('settlements').description('多麦结算变动 settlement revisions');
  settlements
    .command('list')
    .description('列出结算变动 list settlement revisions')
    .option('--account <name>', '账户 account (name or id)')
    .option('--order <orderNo>', '订单号 order number')
    .option('--from <YYYY-MM-DD>', '开始日期（含） first business day, inclusive')
    .option('--to <YYYY-MM-DD>', '结束日期（含） last business day, inclusive')
    .option('--limit <n>', '最多行数 rows to return', '100')
    .action(async (opts: Omit<CommonOptions, 'provider' | 'status'> & { order?: string }) => {
      const c = ctx();
      const limit = positiveInt(opts.limit, '--limit');
      const { from, to } = period(opts);
      const args = { accountId: await accountOf(c, opts.account), orderNo: opts.order, modifiedFrom: from, modifiedTo: to };
      const items = await collect<SettlementView>(c, 'settlements:list', args, limit);
      c.print(table(SETTLEMENT_HEADERS, items.map(settlementRow), SETTLEMENT_AMOUNTS), items.map(settlementJson));
    });
  settlements
    .command('timeline <orderNo>')
    .description('一个订单的结算变动时间线 one order’s revisions, oldest first')
    .option('--account <name>', '账户 account (name or id)')
    .action(async (orderNo: string, opts: { account?: string }) => {
      const c = ctx();
      const items = await c.call<SettlementView[]>('settlements:timeline', { orderNo, accountId: await accountOf(c, opts.account) });
      c.print(table(SETTLEMENT_HEADERS, items.map(settlementRow), SETTLEMENT_AMOUNTS), items.map(settlementJson));
    });
}

function registerFlows(program: Command, ctx: () => CliContext): void {
  const flows = program.command('flows').description('快麦资金流水 money flows');
  flows
    .command('list')
    .description('列出资金流水（含子订单） list money flows with their sub-orders')
    .option('--account <name>', '账户 account (name or id)')
    .option('--tid <tid>', '交易号 trade id')
    .option('--type <n>', '类型 flow type: 1 = 支付 payment, 2 = 退款 refund')
    .option('--from <YYYY-MM-DD>', '开始日期（含） first business day, inclusive')
    .option('--to <YYYY-MM-DD>', '结束日期（含） last business day, inclusive')
    .option('--limit <n>', '最多行数 rows to return', '100')
    .action(async (opts: Omit<CommonOptions, 'provider' | 'status'> & { tid?: string; type?: string }) => {
      const c = ctx();
      const limit = positiveInt(opts.limit, '--limit');
      const { from, to } = period(opts);
      if (opts.type !== undefined && !/^-?\d{1,7}$/.test(opts.type)) throw new CliError(`--type 必须是整数 (must be an integer): ${opts.type}`);
      const args = { accountId: await accountOf(c, opts.account), tid: opts.tid, flowType: opts.type === undefined ? undefined : Number(opts.type), createdFrom: from, createdTo: to };
      const items = await collect<FlowView>(c, 'flows:list', args, limit);
      const rows = items.map((f) => [timeText(f.createdAt), f.accountName, f.tid, String(f.flowType), moneyText(f.amount), String(f.items.length)]);
      c.print(table(['时间 created', '账户 account', '交易号 tid', '类型 type', '金额 amount', '子订单 items'], rows, [4, 5]), items.map(flowJson));
    });
}

export function registerRecordCommands(program: Command, ctx: () => CliContext): void {
  registerOrders(program, ctx);
  registerCards(program, ctx);
  registerCommissions(program, ctx);
  registerSettlements(program, ctx);
  registerFlows(program, ctx);
}
