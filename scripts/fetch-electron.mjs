// npm's allowScripts keeps electron's own postinstall (a GitHub download) from failing `npm ci` offline.
// Here we try that download ourselves and only warn when it cannot be had, so `npm ci` always succeeds
// and a machine with internet still gets a runnable Electron.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' || process.env.CI === 'true') {
  console.warn('[merchant-ledger] Electron binary download skipped (CI or ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
  process.exit(0);
}
if (existsSync(path.join(dir, 'path.txt'))) process.exit(0);

const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  stdio: 'inherit',
  timeout: 120_000,
  env: { ...process.env },
});
if (result.status !== 0) {
  console.warn(
    '[merchant-ledger] Could not download the Electron binary (offline?). ' +
      '`npm start` will fall back to the web mode; run `node node_modules/electron/install.js` when online.',
  );
}
process.exit(0);
