/**
 * The store worker thread (started by store-worker-pool.ts): owns a write connection to the ledger and
 * commits the sync's pages there, each with its cursor, exactly as RecordStore does on the main thread.
 * Pages that queued up while the previous transaction ran are committed together in one transaction
 * (in the order they were posted): fewer commits rewrite the same index pages less often.
 *
 * A run's counters live here while its pages are in flight (the main thread may post a page before the
 * previous one's counters came back); each reply carries the run's totals as committed. Card codes arrive
 * sealed (encrypted and fingerprinted by the vault in the main thread): no key lives here.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { SAFETY_AUTOCHECKPOINT_PAGES } from '../db/checkpointer.js';
import { openDatabase } from '../db/connection.js';
import type { CardCrypto } from '../db/repositories/cards-repository.js';
import type { SyncRunCounters } from '../db/repositories/sync-runs-repository.js';
import { FailedRuns } from '../sync/page-writer.js';
import { RecordStore, type PageWrite } from '../sync/record-store.js';
import type { StoreWorkerInput, StoreWorkerReply, StoreWorkerRequest } from './store-worker-protocol.js';
import { workerInput } from './worker-entry.js';

/** Pages committed together at most, so one transaction stays short. */
const MAX_GROUP = 8;
/** Runs whose counters are kept (a few run at once; older entries belong to finished runs). */
const MAX_RUNS = 64;

type WriteRequest = Extract<StoreWorkerRequest, { type: 'write' }>;

const input = workerInput<StoreWorkerInput>();
const port = parentPort as MessagePort;
const db = openDatabase(input.databaseFile, input.nativeBinding ? { nativeBinding: input.nativeBinding } : {});
// The checkpointer thread (db/checkpointer.ts) checkpoints; this connection only as the same safety net
// as the main one. Left at SQLite's 1,000 pages it checkpointed every few pages of a large sync itself.
db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
const noKey = (): never => {
  throw new Error('card codes reach the store worker sealed; it holds no key');
};
const keyless: CardCrypto = { encrypt: noKey, fingerprint: noKey };
const store = new RecordStore(db, keyless);
const runCounters = new Map<string, SyncRunCounters>();
const failures = new FailedRuns();
let closing = false;

const post = (reply: StoreWorkerReply) => port.postMessage(reply);

function countersOf(request: WriteRequest): SyncRunCounters {
  const { runKey, counters } = request.target;
  if (runKey === undefined) return counters;
  const known = runCounters.get(runKey);
  if (known) return known;
  runCounters.set(runKey, counters);
  if (runCounters.size > MAX_RUNS) runCounters.delete(runCounters.keys().next().value!);
  return counters;
}

function close(): void {
  closing = true;
  db.close();
  port.close();
}

/** The write requests waiting behind `first`, up to MAX_GROUP in all; a close request ends the group. */
function group(first: WriteRequest): WriteRequest[] {
  const writes = [first];
  while (writes.length < MAX_GROUP) {
    const next = receiveMessageOnPort(port)?.message as StoreWorkerRequest | undefined;
    if (!next) break;
    if (next.type === 'close') {
      closing = true;
      break;
    }
    writes.push(next);
  }
  return writes;
}

function write(first: WriteRequest): void {
  const writes: WriteRequest[] = [];
  for (const w of group(first)) {
    try {
      failures.check(w.target);
      writes.push(w);
    } catch (error) {
      fail(w, error);
    }
  }
  if (writes.length > 0) commit(writes);
  if (closing) close();
}

function commit(writes: readonly WriteRequest[]): void {
  const pages: PageWrite[] = writes.map((w) => ({ target: { ...w.target, counters: countersOf(w) }, batch: w.batch, cursor: w.cursor, now: w.now, seals: w.seals }));
  const saved = pages.map((p) => ({ ...p.target.counters }));
  try {
    const stats = store.commitPages(pages);
    // The group is committed as a whole, so each reply carries its run's totals after the group.
    pages.forEach((p, i) => post({ id: writes[i]!.id, ok: true, stats: stats[i]!, counters: { ...p.target.counters } }));
  } catch (error) {
    // Rolled back: the counters are put back, and the pages are written one by one, so the pages
    // before the failing one are kept, exactly as when each is committed alone.
    pages.forEach((p, i) => Object.assign(p.target.counters, saved[i]));
    if (pages.length === 1) fail(writes[0]!, error);
    else writes.forEach((w, i) => commitAlone(w, pages[i]!));
  }
}

function commitAlone(request: WriteRequest, page: PageWrite): void {
  try {
    failures.check(request.target);
    const [stats] = store.commitPages([page]);
    post({ id: request.id, ok: true, stats: stats!, counters: { ...page.target.counters } });
  } catch (error) {
    fail(request, error);
  }
}

function fail(request: WriteRequest, error: unknown): void {
  failures.add(request.target);
  post({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
}

port.on('message', (request: StoreWorkerRequest) => {
  if (closing) return;
  if (request.type === 'close') close();
  else write(request);
});
