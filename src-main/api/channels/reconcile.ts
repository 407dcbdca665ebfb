/**
 * `reconcile:*` — consistency checks across the synced records. `reconcile:run` runs every check and
 * stores what it finds under a stable key (re-running never duplicates a finding and keeps "reviewed"
 * marks); `reconcile:findings` pages through them; `reconcile:review` marks one as looked at.
 */
import { z } from 'zod';
import type { ProviderSlug } from '../../domain/models.js';
import { channel, Empty, Id, PageLimit } from '../channel.js';
import type { ReportMoney } from './reports.js';

export const FINDING_CHECKS = [
  /** Kuaimai: the payment flows of a tid do not add up to the trade's amount (or refunds exceed payments, or no trade). */
  'kuaimai_flow_mismatch',
  /** Kasushou: an order is refunded (status 5) but reports has_back_money 0. */
  'kasushou_refund_missing',
  /** Duomai: the confirmed commission of an order was revised downward. */
  'duomai_commission_cut',
  /** Any provider: upline commissions (levels 1–3) exceed the configured share of the order total. */
  'commission_upline_excess',
] as const;
export type FindingCheck = (typeof FINDING_CHECKS)[number];

export type FindingState = 'open' | 'resolved';

/** The records a finding is about, so every face can open them. */
export interface FindingLinks {
  readonly orderIds: readonly number[];
  readonly orderNos: readonly string[];
  readonly flowIds: readonly number[];
  readonly settlementIds: readonly number[];
  readonly commissionIds: readonly number[];
}

export interface FindingView {
  readonly id: number;
  /** Stable identity: check + account + subject. */
  readonly key: string;
  readonly check: FindingCheck;
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: ProviderSlug;
  /** What the finding is about: a Kuaimai tid or an order number. */
  readonly subject: string;
  /** One line for the merchant, zh-CN first. */
  readonly message: string;
  /** Machine-readable reasons, e.g. `debit_mismatch`, `refund_exceeds_payment`, `no_trade`. */
  readonly reasons: readonly string[];
  readonly expected: ReportMoney | null;
  readonly actual: ReportMoney | null;
  readonly difference: ReportMoney | null;
  readonly links: FindingLinks;
  /** `resolved` once a later run no longer sees the problem (a new occurrence re-opens it). */
  readonly state: FindingState;
  readonly reviewed: boolean;
  readonly reviewedAt: number | null;
  readonly reviewedBy: string | null;
  readonly reviewNote: string | null;
  /** Reviewed, but the evidence (amounts, linked records) changed since: worth another look. */
  readonly changedSinceReview: boolean;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly resolvedAt: number | null;
}

export interface ReconcileRunView {
  readonly ranAt: number;
  /** Problems the checks see now, per check. */
  readonly found: Readonly<Record<FindingCheck, number>>;
  /** Findings seen for the first time in this run. */
  readonly added: number;
  /** Resolved findings seen again. */
  readonly reopened: number;
  /** Open findings no longer seen. */
  readonly resolved: number;
  /** Open findings after the run that nobody has reviewed. */
  readonly unreviewed: number;
  readonly uplineCapBps: number;
}

export interface FindingPageView {
  readonly items: readonly FindingView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextAfter: number | null;
}

export interface ReconcileSettingsView {
  /** Largest share of an order total the upline commissions (levels 1–3) may add up to, in basis points. */
  readonly uplineCapBps: number;
}

export const reconcileChannels = {
  'reconcile:run': channel<ReconcileRunView>()(Empty),
  'reconcile:findings': channel<FindingPageView>()(
    z.strictObject({
      state: z.enum(['open', 'resolved', 'all']).default('open'),
      reviewed: z.boolean().optional(),
      check: z.enum(FINDING_CHECKS).optional(),
      accountId: Id.optional(),
      after: Id.optional(),
      limit: PageLimit.default(100),
    }),
  ),
  /** Marks a finding reviewed (or, with `reviewed: false`, not reviewed); writes an audit log row. */
  'reconcile:review': channel<FindingView>()(
    z.strictObject({ id: Id, reviewed: z.boolean().default(true), note: z.string().trim().max(500).optional() }),
  ),
  /** Reads the settings, or changes those given. */
  'reconcile:settings': channel<ReconcileSettingsView>()(
    z.strictObject({ uplineCapBps: z.number().int().min(0).max(10_000).optional() }),
  ),
} as const;
