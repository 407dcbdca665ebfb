/**
 * The sync engine: runs one provider strategy per account, at most one run per account at a time.
 * It owns the run row and counters, rate limits and retries (strategies never retry), cursors
 * committed with each page, cancellation, account health, failed payloads and progress events.
 */
import { randomUUID } from 'node:crypto';
import type { SyncProgressEvent, SyncRunView } from '../api/channels/sync.js';
import type { AccountRow, AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { SyncRunCounters, SyncRunRow } from '../db/repositories/sync-runs-repository.js';
import type { ProviderSlug } from '../domain/models.js';
import { isProviderError, ProviderError } from '../providers/provider-error.js';
import { ProviderRateLimiter } from './rate-limit.js';
import { inlinePageWriter, type PageWriter } from './page-writer.js';
import type { RecordStore } from './record-store.js';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry.js';
import { DEFAULT_LOOKBACK_DAYS, type ProgressUpdate, type StrategyContext, type SyncStrategy } from './strategy.js';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SyncEngineDeps {
  readonly store: RecordStore;
  /** Writes the pages (default: `store` on this thread). */
  readonly writer?: PageWriter;
  readonly accounts: AccountsRepository;
  /** Builds the provider client for an account (secrets are decrypted inside the core only). */
  readonly openClient: (account: AccountRow, signal: AbortSignal) => unknown;
  readonly strategies: Readonly<Partial<Record<ProviderSlug, SyncStrategy<never>>>>;
  readonly emitProgress: (event: SyncProgressEvent) => void;
  readonly emitFinished: (run: SyncRunView) => void;
  readonly logger: SyncLogger;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly retryPolicy?: RetryPolicy;
  readonly limiter?: ProviderRateLimiter;
  /** Minimum time between two progress events of one run. */
  readonly progressIntervalMs?: number;
}

export interface StartOptions {
  readonly trigger: 'manual' | 'schedule' | 'cli' | 'startup';
  /** Epoch ms: the start of the period this run covers (`--since`). */
  readonly since?: number | null;
}

interface ActiveRun {
  readonly runId: number;
  readonly account: AccountRow;
  readonly controller: AbortController;
  readonly counters: SyncRunCounters;
  readonly startedAt: number;
  readonly warnings: string[];
  progress: ProgressUpdate;
  lastEmit: number;
  windowLabel: string | null;
  readonly done: Promise<SyncRunView>;
}

const NEEDS_ATTENTION_AUTH = '凭证无效或已过期，请在「账户」中更新密钥或令牌 (credentials rejected: update the key/token in Accounts)';

export class SyncEngine {
  private readonly active = new Map<number, ActiveRun>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly retryPolicy: RetryPolicy;
  private readonly limiter: ProviderRateLimiter;
  private readonly writer: PageWriter;

  constructor(private readonly deps: SyncEngineDeps) {
    this.writer = deps.writer ?? inlinePageWriter(deps.store);
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.retryPolicy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.limiter = deps.limiter ?? new ProviderRateLimiter();
    const interrupted = deps.store.runs.markInterrupted(this.now());
    if (interrupted > 0) deps.logger.warn({ interrupted }, 'sync runs left running by a previous process were marked interrupted');
  }

  /** Starts (or joins) the run of one account; resolves when it has finished, whatever the outcome. */
  start(accountId: number, options: StartOptions): { runId: number; done: Promise<SyncRunView> } {
    const existing = this.active.get(accountId);
    if (existing) return { runId: existing.runId, done: existing.done };
    const account = this.deps.accounts.get(accountId);
    if (!account) throw new Error(`account ${accountId} not found`);
    const startedAt = this.now();
    const runId = this.deps.store.runs.start(accountId, options.trigger, startedAt);
    const controller = new AbortController();
    const counters: SyncRunCounters = { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 };
    let resolveDone!: (view: SyncRunView) => void;
    const done = new Promise<SyncRunView>((resolve) => (resolveDone = resolve));
    const run: ActiveRun = { runId, account, controller, counters, startedAt, warnings: [], progress: { phase: '准备 starting' }, lastEmit: 0, windowLabel: null, done };
    this.active.set(accountId, run);
    void this.execute(run, options).then(resolveDone);
    return { runId, done };
  }

  isRunning(accountId: number): boolean {
    return this.active.has(accountId);
  }

  /** Whether any run is under way. */
  hasActiveRuns(): boolean {
    return this.active.size > 0;
  }

  /** Cancels one account's run, or every run; returns how many were asked to stop. */
  cancel(accountId?: number): number {
    const runs = accountId === undefined ? [...this.active.values()] : [this.active.get(accountId)].filter((r): r is ActiveRun => !!r);
    for (const run of runs) run.controller.abort(new DOMException('sync cancelled', 'AbortError'));
    return runs.length;
  }

  running(): SyncProgressEvent[] {
    return [...this.active.values()].map((run) => this.progressEvent(run));
  }

  /** Waits for every active run (used at shutdown and by tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.active.values()].map((r) => r.done));
  }

  toView(row: SyncRunRow, account?: AccountRow | null): SyncRunView {
    const acc = account ?? this.deps.accounts.get(row.accountId);
    const warnings = Array.isArray(row.details.warnings) ? (row.details.warnings as string[]) : [];
    return {
      id: row.id,
      accountId: row.accountId,
      accountName: acc?.name ?? `#${row.accountId}`,
      provider: acc?.provider ?? 'unknown',
      trigger: row.trigger,
      status: row.status,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      durationMs: row.finishedAt === null ? null : row.finishedAt - row.startedAt,
      windows: row.windows,
      pages: row.pages,
      fetched: row.fetched,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      errorKind: row.errorKind,
      errorMessage: row.errorMessage,
      warnings,
    };
  }

  private async execute(run: ActiveRun, options: StartOptions): Promise<SyncRunView> {
    const { account } = run;
    const store = this.deps.store;
    let outcome: { status: 'succeeded' | 'failed' | 'cancelled'; error: { kind: string; message: string } | null };
    try {
      const strategy = this.deps.strategies[account.provider] as SyncStrategy<unknown> | undefined;
      if (!strategy) {
        throw new ProviderError({ kind: 'unsupported', provider: account.provider, message: `尚不支持同步此供应商 no sync strategy for ${account.provider}` });
      }
      const client = this.deps.openClient(account, run.controller.signal);
      await strategy.run(this.context(run, client, options));
      outcome = { status: 'succeeded', error: null };
    } catch (error) {
      outcome = this.classifyFailure(run, error);
    }
    const finishedAt = this.now();
    store.runs.saveCounters(run.runId, run.counters);
    store.runs.finish(run.runId, outcome.status, finishedAt, outcome.error, { warnings: run.warnings, since: options.since ?? null });
    this.updateHealth(account, outcome, finishedAt);
    this.active.delete(account.id);
    const view = this.toView(store.runs.get(run.runId)!, account);
    this.deps.emitFinished(view);
    this.deps.logger.info({ runId: run.runId, account: account.name, status: outcome.status, ...run.counters }, 'sync run finished');
    return view;
  }

  private classifyFailure(run: ActiveRun, error: unknown): { status: 'failed' | 'cancelled'; error: { kind: string; message: string } } {
    if (run.controller.signal.aborted) return { status: 'cancelled', error: { kind: 'cancelled', message: '已取消 cancelled' } };
    if (isProviderError(error)) {
      this.deps.store.runs.recordFailure(run.account.id, run.runId, this.now(), {
        kind: error.kind,
        message: error.message,
        httpStatus: error.httpStatus,
        raw: error.raw,
      });
      return { status: 'failed', error: { kind: error.kind, message: error.message } };
    }
    this.deps.logger.error({ err: error, runId: run.runId, account: run.account.name }, 'sync run crashed');
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', error: { kind: 'internal', message: `内部错误 internal error: ${message}` } };
  }

  private updateHealth(account: AccountRow, outcome: { status: string; error: { kind: string; message: string } | null }, at: number): void {
    const nextRunAt = at + account.syncIntervalMinutes * 60_000;
    if (outcome.status === 'succeeded') {
      this.deps.accounts.updateHealth(account.id, { lastSuccessAt: at, needsAttention: null, nextRunAt });
    } else if (outcome.status === 'failed' && outcome.error) {
      this.deps.accounts.updateHealth(account.id, {
        lastErrorAt: at,
        lastErrorKind: outcome.error.kind,
        lastErrorMessage: outcome.error.message,
        needsAttention: outcome.error.kind === 'auth' ? NEEDS_ATTENTION_AUTH : null,
        nextRunAt,
      });
    }
  }

  private context(run: ActiveRun, client: unknown, options: StartOptions): StrategyContext<unknown> {
    const { account, controller, counters } = run;
    const store = this.deps.store;
    const target = { accountId: account.id, provider: account.provider, runId: run.runId, runKey: randomUUID(), counters };
    return {
      accountId: account.id,
      accountName: account.name,
      provider: account.provider,
      client,
      settings: account.settings,
      lookbackDays: account.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
      since: options.since ?? null,
      now: this.now,
      signal: controller.signal,
      store: {
        openOrderNos: (limit) => store.orders.openOrderNos(account.id, limit),
        trackedIds: (kind) => store.state.trackedIds(account.id, kind),
        hasOrder: (orderNo) => store.orders.idOf(account.id, orderNo) !== null,
        maxExternalOrderId: () => store.orders.maxExternalOrderId(account.id),
      },
      call: (what, fn) =>
        withRetries(() => this.limiter.schedule(account.provider, fn, controller.signal), this.retryPolicy, {
          signal: controller.signal,
          random: this.random,
          onRetry: (attempt, delayMs, error) =>
            this.deps.logger.warn({ account: account.name, what, attempt, delayMs, kind: isProviderError(error) ? error.kind : 'unknown' }, 'retrying provider call'),
        }),
      // A page already read is written even when the run was cancelled meanwhile (a strategy may have
      // asked for the next page before committing this one): cancelling stops requests, and what was
      // read is consistent with its cursor, so keeping it saves reading it again.
      commit: async (batch, cursor) => {
        const stats = await this.writer.write(target, batch, cursor, this.now());
        this.maybeEmit(run);
        return stats;
      },
      cursor: <T>(stream: string) => store.state.cursor<T>(account.id, stream),
      saveCursor: (update) => store.saveCursor(account.id, update, this.now()),
      markMissingExcept: (seen) => store.markMissingExcept(account.id, seen, this.now()),
      progress: (update) => {
        if (update.window !== undefined && update.window !== run.windowLabel) {
          run.windowLabel = update.window;
          counters.windows += 1;
        }
        run.progress = update;
        this.maybeEmit(run);
      },
      warn: (message, raw) => {
        if (run.warnings.length < 100) run.warnings.push(message);
        store.runs.recordFailure(account.id, run.runId, this.now(), { kind: 'warning', message, raw });
      },
    };
  }

  private maybeEmit(run: ActiveRun): void {
    const now = this.now();
    if (now - run.lastEmit < (this.deps.progressIntervalMs ?? 250)) return;
    run.lastEmit = now;
    this.deps.emitProgress(this.progressEvent(run));
  }

  private progressEvent(run: ActiveRun): SyncProgressEvent {
    const elapsedMs = Math.max(1, this.now() - run.startedAt);
    const { done, total } = run.progress;
    const etaMs = done !== undefined && total !== undefined && done > 0 && total >= done ? Math.round((elapsedMs / done) * (total - done)) : null;
    return {
      runId: run.runId,
      accountId: run.account.id,
      accountName: run.account.name,
      provider: run.account.provider,
      phase: run.progress.phase,
      window: run.progress.window ?? null,
      page: run.progress.page ?? null,
      ...run.counters,
      ratePerSec: Math.round((run.counters.fetched / elapsedMs) * 1000),
      etaMs,
      startedAt: run.startedAt,
    };
  }
}
