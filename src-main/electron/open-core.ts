/**
 * Opens the core for the desktop. The vault's data key is wrapped by the OS keyring (safeStorage)
 * when it is available; when it is not (a Linux session without a secret service, for instance), by a
 * passphrase the merchant types into the window (passphrase-gate.ts). A ledger the keyring cannot open
 * but a passphrase can (made by the CLI or web mode) is unlocked in the window too, and then gets a
 * keyring slot so the next start does not ask; its passphrase slot stays for the CLI and web mode.
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
  /** The window's passphrase, when `unlocker` is the keyring and finds no slot it can open. */
  readonly fallback: KeyUnlocker | null;
  /** Answers the unlock channels; it asks the window only when the vault waits for a passphrase. */
  readonly gate: PassphraseGate;
  /** The working keyring's unlocker, to remember a ledger that had to be opened by passphrase. */
  readonly keyring: KeyUnlocker | null;
}

/** `onAsk`: the vault waits for a passphrase, so the window must be shown. */
export function chooseUnlocker(keyring: SafeStorageLike, onAsk: () => void = () => undefined): KeyChoice {
  const available = keyring.isEncryptionAvailable();
  const gate = new PassphraseGate({ keyring: available, onAsk });
  if (!available) return { unlocker: gate.unlocker(), fallback: null, gate, keyring: null };
  const keyringUnlocker = safeStorageUnlocker(keyring);
  return { unlocker: keyringUnlocker, fallback: gate.unlocker(), gate, keyring: keyringUnlocker };
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
    ...(keys.fallback ? { fallbackUnlocker: keys.fallback } : {}),
    ...(nativeBinding ? { nativeBinding } : {}),
  };
  let core: AppCore;
  try {
    core = await openAppCore(options);
  } catch (error) {
    const message = scrubString(error instanceof Error ? error.message : String(error), defaultSecretRegistry);
    keys.gate.failed(message);
    throw new StartupError(message, { cause: error });
  }
  if (keys.keyring && keys.gate.wasAsked) await rememberOnKeyring(core, keys.keyring);
  return core;
}

/** Adds a keyring slot after a passphrase unlock; failing only means the next start asks again. */
async function rememberOnKeyring(core: AppCore, keyring: KeyUnlocker): Promise<void> {
  try {
    await core.vault.addSlot(keyring);
    core.logger.info({}, 'the OS keyring now remembers this ledger');
  } catch (error) {
    core.logger.warn({ err: error }, 'could not add an OS keyring slot; the passphrase will be asked again');
  }
}
