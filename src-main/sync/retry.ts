/**
 * The engine's retry policy for retryable provider errors: jittered exponential backoff ("full
 * jitter"), never shorter than the server's Retry-After, bounded in attempts, and cancellable.
 */
import { isProviderError } from '../providers/provider-error.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Retry-After longer than this is not waited for: the error is raised so the run can stop. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryHooks {
  readonly signal: AbortSignal;
  readonly random: () => number;
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Runs `fn`; on a retryable ProviderError waits and tries again, up to the policy's attempts. */
export async function withRetries<T>(fn: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (hooks.signal.aborted) throw hooks.signal.reason ?? error;
      const retryable = isProviderError(error) && error.retryable;
      const retryAfter = isProviderError(error) ? error.retryAfterMs : undefined;
      if (!retryable || attempt >= policy.maxAttempts || (retryAfter ?? 0) > policy.maxRetryAfterMs) throw error;
      const delay = backoffDelay(attempt, policy, hooks.random, retryAfter);
      hooks.onRetry?.(attempt, delay, error);
      await abortableSleep(delay, hooks.signal);
    }
  }
}
