/**
 * Background exports of lists and reports to CSV or XLSX (`export:*`).
 *
 * A job follows the list's keyset pages (export-sources.ts) and hands each page to a streaming file
 * writer (export-run.ts) in a worker thread with its own read-only connection (export-worker-pool.ts),
 * so the event loop that answers the UI only receives progress. Card exports with passwords need the
 * vault, which stays in this thread: they run here, yielding to the event loop after every page. The file is written as
 * `<file>.part` and renamed when complete; a cancelled or failed job removes its partial file.
 * Progress goes out as `export:progress` (throttled), the end as `export:finished`.
 *
 * Rules: files go to `<dataDir>/exports/` unless a `target` path is given, which only the CLI and
 * desktop faces may do. Card passwords are written only when `includePasswords` is true, and each such
 * export writes the audit-log row `export.passwords` before any password is read.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { exportChannels, ExportJobView, ExportPhase, ExportStartArgs, ExportStartedView } from '../api/channels/export.js';
import type { CallContext, Handlers } from '../api/dispatch.js';
import { ConflictError, NotFoundError, ValidationError } from '../api/errors.js';
import type { Db } from '../db/connection.js';
import { AccountsRepository } from '../db/repositories/accounts-repository.js';
import { AuditRepository } from '../db/repositories/audit-repository.js';
import { OrderExportRows } from '../db/repositories/export-order-rows.js';
import { ExportRepository } from '../db/repositories/export-repository.js';
import { ReportsRepository } from '../db/repositories/reports-repository.js';
import { ExportCancelled, runExport, type RunHooks } from './export-run.js';
import { exportSource, type ExportSource, type ExportSourceDeps } from './export-sources.js';
import { runInWorkers, type ExportWorkerOptions } from './export-worker-pool.js';
import type { EventBus } from './event-bus.js';
import { createRecordServices } from './record-services.js';
import { ReportService } from './report-service.js';
import { shanghaiWallText } from './export-cells.js';

type Face = CallContext['face'];

const WEB_PATH_REFUSED = '网页模式不能指定文件路径，导出文件只能写入导出文件夹 (the web face cannot choose file paths; exports go to the exports folder)';
const PROGRESS_EVERY_MS = 250;
const KEEP_FINISHED = 50;
const PART = '.part';
const STALE_PART_MS = 6 * 3_600_000;

export interface ExportServiceDeps {
  readonly dataDir: string;
  readonly sources: Omit<ExportSourceDeps, 'pageSize'>;
  readonly audit: AuditRepository;
  readonly events: EventBus;
  readonly now: () => number;
  /** Where worker threads find the database; without it every job runs in the main thread. */
  readonly worker?: ExportWorkerSetup;
  /** Tests: smaller pages and sheets. */
  readonly pageSize?: number;
  readonly maxRowsPerSheet?: number;
}

export type ExportWorkerSetup = Omit<ExportWorkerOptions, 'pageSize' | 'maxRowsPerSheet'>;

/**
 * Runs a large orders CSV export is split into: two, one per core of a small machine. Measured for a
 * million orders on the quiet 2-core build machine: 7.1–9.9 s wall (peak < 400 MB) against 12.5 s for
 * one run; at load ~4 13.2 s against 16.4 s. Under heavy load (~11) the split does not pay off.
 */
export const EXPORT_PARTS = 2;
/** Below this many rows a split saves less than a second worker costs to start. */
export const SPLIT_MIN_ROWS = 100_000;

interface JobState {
  view: ExportJobView;
  readonly controller: AbortController;
  lastProgressAt: number;
  lastPhase: ExportPhase | null;
}

interface Job extends JobState {
  readonly done: Promise<ExportJobView>;
}

function compactStamp(ms: number): string {
  return shanghaiWallText(ms).replace(/-/g, '').replace(' ', '-').replace(/:/g, '');
}

export class ExportService {
  private readonly jobs = new Map<string, Job>();
  private cleaned = false;

  constructor(private readonly deps: ExportServiceDeps) {}

  /** `<dataDir>/exports`: where files go unless the CLI or desktop chose a target. */
  get folder(): string {
    return path.join(this.deps.dataDir, 'exports');
  }

  start(args: ExportStartArgs, face: Face): ExportStartedView {
    if (args.includePasswords === true && args.kind !== 'cards') throw new ValidationError('只有卡密导出可以包含密码 (includePasswords is for card exports only)');
    const jobId = randomUUID();
    const file = args.target === undefined ? this.defaultFile(args, jobId) : this.checkTarget(args.target, face, args.format);
    if ([...this.jobs.values()].some((j) => j.view.status === 'running' && j.view.file === file)) throw new ConflictError(`该文件正在导出中 (an export is already writing ${file})`);
    const startedAt = this.deps.now();
    const includePasswords = args.includePasswords === true;
    if (includePasswords) {
      this.deps.audit.record({
        at: startedAt,
        actor: face,
        action: 'export.passwords',
        targetType: 'export',
        targetId: jobId,
        details: { kind: args.kind, format: args.format, file, filters: args.filters },
      });
    }
    const state: JobState = {
      view: {
        jobId,
        kind: args.kind,
        report: args.kind === 'report' ? args.filters.report : null,
        format: args.format,
        file,
        status: 'running',
        rows: 0,
        totalEstimate: null,
        includePasswords,
        startedAt,
        finishedAt: null,
        bytes: null,
        error: null,
      },
      controller: new AbortController(),
      lastProgressAt: 0,
      lastPhase: null,
    };
    // Passwords need the vault, which stays in this thread; everything else runs in worker threads.
    const worker = includePasswords ? undefined : this.deps.worker;
    const work = worker
      ? this.inWorkers(state, args, worker)
      : this.inProcess(state, exportSource(args, { ...this.deps.sources, ...(this.deps.pageSize ? { pageSize: this.deps.pageSize } : {}) }), args.format);
    // The job runs in the background from here; `state` is the object it updates.
    this.jobs.set(jobId, Object.assign(state, { done: this.run(state, work) }));
    this.forgetOldJobs();
    return { jobId, file };
  }

  /** Stops a running job and waits until its partial file is gone; a finished job is returned as is. */
  async cancel(jobId: string): Promise<ExportJobView> {
    const job = this.job(jobId);
    job.controller.abort();
    return job.done;
  }

  /** Resolves when the job has finished (succeeded, cancelled or failed). */
  wait(jobId: string): Promise<ExportJobView> {
    return this.job(jobId).done;
  }

  list(): ExportJobView[] {
    return [...this.jobs.values()].map((j) => j.view).reverse();
  }

  /** Cancels every running job and waits for them (before the database closes). */
  async stop(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.view.status === 'running');
    for (const job of running) job.controller.abort();
    await Promise.all(running.map((j) => j.done));
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundError(`导出任务不存在 export job ${jobId} not found`);
    return job;
  }

  private defaultFile(args: ExportStartArgs, jobId: string): string {
    mkdirSync(this.folder, { recursive: true });
    this.removeStalePartials();
    const what = args.kind === 'report' ? `report-${args.filters.report}` : args.kind;
    return path.join(this.folder, `${what}-${compactStamp(this.deps.now())}-${jobId.slice(0, 8)}.${args.format}`);
  }

  private checkTarget(target: string, face: Face, format: string): string {
    if (face === 'web') throw new ValidationError(WEB_PATH_REFUSED, { problem: 'web-path' });
    if (!path.isAbsolute(target)) throw new ValidationError(`需要绝对路径 (an absolute path is required): ${target}`);
    const resolved = path.resolve(target);
    if (path.extname(resolved).toLowerCase() !== `.${format}`) throw new ValidationError(`文件扩展名应为 .${format} (the file name must end in .${format}): ${resolved}`);
    if (!existsSync(path.dirname(resolved))) throw new NotFoundError(`目录不存在 (folder does not exist): ${path.dirname(resolved)}`);
    if (existsSync(resolved) && statSync(resolved).isDirectory()) throw new ValidationError(`这是一个文件夹 (that is a folder): ${resolved}`);
    return resolved;
  }

  /**
   * Partial files in the exports folder left by a process that ended mid-export. Only old ones: the
   * desktop app and the CLI may share a data folder, and a running export keeps its file fresh.
   */
  private removeStalePartials(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    const before = Date.now() - STALE_PART_MS;
    for (const name of readdirSync(this.folder)) {
      const file = path.join(this.folder, name);
      if (name.endsWith(PART) && statSync(file).mtimeMs < before) rmSync(file, { force: true });
    }
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.view.status !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.view.jobId);
  }

  private async run(job: JobState, work: (signal: AbortSignal) => Promise<number>): Promise<ExportJobView> {
    const signal = job.controller.signal;
    const partFile = `${job.view.file}${PART}`;
    try {
      // Let `export:start` answer before any work is done.
      await nextTurn();
      this.progress(job, 'counting');
      const bytes = await work(signal);
      if (signal.aborted) throw new ExportCancelled();
      await rename(partFile, job.view.file);
      this.finish(job, { status: 'succeeded', bytes });
    } catch (error) {
      const cancelled = error instanceof ExportCancelled || signal.aborted;
      const message = error instanceof Error ? error.message : String(error);
      await rm(partFile, { force: true }).catch(() => undefined);
      this.finish(job, cancelled ? { status: 'cancelled' } : { status: 'failed', error: `导出失败 export failed: ${message}` });
    }
    return job.view;
  }

  /** In the main thread, yielding between pages: card exports with passwords (the vault is here) and services without a worker setup. */
  private inProcess(job: JobState, source: ExportSource, format: ExportStartArgs['format']): (signal: AbortSignal) => Promise<number> {
    return (signal) =>
      runExport(
        source,
        { format, partFile: `${job.view.file}${PART}`, count: true, header: true, maxRowsPerSheet: this.deps.maxRowsPerSheet },
        this.hooks(job, { isCancelled: () => signal.aborted, pause: () => nextTurn() }),
      );
  }

  private inWorkers(job: JobState, args: ExportStartArgs, worker: ExportWorkerSetup): (signal: AbortSignal) => Promise<number> {
    const options = { ...worker, pageSize: this.deps.pageSize, maxRowsPerSheet: this.deps.maxRowsPerSheet };
    return (signal) => runInWorkers(args, `${job.view.file}${PART}`, options, { signal, ...this.hooks(job, {}) });
  }

  private hooks<T extends object>(job: JobState, extra: T): T & Pick<RunHooks, 'phase' | 'total' | 'rows'> {
    return {
      ...extra,
      phase: (phase: ExportPhase) => this.progress(job, phase),
      total: (total: number) => (job.view = { ...job.view, totalEstimate: total }),
      rows: (written: number) => {
        job.view = { ...job.view, rows: job.view.rows + written };
        this.progress(job, 'writing');
      },
    };
  }

  private finish(job: JobState, outcome: Pick<ExportJobView, 'status'> & Partial<Pick<ExportJobView, 'bytes' | 'error'>>): void {
    job.view = { ...job.view, ...outcome, finishedAt: this.deps.now() };
    this.deps.events.emit('export:finished', job.view);
  }

  /** Throttled: phase changes always, row counts at most every PROGRESS_EVERY_MS. */
  private progress(job: JobState, phase: ExportPhase): void {
    const at = performance.now();
    if (phase === job.lastPhase && at - job.lastProgressAt < PROGRESS_EVERY_MS) return;
    job.lastPhase = phase;
    job.lastProgressAt = at;
    this.deps.events.emit('export:progress', { jobId: job.view.jobId, rows: job.view.rows, totalEstimate: job.view.totalEstimate, phase });
  }
}

export interface ExportServiceOptions {
  readonly db: Db;
  readonly dataDir: string;
  /** The vault's decrypt (card passwords, only for audited exports that ask for them). */
  readonly decrypt: (blob: Buffer) => string;
  readonly events: EventBus;
  readonly now: () => number;
  /** The better-sqlite3 build the export workers load (the desktop app's Electron build), as the core's own. */
  readonly nativeBinding?: string;
  /** How large orders CSV exports are split across workers (default EXPORT_PARTS / SPLIT_MIN_ROWS). */
  readonly split?: { readonly parts: number; readonly minRows: number };
}

/** The service over its own read-side services and repositories (the composition root's one line). */
export function createExportService(options: ExportServiceOptions): ExportService {
  const { db } = options;
  return new ExportService({
    dataDir: options.dataDir,
    sources: {
      records: createRecordServices({ db, decrypt: options.decrypt, now: options.now }),
      orderRows: new OrderExportRows(db),
      accounts: new AccountsRepository(db),
      reports: new ReportService({ reports: new ReportsRepository(db) }),
      exports: new ExportRepository(db),
      decrypt: options.decrypt,
    },
    audit: new AuditRepository(db),
    events: options.events,
    now: options.now,
    worker: {
      databaseFile: db.name,
      nativeBinding: options.nativeBinding,
      parts: options.split?.parts ?? EXPORT_PARTS,
      splitMinRows: options.split?.minRows ?? SPLIT_MIN_ROWS,
    },
  });
}

export type ExportChannel = keyof typeof exportChannels;

export function exportHandlers(s: ExportService): Pick<Handlers, ExportChannel> {
  return {
    'export:start': (args, ctx) => s.start(args, ctx.face),
    'export:cancel': (args) => s.cancel(args.jobId),
    'export:jobs': () => s.list(),
  };
}
