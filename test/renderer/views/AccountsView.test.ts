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
const listeners = new Map<string, (payload: unknown) => void>();
const fire = (name: string, payload: unknown = {}) => listeners.get(name)?.(payload);
const initialAccounts = () => [
  accountView(),
  accountView({ id: 8, name: '博也', provider: 'itboye', secrets: { clientSecret: { configured: false, hint: null }, password: { configured: true, hint: '••••' } } }),
];
let accounts = initialAccounts();

const mounted: VueWrapper[] = [];

/**
 * Stands in for the core's reading of ids: the tests' texts hold two, as a list or under 订单号; a table
 * headed 编号 has no id column the core knows, unless it is chosen.
 */
function readIds({ text, column }: { text: string; column?: string }) {
  const headers = /^(订单号|编号),/.test(text) ? text.split('\n')[0]!.split(',') : null;
  if (headers?.[0] === '编号' && column === undefined) {
    throw new ApiClientError('validation', '表格中找不到订单号列（表头：「编号」「金额」）', { headers });
  }
  return { count: 2, column: headers ? (column ?? '订单号') : null, headers, skipped: text.includes('合计') ? 1 : 0, sample: ['DD001', 'DD002'] };
}

beforeEach(() => {
  accounts = initialAccounts();
  listeners.clear();
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: unknown) => {
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'accounts:list') return accounts;
    if (channel === 'accounts:test') return { ok: false, message: '签名验证失败：UserId或apikey无效', errorKind: 'auth' };
    if (channel === 'sync:state') return { running: [], online: true, schedulerActive: true };
    if (channel === 'sync:run') return { started: [{ accountId: 7, runId: 41 }], skipped: [] };
    if (channel === 'sync:read-ids') return readIds(args as { text: string });
    if (channel === 'sync:import-ids') return { count: 2, column: null, skipped: 0, added: 2, total: 5 };
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
  onEventMock.mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
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
    fire('accounts:changed');
    await flushPromises();
    expect(wrapper.text()).toContain('新来的');
    wrapper.unmount();
    mounted.pop();
    expect(listeners.has('accounts:changed')).toBe(false);
    expect(listeners.has('sync:progress')).toBe(false);
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

  it('starts a sync from the row, spins while it runs, and refreshes the health when it finishes', async () => {
    const wrapper = await mountView();
    const button = () => wrapper.findAll('[data-test=sync-account]')[0]!;
    expect(button().text()).toBe('立即同步');
    await button().trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('sync:run', { accountId: 7 });
    expect(button().text()).toBe('同步中…');
    expect(button().classes()).toContain('is-loading');
    expect(wrapper.findAll('[data-test=health-state]')[0]!.text()).toBe('同步中');

    const listCalls = invokeMock.mock.calls.filter(([c]) => c === 'accounts:list').length;
    accounts = [accountView({ health: { ...accountView().health, state: 'ok', lastSuccessAt: Date.now() - 60_000 } }), accounts[1]!];
    fire('sync:finished', { id: 41, accountId: 7, accountName: '主店', status: 'succeeded', warnings: [] });
    await flushPromises();
    expect(invokeMock.mock.calls.filter(([c]) => c === 'accounts:list').length).toBe(listCalls + 1);
    expect(button().text()).toBe('立即同步');
    expect(wrapper.findAll('[data-test=health-state]')[0]!.text()).toBe('正常');
  });

  it('shows last success, last error and next run as relative times with the exact time on hover', async () => {
    const now = Date.now();
    accounts = [
      accountView({
        syncIntervalMinutes: 45,
        health: {
          state: 'error',
          lastSuccessAt: now - 3 * 3_600_000,
          lastErrorAt: now - 5 * 60_000,
          lastErrorKind: 'network',
          lastErrorMessage: '网络错误 network error',
          needsAttention: null,
          nextRunAt: now + 40 * 60_000,
        },
      }),
    ];
    const wrapper = await mountView();
    const times = wrapper.find('[data-test=health-times]');
    expect(times.find('[data-time=last-success]').text()).toContain('3小时前');
    expect(times.find('[data-time=last-error]').text()).toContain('5分钟前');
    expect(times.find('[data-time=last-error]').text()).toContain('network');
    expect(times.find('[data-time=next-run]').text()).toContain('40分钟后');
    expect(times.find('[data-time=next-run]').text()).toContain('每 45 分钟');
    expect(wrapper.find('[data-test=health-detail]').text()).toBe('网络错误 network error');
    const time = times.find('[data-time=last-success] time');
    expect(time.attributes('datetime')).toBe(new Date(now - 3 * 3_600_000).toISOString());
    await time.trigger('mouseenter');
    await vi.waitFor(() => expect(document.body.querySelector('.el-popper')?.textContent).toContain('(UTC+8)'));
  });

  it('shows the needs-attention state with its plain message', async () => {
    const message = '凭证无效或已过期，请在「账户」中更新密钥或令牌';
    accounts = [accountView({ health: { ...accountView().health, state: 'needs_attention', needsAttention: message, lastErrorAt: Date.now() } })];
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=health-state]').text()).toBe('需要处理');
    expect(wrapper.find('[data-test=health-detail]').text()).toBe(message);
  });

  it('offers “导入订单号” for Kasushou buyer accounts only, and reports added/total', async () => {
    accounts = [...initialAccounts(), accountView({ id: 9, name: '管理员', settings: { userId: '1', mode: 'admin' } })];
    const wrapper = await mountView();
    const rows = wrapper.findAll('[data-test=account-table] .el-table__body tr');
    expect(rows.map((r) => r.find('[data-test=import-ids]').exists())).toEqual([true, false, false]);
    await rows[0]!.find('[data-test=import-ids]').trigger('click');
    await flushPromises();
    const textarea = document.body.querySelector<HTMLTextAreaElement>('[data-test=import-dialog] textarea')!;
    textarea.value = 'DD001\nDD002, DD001';
    textarea.dispatchEvent(new Event('input'));
    // The core reads the text (after a pause in typing) and the dialog says what it found.
    await vi.waitFor(() => expect(document.body.querySelector('[data-test=import-count]')?.textContent).toContain('识别到 2 个订单号'));
    expect(invokeMock).toHaveBeenCalledWith('sync:read-ids', { accountId: 7, text: 'DD001\nDD002, DD001' });
    document.body.querySelector<HTMLButtonElement>('[data-test=import-submit]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('sync:import-ids', { accountId: 7, text: 'DD001\nDD002, DD001' });
    await vi.waitFor(() => expect(document.body.querySelector('[data-test=import-result]')?.textContent).toContain('新增 2 个，共跟踪 5 个'));
    // The imported numbers are fetched at the next sync: the dialog offers to start it now.
    document.body.querySelector<HTMLButtonElement>('[data-test=import-sync]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('sync:run', { accountId: 7 });
  });

  it('reads a chosen CSV file into the import dialog, names the column read, and offers the headers when the core finds no id column', async () => {
    const wrapper = await mountView();
    await wrapper.findAll('[data-test=account-table] .el-table__body tr')[0]!.find('[data-test=import-ids]').trigger('click');
    await flushPromises();
    const input = document.body.querySelector<HTMLInputElement>('[data-test=import-file-input]')!;
    const choose = (name: string, content: string) => {
      Object.defineProperty(input, 'files', { configurable: true, value: [new File([content], name, { type: 'text/csv' })] });
      input.dispatchEvent(new Event('change'));
    };
    choose('orders.csv', '订单号,金额\nDD001,1.00\nDD002,2.00\n合计,3.00\n');
    await vi.waitFor(() =>
      expect(document.body.querySelector('[data-test=import-count]')?.textContent).toContain('识别到 2 个订单号（来自「订单号」列，跳过 1 个不是订单号的单元格，如合计行）'),
    );
    expect(document.body.querySelector('[data-test=import-file-name]')?.textContent).toBe('orders.csv');
    expect(document.body.querySelector<HTMLTextAreaElement>('[data-test=import-dialog] textarea')!.value).toBe('订单号,金额\nDD001,1.00\nDD002,2.00\n合计,3.00\n');

    // Over what the web mode takes in one request: refused before it is read.
    choose('huge.csv', 'DD0000001\n'.repeat(100_000));
    await vi.waitFor(() => expect(document.body.querySelector('[data-test=import-problem]')?.textContent).toContain('文件「huge.csv」超过 900 KB'));
    expect(document.body.querySelector<HTMLTextAreaElement>('[data-test=import-dialog] textarea')!.value).toBe('订单号,金额\nDD001,1.00\nDD002,2.00\n合计,3.00\n');

    choose('other.csv', '编号,金额\nDD001,2\nDD002,3\n');
    await vi.waitFor(() => expect(document.body.querySelector('[data-test=import-problem]')?.textContent).toContain('表格中找不到订单号列'));
    expect(document.body.querySelector<HTMLButtonElement>('[data-test=import-submit]')!.disabled).toBe(true);
    expect(invokeMock).not.toHaveBeenCalledWith('sync:import-ids', expect.anything());

    // The merchant says which column holds the ids; the core reads it, and the import takes it.
    document.body.querySelector<HTMLElement>('[data-test=import-column]')!.click();
    await flushPromises();
    [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((el) => el.textContent?.trim() === '编号')!.click();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test=import-count]')?.textContent).toContain('识别到 2 个订单号（来自「编号」列）'));
    expect(invokeMock).toHaveBeenCalledWith('sync:read-ids', { accountId: 7, text: '编号,金额\nDD001,2\nDD002,3\n', column: '编号' });
    document.body.querySelector<HTMLButtonElement>('[data-test=import-submit]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('sync:import-ids', { accountId: 7, text: '编号,金额\nDD001,2\nDD002,3\n', column: '编号' });
  });

  it('edits the schedule in the edit dialog', async () => {
    invokeMock.mockImplementation((async (channel: string, args: unknown) => {
      if (channel === 'providers:list') return PROVIDERS;
      if (channel === 'accounts:list') return accounts;
      if (channel === 'sync:state') return { running: [], online: true, schedulerActive: true };
      if (channel === 'accounts:update') return { ...accounts[0]!, ...(args as object) };
      throw new Error(`unexpected ${channel}`);
    }) as typeof invoke);
    const wrapper = await mountView();
    await wrapper.findAll('[data-test=edit-account]')[0]!.trigger('click');
    await flushPromises();
    const set = (field: string, value: string) => {
      const el = document.body.querySelector<HTMLInputElement>(`[data-field="${field}"] input`)!;
      el.value = value;
      el.dispatchEvent(new Event('input'));
      el.dispatchEvent(new Event('change'));
    };
    expect(document.body.querySelector<HTMLInputElement>('[data-field="syncIntervalMinutes"] input')?.value).toBe('30');
    set('syncIntervalMinutes', '60');
    set('lookbackDays', '180');
    document.body.querySelector<HTMLButtonElement>('[data-field="enabled"]')?.click();
    await flushPromises();
    document.body.querySelector<HTMLButtonElement>('[data-test=dialog-submit]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('accounts:update', { id: 7, enabled: false, syncIntervalMinutes: 60, lookbackDays: 180 });
  });

  it('opens the edit dialog of the account in ?account= (a desktop notification click) and clears it', async () => {
    const { plugins, router } = appPlugins();
    await router.push('/accounts?account=8');
    const wrapper = mount(AccountsView, { global: { plugins }, attachTo: document.body });
    mounted.push(wrapper);
    await flushPromises();
    const dialog = document.querySelector('.el-dialog');
    expect(dialog?.textContent).toContain('编辑账户「博也」');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/accounts'));
  });
});
