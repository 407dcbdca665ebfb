/**
 * Moves WAL checkpoints off the main thread. A checkpoint copies the write-ahead log into the database
 * file and syncs it; run by the writing connection (SQLite's auto-checkpoint) it blocks the event
 * loop for hundreds of milliseconds during a large sync. Here a worker thread with its own connection
 * runs PASSIVE checkpoints (which never block writers) while the main connection only keeps a large
 * auto-checkpoint as a safety net in case the worker is gone.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.js';

/** Pages (4 KiB) the WAL may grow to before the main connection checkpoints by itself. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 16_384;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error && error.message || error)); }
}, workerData.intervalMs);
parentPort.on('message', (msg) => {
  if (msg === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); process.exit(0); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, options: { intervalMs?: number; nativeBinding?: string; onError?: (message: string) => void } = {}): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: db.name, modulePath, nativeBinding: options.nativeBinding, intervalMs: options.intervalMs ?? 1000 },
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
