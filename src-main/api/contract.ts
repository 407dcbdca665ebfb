/**
 * The one API contract of Merchant Ledger. Every operation any face offers is a channel here:
 * `'<domain>:<verb>'` → a zod schema for its arguments and the type of its result. The desktop shell
 * serves it over IPC, the web mode over loopback HTTP, the CLI calls it in-process; the renderer
 * imports this file with `import type` only. Each domain declares its channels in `channels/<domain>.ts`.
 */
import type { z } from 'zod';
import { accountChannels } from './channels/accounts.js';
import { appChannels } from './channels/app.js';
import { backupChannels } from './channels/backup.js';
import { dashboardChannels } from './channels/dashboard.js';
import { exportChannels, type ExportEvents } from './channels/export.js';
import { recordChannels } from './channels/records.js';
import { reportChannels } from './channels/reports.js';
import { syncChannels, type SyncEvents } from './channels/sync.js';

export type { LocalizedText } from './channel.js';
export type * from './channels/app.js';
export type * from './channels/dashboard.js';
export type * from './channels/backup.js';
export type * from './channels/accounts.js';
export type * from './channels/sync.js';
export type * from './channels/reports.js';
export type * from './channels/records.js';
export type * from './channels/export.js';

export const contract = {
  ...appChannels,
  ...accountChannels,
  ...syncChannels,
  ...reportChannels,
  ...recordChannels,
  ...backupChannels,
  ...dashboardChannels,
  ...exportChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What a caller passes (defaults may be omitted). */
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
/** What a handler receives after validation. */
export type ParsedArgsOf<C extends Channel> = z.output<Contract[C]['args']>;
export type ResultOf<C extends Channel> = NonNullable<Contract[C]['result']>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

// ── push events ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Sent by the desktop shell only (menu commands, notification clicks; src-main/electron/shell-events.ts
 * has the sender's side), never by the core or the web mode.
 */
export interface ShellEvents {
  /** Ctrl/⌘+F: focus the current view's search box. */
  'shell:find': Record<string, never>;
  /** Ctrl/⌘+1…9 from the menu: show a main view by its navigation name (index is 1-based). */
  'shell:navigate': { readonly view: string; readonly index: number };
  /** A notification was clicked: show this account. */
  'shell:open-account': { readonly accountId: number };
}

export interface AppEvents extends SyncEvents, ExportEvents, ShellEvents {
  'accounts:changed': { readonly accountId: number | null };
}
export type EventName = keyof AppEvents;
export const EVENT_NAMES: readonly EventName[] = [
  'accounts:changed',
  'sync:progress',
  'sync:finished',
  'export:progress',
  'export:finished',
  'shell:find',
  'shell:navigate',
  'shell:open-account',
];
