import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import ReportsView from '../../../src-renderer/src/views/ReportsView.vue';
import { accountView, kasushouInfo } from '../support/fixtures.js';
import { cardsView, drillPage, revenueView } from '../support/insight-fixtures.js';
import { appPlugins } from '../support/mount.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const listeners = new Map<string, (payload: unknown) => void>();
const fire = (name: string, payload: unknown) => listeners.get(name)?.(payload);
const mounted: VueWrapper[] = [];
let drillPages = [drillPage([1, 2], 2), drillPage([3], null)];

beforeEach(() => {
  listeners.clear();
  drillPages = [drillPage([1, 2], 2), drillPage([3], null)];
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string) => {
    if (channel === 'providers:list') return [kasushouInfo];
    if (channel === 'accounts:list') return [accountView()];
    if (channel === 'report:revenue') return revenueView();
    if (channel === 'report:cards') return cardsView();
    if (channel === 'report:drilldown') return drillPages.shift();
    if (channel === 'export:start') return { jobId: 'job-1', file: '/home/me/.ledger/exports/report-revenue.csv' };
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
  vi.mocked(onEvent).mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }) as unknown as typeof onEvent);
});

afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
});

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<VueWrapper> {
  // The date picker is exercised in the e2e test; stubbing it keeps this file fast.
  const wrapper = mount(ReportsView, { global: { plugins: appPlugins({ locale }).plugins, stubs: { ElDatePicker: true } }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

function bodyRows(wrapper: VueWrapper) {
  return wrapper.findAll('[data-test=report-table] .el-table__body tr');
}

describe('ReportsView', () => {
  it('shows every row with provider names and exact amounts, then a total per currency', async () => {
    const wrapper = await mountView();
    const rows = bodyRows(wrapper);
    expect(rows).toHaveLength(5);
    expect(rows[0]!.text()).toContain('2024-06-01');
    expect(rows[0]!.text()).toContain('卡速售');
    expect(rows[0]!.find('[data-figure=revenue]').text()).toBe('100.10');
    expect(rows[0]!.find('[data-figure=revenue]').attributes('data-amount')).toBe('100.1000');
    expect(rows[3]!.find('[data-test=total-label]').text()).toBe('合计 CNY');
    expect(rows[3]!.find('[data-test=total-figure][data-figure=revenue]').text()).toBe('100.30');
    expect(rows[3]!.find('[data-test=total-figure][data-figure=orders]').text()).toBe('4');
    expect(rows[4]!.find('[data-test=total-label]').text()).toBe('合计 USD');
    // Totals are not buttons: they have no row key to drill into.
    expect(rows[3]!.findAll('[data-test=figure]')).toHaveLength(0);
    // A count of 0 has nothing behind it.
    expect(rows[1]!.find('[data-figure=refundedOrders]').attributes('data-test')).toBe('figure-zero');
  });

  it('opens the records behind a figure in a drawer and pages them', async () => {
    const wrapper = await mountView();
    await bodyRows(wrapper)[0]!.find('[data-test=figure][data-figure=refunds]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('report:drilldown', { key: 'revenue|2024-06-01|2024-06-01|*|*|kasushou|CNY', figure: 'refunds', limit: 100 });
    const drawer = document.querySelector('.el-drawer')!;
    expect(drawer.textContent).toContain('退款明细');
    expect(drawer.textContent).toContain('卡速售 · CNY · 2024-06-01');
    expect([...drawer.querySelectorAll('[data-test=drill-ref]')].map((e) => e.textContent)).toEqual(['D1', 'D2']);
    expect(drawer.textContent).toContain('主店');
    expect(drawer.textContent).toContain('已退款');
    expect(drawer.querySelector('[data-test=drill-count]')!.textContent).toContain('已显示 2 条');
    (drawer.querySelector('[data-test=drill-more]') as HTMLButtonElement).click();
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('report:drilldown', expect.objectContaining({ after: 2 }));
    expect(drawer.querySelectorAll('[data-test=drill-ref]')).toHaveLength(3);
    expect(drawer.querySelector('[data-test=drill-count]')!.textContent).toContain('共 3 条');
    // All records are here: their exact sum is shown next to the count.
    expect(drawer.querySelector('[data-test=drill-sum]')!.textContent).toContain('45.00 CNY');
  });

  it('switches the report kind from the tabs', async () => {
    const wrapper = await mountView();
    const tab = wrapper.findAll('.el-tabs__item').find((t) => t.text() === '卡密交付')!;
    await tab.trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('report:cards', expect.objectContaining({ group: 'day' }));
    expect(wrapper.find('[data-test=report-table]').attributes('data-kind')).toBe('cards');
    expect(wrapper.find('[data-test=report-help]').text()).toContain('卡密数量');
  });

  it('exports the report as shown and follows the job to its file', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-test=export-button]').trigger('click');
    await flushPromises();
    (document.querySelector('[data-test=export-csv]') as HTMLElement).click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('export:start', {
      kind: 'report',
      format: 'csv',
      filters: expect.objectContaining({ report: 'revenue', group: 'day' }),
    });
    fire('export:progress', { jobId: 'job-1', rows: 2, totalEstimate: 4, phase: 'writing' });
    await flushPromises();
    const card = () => document.querySelector('[data-test=export-job]')!;
    expect(card().getAttribute('data-status')).toBe('running');
    expect(card().querySelector('[data-test=export-rows]')!.textContent).toBe('已写入 2 / 4 行');
    fire('export:finished', {
      jobId: 'job-1',
      kind: 'report',
      report: 'revenue',
      format: 'csv',
      file: '/home/me/.ledger/exports/report-revenue.csv',
      status: 'succeeded',
      rows: 4,
      totalEstimate: 4,
      includePasswords: false,
      startedAt: 1,
      finishedAt: 2,
      bytes: 2048,
      error: null,
    });
    await flushPromises();
    expect(card().querySelector('[data-test=export-done]')!.textContent).toBe('导出完成：4 行，2 KB');
    expect(card().querySelector('[data-test=export-path]')!.textContent).toBe('/home/me/.ledger/exports/report-revenue.csv');
  });

  it('speaks English', async () => {
    const wrapper = await mountView('en');
    expect(wrapper.find('h2').text()).toBe('Reports');
    expect(bodyRows(wrapper)[3]!.text()).toContain('Total CNY');
    expect(wrapper.findAll('.el-table__header th').map((th) => th.text())).toContain('Refunds');
  });
});
