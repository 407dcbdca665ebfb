import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardView, OrderDetailView } from '../../../../src-main/api/contract.js';
import { ApiClientError } from '../../../../src-renderer/src/api/client.js';
import OrderDetailDrawer from '../../../../src-renderer/src/components/orders/OrderDetailDrawer.vue';
import { appPlugins } from '../../support/mount.js';
import { orderDetail } from '../../support/record-fixtures.js';

const mounted: VueWrapper[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

async function mountDrawer(props: { order: OrderDetailView | null; loading?: boolean; error?: ApiClientError | null }, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const wrapper = mount(OrderDetailDrawer, {
    props: { open: true, loading: false, error: null, providerName: (slug: string) => (slug === 'kasushou' ? '卡速售' : slug), ...props },
    global: { plugins: appPlugins({ locale }).plugins },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

/** The drawer is teleported to <body>. */
function drawer(): HTMLElement {
  const el = document.querySelector<HTMLElement>('.order-drawer');
  if (!el) throw new Error('drawer not rendered');
  return el;
}

describe('OrderDetailDrawer', () => {
  it('shows the history of changes as field, old → new and when (Asia/Shanghai)', async () => {
    await mountDrawer({ order: orderDetail() });
    const rows = [...drawer().querySelectorAll<HTMLElement>('[data-test=order-history] tbody tr')];
    expect(rows.map((r) => r.dataset['field'])).toEqual(['status', 'total', 'title']);
    const cells = rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()));
    expect(cells).toEqual([
      ['2024/06/01 14:30:00', '状态', '待处理 → 已完成'],
      ['2024/06/01 14:30:00', '订单金额', '¥10.00 → ¥12.50'],
      ['2024/06/01 13:00:00', '商品', '（空） → 星巴克'],
    ]);
  });

  it('pretty-prints the raw payload in monospace without rounding big numbers, and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await mountDrawer({ order: orderDetail() });
    const pre = drawer().querySelector<HTMLElement>('[data-test=raw-json]');
    expect(pre?.tagName).toBe('PRE');
    const text = pre?.textContent ?? '';
    expect(text).toContain('"ordersn": 100700000698239340541912,');
    expect(text).toContain('"total_price": "12.50"');
    expect(text.split('\n').length).toBeGreaterThan(8);
    drawer().querySelector<HTMLButtonElement>('[data-test=copy-raw]')?.click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(text);
  });

  it('shows fields, items, masked card codes and commissions, and asks to reveal a card', async () => {
    const wrapper = await mountDrawer({ order: orderDetail() });
    const el = drawer();
    expect(el.querySelector('[data-test=detail-order-no]')?.textContent).toBe(orderDetail().orderNo);
    expect(el.querySelector('[data-test=detail-total]')?.textContent).toBe('¥25.00');
    expect(el.querySelector('[data-test=order-items]')?.textContent).toContain('¥6.25');
    expect(el.querySelector('[data-test=order-commissions]')?.textContent).toContain('¥0.1234');
    expect(el.querySelector('[data-test=order-commissions]')?.textContent).toContain('已结算');
    const cards = el.querySelector<HTMLElement>('[data-test=order-cards]');
    expect(cards?.textContent).toContain('••••••');
    expect(cards?.textContent).toContain('二维码');
    cards?.querySelector<HTMLButtonElement>('[data-test=reveal-card]')?.click();
    const emitted = wrapper.emitted('reveal') as [CardView][] | undefined;
    expect(emitted?.[0]?.[0].id).toBe(5);
  });

  it('says when nothing changed, shows loading and errors', async () => {
    const wrapper = await mountDrawer({ order: orderDetail({ history: [] }) }, 'en');
    expect(drawer().querySelector('[data-test=history-empty]')?.textContent).toBe('No changes since the first sync');
    await wrapper.setProps({ order: null, loading: true });
    expect(drawer().querySelector('.el-skeleton')).not.toBeNull();
    await wrapper.setProps({ loading: false, error: new ApiClientError('not_found', '订单不存在 order 9 not found') });
    expect(drawer().querySelector('[data-test=detail-error]')?.textContent).toContain('order 9 not found');
    drawer().querySelector<HTMLButtonElement>('[data-test=detail-error] button')?.click();
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });
});
