/**
 * Reconciliation use-cases: run the checks, keep their findings (stable keys, review marks that
 * survive re-runs), list them and mark them reviewed (with an audit log row).
 *
 * The checks:
 * - kuaimai_flow_mismatch — per Kuaimai tid with money flows: the payment flows (flowType 1, negative)
 *   must debit exactly the trade's amount. A trade's `payment` (orders.total; it includes postage, as
 *   the flow's `detail.payment` does) is what is debited; a tid split into several system orders is
 *   compared with the sum of their totals. Also flagged: refunds exceeding what was paid, and flows
 *   whose trade is not in the ledger. Trades without flows are not judged (flows may not be synced yet).
 * - kasushou_refund_missing — a Kasushou order refunded (status 5) whose has_back_money is 0 or absent.
 * - duomai_commission_cut — a Duomai order with any downward revision of its confirmed commission.
 * - commission_upline_excess — an order whose level 1–3 commissions (not invalid) add up to more than
 *   the configured share of its total (settings `reconcile.uplineCapBps`, default 3000 = 30 %),
 *   rounded with money.ts percentOf. Orders without a total, or in another currency, are not judged.
 */
import type {
  FindingCheck,
  FindingPageView,
  FindingView,
  ReconcileRunView,
  ReconcileSettingsView,
} from '../api/channels/reconcile.js';
import type { ReportMoney } from '../api/channels/reports.js';
import { NotFoundError } from '../api/errors.js';
import type { AuditRepository } from '../db/repositories/audit-repository.js';
import type { DetectedFinding, FindingRow, FindingsRepository } from '../db/repositories/findings-repository.js';
import type { ReconciliationChecksRepository } from '../db/repositories/reconciliation-checks-repository.js';
import type { SettingsRepository } from '../db/repositories/settings-repository.js';
import { isCurrency, money, percentOf } from '../domain/money.js';
import { scaledText } from './report-service.js';

export const UPLINE_CAP_SETTING = 'reconcile.uplineCapBps';
export const DEFAULT_UPLINE_CAP_BPS = 3000;

export interface ReconciliationServiceDeps {
  readonly checks: ReconciliationChecksRepository;
  readonly findings: FindingsRepository;
  readonly settings: SettingsRepository;
  readonly audit: AuditRepository;
  readonly now: () => number;
}

const NO_LINKS = { orderIds: [], orderNos: [], flowIds: [], settlementIds: [], commissionIds: [] };

function moneyView(scaled: bigint | null, currency: string | null): ReportMoney | null {
  return scaled === null || !isCurrency(currency) ? null : { amount: scaledText(scaled), currency };
}

function kuaimaiFindings(checks: ReconciliationChecksRepository): DetectedFinding[] {
  return checks.kuaimaiFlowMismatches().flatMap((c) => {
    const reasons: string[] = [];
    if (c.trades === 0) reasons.push('no_trade');
    else if (c.tradeTotal === null) reasons.push('trade_amount_missing');
    else if (c.debited !== c.tradeTotal) reasons.push('debit_mismatch');
    if (c.refunded > c.debited) reasons.push('refund_exceeds_payment');
    if (reasons.length === 0) return [];
    return [{
      key: `kuaimai_flow_mismatch:${c.accountId}:${c.tid}:${c.currency}`,
      check: 'kuaimai_flow_mismatch' as const,
      accountId: c.accountId,
      subject: c.tid,
      currency: c.currency,
      expected: c.tradeTotal,
      actual: c.debited,
      difference: c.tradeTotal === null ? null : c.debited - c.tradeTotal,
      reasons,
      links: { ...NO_LINKS, orderIds: c.orderIds, orderNos: c.orderNos, flowIds: c.flowIds },
    }];
  });
}

function kasushouFindings(checks: ReconciliationChecksRepository): DetectedFinding[] {
  return checks.kasushouMissingRefunds().map((c) => ({
    key: `kasushou_refund_missing:${c.accountId}:${c.orderNo}`,
    check: 'kasushou_refund_missing' as const,
    accountId: c.accountId,
    subject: c.orderNo,
    currency: c.currency,
    expected: c.total,
    actual: c.refunded ?? 0n,
    difference: c.total === null ? null : (c.refunded ?? 0n) - c.total,
    reasons: [c.refunded === null ? 'refund_amount_missing' : 'refund_amount_zero'],
    links: { ...NO_LINKS, orderIds: [c.orderId], orderNos: [c.orderNo] },
  }));
}

function duomaiFindings(checks: ReconciliationChecksRepository): DetectedFinding[] {
  return checks.duomaiCommissionCuts().map((c) => ({
    key: `duomai_commission_cut:${c.accountId}:${c.orderNo}:${c.currency}`,
    check: 'duomai_commission_cut' as const,
    accountId: c.accountId,
    subject: c.orderNo,
    currency: c.currency,
    expected: null,
    actual: null,
    difference: c.cut,
    reasons: ['commission_revised_down'],
    links: { ...NO_LINKS, orderIds: c.orderIds, orderNos: [c.orderNo], settlementIds: c.settlementIds, commissionIds: c.commissionIds },
  }));
}

function uplineFindings(checks: ReconciliationChecksRepository, capBps: number): DetectedFinding[] {
  return checks.uplineCandidates(capBps).flatMap((c) => {
    if (!isCurrency(c.currency)) return [];
    const cap = BigInt(percentOf(money(Number(c.total), c.currency), capBps).scaled);
    if (c.upline <= cap) return [];
    return [{
      key: `commission_upline_excess:${c.accountId}:${c.orderNo}:${c.currency}`,
      check: 'commission_upline_excess' as const,
      accountId: c.accountId,
      subject: c.orderNo,
      currency: c.currency,
      expected: cap,
      actual: c.upline,
      difference: c.upline - cap,
      reasons: ['upline_exceeds_cap'],
      links: { ...NO_LINKS, orderIds: [c.orderId], orderNos: [c.orderNo], commissionIds: c.commissionIds },
    }];
  });
}

function amountText(m: ReportMoney | null): string {
  return m ? `${m.amount} ${m.currency}` : '—';
}

/** One line for the merchant, zh-CN first. */
export function findingMessage(check: FindingCheck, subject: string, reasons: readonly string[], expected: ReportMoney | null, actual: ReportMoney | null, difference: ReportMoney | null): string {
  switch (check) {
    case 'kuaimai_flow_mismatch':
      if (reasons.includes('no_trade')) return `快麦资金流水 ${subject} 找不到对应订单，扣款 ${amountText(actual)} (Kuaimai flows without a synced trade)`;
      if (reasons.includes('trade_amount_missing')) return `快麦订单 ${subject} 没有订单金额，无法与流水核对 (trade has no amount to check the flows against)`;
      if (!reasons.includes('debit_mismatch')) return `快麦 ${subject} 退款超过支付金额 ${amountText(actual)} (refunds exceed the payment)`;
      return `快麦 ${subject} 流水扣款 ${amountText(actual)} 与订单金额 ${amountText(expected)} 不符，差额 ${amountText(difference)} (flows disagree with the trade)`;
    case 'kasushou_refund_missing':
      return `卡速售订单 ${subject} 已退款但退款金额为 0，订单金额 ${amountText(expected)} (refunded order reports no refunded money)`;
    case 'duomai_commission_cut':
      return `多麦订单 ${subject} 确认佣金被下调 ${amountText(difference)} (confirmed commission revised downward)`;
    case 'commission_upline_excess':
      return `订单 ${subject} 上级佣金合计 ${amountText(actual)} 超过上限 ${amountText(expected)} (upline commissions exceed the allowed share)`;
  }
}

function findingView(row: FindingRow): FindingView {
  const expected = moneyView(row.expected, row.currency);
  const actual = moneyView(row.actual, row.currency);
  const difference = moneyView(row.difference, row.currency);
  return {
    id: row.id,
    key: row.key,
    check: row.check,
    accountId: row.accountId,
    accountName: row.accountName,
    provider: row.provider,
    subject: row.subject,
    message: findingMessage(row.check, row.subject, row.reasons, expected, actual, difference),
    reasons: row.reasons,
    expected,
    actual,
    difference,
    links: row.links,
    state: row.state,
    reviewed: row.reviewedAt !== null,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedBy,
    reviewNote: row.reviewNote,
    changedSinceReview: row.reviewedAt !== null && row.reviewedHash !== row.evidenceHash,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    resolvedAt: row.resolvedAt,
  };
}

export class ReconciliationService {
  constructor(private readonly deps: ReconciliationServiceDeps) {}

  /** Runs every check and stores the outcome. */
  run(): ReconcileRunView {
    const capBps = this.uplineCapBps();
    const found = [
      ...kuaimaiFindings(this.deps.checks),
      ...kasushouFindings(this.deps.checks),
      ...duomaiFindings(this.deps.checks),
      ...uplineFindings(this.deps.checks, capBps),
    ];
    const ranAt = this.deps.now();
    const outcome = this.deps.findings.sync(found, ranAt);
    const count = (check: FindingCheck) => found.filter((f) => f.check === check).length;
    return {
      ranAt,
      found: {
        kuaimai_flow_mismatch: count('kuaimai_flow_mismatch'),
        kasushou_refund_missing: count('kasushou_refund_missing'),
        duomai_commission_cut: count('duomai_commission_cut'),
        commission_upline_excess: count('commission_upline_excess'),
      },
      ...outcome,
      unreviewed: this.deps.findings.unreviewedOpenCount(),
      uplineCapBps: capBps,
    };
  }

  findings(args: {
    state: 'open' | 'resolved' | 'all';
    reviewed?: boolean | undefined;
    check?: FindingCheck | undefined;
    accountId?: number | undefined;
    after?: number | undefined;
    limit: number;
  }): FindingPageView {
    const rows = this.deps.findings.list({
      state: args.state === 'all' ? null : args.state,
      reviewed: args.reviewed ?? null,
      check: args.check ?? null,
      accountId: args.accountId ?? null,
      after: args.after ?? 0,
      limit: args.limit + 1,
    });
    const page = rows.slice(0, args.limit);
    return { items: page.map(findingView), nextAfter: rows.length > args.limit ? (page.at(-1)?.id ?? null) : null };
  }

  review(args: { id: number; reviewed: boolean; note?: string | undefined }, actor: string): FindingView {
    const row = this.deps.findings.get(args.id);
    if (!row) throw new NotFoundError(`对账问题不存在 (finding ${args.id} not found)`);
    const at = this.deps.now();
    const note = args.note && args.note !== '' ? args.note : null;
    this.deps.findings.setReview(row.id, args.reviewed ? { at, by: actor, note } : null);
    this.deps.audit.record({
      at,
      actor,
      action: args.reviewed ? 'reconcile.review' : 'reconcile.unreview',
      targetType: 'reconciliation_finding',
      targetId: String(row.id),
      details: { key: row.key, check: row.check, accountId: row.accountId, subject: row.subject, note },
    });
    return findingView(this.deps.findings.get(row.id)!);
  }

  settings(args: { uplineCapBps?: number | undefined }, actor: string): ReconcileSettingsView {
    if (args.uplineCapBps !== undefined && args.uplineCapBps !== this.uplineCapBps()) {
      const before = this.uplineCapBps();
      this.deps.settings.setJson(UPLINE_CAP_SETTING, args.uplineCapBps);
      this.deps.audit.record({
        at: this.deps.now(),
        actor,
        action: 'reconcile.settings',
        targetType: 'setting',
        targetId: UPLINE_CAP_SETTING,
        details: { before, after: args.uplineCapBps },
      });
    }
    return { uplineCapBps: this.uplineCapBps() };
  }

  uplineCapBps(): number {
    const value = this.deps.settings.getJson(UPLINE_CAP_SETTING);
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000 ? value : DEFAULT_UPLINE_CAP_BPS;
  }
}
