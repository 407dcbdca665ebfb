import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, OrderListItemView, PageView } from '../../../src-main/api/contract.js';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { focusSearch } from '../../../src-renderer/src/composables/use-search-focus.js';
import OrdersView from '../../../src-renderer/src/views/OrdersView.vue';
import { PROVIDERS, accountView } from '../support/fixtures.js';
import { appPlugins } from '../support/mount.js';
import { orderPage } from '../support/record-fixtures.js';
import { runView } from '../support/sync-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});

let accounts: AccountView[] = [];
const listeners = new Map<string, (payload: unknown) => void>();
let listPage: PageView<OrderListItemView> | ApiClientError = { items: [], nextCursor: null };
const listCalls: Record<string, unknown>[] = [];
const mounted: VueWrapper[] = [];
const scrolledToTop = vi.fn();
const gridStub = { template: '<div data-test="grid-stub" />', methods: { scrollToTop: scrolledToTop } };

beforeEach(() => {
  accounts = [accountView()];
  listPage = { items: [], nextCursor: null };
  listCalls.length = 0;
  listeners.clear();
  vi.mocked(onEvent).mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }) as unknown as typeof onEvent);
  vi.mocked(invoke).mockImplementation((async (channel: string, args: Record<string, unknown>) => {
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'accounts:list') return accounts;
    if (channel === 'orders:list') {
      listCalls.push(args);
      if (listPage instanceof ApiClientError) throw listPage;
      return listPage;
    }
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
});
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
});

/** The virtualized grid renders nothing without layout (happy-dom; the store tests cover its paging); date picker and selects are slow to mount there. */
async function mountView(): Promise<VueWrapper> {
  const wrapper = mount(OrdersView, { global: { plugins: appPlugins().plugins, stubs: { OrderGrid: gridStub, ElDatePicker: true, ElSelect: true } }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('OrdersView', () => {
  it('loads the first page on open and says when no order matches', async () => {
    const wrapper = await mountView();
    expect(listCalls).toEqual([{ sort: 'created_desc', limit: 200 }]);
    expect(wrapper.find('[data-test=orders-empty]').text()).toContain('没有符合条件的订单');
    expect(wrapper.find('[data-test=orders-count]').text()).toBe('共 0 条');
  });

  it('shows the count and the “more” indicator while pages remain', async () => {
    listPage = orderPage(1, 200, 'c1');
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=orders-count]').text()).toBe('已载入 200 条');
    expect(wrapper.find('[data-test=orders-more]').text()).toContain('向下滚动加载更多');
    expect(wrapper.find('[data-test=orders-empty]').exists()).toBe(false);
  });

  it('points to Accounts when there is no account yet', async () => {
    accounts = [];
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=no-data]').exists()).toBe(true);
    expect(wrapper.find('[data-test=orders-grid-wrap]').exists()).toBe(false);
  });

  it('shows a load error with a retry', async () => {
    listPage = new ApiClientError('internal', '数据库已锁定 database is locked');
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=orders-error]').text()).toContain('database is locked');
    listPage = orderPage(1, 3, null);
    await wrapper.find('[data-test=orders-retry]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=orders-error]').exists()).toBe(false);
    expect(wrapper.find('[data-test=orders-count]').text()).toBe('共 3 条');
  });

  it('offers a refresh when a sync changed orders, without swapping the list by itself', async () => {
    listPage = orderPage(1, 3, null);
    const wrapper = await mountView();
    listeners.get('sync:finished')?.(runView({ inserted: 0, updated: 0 }));
    await flushPromises();
    expect(wrapper.find('[data-test=orders-stale]').exists()).toBe(false);
    listeners.get('sync:finished')?.(runView({ inserted: 12 }));
    await flushPromises();
    expect(wrapper.find('[data-test=orders-stale]').text()).toContain('同步后有新的订单数据');
    expect(listCalls).toHaveLength(1);
    await wrapper.find('[data-test=orders-reload]').trigger('click');
    await flushPromises();
    expect(listCalls).toHaveLength(2);
    expect(wrapper.find('[data-test=orders-stale]').exists()).toBe(false);
    wrapper.unmount();
    mounted.pop();
    expect(listeners.has('sync:finished')).toBe(false);
  });

  it('focuses the search box on Ctrl+F and searches after typing stops', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const wrapper = await mountView();
      const event = new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, cancelable: true });
      window.dispatchEvent(event);
      expect(event.defaultPrevented).toBe(true);
      const input = wrapper.find<HTMLInputElement>('input[data-test=order-search]');
      expect(document.activeElement).toBe(input.element);
      // The desktop menu's “Find” (shell:find) reaches the same box through use-search-focus.
      input.element.blur();
      expect(focusSearch()).toBe(true);
      expect(document.activeElement).toBe(input.element);
      await input.setValue('腾讯');
      await input.setValue('腾讯视频');
      expect(listCalls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(350);
      await flushPromises();
      expect(listCalls).toHaveLength(2);
      expect(listCalls[1]).toEqual({ sort: 'created_desc', limit: 200, q: '腾讯视频' });
      expect(scrolledToTop).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the loading overlay only when the first page is slow', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let answer: (page: PageView<OrderListItemView>) => void = () => undefined;
      listPage = new Promise<PageView<OrderListItemView>>((resolve) => (answer = resolve)) as unknown as PageView<OrderListItemView>;
      const wrapper = await mountView();
      expect(wrapper.find('[data-test=orders-grid-wrap]').attributes('data-loading')).toBe('true');
      expect(wrapper.find('[data-test=orders-loading]').exists()).toBe(false);
      await vi.advanceTimersByTimeAsync(300);
      expect(wrapper.find('[data-test=orders-loading]').text()).toContain('加载中');
      answer(orderPage(1, 3, null));
      await flushPromises();
      expect(wrapper.find('[data-test=orders-loading]').exists()).toBe(false);
      expect(wrapper.find('[data-test=orders-count]').text()).toBe('共 3 条');
    } finally {
      vi.useRealTimers();
    }
  });
});
