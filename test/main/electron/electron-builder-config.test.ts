import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml ships with electron-builder (no types installed, hence require).
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const root = path.resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  directories: { output: string; buildResources: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  linux: { target: string[]; icon: string; maintainer: string };
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Minimal glob → RegExp for electron-builder patterns (`**`, `*`). */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('com.merchantledger.desktop');
    expect(config.productName).toBe('Merchant Ledger');
    expect(readFileSync(path.join(root, 'src-main/electron/main.ts'), 'utf8')).toContain(`'${config.appId}'`);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the build output in asar and unpacks better-sqlite3’s native module', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.npmRebuild).toBe(true);
    const unpack = config.asarUnpack.map(globToRegExp);
    expect(unpack.some((r) => r.test('node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(unpack.some((r) => r.test('node_modules/better-sqlite3/lib/database.js'))).toBe(false);
  });

  it('builds nsis on Windows, dmg on macOS, AppImage and deb on Linux, with an existing icon', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) {
      const png = readFileSync(path.join(root, icon));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512); // height
    }
  });

  it('ships the tray icons the main process loads at runtime', () => {
    expect(config.files).toContain('resources/tray/**');
    for (const status of ['idle', 'syncing', 'error']) {
      expect(readFileSync(path.join(root, 'resources/tray', `tray-${status}.png`)).subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(readFileSync(path.join(root, 'resources/tray', `tray-${status}@2x.png`)).readUInt32BE(16)).toBe(32);
    }
  });
});
