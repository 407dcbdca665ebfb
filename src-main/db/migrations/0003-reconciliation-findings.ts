/**
 * Reconciliation findings: one row per problem a check found, keyed by a stable `finding_key`
 * (check + account + subject) so re-running the checks updates the row instead of adding another, and
 * a merchant's "reviewed" mark survives. A finding the checks no longer see is marked resolved, never
 * deleted. Money columns are scale-4 integers with their currency, like the rest of the schema.
 */
import type { Migration } from './index.js';

const SQL = `
CREATE TABLE reconciliation_findings (
  id               INTEGER PRIMARY KEY,
  finding_key      TEXT NOT NULL UNIQUE,
  check_kind       TEXT NOT NULL,
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  subject          TEXT NOT NULL,
  currency         TEXT CHECK (currency IN ('CNY','USD')),
  expected         INTEGER,
  actual           INTEGER,
  difference       INTEGER,
  reasons          TEXT NOT NULL DEFAULT '',
  links_json       TEXT NOT NULL DEFAULT '{}',
  evidence_hash    TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','resolved')),
  first_seen_at    INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL,
  resolved_at      INTEGER,
  reviewed_at      INTEGER,
  reviewed_by      TEXT,
  review_note      TEXT,
  reviewed_hash    TEXT
);
CREATE INDEX reconciliation_findings_by_state ON reconciliation_findings (state, id);
CREATE INDEX reconciliation_findings_by_account ON reconciliation_findings (account_id, check_kind, id);
`;

export const reconciliationFindings: Migration = {
  version: 3,
  name: 'reconciliation-findings',
  up(db) {
    db.exec(SQL);
  },
};
