import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FindingView } from '../../../src-main/api/contract.js';
import { invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import ReconcileView from '../../../src-renderer/src/views/ReconcileView.vue';
import { accountView } from '../support/fixtures.js';
import { findingView } from '../support/insight-fixtures.js';
import { appPlugins } from '../support/mount.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});

const invokeMock = vi.mocked(invoke);
const mounted: VueWrapper[] = [];
let findings: FindingView[] = [];

const refundFinding = () =>
  findingView({
    id: 2,
    check: 'kasushou_refund_missing',
    provider: 'kasushou',
    accountId: 7,
    accountName: '主店',
    subject: 'D100700002172743350228',
    reasons: ['refund_amount_zero'],
    expected: { amount: '58.0000', currency: 'CNY' },
    actual: { amount: '0.0000', currency: 'CNY' },
    difference: { amount: '-58.0000', currency: 'CNY' },
    links: { orderIds: [41], orderNos: ['D100700002172743350228'], flowIds: [], settlementIds: [], commissionIds: [] },
  });

beforeEach(() => {
  findings = [];
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: Record<string, unknown>) => {
    if (channel === 'accounts:list') return [accountView()];
    if (channel === 'reconcile:settings') return { uplineCapBps: 3000 };
    if (channel === 'reconcile:findings') return { items: findings, nextAfter: null };
    if (channel === 'reconcile:run') {
      findings = [findingView(), refundFinding()];
      return { ranAt: Date.UTC(2024, 5, 1, 2), found: { kuaimai_flow_mismatch: 1, kasushou_refund_missing: 1, duomai_commission_cut: 0, commission_upline_excess: 0 }, added: 2, reopened: 0, resolved: 0, unreviewed: 2, uplineCapBps: 3000 };
    }
    if (channel === 'reconcile:review') {
      const base = findings.find((f) => f.id === args['id'])!;
      return args['reviewed']
        ? { ...base, reviewed: true, reviewedBy: 'web', reviewedAt: Date.UTC(2024, 5, 1, 3), reviewNote: (args['note'] as string | undefined) ?? null }
        : { ...base, reviewed: false, reviewNote: null };
    }
    if (channel === 'orders:get') return { id: 41, orderNo: 'D100700002172743350228', status: 'refunded', total: { amount: '58.0000', currency: 'CNY' }, refunded: { amount: '0.0000', currency: 'CNY' }, createdAt: Date.UTC(2024, 5, 1) };
    throw new Error(`unexpected ${channel}`);
  }) as unknown as typeof invoke);
  vi.mocked(onEvent).mockImplementation(() => () => undefined);
});

afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
});

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const { plugins, router } = appPlugins({ locale });
  const wrapper = mount(ReconcileView, { global: { plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, router };
}

function rows(wrapper: VueWrapper) {
  return wrapper.findAll('[data-test=finding-table] .el-table__body tr');
}

describe('ReconcileView', () => {
  it('runs the checks and lists the findings with severity and a plain zh-CN explanation', async () => {
    const { wrapper } = await mountView();
    expect(wrapper.find('[data-test=findings-empty]').exists()).toBe(true);
    await wrapper.find('[data-test=reconcile-run]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('reconcile:run', {});
    const list = rows(wrapper);
    expect(list).toHaveLength(2);
    expect(list[0]!.find('[data-severity]').text()).toBe('严重');
    expect(list[0]!.text()).toContain('快麦流水与订单不符');
    expect(list[0]!.find('[data-test=finding-explanation]').text()).toBe('快麦实际扣款 ¥604.01，比订单应付的 ¥606.84 少了 ¥2.83。');
    expect(list[1]!.find('[data-severity]').text()).toBe('注意');
    expect(list[1]!.find('[data-test=finding-explanation]').text()).toContain('卡速售返回的退款金额为 0（订单金额 ¥58.00）');
    expect(wrapper.find('[data-test=run-info]').text()).toContain('2 个待复核');
    expect(wrapper.findAll('.el-tabs__item').map((t) => t.text())).toContain('卡速售退款金额缺失 (1)');
  });

  it('marks a finding reviewed with a note, and undoes it', async () => {
    const { wrapper } = await mountView();
    await wrapper.find('[data-test=reconcile-run]').trigger('click');
    await flushPromises();
    await rows(wrapper)[1]!.find('[data-test=mark-reviewed]').trigger('click');
    await flushPromises();
    const textarea = document.querySelector<HTMLTextAreaElement>('textarea[data-test=review-note-input]')!;
    textarea.value = '已与卡速售核实';
    textarea.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-test=review-submit]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('reconcile:review', { id: 2, reviewed: true, note: '已与卡速售核实' });
    const row = rows(wrapper)[1]!;
    expect(row.find('[data-test=reviewed-tag]').text()).toBe('已复核');
    expect(row.find('[data-test=review-note]').text()).toBe('已与卡速售核实');
    await row.find('[data-test=undo-review]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:review', { id: 2, reviewed: false });
    expect(rows(wrapper)[1]!.find('[data-test=mark-reviewed]').exists()).toBe(true);
  });

  it('filters by check type and unreviewed', async () => {
    const { wrapper } = await mountView();
    const tab = wrapper.findAll('.el-tabs__item').find((t) => t.text().startsWith('卡速售退款金额缺失'))!;
    await tab.trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:findings', { state: 'open', limit: 100, check: 'kasushou_refund_missing' });
    expect(wrapper.find('[data-test=check-help]').text()).toContain('已退款');
    await wrapper.find('[data-test=unreviewed-only] input').setValue(true);
    await flushPromises();
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:findings', { state: 'open', limit: 100, check: 'kasushou_refund_missing', reviewed: false });
  });

  it('opens the linked records and the order in the Orders view', async () => {
    findings = [refundFinding()];
    const { wrapper, router } = await mountView();
    // Not loading the Orders view itself here: only where the link goes.
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined);
    await rows(wrapper)[0]!.find('[data-test=finding-records]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('orders:get', { id: 41 });
    const drawer = document.querySelector('.el-drawer')!;
    expect(drawer.textContent).toContain('D100700002172743350228');
    expect(drawer.textContent).toContain('已退款');
    (drawer.querySelector('[data-test=open-in-orders]') as HTMLButtonElement).click();
    expect(push).toHaveBeenCalledWith({ path: '/orders', query: { q: 'D100700002172743350228' } });
  });
});
