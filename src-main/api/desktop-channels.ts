/**
 * Channels served by the desktop shell itself, not by the core: preferences of the shell (tray,
 * launch at login), the passphrase unlock used when the OS keyring cannot open the ledger, and the
 * recovery passphrase of a keyring-only ledger. They travel on
 * their own IPC channel (bridge.ts IPC_SHELL), so the web mode and the CLI never see them; the shell
 * validates the arguments with these schemas because the renderer is untrusted.
 */
import { z } from 'zod';
import { channel, Empty, type ChannelSpec } from './channel.js';

export interface DesktopSettings {
  /** Closing the window hides it; the tray icon keeps the app and its scheduler running. */
  readonly keepRunningInTray: boolean;
  /** Start the app when the user logs in to the computer. */
  readonly launchAtLogin: boolean;
}

export interface DesktopSettingsView {
  readonly settings: DesktopSettings;
  /** False where the platform gives the app no way to start at login (the switch is then disabled). */
  readonly launchAtLoginSupported: boolean;
  /** False where the desktop has no status area, so keep-running-in-tray cannot work. */
  readonly trayAvailable: boolean;
}

/**
 * `locked`: the ledger waits for its passphrase (`create` the first time, `unlock` afterwards);
 * `minLength` is what the shell accepts for a new one; `keyring` is true when the OS keyring works
 * and will remember the ledger after this unlock (a ledger made by the CLI or web mode). `open`: the
 * normal app can start.
 */
export type UnlockState =
  | { readonly state: 'open' }
  | { readonly state: 'locked'; readonly mode: 'create' | 'unlock'; readonly minLength: number; readonly keyring: boolean };

/**
 * Which kinds of key slot the open ledger has. Only a passphrase slot lets the CLI, the web mode or
 * another computer open it; only a keyring slot lets this desktop open it without asking.
 */
export interface RecoveryState {
  readonly keyring: boolean;
  readonly passphrase: boolean;
  /** What `desktop:recovery:set` accepts, as for a new passphrase in the unlock view. */
  readonly minLength: number;
}

/** After a change: also how many backups in the backups folder now open with the new passphrase, and which could not be changed. */
export interface RecoveryChangeView extends RecoveryState {
  readonly backupsRekeyed: number;
  /** Names of backups left with their old passphrase slots (not provably this ledger's, or unreadable). */
  readonly backupsSkipped: readonly string[];
}

/** Long enough to matter, short enough that scrypt input stays bounded. */
export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_MAX = 1024;

export const desktopChannels = {
  'desktop:settings:get': channel<DesktopSettingsView>()(Empty),
  'desktop:settings:set': channel<DesktopSettingsView>()(
    z.strictObject({ keepRunningInTray: z.boolean().optional(), launchAtLogin: z.boolean().optional() }),
  ),
  'desktop:unlock:state': channel<UnlockState>()(Empty),
  /** Resolves once the ledger is open with this passphrase (or fails with `locked` for a wrong one). */
  'desktop:unlock:submit': channel<UnlockState>()(z.strictObject({ passphrase: z.string().min(1).max(PASSPHRASE_MAX) })),
  'desktop:recovery:state': channel<RecoveryState>()(Empty),
  /**
   * Adds a passphrase slot to the open ledger when it has none (a keyring-only desktop ledger); the
   * data key never leaves the main process. Refused with `conflict` when one exists.
   */
  'desktop:recovery:set': channel<RecoveryState>()(z.strictObject({ passphrase: z.string().min(PASSPHRASE_MIN).max(PASSPHRASE_MAX) })),
  /**
   * Replaces the ledger's passphrase: the old one stops opening it, and the backups in the backups
   * folder get the new one too. Refused with `conflict` when it has none yet (that is `set`).
   */
  'desktop:recovery:change': channel<RecoveryChangeView>()(z.strictObject({ passphrase: z.string().min(PASSPHRASE_MIN).max(PASSPHRASE_MAX) })),
} as const satisfies Record<string, ChannelSpec<z.ZodType, unknown>>;

export type DesktopContract = typeof desktopChannels;
export type DesktopChannel = keyof DesktopContract;
export type DesktopArgsOf<C extends DesktopChannel> = z.input<DesktopContract[C]['args']>;
export type DesktopParsedArgsOf<C extends DesktopChannel> = z.output<DesktopContract[C]['args']>;
export type DesktopResultOf<C extends DesktopChannel> = NonNullable<DesktopContract[C]['result']>;

export function isDesktopChannel(name: unknown): name is DesktopChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(desktopChannels, name);
}
