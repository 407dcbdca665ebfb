/**
 * Request limits per provider, shared by every account of that provider (the gateway limits the
 * merchant's keys, and several accounts of one provider usually share an IP). None of the gateways
 * publishes its limits; these are conservative guesses that a merchant never notices on normal data.
 */
import PQueue from 'p-queue';
import type { ProviderSlug } from '../domain/models.js';

export interface ProviderLimit {
  readonly concurrency: number;
  /** Requests started per second at most. */
  readonly perSecond: number;
}

export const DEFAULT_PROVIDER_LIMITS: Readonly<Record<ProviderSlug, ProviderLimit>> = {
  kasushou: { concurrency: 2, perSecond: 5 },
  kuaimai: { concurrency: 2, perSecond: 5 },
  duomai: { concurrency: 2, perSecond: 5 },
  unionhome: { concurrency: 2, perSecond: 5 },
  itboye: { concurrency: 1, perSecond: 3 },
};

export class ProviderRateLimiter {
  private readonly queues = new Map<ProviderSlug, PQueue>();

  constructor(private readonly limits: Readonly<Record<ProviderSlug, ProviderLimit>> = DEFAULT_PROVIDER_LIMITS) {}

  /**
   * Runs `fn` when the provider's limits allow. A cancelled run's queued calls fail as soon as they get
   * their turn (p-queue's own `signal` option leaves one listener per call on the run's signal).
   */
  schedule<T>(provider: ProviderSlug, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.queue(provider).add(
      () => {
        signal?.throwIfAborted();
        return fn();
      },
      { throwOnTimeout: true },
    );
  }

  private queue(provider: ProviderSlug): PQueue {
    let queue = this.queues.get(provider);
    if (!queue) {
      const limit = this.limits[provider];
      queue = new PQueue({ concurrency: limit.concurrency, intervalCap: limit.perSecond, interval: 1000 });
      this.queues.set(provider, queue);
    }
    return queue;
  }
}
