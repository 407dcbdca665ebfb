/**
 * Events the desktop shell sends (menu commands and notification clicks; see
 * src-main/electron/shell-events.ts): `shell:find` focuses the view's search box, `shell:navigate`
 * opens a main view by name, `shell:open-account` opens that account on the Accounts view. The web
 * mode never sends them, so only the desktop transport subscribes.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import type { Router } from 'vue-router';
import { onEvent, transport } from '../api/client.js';
import { NAV_ITEMS } from '../router/nav-items.js';
import { focusSearch } from './use-search-focus.js';

/** The query parameter of the Accounts view that opens one account's edit dialog. */
export const OPEN_ACCOUNT_QUERY = 'account';

/** The path for a `shell:navigate` payload: by view name, else by its 1-based position. */
export function navigateTarget(payload: { view?: unknown; index?: unknown }): string | null {
  const byName = NAV_ITEMS.find((item) => item.name === payload.view);
  if (byName) return byName.path;
  const index = typeof payload.index === 'number' ? payload.index : NaN;
  return Number.isInteger(index) ? (NAV_ITEMS[index - 1]?.path ?? null) : null;
}

export function useShellEvents(router: Router, enabled: () => boolean = () => transport().kind === 'desktop'): void {
  let stops: (() => void)[] = [];
  onMounted(() => {
    if (!enabled()) return;
    stops = [
      onEvent('shell:find', () => {
        focusSearch();
      }),
      onEvent('shell:navigate', (payload) => {
        const target = navigateTarget(payload);
        if (target && router.currentRoute.value.path !== target) void router.push(target);
      }),
      onEvent('shell:open-account', ({ accountId }) => {
        if (!Number.isSafeInteger(accountId) || accountId <= 0) return;
        void router.push({ path: '/accounts', query: { [OPEN_ACCOUNT_QUERY]: String(accountId) } });
      }),
    ];
  });
  onBeforeUnmount(() => {
    for (const stop of stops) stop();
    stops = [];
  });
}
