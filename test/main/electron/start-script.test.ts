import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

type Found = { ok: true; binary: string } | { ok: false; reason: string };
interface StartScript {
  findElectron(env: Record<string, string | undefined>, dir: string | null, platform: NodeJS.Platform): Found;
}
interface RebuildScript {
  electronBindingPath(version?: string): string;
  nativeDir: string;
}

const root = path.resolve(import.meta.dirname, '../../..');
const load = async <T>(file: string) => (await import(pathToFileURL(path.join(root, file)).href)) as T;

describe('npm start: choosing desktop or web mode', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function fakeElectronPackage(script: string | null) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-electron-'));
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    mkdirSync(path.join(dir, 'dist'));
    if (script !== null) {
      writeFileSync(path.join(dir, 'dist', 'electron'), script);
      chmodSync(path.join(dir, 'dist', 'electron'), 0o755);
    }
    return dir;
  }

  it('falls back to the web mode without path.txt (the binary was never downloaded)', async () => {
    const { findElectron } = await load<StartScript>('scripts/start.mjs');
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-electron-'));
    const found = findElectron({ DISPLAY: ':0' }, dir, 'linux');
    expect(found.ok).toBe(false);
    expect(found.ok ? '' : found.reason).toContain('path.txt');
    expect(findElectron({}, null, 'linux').ok).toBe(false);
  });

  it('falls back when the binary is missing, when Linux has no display, or when forced', async () => {
    const { findElectron } = await load<StartScript>('scripts/start.mjs');
    expect(findElectron({ DISPLAY: ':0' }, fakeElectronPackage(null), 'linux').ok).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    const pkg = fakeElectronPackage('#!/bin/sh\necho v41.7.1\n');
    expect(findElectron({}, pkg, 'linux')).toEqual({ ok: false, reason: expect.stringContaining('DISPLAY') });
    expect(findElectron({ MERCHANT_LEDGER_WEB: '1', DISPLAY: ':0' }, pkg, 'linux').ok).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('uses a binary that answers --version, and not one that fails', async () => {
    const { findElectron } = await load<StartScript>('scripts/start.mjs');
    const pkg = fakeElectronPackage('#!/bin/sh\necho v41.7.1\n');
    expect(findElectron({ DISPLAY: ':0', PATH: process.env['PATH'] }, pkg, 'linux')).toEqual({ ok: true, binary: path.join(pkg, 'dist', 'electron') });
    writeFileSync(path.join(pkg, 'dist', 'electron'), '#!/bin/sh\nexit 3\n');
    expect(findElectron({ DISPLAY: ':0', PATH: process.env['PATH'] }, pkg, 'linux').ok).toBe(false);
  });

  it('keeps the Electron build of better-sqlite3 outside node_modules, per Electron version and machine', async () => {
    const { electronBindingPath, nativeDir } = await load<RebuildScript>('scripts/rebuild-native.mjs');
    const binding = electronBindingPath('41.7.1');
    expect(binding.startsWith(nativeDir)).toBe(true);
    expect(binding).not.toContain('node_modules');
    expect(path.basename(path.dirname(binding))).toBe(`electron-41.7.1-${process.platform}-${process.arch}`);
    expect(path.basename(binding)).toBe('better_sqlite3.node');
  });
});
