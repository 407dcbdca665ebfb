/**
 * Stored reconciliation findings (table `reconciliation_findings`). `sync` applies one run's results in
 * one transaction: new keys are inserted, known keys updated (a resolved one re-opens), and open ones
 * the run did not see are marked resolved. Review marks are never touched by a run.
 */
import { createHash } from 'node:crypto';
import type { ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';

/** The checks (the api's FINDING_CHECKS; kept apart because db imports only domain). */
export type FindingCheck = 'kuaimai_flow_mismatch' | 'kasushou_refund_missing' | 'duomai_commission_cut' | 'commission_upline_excess';
export type FindingState = 'open' | 'resolved';

/** Ids and order numbers of the records a finding is about. */
export interface FindingLinks {
  readonly orderIds: readonly number[];
  readonly orderNos: readonly string[];
  readonly flowIds: readonly number[];
  readonly settlementIds: readonly number[];
  readonly commissionIds: readonly number[];
}

export interface DetectedFinding {
  /** Stable identity: check + account + subject (+ currency). */
  readonly key: string;
  readonly check: FindingCheck;
  readonly accountId: number;
  readonly subject: string;
  readonly currency: string | null;
  readonly expected: bigint | null;
  readonly actual: bigint | null;
  readonly difference: bigint | null;
  readonly reasons: readonly string[];
  readonly links: FindingLinks;
}

export interface FindingRow extends DetectedFinding {
  readonly id: number;
  readonly accountName: string;
  readonly provider: ProviderSlug;
  readonly evidenceHash: string;
  readonly state: FindingState;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly resolvedAt: number | null;
  readonly reviewedAt: number | null;
  readonly reviewedBy: string | null;
  readonly reviewNote: string | null;
  readonly reviewedHash: string | null;
}

export interface FindingFilter {
  readonly state: FindingState | null;
  readonly reviewed: boolean | null;
  readonly check: FindingCheck | null;
  readonly accountId: number | null;
  readonly after: number;
  readonly limit: number;
}

export interface SyncOutcome {
  readonly added: number;
  readonly reopened: number;
  readonly resolved: number;
}

const EMPTY_LINKS: FindingLinks = { orderIds: [], orderNos: [], flowIds: [], settlementIds: [], commissionIds: [] };

/** Fingerprint of what a finding says, so a review can tell when the evidence moved on. */
export function evidenceHash(f: DetectedFinding): string {
  const parts = [f.currency, f.expected?.toString() ?? null, f.actual?.toString() ?? null, f.difference?.toString() ?? null, f.reasons, f.links];
  return createHash('sha1').update(JSON.stringify(parts), 'utf8').digest('hex');
}

function big(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? value : BigInt(value as number);
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function parseLinks(text: string): FindingLinks {
  try {
    return { ...EMPTY_LINKS, ...(JSON.parse(text) as Partial<FindingLinks>) };
  } catch {
    return EMPTY_LINKS;
  }
}

function fromRow(r: Record<string, unknown>): FindingRow {
  return {
    id: Number(r['id']),
    key: String(r['finding_key']),
    check: String(r['check_kind']) as FindingCheck,
    accountId: Number(r['account_id']),
    accountName: String(r['account_name']),
    provider: String(r['provider']) as ProviderSlug,
    subject: String(r['subject']),
    currency: r['currency'] === null ? null : String(r['currency']),
    expected: big(r['expected']),
    actual: big(r['actual']),
    difference: big(r['difference']),
    reasons: String(r['reasons']).split(',').filter(Boolean),
    links: parseLinks(String(r['links_json'])),
    evidenceHash: String(r['evidence_hash']),
    state: String(r['state']) as FindingState,
    firstSeenAt: Number(r['first_seen_at']),
    lastSeenAt: Number(r['last_seen_at']),
    resolvedAt: nullableNumber(r['resolved_at']),
    reviewedAt: nullableNumber(r['reviewed_at']),
    reviewedBy: r['reviewed_by'] === null ? null : String(r['reviewed_by']),
    reviewNote: r['review_note'] === null ? null : String(r['review_note']),
    reviewedHash: r['reviewed_hash'] === null ? null : String(r['reviewed_hash']),
  };
}

const SELECT = `SELECT f.*, a.name AS account_name, a.provider FROM reconciliation_findings f JOIN accounts a ON a.id = f.account_id`;

export class FindingsRepository {
  constructor(private readonly db: Db) {}

  /** Applies one run's findings atomically; returns what changed. */
  sync(found: readonly DetectedFinding[], now: number): SyncOutcome {
    return this.db.transaction(() => {
      const known = new Map(
        (this.db.prepare('SELECT finding_key, state FROM reconciliation_findings').all() as { finding_key: string; state: FindingState }[]).map((r) => [
          r.finding_key,
          r.state,
        ]),
      );
      const insert = this.db.prepare(
        `INSERT INTO reconciliation_findings (finding_key, check_kind, account_id, subject, currency, expected, actual, difference, reasons, links_json, evidence_hash, state, first_seen_at, last_seen_at)
         VALUES (@key, @check, @accountId, @subject, @currency, @expected, @actual, @difference, @reasons, @links, @hash, 'open', @now, @now)`,
      );
      const update = this.db.prepare(
        `UPDATE reconciliation_findings SET check_kind = @check, account_id = @accountId, subject = @subject, currency = @currency, expected = @expected,
           actual = @actual, difference = @difference, reasons = @reasons, links_json = @links, evidence_hash = @hash, state = 'open', resolved_at = NULL, last_seen_at = @now
         WHERE finding_key = @key`,
      );
      let added = 0;
      let reopened = 0;
      const seen = new Set<string>();
      for (const f of found) {
        if (seen.has(f.key)) continue;
        seen.add(f.key);
        const params = {
          key: f.key, check: f.check, accountId: f.accountId, subject: f.subject, currency: f.currency,
          expected: f.expected, actual: f.actual, difference: f.difference, reasons: f.reasons.join(','),
          links: JSON.stringify(f.links), hash: evidenceHash(f), now,
        };
        const state = known.get(f.key);
        if (state === undefined) {
          insert.run(params);
          added++;
        } else {
          update.run(params);
          if (state === 'resolved') reopened++;
        }
      }
      const resolve = this.db.prepare("UPDATE reconciliation_findings SET state = 'resolved', resolved_at = ? WHERE finding_key = ? AND state = 'open'");
      let resolved = 0;
      for (const [key, state] of known) if (state === 'open' && !seen.has(key)) resolved += resolve.run(now, key).changes;
      return { added, reopened, resolved };
    })();
  }

  list(filter: FindingFilter): FindingRow[] {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE (@state IS NULL OR f.state = @state) AND (@reviewed IS NULL OR (f.reviewed_at IS NOT NULL) = @reviewed)
           AND (@check IS NULL OR f.check_kind = @check) AND (@account IS NULL OR f.account_id = @account) AND f.id > @after
         ORDER BY f.id LIMIT @limit`,
      )
      .safeIntegers(true)
      .all({
        state: filter.state,
        reviewed: filter.reviewed === null ? null : filter.reviewed ? 1 : 0,
        check: filter.check,
        account: filter.accountId,
        after: filter.after,
        limit: filter.limit,
      }) as Record<string, unknown>[];
    return rows.map(fromRow);
  }

  get(id: number): FindingRow | undefined {
    const row = this.db.prepare(`${SELECT} WHERE f.id = ?`).safeIntegers(true).get(id) as Record<string, unknown> | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Sets or clears the review mark; the evidence reviewed is remembered by its hash. */
  setReview(id: number, review: { at: number; by: string; note: string | null } | null): void {
    if (review) {
      this.db
        .prepare('UPDATE reconciliation_findings SET reviewed_at = ?, reviewed_by = ?, review_note = ?, reviewed_hash = evidence_hash WHERE id = ?')
        .run(review.at, review.by, review.note, id);
    } else {
      this.db.prepare('UPDATE reconciliation_findings SET reviewed_at = NULL, reviewed_by = NULL, review_note = NULL, reviewed_hash = NULL WHERE id = ?').run(id);
    }
  }

  /** Open findings nobody has reviewed. */
  unreviewedOpenCount(): number {
    return Number((this.db.prepare("SELECT count(*) AS n FROM reconciliation_findings WHERE state = 'open' AND reviewed_at IS NULL").get() as { n: number }).n);
  }
}
