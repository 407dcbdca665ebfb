/** The renderer is rebuilt when its sources' content changed, never because of file times alone. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererIsStale, rendererSourceHash } from '../../scripts/renderer-build.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ml-rbuild-'));
  roots.push(root);
  mkdirSync(path.join(root, 'src-renderer', 'src'), { recursive: true });
  writeFileSync(path.join(root, 'src-renderer', 'src', 'App.vue'), '<template>一</template>');
  writeFileSync(path.join(root, 'electron.vite.config.ts'), 'export default {};');
  writeFileSync(path.join(root, 'package-lock.json'), '{}');
  return root;
}

function built(root: string): void {
  mkdirSync(path.join(root, 'out', 'renderer'), { recursive: true });
  writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '<html></html>');
  writeFileSync(path.join(root, 'out', 'renderer', '.source-hash'), `${rendererSourceHash(root)}\n`);
}

describe('renderer build staleness', () => {
  it('is stale without a build or without the stamp of its sources', () => {
    const root = project();
    expect(rendererIsStale(root)).toBe(true);
    built(root);
    expect(rendererIsStale(root)).toBe(false);
    rmSync(path.join(root, 'out', 'renderer', '.source-hash'));
    expect(rendererIsStale(root)).toBe(true);
  });

  it('follows content: an edit, a new file or a lockfile change makes it stale, a newer file time alone does not', () => {
    const root = project();
    built(root);
    const app = path.join(root, 'src-renderer', 'src', 'App.vue');
    utimesSync(app, new Date(), new Date(Date.now() + 60_000));
    expect(rendererIsStale(root)).toBe(false);
    writeFileSync(app, '<template>二</template>');
    expect(rendererIsStale(root)).toBe(true);
    built(root);
    writeFileSync(path.join(root, 'src-renderer', 'src', 'New.vue'), '');
    expect(rendererIsStale(root)).toBe(true);
    built(root);
    writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(rendererIsStale(root)).toBe(true);
  });
});
