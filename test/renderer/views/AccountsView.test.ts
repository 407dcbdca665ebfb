import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import AccountsView from '../../../src-renderer/src/views/AccountsView.vue';
import { PROVIDERS, accountView } from '../support/fixtures.js';
import { appPlugins } from '../support/mount.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const onEventMock = vi.mocked(onEvent);
let fireChanged: (() => void) | null = null;
let accounts = [accountView(), accountView({ id: 8, name: '博也', provider: 'itboye', secrets: { clientSecret: { configured: false, hint: null }, password: { configured: true, hint: '••••' } } })];

const mounted: VueWrapper[] = [];

beforeEach(() => {
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string) => {
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'accounts:list') return accounts;
    if (channel === 'accounts:test') return { ok: false, message: '签名验证失败：UserId或apikey无效', errorKind: 'auth' };
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
  onEventMock.mockImplementation(((_name: string, cb: () => void) => {
    fireChanged = cb;
    return () => (fireChanged = null);
  }) as unknown as typeof onEvent);
});

afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
});

async function mountView(): Promise<VueWrapper> {
  const wrapper = mount(AccountsView, { global: { plugins: appPlugins().plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('AccountsView', () => {
  it('lists accounts with provider names and masked secret states', async () => {
    const wrapper = await mountView();
    const text = wrapper.text();
    expect(text).toContain('主店');
    expect(text).toContain('卡速售');
    expect(text).toContain('https://shop.example.com');
    expect(text).toContain('已配置 ••••abcd');
    expect(text).toContain('未配置');
    expect(text).toContain('尚未同步');
  });

  it('reloads on accounts:changed and stops listening when left', async () => {
    const wrapper = await mountView();
    accounts = [...accounts, accountView({ id: 9, name: '新来的' })];
    fireChanged?.();
    await flushPromises();
    expect(wrapper.text()).toContain('新来的');
    wrapper.unmount();
    mounted.pop();
    expect(fireChanged).toBeNull();
  });

  it('shows the connection test message on the row', async () => {
    const wrapper = await mountView();
    await wrapper.findAll('[data-test=test-account]')[0]!.trigger('click');
    await flushPromises();
    const result = wrapper.find('[data-test=test-result]');
    expect(result.text()).toContain('连接失败');
    expect(result.text()).toContain('签名验证失败');
    expect(invokeMock).toHaveBeenCalledWith('accounts:test', { id: 7 });
  });

  it('shows a load error instead of pretending the list is empty', async () => {
    invokeMock.mockImplementation((async (channel: string) => {
      if (channel === 'providers:list') return PROVIDERS;
      throw new ApiClientError('locked', '账本已锁定 ledger locked');
    }) as typeof invoke);
    const wrapper = await mountView();
    expect(wrapper.text()).toContain('无法读取账户：账本已锁定 ledger locked');
  });

  it('opens the add dialog and shows the server’s validation answer next to the form', async () => {
    invokeMock.mockImplementation((async (channel: string) => {
      if (channel === 'providers:list') return PROVIDERS;
      if (channel === 'accounts:list') return [];
      if (channel === 'accounts:add') {
        throw new ApiClientError('validation', '参数无效 invalid arguments: settings.userId 格式不对', {
          issues: [{ path: 'settings.userId', message: '格式不对' }],
        });
      }
      throw new Error(`unexpected ${channel}`);
    }) as typeof invoke);
    const wrapper = await mountView();
    await wrapper.find('[data-test=add-account]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('[data-test=account-form]');
    expect(dialog).not.toBeNull();
    const set = (field: string, value: string) => {
      const el = document.body.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!;
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    set('name', '主店');
    set('baseUrl', 'https://shop.example.com');
    set('userId', 'abc');
    set('apikey', 'sk-1234567890');
    await flushPromises();
    document.body.querySelector<HTMLButtonElement>('[data-test=dialog-submit]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('accounts:add', {
      provider: 'kasushou',
      name: '主店',
      baseUrl: 'https://shop.example.com',
      settings: { userId: 'abc', mode: 'buyer' },
      secrets: { apikey: 'sk-1234567890' },
    });
    await vi.waitFor(() => {
      expect(document.body.querySelector('[data-test=server-error]')?.textContent).toContain('参数无效');
      const fieldErrors = [...document.body.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim());
      expect(fieldErrors).toContain('格式不对');
    });
  });
});
