// `npm start [-- --data-dir DIR]`: the desktop app when an Electron binary can run here, else the
// web mode. Desktop: electron-vite build → make sure better-sqlite3 has an Electron-ABI build in
// .native/ (scripts/rebuild-native.mjs; the Node build in node_modules is never replaced, so
// `npm test` keeps working) → `electron .` (package.json "main" = out/main/index.js).
// MERCHANT_LEDGER_WEB=1 forces the web mode.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBindingPath, root } from './rebuild-native.mjs';

const require = createRequire(path.join(root, 'package.json'));
const passThrough = process.argv.slice(2);

function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron binary when it is installed and can run on this machine, else the reason it cannot. */
export function findElectron(env = process.env, dir = electronPackageDir(), platform = process.platform) {
  if (env.MERCHANT_LEDGER_WEB === '1') return { ok: false, reason: 'MERCHANT_LEDGER_WEB=1' };
  if (!dir) return { ok: false, reason: 'electron 未安装 not installed' };
  const pathTxt = path.join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return { ok: false, reason: 'node_modules/electron/path.txt 不存在 missing (binary never downloaded)' };
  const binary = path.join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { ok: false, reason: `${binary} 不存在或不可执行 missing or not executable` };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: '没有图形显示 no DISPLAY/WAYLAND_DISPLAY' };
  const probeEnv = { ...env };
  delete probeEnv.ELECTRON_RUN_AS_NODE;
  const probe = spawnSync(binary, ['--version'], { timeout: 30_000, env: probeEnv, encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, reason: `electron --version 失败 failed (${probe.error?.message ?? `exit ${probe.status}`})` };
  return { ok: true, binary };
}

function runNode(script, args) {
  return spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' }).status === 0;
}

/** Runs a long-lived child, forwarding Ctrl+C and its exit code. */
function handOver(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWeb(reason) {
  console.log(`Electron 二进制不可用，改用网页模式 / no Electron binary: starting the web mode (${reason})`);
  handOver(process.execPath, [path.join(root, 'scripts', 'web.mjs'), ...passThrough]);
}

function startDesktop(binary) {
  console.log('构建应用 building the app…');
  if (!runNode(require.resolve('electron-vite/bin/electron-vite.js'), ['build'])) process.exit(1);
  const binding = electronBindingPath();
  if (!existsSync(binding) && !runNode(path.join(root, 'scripts', 'rebuild-native.mjs'), ['electron'])) {
    startWeb('better-sqlite3 没有 Electron 版本 has no Electron build (offline?); run `npm run rebuild:electron` when online');
    return;
  }
  const env = { ...process.env, MERCHANT_LEDGER_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  handOver(binary, ['.', ...passThrough], env);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const electron = findElectron();
  if (electron.ok) startDesktop(electron.binary);
  else startWeb(electron.reason);
}
