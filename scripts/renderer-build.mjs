// Builds the renderer (electron-vite build) when its sources differ from those of the last build.
// The decision is made by content, not file times: a build that ran while files changed, or a checkout
// that kept older times, can never leave a bundle that looks current but is not.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the renderer bundle is built from, besides the node_modules the lockfile pins. */
const INPUTS = ['src-renderer', 'electron.vite.config.ts', 'package-lock.json'];

function addTree(hash, root, relative) {
  const full = path.join(root, relative);
  const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) addTree(hash, root, child);
    else hash.update(`${child}\0`).update(readFileSync(path.join(root, child))).update('\0');
  }
}

export function rendererSourceHash(root) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    if (statSync(path.join(root, input)).isDirectory()) addTree(hash, root, input);
    else hash.update(`${input}\0`).update(readFileSync(path.join(root, input))).update('\0');
  }
  return hash.digest('hex');
}

const stampFile = (root) => path.join(root, 'out', 'renderer', '.source-hash');

export function rendererIsStale(root, sourceHash = rendererSourceHash(root)) {
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html')) || !existsSync(stampFile(root))) return true;
  return readFileSync(stampFile(root), 'utf8').trim() !== sourceHash;
}

export function ensureRendererBuilt(root) {
  // Hashed before building: sources edited during the build give a different hash next time.
  const sourceHash = rendererSourceHash(root);
  if (!rendererIsStale(root, sourceHash)) return;
  console.log('构建界面 building the renderer…');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`构建界面失败 building the renderer failed (electron-vite exited ${build.status})`);
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) throw new Error('electron-vite build finished but out/renderer/index.html is missing');
  writeFileSync(stampFile(root), `${sourceHash}\n`);
}
