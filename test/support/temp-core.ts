/** A real core on a temporary data folder (real SQLite file, real vault) for face and service tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nullLogger } from '../../src-main/logging/logger.js';
import type { FetchLike } from '../../src-main/providers/http.js';
import { passphraseUnlocker } from '../../src-main/secrets/passphrase-slot.js';
import { openAppCore, type AppCore } from '../../src-main/services/app-core.js';

/** Cheap scrypt so tests stay fast; production slots use the default cost. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export interface TempCore extends AppCore {
  cleanup(): Promise<void>;
}

export async function openTempCore(options: { face?: AppCore extends never ? never : 'web' | 'cli' | 'desktop'; fetch?: FetchLike; now?: () => number; dataDir?: string } = {}): Promise<TempCore> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ml-core-'));
  const core = await openAppCore({
    dataDir,
    face: options.face ?? 'web',
    unlocker: passphraseUnlocker('test passphrase', { scrypt: TEST_SCRYPT }),
    logger: nullLogger(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return Object.assign(core, {
    async cleanup() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
