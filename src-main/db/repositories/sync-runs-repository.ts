/** One row per sync run with its counters and outcome, plus the raw payloads of what failed. */
import type { Db } from '../connection.js';

export type SyncRunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncRunCounters {
  windows: number;
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface SyncRunRow extends SyncRunCounters {
  readonly id: number;
  readonly accountId: number;
  readonly trigger: string;
  readonly status: SyncRunStatus;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly errorKind: string | null;
  readonly errorMessage: string | null;
  readonly details: Record<string, unknown>;
}

interface RawRun {
  id: number;
  account_id: number;
  trigger: string;
  status: SyncRunStatus;
  started_at: number;
  finished_at: number | null;
  windows: number;
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_kind: string | null;
  error_message: string | null;
  details_json: string;
}

function fromRaw(r: RawRun): SyncRunRow {
  return {
    id: r.id,
    accountId: r.account_id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    windows: r.windows,
    pages: r.pages,
    fetched: r.fetched,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    errorKind: r.error_kind,
    errorMessage: r.error_message,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
  };
}

export class SyncRunsRepository {
  private readonly countersStmt;

  constructor(private readonly db: Db) {
    this.countersStmt = db.prepare(
      'UPDATE sync_runs SET windows = ?, pages = ?, fetched = ?, inserted = ?, updated = ?, unchanged = ? WHERE id = ?',
    );
  }

  start(accountId: number, trigger: string, now: number): number {
    return Number(
      this.db.prepare("INSERT INTO sync_runs (account_id, trigger, status, started_at) VALUES (?, ?, 'running', ?)").run(accountId, trigger, now).lastInsertRowid,
    );
  }

  /** Written in the same transaction as each page, so the counters match what is stored. */
  saveCounters(runId: number, c: SyncRunCounters): void {
    this.countersStmt.run(c.windows, c.pages, c.fetched, c.inserted, c.updated, c.unchanged, runId);
  }

  finish(runId: number, status: Exclude<SyncRunStatus, 'running'>, now: number, error: { kind: string; message: string } | null, details: Record<string, unknown>): void {
    this.db
      .prepare('UPDATE sync_runs SET status = ?, finished_at = ?, error_kind = ?, error_message = ?, details_json = ? WHERE id = ?')
      .run(status, now, error?.kind ?? null, error?.message ?? null, JSON.stringify(details), runId);
  }

  /** Runs left 'running' by a process that died are marked interrupted at the next start. */
  markInterrupted(now: number): number {
    return this.db
      .prepare("UPDATE sync_runs SET status = 'interrupted', finished_at = ?, error_message = coalesce(error_message, '进程意外退出 the process stopped during the run') WHERE status = 'running'")
      .run(now).changes;
  }

  get(runId: number): SyncRunRow | null {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as RawRun | undefined;
    return row ? fromRaw(row) : null;
  }

  list(options: { accountId?: number; beforeId?: number; limit: number }): SyncRunRow[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sync_runs WHERE (@accountId IS NULL OR account_id = @accountId) AND (@beforeId IS NULL OR id < @beforeId)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ accountId: options.accountId ?? null, beforeId: options.beforeId ?? null, limit: options.limit }) as RawRun[];
    return rows.map(fromRaw);
  }

  recordFailure(accountId: number, runId: number | null, at: number, failure: { kind: string; message: string; httpStatus?: number | undefined; raw?: string | undefined }): void {
    this.db
      .prepare('INSERT INTO failed_payloads (account_id, sync_run_id, at, error_kind, message, http_status, raw) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(accountId, runId, at, failure.kind, failure.message, failure.httpStatus ?? null, failure.raw ?? null);
  }

  failures(runId: number): { at: number; kind: string; message: string; httpStatus: number | null; raw: string | null }[] {
    return (
      this.db.prepare('SELECT at, error_kind, message, http_status, raw FROM failed_payloads WHERE sync_run_id = ? ORDER BY id').all(runId) as {
        at: number;
        error_kind: string;
        message: string;
        http_status: number | null;
        raw: string | null;
      }[]
    ).map((r) => ({ at: r.at, kind: r.error_kind, message: r.message, httpStatus: r.http_status, raw: r.raw }));
  }
}
