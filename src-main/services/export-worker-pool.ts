/**
 * Runs one export job in worker threads (export-worker.ts) and reports to the main thread's service:
 * the first worker counts and, for a large orders CSV export, splits the rows into contiguous runs;
 * each further run gets a worker of its own writing `<part>.<n>.part` without BOM and header, and the
 * runs are appended to the first one in order when all are written. Cancel raises a shared flag the
 * workers check between pages; each removes its own partial file, and whatever is left is removed here
 * once every worker has exited.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Worker } from 'node:worker_threads';
import type { ExportPhase, ExportStartArgs } from '../api/channels/export.js';
import type { OrderRange } from './export-sources.js';
import { ExportCancelled } from './export-run.js';
import type { ExportWorkerInput, ExportWorkerMessage } from './export-worker-protocol.js';
import { startModuleWorker } from './worker-entry.js';

/** How long a cancelled worker may take to finish its page before it is terminated. */
const CANCEL_GRACE_MS = 5000;

export interface ExportWorkerOptions {
  readonly databaseFile: string;
  readonly nativeBinding?: string | undefined;
  /** Runs (and workers) a large orders CSV export is split into. */
  readonly parts: number;
  readonly splitMinRows: number;
  readonly pageSize?: number | undefined;
  readonly maxRowsPerSheet?: number | undefined;
}

export interface WorkerJobHooks {
  readonly signal: AbortSignal;
  total(total: number): void;
  rows(rows: number): void;
  phase(phase: ExportPhase): void;
}

interface Run {
  readonly worker: Worker;
  readonly partFile: string;
  readonly outcome: Promise<number>;
  readonly exited: Promise<unknown>;
}

/** Writes the export to `partFile` in workers; resolves with its size, throws ExportCancelled or the failure. */
export async function runInWorkers(args: ExportStartArgs, partFile: string, options: ExportWorkerOptions, hooks: WorkerJobHooks): Promise<number> {
  const cancel = new SharedArrayBuffer(4);
  const stop = () => Atomics.store(new Int32Array(cancel), 0, 1);
  const runs: Run[] = [];
  const base: Omit<ExportWorkerInput, 'partFile' | 'first' | 'range'> = {
    databaseFile: options.databaseFile,
    nativeBinding: options.nativeBinding,
    args,
    parts: args.kind === 'orders' && args.format === 'csv' ? options.parts : 1,
    splitMinRows: options.splitMinRows,
    cancel,
    pageSize: options.pageSize,
    maxRowsPerSheet: options.maxRowsPerSheet,
  };
  const spawn = (input: ExportWorkerInput): Run => {
    const worker = startModuleWorker(import.meta.url, 'export-worker', input, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    const exited = once(worker, 'exit').catch(() => undefined);
    const outcome = new Promise<number>((resolve, reject) => {
      worker.on('message', (message: ExportWorkerMessage) => {
        switch (message.type) {
          case 'total':
            hooks.total(message.total);
            hooks.phase('writing');
            return;
          case 'split':
            message.cuts.forEach((after, i) => runs.push(spawn({ ...base, partFile: `${partFile}.${i + 2}.part`, first: false, range: runOf(after, message.cuts[i + 1]) })));
            return;
          case 'rows':
            return hooks.rows(message.rows);
          case 'done':
            return resolve(message.bytes);
          case 'cancelled':
            return reject(new ExportCancelled());
          case 'failed':
            return reject(new Error(message.message));
        }
      });
      worker.on('error', reject);
      // Settles nothing when a result came first.
      worker.on('exit', (code) => reject(new Error(`export worker stopped (exit code ${code})`)));
    });
    // Failures are collected below; a failed run stops the others.
    outcome.catch(stop);
    return { worker, partFile: input.partFile, outcome, exited };
  };
  const onAbort = () => stop();
  hooks.signal.addEventListener('abort', onAbort);
  try {
    runs.push(spawn({ ...base, partFile, first: true, range: null }));
    // The first worker's split (if any) arrives before its result, so every run exists after this.
    await runs[0]!.outcome.catch(() => undefined);
    const results = await Promise.allSettled(runs.map((r) => r.outcome));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof ExportCancelled));
    if (failed) throw failed.reason;
    if (hooks.signal.aborted || results.some((r) => r.status === 'rejected')) throw new ExportCancelled();
    hooks.phase('finishing');
    for (const run of runs.slice(1)) {
      if (hooks.signal.aborted) throw new ExportCancelled();
      await pipeline(createReadStream(run.partFile), createWriteStream(partFile, { flags: 'a' }));
      await rm(run.partFile, { force: true });
    }
    return (await stat(partFile)).size;
  } catch (error) {
    stop();
    await Promise.all(runs.map((run) => exitedOrTerminated(run)));
    await Promise.all(runs.map((run) => rm(run.partFile, { force: true })));
    throw error;
  } finally {
    hooks.signal.removeEventListener('abort', onAbort);
  }
}

function runOf(after: OrderRange['after'], end: OrderRange['end'] | undefined): OrderRange {
  return { after, end: end ?? null };
}

async function exitedOrTerminated(run: Run): Promise<void> {
  const timer = setTimeout(() => void run.worker.terminate(), CANCEL_GRACE_MS);
  await run.exited;
  clearTimeout(timer);
}
