/**
 * Native notifications for sync problems: one when an account starts failing for a reason not yet
 * announced, or needs a new token/credentials. De-duplicated by account + reason; an account that
 * recovers (ok) is forgotten, so the same failure later is announced again. Clicking opens the
 * account in the window.
 */
import type { AccountStatus } from './account-status.js';

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export interface NotifierDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
  openAccount(accountId: number): void;
}

export interface AccountProblem {
  /** The de-duplication key within the account. */
  readonly reason: string;
  readonly needsToken: boolean;
  readonly detail: string;
}

/** The account's current problem, or null when it has none to announce. */
export function problemOf(account: AccountStatus): AccountProblem | null {
  if (account.state === 'needs_attention') {
    return { reason: `attention:${account.needsAttention ?? account.errorKind ?? ''}`, needsToken: true, detail: account.needsAttention ?? account.errorMessage ?? '' };
  }
  if (account.state === 'error') {
    // The kind, not the message: messages carry times and ids, which would defeat de-duplication.
    const kind = account.errorKind ?? 'unknown';
    return { reason: `error:${kind}`, needsToken: kind === 'auth', detail: account.errorMessage ?? '' };
  }
  return null;
}

export function notificationText(account: AccountStatus, problem: AccountProblem): { title: string; body: string } {
  const title = problem.needsToken ? '账户需要新的令牌或密钥 Account needs a new token' : '同步失败 Sync failed';
  const detail = problem.detail.length > 180 ? `${problem.detail.slice(0, 179)}…` : problem.detail;
  return { title, body: detail ? `${account.name}：${detail}` : account.name };
}

export class SyncNotifier {
  /** accountId → reason last announced (or seen at start). */
  private readonly announced = new Map<number, string>();
  /** Shown notifications, kept referenced so their click handlers survive garbage collection. */
  private readonly live = new Set<NotificationLike>();
  private seeded = false;

  constructor(private readonly deps: NotifierDeps) {}

  /**
   * Feeds one snapshot. The first snapshot only records the problems that already existed at start
   * (the window shows them): notifications are for what happens while the app runs.
   */
  update(accounts: readonly AccountStatus[]): void {
    const seen = new Set<number>();
    for (const account of accounts) {
      seen.add(account.id);
      if (account.state === 'syncing') continue; // a retry in progress says nothing new
      const problem = problemOf(account);
      if (!problem) {
        this.announced.delete(account.id);
        continue;
      }
      if (this.announced.get(account.id) === problem.reason) continue;
      this.announced.set(account.id, problem.reason);
      if (this.seeded) this.show(account, problem);
    }
    for (const id of [...this.announced.keys()]) if (!seen.has(id)) this.announced.delete(id);
    this.seeded = true;
  }

  private show(account: AccountStatus, problem: AccountProblem): void {
    if (!this.deps.isSupported()) return;
    const notification = this.deps.create(notificationText(account, problem));
    this.live.add(notification);
    notification.on('click', () => {
      this.live.delete(notification);
      this.deps.openAccount(account.id);
    });
    notification.on('close', () => this.live.delete(notification));
    notification.show();
  }
}
