// `npm run web`: builds the renderer when its sources are newer than the last build, then starts the
// loopback web mode with the same arguments (e.g. `npm run web -- --data-dir DIR --port 5180`).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'out', 'renderer', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function rendererIsStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = [path.join(root, 'src-renderer'), path.join(root, 'electron.vite.config.ts')];
  const newestSource = Math.max(...sources.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)));
  return newestSource > statSync(builtIndex).mtimeMs;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (rendererIsStale()) {
  console.log('构建界面 building the renderer…');
  const build = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(npx, ['tsx', path.join(root, 'src-main', 'web', 'main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
