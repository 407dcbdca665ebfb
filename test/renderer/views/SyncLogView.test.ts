import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncRunView } from '../../../src-main/api/contract.js';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { RUNS_PAGE_SIZE } from '../../../src-renderer/src/stores/sync.js';
import SyncLogView from '../../../src-renderer/src/views/SyncLogView.vue';
import { PROVIDERS, accountView } from '../support/fixtures.js';
import { appPlugins } from '../support/mount.js';
import { progressEvent, runView } from '../support/sync-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const onEventMock = vi.mocked(onEvent);
const listeners = new Map<string, (payload: unknown) => void>();
const fire = (name: string, payload: unknown) => listeners.get(name)?.(payload);

let running = [progressEvent()];
let runPages: SyncRunView[][] = [];
let runsFailure: ApiClientError | null = null;
const mounted: VueWrapper[] = [];

beforeEach(() => {
  running = [progressEvent()];
  runPages = [[runView()]];
  runsFailure = null;
  listeners.clear();
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string) => {
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'accounts:list') return [accountView(), accountView({ id: 8, name: '二店', provider: 'itboye' })];
    if (channel === 'sync:state') return { running, online: true, schedulerActive: true };
    if (channel === 'sync:runs') {
      if (runsFailure) throw runsFailure;
      return runPages.shift() ?? [];
    }
    if (channel === 'sync:cancel') return { cancelled: 1 };
    if (channel === 'sync:run') return { started: [{ accountId: 8, runId: 60 }], skipped: [{ accountId: 7, reason: '账户已停用 account is disabled' }] };
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

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN', stubs: Record<string, { template: string }> = {}): Promise<VueWrapper> {
  const wrapper = mount(SyncLogView, { global: { plugins: appPlugins({ locale }).plugins, stubs }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('SyncLogView', () => {
  it('shows a progress card per running account: phase, window, page, counts, rate and ETA', async () => {
    const wrapper = await mountView();
    const card = wrapper.find('[data-test=sync-progress]');
    expect(card.attributes('data-account-id')).toBe('7');
    expect(card.text()).toContain('主店');
    expect(card.text()).toContain('卡速售');
    expect(card.find('[data-test=sync-phase]').text()).toBe('订单');
    expect(card.find('[data-test=sync-window]').text()).toContain('2024-06-01 ~ 2024-06-08');
    expect(card.find('[data-test=sync-page]').text()).toBe('第 3 页');
    expect(card.find('[data-test=sync-counts]').text()).toBe('读取 300 · 新增 280 · 更新 15');
    expect(card.find('[data-test=sync-rate]').text()).toBe('120 条/秒');
    expect(card.find('[data-test=sync-eta]').text()).toBe('预计剩余 30秒');
    const bar = card.find('[data-test=sync-progress-bar][role=progressbar]');
    expect(Number(bar.attributes('aria-valuenow'))).toBeGreaterThanOrEqual(49);
    expect(Number(bar.attributes('aria-valuenow'))).toBeLessThanOrEqual(51);
  });

  it('updates the card from sync:progress and moves the run to the history on sync:finished', async () => {
    const wrapper = await mountView();
    fire('sync:progress', progressEvent({ fetched: 900, inserted: 850, etaMs: null, phase: '结算变动 settlements' }));
    await flushPromises();
    const card = wrapper.find('[data-test=sync-progress]');
    expect(card.find('[data-test=sync-counts]').text()).toContain('读取 900');
    expect(card.find('[data-test=sync-phase]').text()).toBe('结算变动');
    expect(card.find('[data-test=sync-eta]').text()).toBe('剩余时间未知');
    expect(card.find('.el-progress-bar__inner--indeterminate').exists()).toBe(true);

    fire('sync:finished', runView({ id: 42, fetched: 900, inserted: 850, updated: 40, unchanged: 10 }));
    await flushPromises();
    expect(wrapper.find('[data-test=sync-progress]').exists()).toBe(false);
    expect(wrapper.find('[data-test=sync-idle]').text()).toBe('当前没有正在进行的同步');
    const first = wrapper.findAll('[data-test=run-table] .el-table__body tr')[0]!;
    expect(first.find('[data-run-id]').attributes('data-run-id')).toBe('42');
    expect(first.find('[data-col=fetched]').text()).toBe('900');
    expect(first.find('[data-status]').text()).toBe('成功');
  });

  it('cancel calls sync:cancel for that account', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-test=cancel-run]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('sync:cancel', { accountId: 7 });
  });

  it('lists runs with trigger, status, start time (Asia/Shanghai), duration, counts, error and folded warnings', async () => {
    runPages = [
      [
        runView({ id: 43, status: 'failed', trigger: 'schedule', errorKind: 'auth', errorMessage: '签名无效，请检查 API 密钥', warnings: ['第 2 页有 1 条记录无法解析', '金额字段为空'] }),
        runView(),
      ],
    ];
    const wrapper = await mountView();
    const rows = wrapper.findAll('[data-test=run-table] .el-table__body tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('定时');
    expect(rows[0]!.find('[data-status]').text()).toBe('失败');
    expect(rows[0]!.find('[data-test=run-error]').text()).toBe('auth签名无效，请检查 API 密钥');
    const warnings = rows[0]!.find('[data-test=run-warnings]');
    expect(warnings.find('summary').text()).toBe('2 条警告');
    expect(warnings.findAll('li').map((li) => li.text())).toEqual(['第 2 页有 1 条记录无法解析', '金额字段为空']);
    expect(rows[1]!.text()).toContain('手动');
    expect(rows[1]!.text()).toContain('2024/06/01 10:00:00');
    expect(rows[1]!.text()).toContain('1分5秒');
    expect(rows[1]!.find('[data-col=inserted]').text()).toBe('550');
    expect(rows[1]!.find('[data-col=unchanged]').text()).toBe('20');
    expect(wrapper.text()).toContain('已显示全部 · 2 条');
  });

  it('does not repeat “cancelled” as an error for a cancelled run', async () => {
    runPages = [[runView({ id: 44, status: 'cancelled', errorKind: 'cancelled', errorMessage: '已取消 cancelled' })]];
    const wrapper = await mountView();
    const row = wrapper.find('[data-test=run-table] .el-table__body tr');
    expect(row.find('[data-status]').text()).toBe('已取消');
    expect(row.find('[data-test=run-error]').exists()).toBe(false);
  });

  it('loads more runs with beforeId', async () => {
    runPages = [Array.from({ length: RUNS_PAGE_SIZE }, (_, i) => runView({ id: 500 - i })), [runView({ id: 300 })]];
    // A full page of rows: plain tooltips keep this test fast.
    const wrapper = await mountView('zh-CN', { ElTooltip: { template: '<span><slot /></span>' } });
    await wrapper.find('[data-test=load-more]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('sync:runs', { beforeId: 451, limit: RUNS_PAGE_SIZE });
    expect(wrapper.findAll('[data-test=run-table] .el-table__body tr')).toHaveLength(RUNS_PAGE_SIZE + 1);
    expect(wrapper.find('[data-test=load-more]').exists()).toBe(false);
  });

  it('shows an empty state when there are no runs', async () => {
    running = [];
    runPages = [[]];
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=runs-empty]').text()).toContain('还没有同步记录');
    expect(wrapper.find('[data-test=run-table]').exists()).toBe(false);
    expect(wrapper.find('[data-test=sync-idle]').exists()).toBe(true);
  });

  it('shows the load error with a retry that reloads', async () => {
    runsFailure = new ApiClientError('locked', '账本已锁定 ledger locked');
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=runs-error]').text()).toContain('无法读取同步记录：账本已锁定 ledger locked');
    expect(wrapper.find('[data-test=runs-empty]').exists()).toBe(false);
    runsFailure = null;
    runPages = [[runView()]];
    await wrapper.find('[data-test=runs-retry]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=runs-error]').exists()).toBe(false);
    expect(wrapper.findAll('[data-test=run-table] .el-table__body tr')).toHaveLength(1);
  });

  it('“全部同步” starts every account and says which were skipped', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-test=sync-all]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('sync:run', {});
    expect(document.body.textContent).toContain('已开始同步 1 个账户');
    expect(document.body.textContent).toContain('「主店」已跳过：账户已停用 account is disabled');
    expect(wrapper.findAll('[data-test=sync-progress]').map((c) => c.attributes('data-account-id'))).toEqual(['7', '8']);
  });

  it('filters the history by account', async () => {
    const wrapper = await mountView();
    runPages = [[runView({ id: 70, accountId: 8, accountName: '二店' })]];
    await wrapper.find('[data-test=run-filter]').trigger('click');
    await flushPromises();
    const option = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((el) => el.textContent?.trim() === '二店');
    option!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('sync:runs', { accountId: 8, limit: RUNS_PAGE_SIZE });
    expect(wrapper.find('[data-test=run-table] .el-table__body').text()).toContain('二店');
  });

  it('speaks English', async () => {
    const wrapper = await mountView('en');
    const card = wrapper.find('[data-test=sync-progress]');
    expect(card.find('[data-test=sync-phase]').text()).toBe('orders');
    expect(card.find('[data-test=sync-rate]').text()).toBe('120 records/s');
    expect(wrapper.find('[data-status]').text()).toBe('Succeeded');
    expect(wrapper.find('[data-test=sync-all]').text()).toContain('Sync all');
  });
});
