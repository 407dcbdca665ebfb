import { flushPromises } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { invoke } from '../../../src-renderer/src/api/client.js';
import FlowsView from '../../../src-renderer/src/views/FlowsView.vue';
import { accountView, PROVIDERS } from '../support/fixtures.js';
import { flowReport, flowRow, flowView } from '../support/ledger-fixtures.js';
import { attachedMount } from '../support/attached-mount.js';
import { expectFindFocuses } from '../support/find-shortcut.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});
// happy-dom has no canvas: the chart is a stub that shows what it was given.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props) => () => h('div', { 'data-test': 'vchart', 'data-series': JSON.stringify((props.option as { series: { data: unknown[] }[] }).series.map((s) => s.data.length)) }),
  }),
}));
const invokeMock = vi.mocked(invoke);
const mountView = attachedMount(FlowsView);

beforeEach(() => {
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: { group?: string; cursor?: string }) => {
    if (channel === 'accounts:list') return [accountView({ id: 2, name: '快麦', provider: 'kuaimai' })];
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'report:flows') {
      return args.group === 'period'
        ? flowReport([flowRow('2024-06-01..2024-06-30', '-88.0000')], 'period')
        : flowReport([flowRow('2024-06-01', '-100.0000'), flowRow('2024-06-02', '12.0000')]);
    }
    if (channel === 'flows:list') {
      return args.cursor
        ? { items: [flowView({ id: 3, tid: 'PDD-3', flowType: 2, amount: { amount: '12.0000', currency: 'CNY' }, items: [] })], nextCursor: null }
        : { items: [flowView()], nextCursor: 'p2' };
    }
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
});

describe('FlowsView', () => {
  it('focuses the trade-id search on Ctrl/⌘+F and on the desktop menu’s Find', async () => {
    const wrapper = await mountView();
    expectFindFocuses(wrapper, 'input[data-test=tid-filter]');
  });

  it('shows payments negative, refunds positive, the period totals and the daily chart', async () => {
    const wrapper = await mountView();
    const row = wrapper.find('[data-test=flow-table] .el-table__body tr');
    expect(row.find('[data-flow-type="1"]').text()).toBe('订单支付');
    expect(row.find('[data-test=flow-amount]').text()).toBe('-¥237.63');
    expect(row.find('[data-test=flow-amount]').classes()).toContain('is-negative');
    expect(wrapper.find('[data-test=flow-totals] [data-figure=net]').text()).toContain('-¥88.00');
    expect(wrapper.find('[data-test=movement-chart]').attributes('data-points')).toBe('2');
    expect(wrapper.find('[data-test=vchart]').attributes('data-series')).toBe('[2,2]');
  });

  it('expands a flow to its sub-orders with the keyboard-reachable toggle', async () => {
    const wrapper = await mountView();
    const toggle = wrapper.find('[data-test=toggle-items]');
    expect(toggle.text()).toBe('子订单 (2)');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    await flushPromises();
    const items = wrapper.find('[data-test=flow-items]');
    expect(items.text()).toContain('优酷VIP会员周卡');
    expect(items.text()).toContain('¥225.63');
    expect(wrapper.find('[data-test=toggle-items]').attributes('aria-expanded')).toBe('true');
  });

  it('pages on with the cursor and shows a refund as positive', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-test=load-more]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('flows:list', expect.objectContaining({ cursor: 'p2' }));
    const amounts = wrapper.findAll('[data-test=flow-amount]').map((a) => a.text());
    expect(amounts).toEqual(['-¥237.63', '+¥12.00']);
    expect(wrapper.find('[data-test=list-end]').exists()).toBe(true);
  });

  it('speaks English', async () => {
    const wrapper = await mountView('en');
    expect(wrapper.find('h2').text()).toBe('Money flows');
    expect(wrapper.find('[data-test=toggle-items]').text()).toBe('Sub-orders (2)');
    expect(wrapper.find('[data-flow-type="1"]').text()).toBe('Payment');
  });
});
