/**
 * The orders search index (FTS5 trigram over order number, external number, title and buyer) is filled
 * from a queue, not by per-row triggers: since schema v5 an insert or an indexed-column change of an
 * order only puts its id in `orders_fts_pending`, and the rows are tokenized later in small batches
 * (by the background worker, see checkpointer.ts, or by `indexPendingOrders`). Tokenizing was half
 * the cost of writing an order, all of it on the sync's thread.
 *
 * Invariant: an order is either in the index or pending, never both (the triggers of migration 0005
 * and the batch below keep it), so a search reads the index plus the pending rows matched by LIKE —
 * exact whatever the queue holds, on any connection, without writing.
 */
import type { Db } from './connection.js';

/** Rows tokenized per batch: one short write transaction (a few ms), so the sync is never held up long. */
export const SEARCH_INDEX_BATCH = 100;

/** Whether any order waits to be indexed. */
export const HAS_PENDING_SQL = 'SELECT EXISTS (SELECT 1 FROM orders_fts_pending)';

/** Indexes the `?` lowest pending ids (their current values). Run with DEQUEUE_SQL in one transaction. */
export const INDEX_PENDING_SQL = `INSERT INTO orders_fts (rowid, order_no, external_order_no, title, buyer)
  SELECT o.id, o.order_no, o.external_order_no, o.title, o.buyer
  FROM (SELECT order_id FROM orders_fts_pending ORDER BY order_id LIMIT ?) AS p CROSS JOIN orders AS o ON o.id = p.order_id`;

/** Removes the same `?` lowest pending ids from the queue. */
export const DEQUEUE_SQL = 'DELETE FROM orders_fts_pending WHERE order_id IN (SELECT order_id FROM orders_fts_pending ORDER BY order_id LIMIT ?)';

/**
 * Ids of pending orders whose order number, title, external number or buyer contains the LIKE pattern
 * (`%…%`, escaped with `\`): the part of a search the index cannot answer yet. Four pattern parameters.
 */
export const PENDING_MATCH_SQL = `SELECT o.id FROM orders_fts_pending AS p CROSS JOIN orders AS o ON o.id = p.order_id
  WHERE o.order_no LIKE ? ESCAPE '\\' OR o.title LIKE ? ESCAPE '\\' OR o.external_order_no LIKE ? ESCAPE '\\' OR o.buyer LIKE ? ESCAPE '\\'`;

/** Indexes up to `maxRows` pending orders in batches, each its own transaction; returns how many. */
export function indexPendingOrders(db: Db, maxRows = Number.POSITIVE_INFINITY): number {
  const index = db.prepare(INDEX_PENDING_SQL);
  const dequeue = db.prepare(DEQUEUE_SQL);
  const batch = db.transaction((limit: number) => {
    index.run(limit);
    return dequeue.run(limit).changes;
  });
  let done = 0;
  while (done < maxRows) {
    const n = batch.immediate(Math.min(SEARCH_INDEX_BATCH * 20, maxRows - done));
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Orders waiting to be indexed. */
export function pendingSearchRows(db: Db): number {
  return db.prepare('SELECT count(*) FROM orders_fts_pending').pluck().get() as number;
}
