/**
 * Events the desktop shell itself sends to the renderer on IPC_EVENT (next to the core's AppEvents):
 * menu commands and notification clicks. The renderer subscribes to them by name through window.api.
 */

/**
 * The main views in navigation order, exactly as src-renderer/src/router/nav-items.ts lists them (a
 * renderer test checks both lists agree): positions 1…9 are the Ctrl/⌘+1…9 shortcuts.
 */
export const VIEW_NAMES = ['dashboard', 'orders', 'cards', 'commissions', 'settlements', 'flows', 'reports', 'reconcile', 'accounts', 'sync-log', 'settings'] as const;
/** Ctrl/⌘+1…9: one digit per view. */
export const SHORTCUT_VIEW_COUNT = 9;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface ShellEvents {
  /** Ctrl/⌘+F: focus the current view's search box. */
  'shell:find': Record<string, never>;
  /** A View menu item (Ctrl/⌘+1…9 for the first nine): show a main view (index is 1-based). */
  'shell:navigate': { readonly view: ViewName; readonly index: number };
  /** A notification was clicked: show this account. */
  'shell:open-account': { readonly accountId: number };
}
export type ShellEventName = keyof ShellEvents;

/** Something that can deliver a shell event to the renderer (the focused or main window). */
export type SendShellEvent = <E extends ShellEventName>(name: E, payload: ShellEvents[E]) => void;
