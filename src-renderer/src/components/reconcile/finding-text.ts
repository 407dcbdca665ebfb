/**
 * What a reconciliation finding means for the merchant: a severity and plain sentences built from its
 * machine-readable reasons and amounts (the core's one-line `message` is the fallback for a reason
 * this UI does not know yet).
 */
import type { FindingView, ReportMoney } from '../../../../src-main/api/contract.js';
import { amountSign, formatMoney } from '../../composables/exact-money.js';

export type Severity = 'high' | 'medium' | 'low';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };

/** Money that went missing or was paid out wrongly is high; data to check with the provider is medium. */
export const REASON_SEVERITY: Readonly<Record<string, Severity>> = {
  debit_mismatch: 'high',
  no_trade: 'high',
  refund_exceeds_payment: 'high',
  upline_exceeds_cap: 'high',
  refund_amount_zero: 'medium',
  refund_amount_missing: 'medium',
  commission_revised_down: 'medium',
  trade_amount_missing: 'low',
};

export function findingSeverity(finding: Pick<FindingView, 'reasons'>): Severity {
  let best: Severity = 'low';
  let known = false;
  for (const reason of finding.reasons) {
    const severity = REASON_SEVERITY[reason];
    if (!severity) continue;
    known = true;
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[best]) best = severity;
  }
  return known ? best : 'medium';
}

export const SEVERITY_TAG: Readonly<Record<Severity, 'danger' | 'warning' | 'info'>> = { high: 'danger', medium: 'warning', low: 'info' };

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The finding explained, one sentence per known reason; `capPercent` fills the upline cap ("30"). */
export function explainFinding(finding: FindingView, t: Translate, te: (key: string) => boolean, locale: string, capPercent: string | null): string[] {
  const money = (m: ReportMoney | null) => (m ? formatMoney(m, locale) : '—');
  const difference = finding.difference ? { ...finding.difference, amount: finding.difference.amount.replace(/^-/, '') } : null;
  const values = {
    expected: money(finding.expected),
    actual: money(finding.actual),
    difference: money(difference),
    cap: capPercent ?? '—',
    subject: finding.subject,
  };
  const sign = finding.difference ? amountSign(finding.difference.amount) : 0;
  // Said with its direction when the sign is known: "少了 ¥2.83" reads better than "相差 -¥2.83".
  const keyOf = (reason: string) => {
    const directed = sign === 0 ? null : `reconcile.explain.${reason}_${sign < 0 ? 'under' : 'over'}`;
    return directed && te(directed) ? directed : `reconcile.explain.${reason}`;
  };
  const sentences = finding.reasons.filter((r) => te(keyOf(r))).map((r) => t(keyOf(r), values));
  return sentences.length > 0 ? sentences : [finding.message];
}

/** Basis points as a percent text without float noise: 3000 → "30", 2550 → "25.5", 1 → "0.01". */
export function bpsToPercentText(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = String(Math.abs(bps % 100)).padStart(2, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}
