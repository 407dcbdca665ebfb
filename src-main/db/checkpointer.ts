/**
 * Moves WAL checkpoints off the main thread. A checkpoint copies the write-ahead log into the database
 * file and syncs it; run by the writing connection (SQLite's auto-checkpoint) it blocks the event
 * loop for hundreds of milliseconds during a large sync. Here a worker thread with its own connection
 * runs PASSIVE checkpoints (which never block writers) while the main connection only keeps a large
 * auto-checkpoint as a safety net in case the worker is gone.
 *
 * The same worker tokenizes the orders queued for the search index (search-index.ts) in small
 * transactions: it never waits for the write lock (busy_timeout 0: a busy database is tried again a
 * few ms later) and pauses after each batch at least as long as the batch took, so a sync committing
 * pages on the main thread waits at most one short batch for the lock.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.js';
import { DEQUEUE_SQL, HAS_PENDING_SQL, INDEX_PENDING_SQL, SEARCH_INDEX_BATCH } from './search-index.js';

/** Pages (4 KiB) the WAL may grow to before the main connection checkpoints by itself. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 16_384;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
db.pragma('busy_timeout = 0');
const report = (error) => parentPort.postMessage(String((error && error.message) || error));
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { report(error); }
}, workerData.intervalMs);
const search = workerData.search;
let indexTimer = null;
let hasPending, batch;
try {
  if (search) {
    hasPending = db.prepare(search.hasPendingSql).pluck();
    const index = db.prepare(search.indexSql);
    const dequeue = db.prepare(search.dequeueSql);
    batch = db.transaction(() => { index.run(search.batch); return dequeue.run(search.batch).changes; });
  }
} catch (error) { report(error); }
if (batch) {
  const step = () => {
    let pause = search.idleMs;
    try {
      if (hasPending.get()) {
        const t0 = performance.now();
        batch.immediate();
        pause = Math.max(search.minPauseMs, performance.now() - t0);
      }
    } catch (error) {
      if (error && error.code === 'SQLITE_BUSY') pause = search.minPauseMs; else report(error);
    }
    indexTimer = setTimeout(step, pause);
  };
  indexTimer = setTimeout(step, 0);
}
parentPort.on('message', (msg) => {
  if (msg === 'stop') { clearInterval(timer); clearTimeout(indexTimer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); process.exit(0); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  readonly intervalMs?: number;
  readonly nativeBinding?: string;
  readonly onError?: (message: string) => void;
  /** Tokenize queued orders into the search index in the background (default true). */
  readonly indexSearch?: boolean;
}

const SEARCH_WORK = {
  hasPendingSql: HAS_PENDING_SQL,
  indexSql: INDEX_PENDING_SQL,
  dequeueSql: DEQUEUE_SQL,
  batch: SEARCH_INDEX_BATCH,
  /** Pause between batches at least this long (and at least as long as the batch took). */
  minPauseMs: 5,
  /** How often an empty queue is looked at. */
  idleMs: 200,
};

export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: db.name,
      modulePath,
      nativeBinding: options.nativeBinding,
      intervalMs: options.intervalMs ?? 1000,
      search: options.indexSearch === false ? null : SEARCH_WORK,
    },
  });
  worker.unref();
  worker.on('message', (message: string) => options.onError?.(message));
  worker.on('error', (error) => options.onError?.(error.message));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Referenced again so a process whose last step is closing the ledger waits for the final checkpoint.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate(), 2000).unref();
      }),
  };
}
