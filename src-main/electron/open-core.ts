/**
 * Opens the core for the desktop. The vault's data key is wrapped by the OS keyring (safeStorage)
 * when it is available; when it is not (a Linux session without a secret service, for instance), by a
 * passphrase the merchant types into the window (passphrase-gate.ts).
 */
import { existsSync } from 'node:fs';
import { app } from 'electron';
import { scrubString } from '../logging/scrub.js';
import { defaultSecretRegistry } from '../logging/secret-registry.js';
import { openAppCore, type AppCore, type AppCoreOptions } from '../services/app-core.js';
import { safeStorageUnlocker, type SafeStorageLike } from '../secrets/safe-storage-slot.js';
import type { KeyUnlocker } from '../secrets/vault.js';
import { PassphraseGate } from './passphrase-gate.js';

/** Thrown when the ledger cannot be opened; the message is meant for the merchant. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface KeyChoice {
  readonly unlocker: KeyUnlocker;
  /** Present when the window must ask for the passphrase before the core can open. */
  readonly gate: PassphraseGate | null;
}

export function chooseUnlocker(keyring: SafeStorageLike): KeyChoice {
  if (keyring.isEncryptionAvailable()) return { unlocker: safeStorageUnlocker(keyring), gate: null };
  const gate = new PassphraseGate();
  return { unlocker: gate.unlocker(), gate };
}

/**
 * The Electron-ABI build of better-sqlite3 made by scripts/rebuild-native.mjs (development only;
 * packaged apps get theirs from electron-builder's npmRebuild).
 */
function devNativeBinding(): string | undefined {
  const file = process.env['MERCHANT_LEDGER_SQLITE_BINDING'];
  return !app.isPackaged && file && existsSync(file) ? file : undefined;
}

export async function openDesktopCore(dataDir: string, keys: KeyChoice): Promise<AppCore> {
  const nativeBinding = devNativeBinding();
  const options: AppCoreOptions = {
    dataDir,
    face: 'desktop',
    unlocker: keys.unlocker,
    ...(nativeBinding ? { nativeBinding } : {}),
  };
  try {
    return await openAppCore(options);
  } catch (error) {
    const message = scrubString(error instanceof Error ? error.message : String(error), defaultSecretRegistry);
    keys.gate?.failed(message);
    throw new StartupError(message, { cause: error });
  }
}
