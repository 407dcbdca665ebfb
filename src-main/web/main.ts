/**
 * `npm run web`: opens the ledger with a passphrase-protected vault and serves the renderer and the
 * contract on 127.0.0.1. Prints the sign-in URL (it carries this launch's token).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ledgerPassphrase } from '../cli/ledger-passphrase.js';
import { passphraseUnlocker } from '../secrets/passphrase-slot.js';
import { openAppCore } from '../services/app-core.js';
import { resolveDataDir } from '../services/data-dir.js';
import { hasNetworkInterface } from '../sync/connectivity.js';
import { startWebServer } from './server.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'static-dir': { type: 'string' },
      'no-scheduler': { type: 'boolean', default: false },
    },
  });
  const dataDir = resolveDataDir(values['data-dir']);
  const passphrase = await ledgerPassphrase(dataDir, process.env);
  const core = await openAppCore({ dataDir, face: 'web', unlocker: passphraseUnlocker(passphrase), isOnline: () => hasNetworkInterface() });
  core.services.backup.start();
  if (!values['no-scheduler']) core.scheduler.start();
  const server = await startWebServer({
    dispatch: core.dispatch,
    events: core.events,
    staticDir: values['static-dir'] ?? path.join(projectRoot, 'out', 'renderer'),
    port: values.port ? Number(values.port) : Number(process.env.MERCHANT_LEDGER_PORT ?? 0),
    onError: (error) => core.logger.error({ err: error }, 'web server error'),
  });
  core.logger.info({ port: server.port, dataDir }, 'web mode started');
  process.stdout.write(`商户账本 Merchant Ledger — web mode\n数据目录 data: ${dataDir}\n在浏览器中打开 Open: ${server.launchUrl}\n`);
  const shutdown = async (): Promise<void> => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`无法启动 web 模式 cannot start web mode: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
