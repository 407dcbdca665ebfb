import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, StatusView } from '../../src-main/api/contract.js';
import { invoke, onEvent } from '../../src-renderer/src/api/client.js';
import App from '../../src-renderer/src/App.vue';
import { STORAGE_KEYS } from '../../src-renderer/src/stores/settings.js';
import { appPlugins } from './support/mount.js';
import { setWindowWidth } from './support/window-size.js';

type ClientModule = typeof ClientApi;

vi.mock('../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});

const info: AppInfo = { name: 'Merchant Ledger', version: '0.1.0', face: 'web', dataDir: '/home/me/.ledger', schemaVersion: 1, weakKeyring: false };
const status: StatusView = { accounts: 0, orders: 0, cards: 0, commissions: 0, settlements: 0, flows: 0, lastSyncAt: null, schemaVersion: 1 };
let currentInfo = info;

const mounted: VueWrapper[] = [];
beforeEach(() => {
  localStorage.clear();
  // A wide desktop window: narrower than 1400 px the navigation starts collapsed.
  setWindowWidth(1600);
  currentInfo = info;
  vi.mocked(invoke).mockImplementation((async (channel: string) => {
    if (channel === 'app:info') return currentInfo;
    if (channel === 'app:status') return status;
    if (channel === 'providers:list' || channel === 'accounts:list') return [];
    throw new Error(channel);
  }) as typeof invoke);
  vi.mocked(onEvent).mockImplementation(() => () => undefined);
});
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
});

async function mountApp(path = '/dashboard') {
  const { plugins, router } = appPlugins();
  await router.push(path);
  const wrapper = mount(App, { global: { plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.find('main h2').exists()).toBe(true));
  return { wrapper, router };
}

describe('App shell', () => {
  it('shows the app name, version and data folder, and every main view in the navigation', async () => {
    const { wrapper } = await mountApp();
    expect(wrapper.find('[data-test=app-meta]').text()).toContain('版本 0.1.0');
    expect(wrapper.find('[data-test=app-meta]').text()).toContain('/home/me/.ledger');
    const nav = wrapper.findAll('.nav-link').map((a) => a.text().replace(/\d$/, '').trim());
    expect(nav).toEqual(['概览', '订单', '卡密', '佣金', '结算变动', '资金流水', '报表', '对账', '账户', '同步记录', '设置']);
    // Only the first nine have a Ctrl/⌘+n shortcut.
    expect(wrapper.findAll('.nav-key').map((k) => k.text())).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(wrapper.find('[data-test=weak-keyring]').exists()).toBe(false);
  });

  it('warns when the keyring is weak', async () => {
    currentInfo = { ...info, weakKeyring: true };
    const { wrapper } = await mountApp();
    expect(wrapper.find('[data-test=weak-keyring]').text()).toContain('明文');
  });

  it('shows real counts on the dashboard and an honest empty state elsewhere', async () => {
    const { wrapper, router } = await mountApp();
    expect(wrapper.find('[data-count=orders]').text()).toContain('0');
    expect(wrapper.find('[data-test=no-accounts]').exists()).toBe(true);
    await router.push('/orders');
    await vi.waitFor(() => expect(wrapper.find('[data-test=no-data]').exists()).toBe(true));
    expect(wrapper.find('[data-test=no-data]').text()).toContain('尚未同步数据');
    await wrapper.find('[data-test=go-accounts]').trigger('click');
    // The Accounts view is a lazy chunk: its first transform under vitest can take a few seconds.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/accounts'), { timeout: 10_000 });
  });

  it('switches views with Ctrl+number', async () => {
    const { router } = await mountApp();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '7', code: 'Digit7', ctrlKey: true }));
    // Views are lazy chunks; loading one can take a while on a busy machine.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/reports'), { timeout: 10_000 });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '9', code: 'Digit9', ctrlKey: true }));
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/accounts'), { timeout: 10_000 });
  });

  it('starts “sync all” with Ctrl+R in the browser, but not while typing in a field', async () => {
    await mountApp('/settings');
    vi.mocked(invoke).mockClear();
    const input = document.createElement('input');
    document.body.appendChild(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', code: 'KeyR', ctrlKey: true, bubbles: true }));
    expect(vi.mocked(invoke)).not.toHaveBeenCalledWith('sync:run', expect.anything());
    const event = new KeyboardEvent('keydown', { key: 'r', code: 'KeyR', ctrlKey: true, cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(vi.mocked(invoke)).toHaveBeenCalledWith('sync:run', {}));
    input.remove();
  });

  it('switches the language from the header and remembers it', async () => {
    const { wrapper } = await mountApp();
    await wrapper.find('.locale-toggle').trigger('click');
    await flushPromises();
    expect(wrapper.find('.nav-link').text()).toContain('Dashboard');
    expect(localStorage.getItem(STORAGE_KEYS.locale)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts with the navigation collapsed on a 1366 px laptop screen', async () => {
    setWindowWidth(1366);
    const { wrapper } = await mountApp();
    expect(wrapper.find('.app-sidebar').classes()).toContain('is-collapsed');
    await wrapper.find('.nav-toggle').trigger('click');
    expect(wrapper.find('.nav-label').exists()).toBe(true);
  });

  it('collapses the navigation', async () => {
    const { wrapper } = await mountApp();
    await wrapper.find('.nav-toggle').trigger('click');
    expect(wrapper.find('.app-sidebar').classes()).toContain('is-collapsed');
    expect(wrapper.find('.nav-label').exists()).toBe(false);
  });
});
