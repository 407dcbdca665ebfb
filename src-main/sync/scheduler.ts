/**
 * Starts due syncs: every account has an interval (default 15 min); after each run the engine sets
 * its next run time. Paused while offline and for accounts that need the merchant's attention.
 */
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { SyncEngine } from './engine.js';

export interface SchedulerOptions {
  readonly engine: SyncEngine;
  readonly accounts: AccountsRepository;
  readonly now?: () => number;
  readonly tickMs?: number;
  /** Reports connectivity (Electron's net.isOnline on the desktop); absent = assume online. */
  readonly isOnline?: () => boolean;
}

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  get active(): boolean {
    return this.timer !== null;
  }

  get online(): boolean {
    return this.options.isOnline?.() ?? true;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 30_000);
    this.timer.unref();
    this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Starts every due account; returns the ids started. */
  tick(): number[] {
    if (!this.online) return [];
    const now = this.now();
    const started: number[] = [];
    for (const account of this.options.accounts.list()) {
      if (!account.enabled || account.needsAttention || this.options.engine.isRunning(account.id)) continue;
      if (account.nextRunAt !== null && account.nextRunAt > now) continue;
      this.options.engine.start(account.id, { trigger: 'schedule' });
      started.push(account.id);
    }
    return started;
  }
}
