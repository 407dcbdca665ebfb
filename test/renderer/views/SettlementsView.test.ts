import { flushPromises } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../../src-renderer/src/api/client.js';
import SettlementsView from '../../../src-renderer/src/views/SettlementsView.vue';
import { accountView, PROVIDERS } from '../support/fixtures.js';
import { settlementReport, settlementRow, settlementView } from '../support/ledger-fixtures.js';
import { attachedMount } from '../support/attached-mount.js';
import { expectFindFocuses } from '../support/find-shortcut.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});
const invokeMock = vi.mocked(invoke);
const mountView = attachedMount(SettlementsView);
let accounts = [accountView({ id: 3, name: '多麦', provider: 'duomai' })];

const TIMELINE = [
  settlementView({ id: 1, modifiedAt: Date.UTC(2024, 5, 2, 1), commissionOld: { amount: '10.0000', currency: 'CNY' }, commissionDelta: { amount: '-1.2345', currency: 'CNY' }, commissionNew: { amount: '8.7655', currency: 'CNY' } }),
  settlementView({ id: 7, modifiedAt: Date.UTC(2024, 5, 5, 1), priceOld: null, priceDelta: null, priceNew: null, commissionOld: { amount: '8.7655', currency: 'CNY' }, commissionDelta: { amount: '0.5000', currency: 'CNY' }, commissionNew: { amount: '9.2655', currency: 'CNY' } }),
];

beforeEach(() => {
  accounts = [accountView({ id: 3, name: '多麦', provider: 'duomai' })];
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: { group?: string; cursor?: string }) => {
    if (channel === 'accounts:list') return accounts;
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'report:settlements') {
      return args.group === 'period'
        ? settlementReport([settlementRow('2024-06-01..2024-06-30', 'CNY', '12.0000', '-3.5000', '8.5000'), settlementRow('2024-06-01..2024-06-30', 'USD', '1.0000', '0.0000', '1.0000')], 'period')
        : settlementReport([settlementRow('2024-06-02', 'CNY', '12.0000', '-3.5000', '8.5000')]);
    }
    if (channel === 'settlements:list') return { items: [settlementView(), settlementView({ id: 9, orderNo: 'DM-9' })], nextCursor: null };
    if (channel === 'settlements:timeline') return TIMELINE;
    if (channel === 'report:drilldown') {
      return { kind: 'settlements', entity: 'settlement', figure: 'up', items: [{ id: 7, accountId: 3, ref: 'DM-1', at: Date.UTC(2024, 5, 5, 1), status: 'up', money: { up: { amount: '0.5000', currency: 'CNY' }, down: { amount: '0.0000', currency: 'CNY' }, net: { amount: '0.5000', currency: 'CNY' } } }], nextAfter: null };
    }
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
});

describe('SettlementsView', () => {
  it('focuses the order-number search on Ctrl/⌘+F and on the desktop menu’s Find', async () => {
    const wrapper = await mountView();
    expectFindFocuses(wrapper, 'input[data-test=order-filter]');
  });

  it('shows upward and downward totals per currency, the revisions per day and the list', async () => {
    const wrapper = await mountView();
    const totals = wrapper.find('[data-test=settlement-totals]');
    expect(totals.find('[data-currency=CNY] [data-figure=up]').text()).toContain('+¥12.00');
    expect(totals.find('[data-currency=CNY] [data-figure=down]').text()).toContain('-¥3.50');
    expect(totals.find('[data-currency=USD] [data-figure=net]').text()).toContain('+US$1.00');
    expect(wrapper.find('[data-test=settlement-periods]').text()).toContain('2024-06-02');
    const list = wrapper.find('[data-test=settlement-table]');
    expect(list.find('[data-order=DM-9]').exists()).toBe(true);
    expect(list.find('[data-test=commission-change] [data-test=delta]').attributes('data-amount')).toBe('-1.2345');
    expect(wrapper.find('[data-test=list-end]').text()).toContain('2 条');
  });

  it('opens an order timeline: old → new and the delta of each revision, oldest first', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-order=DM-1]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('settlements:timeline', { orderNo: 'DM-1', accountId: 3 });
    const items = [...document.querySelectorAll('[data-test=timeline-item]')];
    expect(items.map((i) => i.getAttribute('data-direction'))).toEqual(['down', 'up']);
    expect(items[0]!.textContent).toContain('¥10.00');
    expect(items[0]!.textContent).toContain('¥8.7655');
    expect(items[0]!.textContent).toContain('-¥1.2345');
    expect(items[0]!.textContent).toContain('下调');
    expect(items[1]!.textContent).toContain('+¥0.50');
    expect(items[1]!.textContent).not.toContain('订单金额');
    expect(document.querySelector('[data-test=timeline-drawer]')?.textContent).toContain('订单 DM-1 的变动');
  });

  it('drills from a period total and opens a timeline from the drill-down', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-test=settlement-totals] [data-currency=CNY] [data-figure=up] [data-test=drill]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('report:drilldown', { key: 'settlements|2024-06-01|2024-06-30|*|*|CNY', figure: 'up', limit: 50 });
    expect(document.querySelector('[data-test=drill-drawer]')?.textContent).toContain('2024-06-01 至 2024-06-30 · CNY · 上调');
    document.querySelector<HTMLButtonElement>('[data-test=drill-ref]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('settlements:timeline', { orderNo: 'DM-1', accountId: 3 });
  });

  it('filters the list by order number with Enter', async () => {
    const wrapper = await mountView();
    const input = wrapper.find('input[data-test=order-filter]');
    await input.setValue('DM-9');
    await input.trigger('keyup', { key: 'Enter' });
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('settlements:list', expect.objectContaining({ orderNo: 'DM-9' }));
  });

  it('asks for a Duomai account when there is none, in English too', async () => {
    accounts = [];
    const wrapper = await mountView('en');
    expect(wrapper.find('h2').text()).toBe('Settlement changes');
    expect(wrapper.find('[data-test=no-data]').text()).toContain('Duomai settlement changes');
  });
});
