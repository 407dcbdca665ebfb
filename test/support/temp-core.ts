/** A real core on a temporary data folder (real SQLite file, real vault) for face and service tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProviderSlug } from '../../src-main/domain/models.js';
import { nullLogger } from '../../src-main/logging/logger.js';
import { passphraseUnlocker } from '../../src-main/secrets/passphrase-slot.js';
import { openAppCore, type AppCore, type AppCoreOptions } from '../../src-main/services/app-core.js';
import { ProviderRateLimiter, type ProviderLimit } from '../../src-main/sync/rate-limit.js';
import type { RetryPolicy } from '../../src-main/sync/retry.js';

/** The vault passphrase of every temp core (a web mode opened on the same folder needs it). */
export const TEST_PASSPHRASE = 'test passphrase';

/** Cheap scrypt so tests stay fast; production slots use the default cost. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/** Retries that wait milliseconds, not seconds, so fault tests stay fast (Retry-After is still honoured). */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 10_000 };

const UNLIMITED: ProviderLimit = { concurrency: 4, perSecond: 100_000 };
export function unlimitedLimiter(): ProviderRateLimiter {
  const limits = Object.fromEntries(['kasushou', 'kuaimai', 'duomai', 'unionhome', 'itboye'].map((p) => [p, UNLIMITED])) as Record<ProviderSlug, ProviderLimit>;
  return new ProviderRateLimiter(limits);
}

export interface TempCore extends AppCore {
  cleanup(): Promise<void>;
}

export type TempCoreOptions = Partial<Omit<AppCoreOptions, 'unlocker' | 'logger'>>;

/** Opens a core with fast retries, no rate limit and inline page writes unless overridden. */
export async function openTempCore(options: TempCoreOptions = {}): Promise<TempCore> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ml-core-'));
  const core = await openAppCore({
    face: 'web',
    retryPolicy: FAST_RETRY,
    limiter: unlimitedLimiter(),
    // Most tests sync a few records: writing on the test's thread spares each a worker start (1–2 s under tsx).
    syncWriter: 'inline',
    ...options,
    dataDir,
    unlocker: passphraseUnlocker(TEST_PASSPHRASE, { scrypt: TEST_SCRYPT }),
    logger: nullLogger(),
  });
  return Object.assign(core, {
    async cleanup() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
