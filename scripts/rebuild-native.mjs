// `node scripts/rebuild-native.mjs electron|node` — better-sqlite3 for both runtimes, side by side.
//
// Why two builds: Node (vitest, CLI, web mode) and Electron have different native ABIs, and one
// node_modules/better-sqlite3/build can hold only one of them. So:
//   • the Node build always stays in node_modules/better-sqlite3/build (what `npm ci` compiled), so
//     `npm test` works whatever was started before;
//   • the Electron build is compiled in a scratch copy of the package and kept in
//     .native/electron-<version>-<platform>-<arch>/better_sqlite3.node. scripts/start.mjs hands its
//     path to the app in MERCHANT_LEDGER_SQLITE_BINDING; the main process passes it to the core as
//     `nativeBinding` (better-sqlite3's own option), and only when the app is not packaged.
//   • packaged apps do not use any of this: electron-builder's npmRebuild rebuilds node_modules for
//     Electron while packaging (in place — `npm run dist` ends with `rebuild-native.mjs node`).
// .native/abi.json records what was built/checked. `electron` needs internet (Electron headers, or a
// prebuilt binary); `node` rebuilds only if the Node build does not load.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const nativeDir = path.join(root, '.native');
const markerFile = path.join(nativeDir, 'abi.json');
const require = createRequire(path.join(root, 'package.json'));

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

export function electronVersion() {
  return packageVersion('electron');
}

/** Where the Electron-ABI build of better-sqlite3 lives for this Electron version and machine. */
export function electronBindingPath(version = electronVersion()) {
  return path.join(nativeDir, `electron-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(markerFile, 'utf8'));
  } catch {
    return {};
  }
}

function writeMarker(patch) {
  mkdirSync(nativeDir, { recursive: true });
  writeFileSync(markerFile, `${JSON.stringify({ ...readMarker(), ...patch }, null, 2)}\n`);
}

/** Loads better-sqlite3 in a fresh Node process: true when the Node build works. */
export function nodeBuildLoads() {
  const probe = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get();";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

function rebuildForNode() {
  if (nodeBuildLoads()) {
    console.log('better-sqlite3: Node 版本可用 the Node build loads.');
  } else {
    console.log('better-sqlite3: 为 Node 重新编译 rebuilding for Node…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0 || !nodeBuildLoads()) {
      console.error('better-sqlite3: 无法为 Node 编译 could not rebuild for Node.');
      return 1;
    }
  }
  writeMarker({ node: { modules: process.versions.modules, node: process.version, checkedAt: new Date().toISOString() } });
  return 0;
}

async function rebuildForElectron() {
  const work = path.join(nativeDir, 'work');
  try {
    return await buildInScratchCopy(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildInScratchCopy(work) {
  const version = electronVersion();
  const target = electronBindingPath(version);
  const sourcePkg = path.dirname(require.resolve('better-sqlite3/package.json'));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'node_modules'), { recursive: true });
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'merchant-ledger-native-build', private: true, dependencies: { 'better-sqlite3': packageVersion('better-sqlite3') } }),
  );
  // A scratch copy without the Node build, so the real node_modules is never touched.
  cpSync(sourcePkg, path.join(work, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.startsWith(path.join(sourcePkg, 'build')),
  });
  // This machine's npm `nodedir` points node-gyp at Node's headers; Electron needs its own.
  for (const key of Object.keys(process.env)) if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];

  let rebuild;
  try {
    ({ rebuild } = await import(pathToFileURL(require.resolve('@electron/rebuild')).href));
  } catch {
    console.error('better-sqlite3: 找不到 @electron/rebuild (it comes with electron-builder) — cannot build for Electron.');
    return 1;
  }
  console.log(`better-sqlite3: 为 Electron ${version} 编译（需要联网） building for Electron ${version} (needs internet)…`);
  try {
    await rebuild({ buildPath: work, electronVersion: version, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  } catch (error) {
    console.error(`better-sqlite3: Electron 版本编译失败 build for Electron failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  const built = path.join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) {
    console.error('better-sqlite3: 编译结果缺失 the Electron build produced no better_sqlite3.node.');
    return 1;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(built, target);
  writeMarker({ electron: { version, binding: path.relative(root, target), builtAt: new Date().toISOString() } });
  console.log(`better-sqlite3: Electron 版本已就绪 Electron build ready: ${path.relative(root, target)}`);
  return 0;
}

async function main() {
  const mode = process.argv[2];
  if (mode === 'node') return rebuildForNode();
  if (mode === 'electron') return rebuildForElectron();
  console.error('用法 usage: node scripts/rebuild-native.mjs electron|node');
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
