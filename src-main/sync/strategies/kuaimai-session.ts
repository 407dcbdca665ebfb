/**
 * Kuaimai session handling for the sync strategy: the session is refreshed (`open.token.refresh`)
 * before a run when it is about to expire, and once more when a call is refused with a session
 * code; that call is then repeated ONCE. A second refusal propagates as the auth error it is.
 * Calls running side by side that hit the same expired session share one refresh.
 */
import type { KuaimaiClient } from '../../providers/kuaimai/client.js';
import { isProviderError } from '../../providers/provider-error.js';
import type { StrategyContext } from '../strategy.js';

/** Gateway codes meaning "session invalid or expired" (TOP: 27 invalid session, 105/106 expired). */
export const KUAIMAI_SESSION_CODES: ReadonlySet<string> = new Set(['27', '105', '106']);

/** True for an auth error that a session refresh may cure. */
export function isKuaimaiSessionError(error: unknown): boolean {
  return isProviderError(error) && error.kind === 'auth' && error.providerCode !== undefined && KUAIMAI_SESSION_CODES.has(error.providerCode);
}

export class KuaimaiSessionKeeper {
  #generation = 0;
  #refreshing: Promise<void> | null = null;

  constructor(private readonly ctx: StrategyContext<KuaimaiClient>) {}

  /**
   * Refreshes ahead of time when the known expiry is near. A failure while the session still works
   * is shown as a warning (the run goes on with the old session); once it has expired it is thrown.
   */
  async refreshIfDue(): Promise<void> {
    const { client } = this.ctx;
    if (!client.needsSessionRefresh()) return;
    try {
      await this.#refresh(this.#generation);
    } catch (error) {
      const expiresAt = client.sessionExpiresAt;
      if (!isProviderError(error) || error.kind !== 'auth' || expiresAt === null || expiresAt <= this.ctx.now()) throw error;
      this.ctx.warn(`快麦会话即将过期，自动续期失败：${error.message} (session refresh failed; it still works until it expires)`, error.raw);
    }
  }

  /** `ctx.call` with one refresh-and-repeat on a session error. */
  async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const generation = this.#generation;
    try {
      return await this.ctx.call(what, fn);
    } catch (error) {
      if (!isKuaimaiSessionError(error)) throw error;
      await this.#refresh(generation);
      return this.ctx.call(what, fn);
    }
  }

  /** Refreshes unless another call already did since `seenGeneration`; concurrent callers share one. */
  #refresh(seenGeneration: number): Promise<void> {
    if (this.#generation !== seenGeneration) return Promise.resolve();
    this.#refreshing ??= this.ctx
      .call('刷新会话 refresh session', () => this.ctx.client.refreshToken())
      .then(() => {
        this.#generation += 1;
      })
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }
}
