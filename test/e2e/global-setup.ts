/**
 * Once per e2e run: refuse early (with the fix) when Debian's Chromium is missing, and build the
 * renderer when out/renderer is missing or older than any file under src-renderer/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromiumMissingMessage } from './support/browser.js';
import { PROJECT_ROOT, RENDERER_INDEX, RENDERER_SRC } from './support/paths.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

export function rendererIsStale(): boolean {
  if (!existsSync(RENDERER_INDEX)) return true;
  return statSync(RENDERER_INDEX).mtimeMs < newestMtime(RENDERER_SRC);
}

export default function setup(): void {
  const missing = chromiumMissingMessage();
  if (missing) throw new Error(missing);
  if (rendererIsStale()) {
    process.stdout.write('[e2e] building the renderer: npx electron-vite build\n');
    execFileSync('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit', env: process.env });
    if (!existsSync(RENDERER_INDEX)) throw new Error(`electron-vite build finished but ${RENDERER_INDEX} is missing`);
  }
}
