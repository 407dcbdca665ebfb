import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import type { DashboardSummary, StatusView } from '../../../src-main/api/contract.js';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import type { DashboardChartOption } from '../../../src-renderer/src/components/dashboard/dashboard-chart-options.js';
import { STORAGE_KEYS } from '../../../src-renderer/src/stores/settings.js';
import DashboardView from '../../../src-renderer/src/views/DashboardView.vue';
import { duomaiInfo, kasushouInfo, accountView } from '../support/fixtures.js';
import { figures, periodView, summary } from '../support/dashboard-fixtures.js';
import { appPlugins } from '../support/mount.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

/** echarts needs a real canvas: the stub records what the chart was given instead. */
const charts: { option: DashboardChartOption; theme: string | undefined }[] = [];
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChartStub',
    props: { option: { type: Object as PropType<DashboardChartOption>, required: true }, theme: { type: String, default: undefined } },
    setup(props) {
      return () => {
        charts.push({ option: props.option, theme: props.theme });
        return h('div', { class: 'vchart-stub', 'data-theme': props.theme ?? 'light' });
      };
    },
  }),
}));

const status: StatusView = { accounts: 2, orders: 4000, cards: 0, commissions: 3, settlements: 2, flows: 0, lastSyncAt: 1_710_000_000_000, schemaVersion: 4 };
let current: DashboardSummary;
let failure: ApiClientError | null;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const fire = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
const mounted: VueWrapper[] = [];

beforeEach(() => {
  localStorage.clear();
  charts.length = 0;
  current = summary();
  failure = null;
  listeners.clear();
  vi.mocked(invoke).mockImplementation((async (channel: string) => {
    if (channel === 'app:status') return status;
    if (channel === 'providers:list') return [kasushouInfo, duomaiInfo];
    if (channel === 'accounts:list') return [accountView(), accountView({ id: 8, name: '多麦主账户', provider: 'duomai' })];
    if (channel === 'sync:state') return { running: [], online: true, schedulerActive: true };
    if (channel === 'dashboard:summary') {
      if (failure) throw failure;
      return current;
    }
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
  vi.mocked(onEvent).mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(cb);
    listeners.set(name, set);
    return () => set.delete(cb);
  }) as unknown as typeof onEvent);
});

afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.documentElement.classList.remove('dark');
});

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<VueWrapper> {
  const wrapper = mount(DashboardView, { global: { plugins: appPlugins({ locale }).plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

async function pickPeriod(wrapper: VueWrapper, period: string): Promise<void> {
  await wrapper.find(`[data-test=period-tabs] [data-period=${period}] input`).setValue(true);
  await flushPromises();
}

const card = (wrapper: VueWrapper, provider: string, currency: string) => wrapper.find(`[data-test=figures-card][data-provider=${provider}][data-currency=${currency}]`);
const figure = (wrapper: VueWrapper, provider: string, currency: string, name: string) => card(wrapper, provider, currency).find(`[data-figure=${name}]`).text();

describe('DashboardView business overview', () => {
  it('keeps the count tiles and sync health, and opens on today with an honest empty state', async () => {
    const wrapper = await mountView();
    expect(wrapper.find('[data-count=orders]').text()).toContain('4,000');
    expect(wrapper.find('[data-test=sync-health]').exists()).toBe(true);
    expect(wrapper.find('[data-test=business-overview]').attributes('data-period')).toBe('today');
    expect(wrapper.findAll('[data-test=period-tabs] label').map((l) => l.text())).toEqual(['今天', '近7天', '近30天', '本月']);
    expect(wrapper.find('[data-test=period-range]').text()).toBe('2024-03-10 至 2024-03-10（北京时间）');
    expect(wrapper.find('[data-test=overview-empty]').text()).toContain('该时段没有订单、佣金或结算调整');
    // The 30-day chart still has data on a quiet day.
    expect(wrapper.find('[data-test=daily-chart]').attributes('data-points')).toBe('30');
  });

  it('shows total and provider cards per currency with exact ¥ / US$ amounts', async () => {
    const wrapper = await mountView();
    await pickPeriod(wrapper, 'last7');
    expect(wrapper.findAll('[data-test=total-cards] [data-test=figures-card]').map((c) => c.attributes('data-currency'))).toEqual(['CNY', 'USD']);
    expect(figure(wrapper, 'total', 'CNY', 'revenue')).toBe('¥1,055.00');
    expect(figure(wrapper, 'total', 'CNY', 'refunds')).toBe('¥55.00');
    expect(figure(wrapper, 'total', 'CNY', 'net')).toBe('¥1,000.00');
    expect(figure(wrapper, 'total', 'CNY', 'orders')).toContain('12 笔');
    expect(figure(wrapper, 'total', 'CNY', 'orders')).toContain('其中失败/取消 2 笔');
    expect(figure(wrapper, 'total', 'CNY', 'commissions')).toContain('待结算 ¥5.50 · 已结算 ¥25.00');
    expect(figure(wrapper, 'total', 'CNY', 'settlement')).toContain('-¥0.11');
    expect(figure(wrapper, 'total', 'CNY', 'settlement')).toContain('上调 ¥0.14');
    expect(figure(wrapper, 'total', 'USD', 'revenue')).toBe('US$12.3456');
    const providers = wrapper.findAll('[data-test=provider-cards] [data-test=figures-card]');
    expect(providers.map((c) => `${c.attributes('data-provider')}/${c.attributes('data-currency')}`)).toEqual(['kasushou/CNY', 'duomai/CNY', 'duomai/USD']);
    expect(card(wrapper, 'kasushou', 'CNY').find('.card-title').text()).toBe('卡速售');
    expect(figure(wrapper, 'duomai', 'CNY', 'revenue')).toBe('¥255.00');

    await pickPeriod(wrapper, 'last30');
    expect(wrapper.find('[data-test=period-range]').text()).toBe('2024-02-10 至 2024-03-10（北京时间）');
    expect(figure(wrapper, 'total', 'CNY', 'revenue')).toBe('¥123,456,789.12');
    expect(figure(wrapper, 'total', 'CNY', 'orders')).toContain('4,000 笔');
  });

  it('draws daily revenue and refunds, and commissions by level, with exact tooltips', async () => {
    const wrapper = await mountView();
    await pickPeriod(wrapper, 'month');
    const daily = charts.filter((c) => (c.option.series as { name: string }[]).some((s) => s.name === '营业额')).at(-1)!;
    const dailySeries = daily.option.series as { name: string; type: string; data: number[] }[];
    expect(dailySeries.map((s) => [s.name, s.type])).toEqual([['退款', 'bar'], ['营业额', 'line']]);
    expect(dailySeries[1]!.data.slice(0, 3)).toEqual([0.5, 10.5, 20.5]);
    const tooltip = (daily.option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 2 }]);
    expect(tooltip).toContain('2024-02-12');
    expect(tooltip).toContain('营业额: ¥20.50');
    expect(tooltip).toContain('2 笔');

    const levels = wrapper.find('[data-test=level-chart]');
    expect(levels.attributes('data-levels')).toBe('2');
    const levelChart = charts.filter((c) => (c.option.series as { name: string }[]).some((s) => s.name === '待结算')).at(-1)!;
    expect((levelChart.option.xAxis as { data: string[] }).data).toEqual(['本人', '一级']);
    expect((levelChart.option.series as { stack: string }[]).every((s) => s.stack === 'commission')).toBe(true);
    expect((levelChart.option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }])).toContain('已结算: ¥25.00');
    // The same data for screen readers.
    expect(levels.find('table').text()).toContain('¥25.00');

    await wrapper.find('[data-test=chart-currency] input[value=USD]').setValue(true);
    await flushPromises();
    expect(wrapper.find('[data-test=daily-chart]').attributes('data-currency')).toBe('USD');
    expect(wrapper.find('[data-test=level-chart]').attributes('data-levels')).toBe('1');
  });

  it('follows the dark theme', async () => {
    localStorage.setItem(STORAGE_KEYS.theme, 'dark');
    const wrapper = await mountView();
    expect(wrapper.find('.vchart-stub').attributes('data-theme')).toBe('dark');
    expect(charts.at(-1)?.option.backgroundColor).toBe('transparent');
  });

  it('shows a load error with retry, and reloads after a sync finishes', async () => {
    failure = new ApiClientError('internal', '内部错误，详情已写入日志');
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=overview-error]').text()).toContain('概况加载失败: 内部错误，详情已写入日志');
    failure = null;
    await wrapper.find('[data-test=overview-retry]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=overview-error]').exists()).toBe(false);

    current = summary({ periods: { ...summary().periods, today: periodView('today', { total: [figures('CNY', { revenue: { amount: '8.8000', currency: 'CNY' } })] }) } });
    fire('sync:finished', {});
    await flushPromises();
    expect(figure(wrapper, 'total', 'CNY', 'revenue')).toBe('¥8.80');
  });

  it('is in English with US$ amounts', async () => {
    const wrapper = await mountView('en');
    expect(wrapper.findAll('[data-test=period-tabs] label').map((l) => l.text())).toEqual(['Today', 'Last 7 days', 'Last 30 days', 'This month']);
    await pickPeriod(wrapper, 'last7');
    expect(wrapper.find('.overview h3').text()).toBe('Business overview');
    expect(card(wrapper, 'total', 'USD').text()).toContain('Revenue');
    expect(figure(wrapper, 'total', 'USD', 'revenue')).toBe('US$12.3456');
    expect(card(wrapper, 'kasushou', 'CNY').find('.card-title').text()).toBe('Kasushou');
    expect(figure(wrapper, 'total', 'CNY', 'orders')).toContain('2 failed/cancelled');
  });

  it('is hidden when there are no accounts yet', async () => {
    vi.mocked(invoke).mockImplementation((async (channel: string) => {
      if (channel === 'app:status') return { ...status, accounts: 0 };
      if (channel === 'dashboard:summary') return current;
      return [];
    }) as typeof invoke);
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=no-accounts]').exists()).toBe(true);
    expect(wrapper.find('[data-test=business-overview]').exists()).toBe(false);
  });
});
