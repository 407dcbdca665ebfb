/**
 * An export worker thread (started by export-worker-pool.ts): its own read-only connection, the same
 * sources and writers as ever, and only messages to the main thread — so a million rows never hold
 * the event loop that answers the UI. Card passwords are never exported here (the vault stays in the
 * main thread): `decrypt` refuses.
 *
 * The first worker of a job counts the rows and, for a large orders CSV export, cuts it into runs for
 * further workers (`split`), keeping the first run for itself.
 */
import { parentPort } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { AccountsRepository } from '../db/repositories/accounts-repository.js';
import { OrderExportRows } from '../db/repositories/export-order-rows.js';
import { ExportRepository } from '../db/repositories/export-repository.js';
import { ReportsRepository } from '../db/repositories/reports-repository.js';
import { exportSource, type ExportSourceDeps, type OrderRange } from './export-sources.js';
import { ExportCancelled, runExport } from './export-run.js';
import type { ExportWorkerInput, ExportWorkerMessage } from './export-worker-protocol.js';
import { workerInput } from './worker-entry.js';

/** Row counts go out at most this often (a message per page would be thousands). */
const ROWS_EVERY_MS = 100;

const input = workerInput<ExportWorkerInput>();
const post = (message: ExportWorkerMessage) => parentPort!.postMessage(message);
const cancelFlag = new Int32Array(input.cancel);

/** A dependency this kind of export never calls. */
function unused<T>(name: string): T {
  return new Proxy({}, { get: () => { throw new Error(`export worker: ${name} not loaded for this kind`); } }) as T;
}

function refuseDecrypt(): never {
  throw new Error('card passwords are decrypted only in the main thread');
}

async function main(): Promise<void> {
  const db = openDatabase(input.databaseFile, { readonly: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
  try {
    const orderRows = new OrderExportRows(db);
    // The list and report services are loaded only by the exports that use them: loading a module
    // graph is a worker's start-up cost, about a second from source (tsx) for all of them.
    const kind = input.args.kind;
    const records = kind === 'orders' || kind === 'report' ? null : (await import('./record-services.js')).createRecordServices({ db, decrypt: refuseDecrypt, now: Date.now });
    const reports = kind === 'report' ? new (await import('./report-service.js')).ReportService({ reports: new ReportsRepository(db) }) : null;
    const deps: ExportSourceDeps = {
      records: records ?? unused('records'),
      orderRows,
      accounts: new AccountsRepository(db),
      reports: reports ?? unused('reports'),
      exports: new ExportRepository(db),
      decrypt: refuseDecrypt,
      ...(input.pageSize ? { pageSize: input.pageSize } : {}),
    };
    let range: OrderRange = input.range ?? { after: null, end: null };
    if (input.first) {
      let total = 0;
      for (const part of exportSource(input.args, deps).estimate()) total += part;
      post({ type: 'total', total });
      if (input.args.kind === 'orders' && input.parts > 1 && total >= input.splitMinRows) {
        const cuts = orderRows.splitPositions(input.args.filters.sort, input.parts);
        if (cuts.length > 0) {
          post({ type: 'split', cuts });
          range = { after: null, end: cuts[0]! };
        }
      }
    }
    let pending = 0;
    let postedAt = 0;
    const bytes = await runExport(
      exportSource(input.args, deps, range),
      { format: input.args.format, partFile: input.partFile, count: false, header: input.first, maxRowsPerSheet: input.maxRowsPerSheet },
      {
        isCancelled: () => Atomics.load(cancelFlag, 0) !== 0,
        phase: () => undefined,
        total: () => undefined,
        rows: (written) => {
          pending += written;
          if (performance.now() - postedAt >= ROWS_EVERY_MS) {
            post({ type: 'rows', rows: pending });
            pending = 0;
            postedAt = performance.now();
          }
        },
        pause: () => Promise.resolve(),
      },
    );
    if (pending > 0) post({ type: 'rows', rows: pending });
    post({ type: 'done', bytes });
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  post(error instanceof ExportCancelled ? { type: 'cancelled' } : { type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
