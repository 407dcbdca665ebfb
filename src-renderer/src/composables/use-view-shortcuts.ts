/**
 * Ctrl/⌘ + 1…9 opens the n-th main view (navigation order). In the desktop shell the menu owns these
 * accelerators (it sends `shell:navigate`), so App binds this only for the web transport.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import type { Router } from 'vue-router';
import { NAV_ITEMS } from '../router/nav-items.js';

/** The view path a key event asks for, or null. Uses `code` too so non-US layouts work. */
export function shortcutTarget(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const digit = /^[1-9]$/.test(event.key) ? event.key : /^(Digit|Numpad)([1-9])$/.exec(event.code)?.[2];
  if (!digit) return null;
  return NAV_ITEMS[Number(digit) - 1]?.path ?? null;
}

export function useViewShortcuts(router: Router, enabled: () => boolean = () => true): void {
  function onKeydown(event: KeyboardEvent): void {
    if (!enabled()) return;
    const target = shortcutTarget(event);
    if (!target) return;
    event.preventDefault();
    if (router.currentRoute.value.path !== target) void router.push(target);
  }
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
