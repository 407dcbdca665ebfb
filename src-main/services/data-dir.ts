/**
 * Where the ledger lives: `--data-dir`, else MERCHANT_LEDGER_HOME, else the platform's app-data folder
 * (the same folder Electron's `userData` uses, so the CLI and the desktop app share one ledger).
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Merchant Ledger';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.MERCHANT_LEDGER_HOME;
  return path.resolve(chosen && chosen.trim() !== '' ? chosen : defaultDataDir(env));
}
