/**
 * The orders search index (FTS5 trigram over order number, external number, title and buyer) is filled
 * from a queue, not by per-row triggers: since schema v5 an insert or an indexed-column change of an
 * order only puts its id in `orders_fts_pending`, and the rows are tokenized later in small batches
 * while no sync runs (`startSearchIndexer`), or at once by `indexPendingOrders`. Tokenizing was about
 * a third of the CPU of writing an order, all of it inside the sync's page transactions.
 *
 * Invariant: an order is either in the index or pending, never both (the triggers of migration 0005
 * and the batch below keep it), so a search reads the index plus the pending rows matched by LIKE —
 * exact whatever the queue holds, on any connection, without writing.
 *
 * Why on the main connection and not in a worker thread with its own: a second writer on the same
 * file makes any deferred transaction of the main connection that reads before it writes fail with
 * SQLITE_BUSY_SNAPSHOT when the worker commits in between. Batches here run between two event-loop
 * tasks, so they never interleave with another transaction of the connection.
 */
import type { Db } from './connection.js';

/** Rows tokenized per batch: a few milliseconds of the event loop. */
export const SEARCH_INDEX_BATCH = 100;

/** Indexes the `?` lowest pending ids (their current values). Run with DEQUEUE_SQL in one transaction. */
const INDEX_PENDING_SQL = `INSERT INTO orders_fts (rowid, order_no, external_order_no, title, buyer)
  SELECT o.id, o.order_no, o.external_order_no, o.title, o.buyer
  FROM (SELECT order_id FROM orders_fts_pending ORDER BY order_id LIMIT ?) AS p CROSS JOIN orders AS o ON o.id = p.order_id`;

/** Removes the same `?` lowest pending ids from the queue. */
const DEQUEUE_SQL = 'DELETE FROM orders_fts_pending WHERE order_id IN (SELECT order_id FROM orders_fts_pending ORDER BY order_id LIMIT ?)';

/**
 * Ids of pending orders whose order number, title, external number or buyer contains the LIKE pattern
 * (`%…%`, escaped with `\`): the part of a search the index cannot answer yet. Four pattern parameters.
 */
export const PENDING_MATCH_SQL = `SELECT o.id FROM orders_fts_pending AS p CROSS JOIN orders AS o ON o.id = p.order_id
  WHERE o.order_no LIKE ? ESCAPE '\\' OR o.title LIKE ? ESCAPE '\\' OR o.external_order_no LIKE ? ESCAPE '\\' OR o.buyer LIKE ? ESCAPE '\\'`;

/** One batch of at most `limit` queued orders, in its own write transaction; returns how many. */
function batchIndexer(db: Db): (limit: number) => number {
  const index = db.prepare(INDEX_PENDING_SQL);
  const dequeue = db.prepare(DEQUEUE_SQL);
  const batch = db.transaction((limit: number) => {
    index.run(limit);
    return dequeue.run(limit).changes;
  });
  return (limit) => batch.immediate(limit);
}

/** Indexes up to `maxRows` queued orders now, in batches of a few thousand; returns how many. */
export function indexPendingOrders(db: Db, maxRows = Number.POSITIVE_INFINITY): number {
  const batch = batchIndexer(db);
  let done = 0;
  while (done < maxRows) {
    const n = batch(Math.min(SEARCH_INDEX_BATCH * 50, maxRows - done));
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Orders waiting to be indexed. */
export function pendingSearchRows(db: Db): number {
  return db.prepare('SELECT count(*) FROM orders_fts_pending').pluck().get() as number;
}

export interface SearchIndexerOptions {
  /** True while the queue should be left alone (a sync is writing): the indexer looks again later. */
  readonly busy: () => boolean;
  readonly onError?: (error: unknown) => void;
  /** Pause between two batches (ms). */
  readonly pauseMs?: number;
  /** How often an empty queue or a busy ledger is looked at again (ms). */
  readonly idleMs?: number;
}

export interface SearchIndexer {
  stop(): void;
}

/**
 * Tokenizes queued orders in the background of the event loop: one batch of SEARCH_INDEX_BATCH rows,
 * then a pause, while `busy()` is false. Never keeps the process alive.
 */
export function startSearchIndexer(db: Db, options: SearchIndexerOptions): SearchIndexer {
  const batch = batchIndexer(db);
  const hasPending = db.prepare('SELECT EXISTS (SELECT 1 FROM orders_fts_pending)').pluck();
  const pauseMs = options.pauseMs ?? 2;
  const idleMs = options.idleMs ?? 250;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number) => {
    timer = setTimeout(step, ms);
    timer.unref();
  };
  function step(): void {
    let next = idleMs;
    try {
      if (db.open && !db.inTransaction && !options.busy() && hasPending.get()) next = batch(SEARCH_INDEX_BATCH) > 0 ? pauseMs : idleMs;
    } catch (error) {
      options.onError?.(error);
    }
    if (timer !== null) schedule(next);
  }
  schedule(0);
  return {
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
