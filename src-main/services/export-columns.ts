/**
 * The columns of each export: header (zh-CN then the API field name), cell type, width and how to read
 * the cell from the list channel's own view, so a file says exactly what the list shows. Money is
 * always an exact decimal text next to a currency column; times are epoch ms (the writers show them in
 * Asia/Shanghai).
 */
import type { CardRevealView, CardView, CommissionView, FlowView, MoneyView, SettlementView } from '../api/channels/records.js';
import type { ReportKind, ReportMoney, ReportRow, ReportTotal } from '../api/channels/reports.js';
import { ORDER_CELL, type OrderRowArray } from '../db/repositories/export-order-rows.js';
import { REPORT_SPECS } from '../db/repositories/report-specs.js';
import type { CellValue, ColumnLayout, ColumnType } from './export-cells.js';

export interface ExportColumn<T> extends ColumnLayout {
  readonly value: (row: T) => CellValue;
  /** Rows that are arrays: the value is `row[cell]` as is, copied without calling `value` (a million rows × 19 cells). */
  readonly cell?: number;
}

export interface ExportTable<T> {
  /** Sheet name stem (XLSX). */
  readonly sheetName: string;
  readonly columns: readonly ExportColumn<T>[];
}

function col<T>(header: string, type: ColumnType, width: number, value: (row: T) => CellValue): ExportColumn<T> {
  return { header, type, width, value };
}

const amount = (m: MoneyView | null): string | null => (m === null ? null : m.amount);
/** The one currency of a row's amounts (they share it), or null when it has none. */
const currencyOf = (...amounts: (MoneyView | null)[]): string | null => amounts.find((m) => m !== null)?.currency ?? null;

/**
 * Orders are read as row arrays (db/repositories/export-order-rows.ts), the export that has to scale
 * to millions; the cells are the same as OrderListItemView's, money as the stored scale-4 integers.
 */
export function orderTable(accountName: (accountId: number) => string): ExportTable<OrderRowArray> {
  const c = ORDER_CELL;
  const cell = (r: OrderRowArray, i: number) => r[i] ?? null;
  const at = (header: string, type: ColumnType, width: number, i: number): ExportColumn<OrderRowArray> => ({ ...col(header, type, width, (r) => cell(r, i)), cell: i });
  const hasAmount = (r: OrderRowArray) => r[c.total] !== null || r[c.paid] !== null || r[c.refunded] !== null;
  return {
    sheetName: '订单 orders',
    columns: [
      at('编号 id', 'int', 10, c.id),
      at('供应商 provider', 'text', 11, c.provider),
      col('账户 account', 'text', 14, (r) => accountName(r[c.accountId] as number)),
      at('订单号 orderNo', 'text', 26, c.orderNo),
      at('外部单号 externalOrderNo', 'text', 16, c.externalOrderNo),
      at('状态 status', 'text', 11, c.status),
      at('原始状态 statusRaw', 'text', 10, c.statusRaw),
      at('标题 title', 'text', 36, c.title),
      at('买家 buyer', 'text', 14, c.buyer),
      col('币种 currency', 'text', 8, (r) => (hasAmount(r) ? cell(r, c.currency) : null)),
      at('金额 total', 'money', 14, c.total),
      at('实付 paid', 'money', 14, c.paid),
      at('退款 refunded', 'money', 14, c.refunded),
      at('佣金 commission', 'money', 14, c.commission),
      col('佣金币种 commissionCurrency', 'text', 8, (r) => (r[c.commission] === null ? null : cell(r, c.commissionCurrency))),
      at('创建时间 createdAt', 'date', 20, c.createdAt),
      at('更新时间 updatedAt', 'date', 20, c.updatedAt),
      at('支付时间 paidAt', 'date', 20, c.paidAt),
      at('下架时间 missingSince', 'date', 20, c.missingSince),
    ],
  };
}

const CARD_COLUMNS: readonly ExportColumn<CardView>[] = [
  col('编号 id', 'int', 10, (c) => c.id),
  col('供应商 provider', 'text', 11, (c) => c.provider),
  col('账户 account', 'text', 14, (c) => c.accountName),
  col('订单号 orderNo', 'text', 26, (c) => c.orderNo),
  col('订单状态 orderStatus', 'text', 11, (c) => c.orderStatus),
  col('卡号 cardNo', 'text', 24, (c) => c.cardNo),
  col('类型 showType', 'int', 8, (c) => c.showType),
];
const CARD_TAIL: readonly ExportColumn<CardView>[] = [
  col('到期时间 expiresAt', 'date', 20, (c) => c.expiresAt),
  col('首次同步 firstSeenAt', 'date', 20, (c) => c.firstSeenAt),
  col('最后同步 lastSeenAt', 'date', 20, (c) => c.lastSeenAt),
];

/** Without `withPasswords` the file has no password column at all (not even a mask). */
export function cardTable(withPasswords: boolean): ExportTable<CardView | CardRevealView> {
  const password = col<CardView | CardRevealView>('密码 password', 'text', 24, (c) => ('password' in c ? c.password : null));
  return { sheetName: '卡密 cards', columns: withPasswords ? [...CARD_COLUMNS, password, ...CARD_TAIL] : [...CARD_COLUMNS, ...CARD_TAIL] };
}

export const COMMISSION_TABLE: ExportTable<CommissionView> = {
  sheetName: '佣金 commissions',
  columns: [
    col('编号 id', 'int', 10, (c) => c.id),
    col('供应商 provider', 'text', 11, (c) => c.provider),
    col('账户 account', 'text', 14, (c) => c.accountName),
    col('订单号 orderNo', 'text', 26, (c) => c.orderNo),
    col('收款人 beneficiary', 'text', 14, (c) => c.beneficiary),
    col('层级 level', 'int', 7, (c) => c.level),
    col('币种 currency', 'text', 8, (c) => c.amount.currency),
    col('金额 amount', 'money', 14, (c) => c.amount.amount),
    col('状态 status', 'text', 11, (c) => c.status),
    col('原始状态 statusRaw', 'text', 10, (c) => c.statusRaw),
    col('时间 earnedAt', 'date', 20, (c) => c.earnedAt),
  ],
};

export const SETTLEMENT_TABLE: ExportTable<SettlementView> = {
  sheetName: '结算变动 settlements',
  columns: [
    col('编号 id', 'int', 10, (s) => s.id),
    col('账户 account', 'text', 14, (s) => s.accountName),
    col('变动键 changeKey', 'text', 16, (s) => s.changeKey),
    col('订单号 orderNo', 'text', 26, (s) => s.orderNo),
    col('下单时间 orderTime', 'date', 20, (s) => s.orderTime),
    col('变动时间 modifiedAt', 'date', 20, (s) => s.modifiedAt),
    col('币种 currency', 'text', 8, (s) => currencyOf(s.priceOld, s.priceDelta, s.priceNew, s.commissionOld, s.commissionDelta, s.commissionNew)),
    col('原价 priceOld', 'money', 14, (s) => amount(s.priceOld)),
    col('价格变动 priceDelta', 'money', 14, (s) => amount(s.priceDelta)),
    col('新价 priceNew', 'money', 14, (s) => amount(s.priceNew)),
    col('原佣金 commissionOld', 'money', 14, (s) => amount(s.commissionOld)),
    col('佣金变动 commissionDelta', 'money', 14, (s) => amount(s.commissionDelta)),
    col('新佣金 commissionNew', 'money', 14, (s) => amount(s.commissionNew)),
    col('活动编号 adsId', 'text', 10, (s) => s.adsId),
    col('活动 adsName', 'text', 16, (s) => s.adsName),
    col('euid', 'text', 12, (s) => s.euid),
  ],
};

export const FLOW_TABLE: ExportTable<FlowView> = {
  sheetName: '资金流水 flows',
  columns: [
    col('编号 id', 'int', 10, (f) => f.id),
    col('账户 account', 'text', 14, (f) => f.accountName),
    col('交易号 tid', 'text', 22, (f) => f.tid),
    col('类型 flowType', 'int', 8, (f) => f.flowType),
    col('币种 currency', 'text', 8, (f) => f.amount.currency),
    col('金额 amount', 'money', 14, (f) => f.amount.amount),
    col('应付 payment', 'money', 14, (f) => amount(f.payment)),
    col('实付 paid', 'money', 14, (f) => amount(f.paid)),
    col('运费 postFee', 'money', 12, (f) => amount(f.postFee)),
    col('时间 createdAt', 'date', 20, (f) => f.createdAt),
    col('子订单数 items', 'int', 8, (f) => f.items.length),
    col('商品 itemTitles', 'text', 36, (f) => f.items.map((i) => i.title ?? '').join('; ')),
  ],
};

// ── reports ─────────────────────────────────────────────────────────────────────────────────────────

const REPORT_LABELS: Readonly<Record<string, string>> = {
  provider: '供应商',
  beneficiary: '收款人',
  level: '层级',
  currency: '币种',
  owed: '应付',
  paid: '已付',
  owedCount: '应付笔数',
  paidCount: '已付笔数',
  revenue: '收入',
  refunds: '退款',
  net: '净额',
  orders: '订单数',
  refundedOrders: '退款订单数',
  up: '上调',
  down: '下调',
  revisions: '变动次数',
  upCount: '上调次数',
  downCount: '下调次数',
  payments: '支付',
  other: '其他',
  flows: '流水笔数',
  paymentCount: '支付笔数',
  refundCount: '退款笔数',
  cards: '卡密数',
};

const REPORT_NAMES: Readonly<Record<ReportKind, string>> = {
  commissions: '佣金报表',
  revenue: '收入报表',
  settlements: '结算报表',
  flows: '流水报表',
  cards: '卡密报表',
};

/** A report row or a per-currency total row ("合计 total"), flattened for export. */
export interface ReportLine {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly dims: Readonly<Record<string, string | number | null>>;
  readonly money: Readonly<Record<string, ReportMoney>>;
  readonly counts: Readonly<Record<string, number>>;
}

export const TOTAL_PERIOD = '合计 total';

export function reportLines(kind: ReportKind, rows: readonly ReportRow[], totals: readonly ReportTotal[], from: string, to: string): ReportLine[] {
  const lines: ReportLine[] = rows.map((r) => ({ period: r.period, from: r.from, to: r.to, dims: r.dims, money: r.money, counts: r.counts }));
  const hasCurrency = REPORT_SPECS[kind].dims.some((d) => d.name === 'currency');
  for (const t of totals) lines.push({ period: TOTAL_PERIOD, from, to, dims: hasCurrency ? { currency: t.currency } : {}, money: t.money, counts: t.counts });
  return lines;
}

export function reportTable(kind: ReportKind): ExportTable<ReportLine> {
  const spec = REPORT_SPECS[kind];
  const label = (name: string) => `${REPORT_LABELS[name] ?? name} ${name}`;
  return {
    sheetName: `${REPORT_NAMES[kind]} ${kind}`,
    columns: [
      col('期间 period', 'text', 22, (l) => l.period),
      col('开始 from', 'text', 11, (l) => l.from),
      col('结束 to', 'text', 11, (l) => l.to),
      ...spec.dims.map((d) => col<ReportLine>(label(d.name), d.type === 'int' ? 'int' : 'text', d.name === 'currency' ? 8 : 14, (l) => l.dims[d.name] ?? null)),
      ...spec.money.map((m) => col<ReportLine>(label(m.name), 'money', 16, (l) => l.money[m.name]?.amount ?? null)),
      ...spec.counts.map((c) => col<ReportLine>(label(c.name), 'int', 10, (l) => l.counts[c.name] ?? null)),
    ],
  };
}
