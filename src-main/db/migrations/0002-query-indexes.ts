/**
 * Schema v2: indexes for the read side (orders/cards/commissions lists and summaries).
 *
 * Every list walks an index shaped (equality filter…, sort key, id) in page order, so a first page or
 * a keyset page reads about `limit` index entries whatever the table size (see
 * repositories/orders-query-plan.ts for which filter combination uses which index). The orders
 * indexes also carry the filter columns that have no index of their own after (key, id): such a filter
 * is checked inside the index without reading the table row, which keeps "this week by amount" or
 * "one provider, refunded, newest first" at a few milliseconds on a million orders without an index
 * per combination. The v1 sort indexes that gain columns are rebuilt under the same names (same
 * leading columns, so every query that used them still can).
 *
 * Deliberately few: each index costs every sync write. Look-ups by order number or tid use the v1
 * unique keys (account_id, order_no…) with `account_id IN (all accounts)`, one seek per account.
 */
import type { Migration } from './index.js';

const SQL = `
DROP INDEX orders_by_created;
DROP INDEX orders_by_provider_created;
DROP INDEX orders_by_account_created;
DROP INDEX orders_by_status_created;
DROP INDEX orders_by_total;

CREATE INDEX orders_by_created ON orders (created_at DESC, id DESC, total, status);
CREATE INDEX orders_by_provider_created ON orders (provider, created_at DESC, id DESC, total, status);
CREATE INDEX orders_by_account_created ON orders (account_id, created_at DESC, id DESC, total, status);
CREATE INDEX orders_by_status_created ON orders (status, created_at DESC, id DESC, total);
CREATE INDEX orders_by_total ON orders (total DESC, id DESC, created_at, status, provider, account_id);
CREATE INDEX orders_by_account_total ON orders (account_id, total DESC, id DESC, created_at, status);
CREATE INDEX orders_by_updated ON orders (updated_at DESC, id DESC, created_at, total, status, provider, account_id);

CREATE INDEX card_codes_by_account_seen ON card_codes (account_id, first_seen_at DESC, id DESC);

CREATE INDEX commissions_by_beneficiary_earned ON commissions (beneficiary, earned_at DESC, id DESC);
-- summaries read only this index: in group order, or one earned_at range per group for a period
CREATE INDEX commissions_summary ON commissions (beneficiary, level, currency, earned_at, status, account_id, amount);
`;

export const queryIndexes: Migration = {
  version: 2,
  name: 'query-indexes',
  up(db) {
    db.exec(SQL);
  },
};
