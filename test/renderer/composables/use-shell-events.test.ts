import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { onEvent } from '../../../src-renderer/src/api/client.js';
import { focusSearch, registerSearchTarget, useSearchFocus } from '../../../src-renderer/src/composables/use-search-focus.js';
import { navigateTarget, useShellEvents } from '../../../src-renderer/src/composables/use-shell-events.js';
import { createAppRouter } from '../../../src-renderer/src/router/index.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const listeners = new Map<string, (payload: unknown) => void>();
const fire = (name: string, payload: unknown) => listeners.get(name)?.(payload);
const mounted: VueWrapper[] = [];

beforeEach(() => {
  listeners.clear();
  vi.mocked(onEvent).mockReset();
  vi.mocked(onEvent).mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }) as unknown as typeof onEvent);
});
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
});

/** A shell with a search box, like a list view registering its own. */
async function mountShell(enabled: boolean) {
  const router = createAppRouter(createMemoryHistory());
  await router.push('/dashboard');
  const Shell = defineComponent({
    setup() {
      useShellEvents(router, () => enabled);
      const search = ref<HTMLElement | null>(null);
      useSearchFocus(search);
      return () => h('div', [h('div', { ref: search, class: 'search' }, [h('input', { 'data-test': 'search' })]), h('input', { 'data-test': 'other' })]);
    },
  });
  const wrapper = mount(Shell, { global: { plugins: [router] }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, router };
}

describe('desktop shell events', () => {
  it('finds the view for shell:navigate by name, else by its position', () => {
    expect(navigateTarget({ view: 'reports', index: 7 })).toBe('/reports');
    expect(navigateTarget({ view: 'accounts', index: 7 })).toBe('/accounts');
    expect(navigateTarget({ view: 'nope', index: 8 })).toBe('/reconcile');
    expect(navigateTarget({ view: 'nope', index: 42 })).toBeNull();
  });

  it('navigates, opens an account and focuses the search box when the desktop sends them', async () => {
    const { wrapper, router } = await mountShell(true);
    fire('shell:navigate', { view: 'sync-log', index: 11 });
    // Views are lazy chunks: the navigation ends once the view's module is loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/sync-log'));

    fire('shell:open-account', { accountId: 8 });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/accounts?account=8'));

    fire('shell:find', {});
    expect(document.activeElement).toBe(wrapper.find('[data-test=search]').element);
  });

  it('ignores a malformed account id', async () => {
    const { router } = await mountShell(true);
    fire('shell:open-account', { accountId: -1 });
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/dashboard');
  });

  it('does not subscribe in the web mode, and unsubscribes on unmount', async () => {
    await mountShell(false);
    expect(vi.mocked(onEvent)).not.toHaveBeenCalled();
    const { wrapper } = await mountShell(true);
    expect(listeners.size).toBe(3);
    wrapper.unmount();
    mounted.pop();
    expect(listeners.size).toBe(0);
  });
});

describe('search focus registry', () => {
  it('focuses the most recent registration and forgets unregistered ones', () => {
    const first = { focus: vi.fn() };
    const second = { focus: vi.fn() };
    const offFirst = registerSearchTarget(() => first);
    const offSecond = registerSearchTarget(() => second);
    expect(focusSearch()).toBe(true);
    expect(second.focus).toHaveBeenCalledTimes(1);
    offSecond();
    focusSearch();
    expect(first.focus).toHaveBeenCalledTimes(1);
    offFirst();
    expect(focusSearch()).toBe(false);
  });

  it('skips a registration whose element is gone', () => {
    const live = { focus: vi.fn() };
    const offLive = registerSearchTarget(() => live);
    const offGone = registerSearchTarget(() => null);
    expect(focusSearch()).toBe(true);
    expect(live.focus).toHaveBeenCalled();
    offGone();
    offLive();
  });
});
