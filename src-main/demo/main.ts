/**
 * `npm run demo`: starts the five provider simulators and the web mode on a separate demo data folder
 * with one account per provider already configured and synced, so a newcomer sees real-looking data
 * in one command without touching their own ledger. The demo folder is rebuilt at every start.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { passphraseUnlocker } from '../secrets/passphrase-slot.js';
import { openAppCore } from '../services/app-core.js';
import { defaultDataDir } from '../services/data-dir.js';
import { startWebServer } from '../web/server.js';
import { ProviderRateLimiter, type ProviderLimit } from '../sync/rate-limit.js';
import { PROVIDER_SLUGS, type ProviderSlug } from '../domain/models.js';
import { startSimulatorFleet } from './simulator-fleet.js';

const DEMO_MARKER = 'merchant-ledger-demo.txt';

/** Only a folder the demo made itself (or an empty one) is wiped: `--data-dir` must never eat a real ledger. */
function resetDemoFolder(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, DEMO_MARKER))) {
    throw new Error(`${dir} 不是演示数据目录，拒绝清空 (not a demo folder; refusing to wipe it)`);
  }
  rmSync(dir, { recursive: true, force: true });
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The demo vault's passphrase: the data is made up, the vault is real. */
export const DEMO_PASSPHRASE = 'demo';

/** The simulators run on this machine, so the demo need not be polite to them. */
function localLimits(): ProviderRateLimiter {
  const limit: ProviderLimit = { concurrency: 4, perSecond: 1000 };
  return new ProviderRateLimiter(Object.fromEntries(PROVIDER_SLUGS.map((p) => [p, limit])) as Record<ProviderSlug, ProviderLimit>);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
  const dataDir = path.resolve(values['data-dir'] ?? `${defaultDataDir()} Demo`);
  resetDemoFolder(dataDir);
  process.stdout.write(`演示模式 Demo — 数据目录 data: ${dataDir}\n启动模拟服务 starting the provider simulators…\n`);
  const fleet = await startSimulatorFleet();
  const core = await openAppCore({ dataDir, face: 'web', unlocker: passphraseUnlocker(DEMO_PASSPHRASE), limiter: localLimits() });
  writeFileSync(path.join(dataDir, DEMO_MARKER), 'Made by `npm run demo`; wiped at every demo start.\n');
  for (const member of fleet.members) {
    const added = await core.dispatch('accounts:add', member.account);
    if (!added.ok) throw new Error(`${member.provider}: ${added.error.message}`);
  }
  process.stdout.write('首次同步 first sync of all five accounts…\n');
  const { runs } = await core.services.sync.runAndWait({}, 'startup');
  for (const run of runs) process.stdout.write(`  ${run.accountName}: ${run.status}, ${run.fetched} 条 records\n`);
  const server = await startWebServer({
    dispatch: core.dispatch,
    events: core.events,
    staticDir: path.join(projectRoot, 'out', 'renderer'),
    port: values.port ? Number(values.port) : 0,
  });
  core.scheduler.start();
  process.stdout.write(`在浏览器中打开 Open: ${server.launchUrl}\n（演示口令 demo passphrase: ${DEMO_PASSPHRASE}；Ctrl+C 退出）\n`);
  const shutdown = async (): Promise<void> => {
    await server.close();
    await core.close();
    await fleet.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`演示启动失败 demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
