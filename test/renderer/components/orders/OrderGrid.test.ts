import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderListItemView } from '../../../../src-main/api/contract.js';
import OrderGrid from '../../../../src-renderer/src/components/orders/OrderGrid.vue';
import type { WindowRow } from '../../../../src-renderer/src/stores/page-window.js';
import { appPlugins } from '../../support/mount.js';
import { orderItem } from '../../support/record-fixtures.js';

const mounted: VueWrapper[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
});

/** happy-dom has no layout: the grid shows its overscan rows (the first four). */
function mountGrid(rows: WindowRow<OrderListItemView>[]) {
  const wrapper = mount(OrderGrid, {
    props: { rows, sort: 'created_desc', generation: 1, providerName: (slug: string) => (slug === 'kasushou' ? '卡速售' : slug) },
    global: { plugins: appPlugins().plugins },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

describe('OrderGrid', () => {
  it('renders each order as a row of plain cells: Shanghai time, provider, status tag, exact money', () => {
    const rows = [orderItem(1, { status: 'refunded', statusRaw: '5', commission: { amount: '4.4000', currency: 'CNY' }, missingSince: 1 }), orderItem(2)];
    const wrapper = mountGrid(rows);
    const first = wrapper.find('[data-row-index="0"]');
    expect(first.attributes()).toMatchObject({ role: 'row', 'data-order-id': '1', 'data-provider': 'kasushou', 'data-status': 'refunded', tabindex: '0' });
    expect(first.classes()).toContain('is-missing');
    const cells = first.findAll('[role=gridcell]').map((c) => c.text());
    expect(cells[0]).toBe('2024/06/01 09:59:00');
    expect(cells[1]).toContain('卡速售');
    expect(cells[5]).toBe('已退款');
    expect(cells[6]).toBe('¥25.00');
    expect(cells[7]).toBe('¥4.40');
    const tag = first.find('.el-tag');
    expect(tag.classes()).toEqual(expect.arrayContaining(['el-tag--danger', 'el-tag--small']));
    expect(tag.attributes('title')).toBe('5');
    expect(wrapper.findAll('[role=row][data-order-id]')).toHaveLength(2);
  });

  it('marks rows whose page is not in memory as busy placeholders', () => {
    const wrapper = mountGrid([{ id: 'gap-1-0', gap: true, page: 1 }, orderItem(3)]);
    const gap = wrapper.find('[data-row-index="0"]');
    expect(gap.attributes()).toMatchObject({ 'data-gap': 'true', 'aria-busy': 'true' });
    expect(gap.attributes('data-order-id')).toBeUndefined();
  });

  it('opens a row on click and on Enter', async () => {
    const wrapper = mountGrid([orderItem(1), orderItem(2)]);
    await wrapper.find('[data-row-index="1"] [data-col=title]').trigger('click');
    await wrapper.find('[data-row-index="0"]').trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('open')?.map(([row]) => row.id)).toEqual([2, 1]);
  });

  it('sorts from the column headers and says which column sorts the list', async () => {
    const wrapper = mountGrid([orderItem(1)]);
    expect(wrapper.find('[data-column=created]').attributes('aria-sort')).toBe('descending');
    await wrapper.find('[data-test=sort-created]').trigger('click');
    await wrapper.find('[data-test=sort-total]').trigger('click');
    expect(wrapper.emitted('sort')).toEqual([['created_asc'], ['total_desc']]);
    expect(wrapper.findAll('[role=columnheader]').map((h) => h.text().replace(/[↑↓]/g, '').trim())).toEqual(['下单时间', '供应商 / 账户', '订单号', '商品', '买家', '状态', '金额', '佣金', '更新时间']);
  });
});
