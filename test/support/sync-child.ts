/**
 * A separate process that opens a ledger and syncs every account, so tests can SIGKILL it at any
 * instant. Prints REQUEST as each provider request goes out (so a test can kill it at a point of
 * the run, whatever the machine's speed) and DONE <json> when it finished.
 * Usage: tsx test/support/sync-child.ts <dataDir>   (passphrase from MERCHANT_LEDGER_PASSPHRASE)
 */
import { nullLogger } from '../../src-main/logging/logger.js';
import { passphraseUnlocker } from '../../src-main/secrets/passphrase-slot.js';
import { openAppCore } from '../../src-main/services/app-core.js';
import { FAST_RETRY, unlimitedLimiter } from './temp-core.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: sync-child.ts <dataDir>');
const core = await openAppCore({
  dataDir,
  face: 'cli',
  unlocker: passphraseUnlocker(process.env.MERCHANT_LEDGER_PASSPHRASE ?? ''),
  logger: nullLogger(),
  retryPolicy: FAST_RETRY,
  limiter: unlimitedLimiter(),
  fetch: (input, init) => {
    process.stdout.write('REQUEST\n');
    return globalThis.fetch(input, init);
  },
});
const pending = core.services.sync.runAndWait({}, 'cli');
const { runs } = await pending;
process.stdout.write(`DONE ${JSON.stringify(runs.map((r) => ({ status: r.status, fetched: r.fetched, inserted: r.inserted, error: r.errorMessage })))}\n`);
await core.close();
