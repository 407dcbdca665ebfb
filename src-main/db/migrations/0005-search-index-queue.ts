/**
 * Schema v5: the orders search index is filled from a queue instead of per-row triggers.
 *
 * The v1 triggers tokenized every inserted or updated order (trigram FTS5) inside the sync's write
 * transaction: about half the cost of writing an order. Now the triggers only keep the queue
 * `orders_fts_pending` (one integer key per order), and `db/search-index.ts` tokenizes pending rows in
 * small batches off the sync's path. Invariant: an order is in the index or in the queue, never both.
 *
 * - insert: queue the id.
 * - update of an indexed column that really changes it: if the order is indexed, remove its old
 *   values from the index (FTS5 external content needs the old values, which only the trigger has)
 *   and queue it; if it is queued already, nothing to do (the batch reads the current values).
 *   The sync rewrites every column of a changed order, so an unchanged title no longer costs a
 *   delete and a re-insert in the index.
 * - delete: remove its values from the index if indexed, drop it from the queue.
 *
 * Existing orders are all indexed (the v1 triggers saw them), so the queue starts empty.
 */
import type { Migration } from './index.js';

const INDEXED = ['order_no', 'external_order_no', 'title', 'buyer'] as const;
const PENDING = (row: 'old' | 'new') => `EXISTS (SELECT 1 FROM orders_fts_pending WHERE order_id = ${row}.id)`;
const FTS_DELETE_OLD = `INSERT INTO orders_fts (orders_fts, rowid, ${INDEXED.join(', ')}) VALUES ('delete', old.id, ${INDEXED.map((c) => `old.${c}`).join(', ')});`;

const SQL = `
DROP TRIGGER orders_fts_insert;
DROP TRIGGER orders_fts_update;
DROP TRIGGER orders_fts_delete;

CREATE TABLE orders_fts_pending (order_id INTEGER PRIMARY KEY);

CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders BEGIN
  INSERT OR IGNORE INTO orders_fts_pending (order_id) VALUES (new.id);
END;
CREATE TRIGGER orders_fts_update AFTER UPDATE OF ${INDEXED.join(', ')} ON orders
  WHEN (${INDEXED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')}) AND NOT ${PENDING('old')}
BEGIN
  ${FTS_DELETE_OLD}
  INSERT OR IGNORE INTO orders_fts_pending (order_id) VALUES (new.id);
END;
CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, ${INDEXED.join(', ')})
    SELECT 'delete', old.id, ${INDEXED.map((c) => `old.${c}`).join(', ')} WHERE NOT ${PENDING('old')};
  DELETE FROM orders_fts_pending WHERE order_id = old.id;
END;
`;

export const searchIndexQueue: Migration = {
  version: 5,
  name: 'search-index-queue',
  up(db) {
    db.exec(SQL);
  },
};
