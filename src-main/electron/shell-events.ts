/**
 * Events the desktop shell itself sends to the renderer on IPC_EVENT: menu commands and notification
 * clicks. Their names and payloads are the contract's `ShellEvents` (part of AppEvents), which the
 * renderer subscribes to through window.api; this file adds the sender's side.
 */
import type { ShellEvents } from '../api/contract.js';

/**
 * The main views in navigation order, exactly as src-renderer/src/router/nav-items.ts lists them (a
 * renderer test checks both lists agree): positions 1…9 are the Ctrl/⌘+1…9 shortcuts.
 */
export const VIEW_NAMES = ['dashboard', 'orders', 'cards', 'commissions', 'settlements', 'flows', 'reports', 'reconcile', 'accounts', 'sync-log', 'settings'] as const;
/** Ctrl/⌘+1…9: one digit per view. */
export const SHORTCUT_VIEW_COUNT = 9;
export type ViewName = (typeof VIEW_NAMES)[number];

export type ShellEventName = keyof ShellEvents;

/** Something that can deliver a shell event to the renderer (the focused or main window). */
export type SendShellEvent = <E extends ShellEventName>(name: E, payload: ShellEvents[E]) => void;
