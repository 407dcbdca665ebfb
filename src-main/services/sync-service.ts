/** Sync use-cases over the engine: start/cancel, state, the run log, and importing ids to track. */
import type { SyncRunView, SyncStartView, SyncStateView, TrackedIdsArgs, TrackedIdsImported, TrackedIdsPreview } from '../api/channels/sync.js';
import { NotFoundError, ValidationError } from '../api/errors.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { SyncRunsRepository } from '../db/repositories/sync-runs-repository.js';
import type { SyncStateRepository } from '../db/repositories/sync-state-repository.js';
import { businessDayStart } from '../domain/time.js';
import type { ProviderSlug } from '../domain/models.js';
import type { SyncEngine, StartOptions } from '../sync/engine.js';
import type { SyncScheduler } from '../sync/scheduler.js';
import { readTrackedIds, type TrackedIdKind, type TrackedIdReading } from './tracked-id-text.js';

/** Which ids a merchant can import per provider (providers that have no list API for them). */
export const TRACKED_ID_KINDS: Partial<Record<ProviderSlug, TrackedIdKind>> = { kasushou: 'ordersn', kuaimai: 'tid' };

export interface SyncServiceDeps {
  readonly engine: SyncEngine;
  readonly scheduler: SyncScheduler;
  readonly accounts: AccountsRepository;
  readonly runs: SyncRunsRepository;
  readonly state: SyncStateRepository;
  readonly now: () => number;
}

export class SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  run(args: { accountId?: number | undefined; since?: string | undefined }, trigger: StartOptions['trigger'] = 'manual'): SyncStartView {
    const since = args.since ? businessDayStart(args.since) : null;
    const targets = args.accountId === undefined ? this.deps.accounts.list().filter((a) => a.enabled) : [this.account(args.accountId)];
    const started: { accountId: number; runId: number }[] = [];
    const skipped: { accountId: number; reason: string }[] = [];
    for (const account of targets) {
      if (!account.enabled) {
        skipped.push({ accountId: account.id, reason: '账户已停用 account is disabled' });
        continue;
      }
      if (args.accountId === undefined && account.needsAttention) {
        skipped.push({ accountId: account.id, reason: account.needsAttention });
        continue;
      }
      started.push({ accountId: account.id, runId: this.deps.engine.start(account.id, { trigger, since }).runId });
    }
    return { started, skipped };
  }

  /** Starts and waits: used by the CLI. Resolves with every finished run. */
  async runAndWait(args: { accountId?: number | undefined; since?: string | undefined }, trigger: StartOptions['trigger']): Promise<{ runs: SyncRunView[]; skipped: SyncStartView['skipped'] }> {
    const { started, skipped } = this.run(args, trigger);
    const runs = await Promise.all(started.map(({ accountId }) => this.deps.engine.start(accountId, { trigger }).done));
    return { runs, skipped };
  }

  cancel(accountId?: number): { cancelled: number } {
    return { cancelled: this.deps.engine.cancel(accountId) };
  }

  state(): SyncStateView {
    return { running: this.deps.engine.running(), online: this.deps.scheduler.online, schedulerActive: this.deps.scheduler.active };
  }

  runs(args: { accountId?: number | undefined; beforeId?: number | undefined; limit: number }): SyncRunView[] {
    const accounts = new Map(this.deps.accounts.list().map((a) => [a.id, a]));
    return this.deps.runs.list(args).map((row) => this.deps.engine.toView(row, accounts.get(row.accountId) ?? null));
  }

  /** What importing `text` would add: how many ids, from which column, the first few. Writes nothing. */
  readIds(args: TrackedIdsArgs): TrackedIdsPreview {
    const { ids, column, headers, skipped } = this.reading(args);
    return { count: ids.length, column, headers, skipped, sample: ids.slice(0, 5) };
  }

  importIds(args: TrackedIdsArgs): TrackedIdsImported {
    const { kind, ids, column, skipped } = this.reading(args);
    const added = this.deps.state.addTrackedIds(args.accountId, kind, ids, this.deps.now());
    return { count: ids.length, column, skipped, added, total: this.deps.state.trackedIds(args.accountId, kind).length };
  }

  private reading(args: TrackedIdsArgs): TrackedIdReading & { kind: TrackedIdKind } {
    const account = this.account(args.accountId);
    const kind = TRACKED_ID_KINDS[account.provider];
    if (!kind) throw new ValidationError(`${account.provider} 可以直接列出订单，不需要导入订单号 (this provider lists its orders itself)`);
    const reading = readTrackedIds(args.text, kind, args.column);
    if (reading.ids.length === 0) throw new ValidationError('没有读到订单号 (no ids found)');
    return { ...reading, kind };
  }

  private account(id: number) {
    const account = this.deps.accounts.get(id);
    if (!account) throw new NotFoundError(`账户不存在 account ${id} not found`);
    return account;
  }
}
