// Builds the renderer (electron-vite build) when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(root) {
  const builtIndex = path.join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(builtIndex)) return true;
  const newestSource = Math.max(newestMtime(path.join(root, 'src-renderer')), statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs);
  return newestSource > statSync(builtIndex).mtimeMs;
}

export function ensureRendererBuilt(root) {
  if (!rendererIsStale(root)) return;
  console.log('构建界面 building the renderer…');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
