/**
 * The contract between the sync engine and a provider's strategy. A strategy knows how its provider
 * discovers records (windows, id scans, tracked ids…); the engine owns everything else: rate limits,
 * retries with backoff, cursors committed with each page, run bookkeeping, progress events and
 * cancellation. Strategies never retry or sleep on their own: they go through `ctx.call`.
 */
import type { ProviderSlug, RecordBatch } from '../domain/models.js';

export interface CommitStats {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface CursorUpdate {
  readonly stream: string;
  /** Any JSON value; null removes the cursor. */
  readonly value: unknown;
}

export interface ProgressUpdate {
  /** What is being done, in plain words: "订单 2024-05-01", "扫描订单号 1200". */
  readonly phase: string;
  /** Label of the window (day, id range) currently being walked; a new label counts a window. */
  readonly window?: string;
  readonly page?: number;
  /** Units of work done / total for the ETA (windows, ids, batches — whatever the strategy counts). */
  readonly done?: number;
  readonly total?: number;
}

/** Read-only questions a strategy may ask about what is already stored for this account. */
export interface StrategyStoreView {
  /** Order numbers of this account whose normalized status is not final (re-poll candidates). */
  openOrderNos(limit?: number): string[];
  /** Ids imported by the merchant for this account (`import-ids`), e.g. kind 'ordersn' or 'tid'. */
  trackedIds(kind: string): string[];
  /** Whether an order with this number is stored for the account. */
  hasOrder(orderNo: string): boolean;
  /** Every external order number of this account parsed as an integer, the highest one (union-home order_id). */
  maxExternalOrderId(): number | null;
}

export interface StrategyContext<Client> {
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: ProviderSlug;
  readonly client: Client;
  readonly settings: Readonly<Record<string, string>>;
  /** How far back a first sync (and re-check walks) go: the account's lookback or the default 90 days. */
  readonly lookbackDays: number;
  /** `sync --since`: the start of the period this run covers, epoch ms; null = strategy decides. */
  readonly since: number | null;
  readonly now: () => number;
  readonly signal: AbortSignal;
  readonly store: StrategyStoreView;
  /**
   * Runs one provider call under the provider's rate limit. Retryable ProviderErrors are retried with
   * jittered exponential backoff (honouring Retry-After) up to the engine's limit; then, and for
   * non-retryable errors, the error is thrown. Cancellation rejects with an AbortError.
   */
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Writes a page of records and (optionally) the cursor that produced it in ONE transaction; resolves
   * once committed. Await it before reading the store or saving another cursor: pages commit in order.
   */
  commit(batch: RecordBatch, cursor?: CursorUpdate): Promise<CommitStats>;
  /** The saved cursor of a stream, or null. */
  cursor<T>(stream: string): T | null;
  /** Saves a cursor alone (a window with no records, a finished pass). */
  saveCursor(update: CursorUpdate): void;
  /**
   * After a complete pass over everything the provider holds for this account (itboye lists, a
   * union-home scan, the Kasushou admin list), marks stored orders that were not in `seenOrderNos` as
   * missing upstream (never deletes), and clears the mark on those seen again. Writes only changes.
   */
  markMissingExcept(seenOrderNos: ReadonlySet<string>): number;
  progress(update: ProgressUpdate): void;
  /** Warnings the merchant should see in the run's details (skipped records, partial data). */
  warn(message: string, raw?: string): void;
}

export interface SyncStrategy<Client = unknown> {
  readonly provider: ProviderSlug;
  run(ctx: StrategyContext<Client>): Promise<void>;
}

export const DEFAULT_LOOKBACK_DAYS = 90;
