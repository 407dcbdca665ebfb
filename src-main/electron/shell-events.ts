/**
 * Events the desktop shell itself sends to the renderer on IPC_EVENT (next to the core's AppEvents):
 * menu commands and notification clicks. The renderer subscribes to them by name through window.api.
 */

/** The main views in navigation order — position n is the Ctrl/⌘+n shortcut (src-renderer/src/router/nav-items.ts). */
export const VIEW_NAMES = ['dashboard', 'orders', 'cards', 'commissions', 'settlements', 'flows', 'accounts', 'sync-log', 'settings'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface ShellEvents {
  /** Ctrl/⌘+F: focus the current view's search box. */
  'shell:find': Record<string, never>;
  /** Ctrl/⌘+1…9: show a main view (index is 1-based). */
  'shell:navigate': { readonly view: ViewName; readonly index: number };
  /** A notification was clicked: show this account. */
  'shell:open-account': { readonly accountId: number };
}
export type ShellEventName = keyof ShellEvents;

/** Something that can deliver a shell event to the renderer (the focused or main window). */
export type SendShellEvent = <E extends ShellEventName>(name: E, payload: ShellEvents[E]) => void;
