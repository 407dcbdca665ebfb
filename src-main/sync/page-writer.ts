/**
 * Where the engine sends each page: a store that writes it, with its cursor and the run's counters, in
 * one transaction. The inline writer writes on the calling thread (tests, seeding); the desktop, web
 * and CLI faces use the store worker (services/store-worker-pool.ts), so a page's transaction never
 * holds the event loop that answers the UI.
 */
import type { RecordBatch } from '../domain/models.js';
import type { PageTarget, RecordStore } from './record-store.js';
import type { CommitStats, CursorUpdate } from './strategy.js';

export interface PageWriter {
  /** Resolves once the page is committed; `target.counters` then holds the run's new totals. */
  write(target: PageTarget, batch: RecordBatch, cursor: CursorUpdate | undefined, now: number): Promise<CommitStats>;
  /** Finishes the pages under way and releases the writer's resources. */
  close(): Promise<void>;
}

/**
 * Remembers the runs a page failed in. Pages may be handed over before the previous one is committed,
 * so after a failure the run's later pages are refused: a cursor must never pass a page not stored.
 */
export class FailedRuns {
  private readonly failed = new Set<string>();

  add(target: PageTarget): void {
    if (target.runKey === undefined) return;
    this.failed.add(target.runKey);
    // Only runs under way matter; a few hundred finished ones are plenty to remember.
    if (this.failed.size > 256) this.failed.delete(this.failed.values().next().value!);
  }

  /** Throws for a page of a run whose earlier page failed. */
  check(target: PageTarget): void {
    if (target.runKey !== undefined && this.failed.has(target.runKey)) {
      throw new Error(`同步的前一页写入失败，后续页未写入 (an earlier page of run ${target.runId} failed to write; later pages were not written)`);
    }
  }
}

export function inlinePageWriter(store: RecordStore): PageWriter {
  const failures = new FailedRuns();
  return {
    write: (target, batch, cursor, now) =>
      Promise.resolve().then(() => {
        failures.check(target);
        try {
          return store.commitPage(target, batch, cursor, now);
        } catch (error) {
          failures.add(target);
          throw error;
        }
      }),
    close: () => Promise.resolve(),
  };
}
