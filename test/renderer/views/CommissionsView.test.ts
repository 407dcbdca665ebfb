import { flushPromises } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke } from '../../../src-renderer/src/api/client.js';
import CommissionsView from '../../../src-renderer/src/views/CommissionsView.vue';
import { accountView, PROVIDERS } from '../support/fixtures.js';
import { commissionReport, commissionRow, commissionView, summaryRow } from '../support/ledger-fixtures.js';
import { attachedMount } from '../support/attached-mount.js';
import { expectFindFocuses } from '../support/find-shortcut.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});
const invokeMock = vi.mocked(invoke);

const ITBOYE = accountView({ id: 5, name: '博也主号', provider: 'itboye' });
const DUOMAI = accountView({ id: 3, name: '多麦', provider: 'duomai' });
let accounts = [ITBOYE, DUOMAI];
let reportFailure: ApiClientError | null = null;
const mountView = attachedMount(CommissionsView);

const rows = [
  commissionRow('zhang', 0, '10.5000', '2.0000', { owedCount: 3, paidCount: 1 }),
  commissionRow('zhang', 1, '0.1234', '0.0000'),
  commissionRow('site:1', 0, '7.0000', '9.0000', { provider: 'duomai' }),
];

beforeEach(() => {
  accounts = [ITBOYE, DUOMAI];
  reportFailure = null;
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: { status?: string[]; after?: number }) => {
    if (channel === 'accounts:list') return accounts;
    if (channel === 'providers:list') return PROVIDERS;
    if (channel === 'report:commissions') {
      if (reportFailure) throw reportFailure;
      return commissionReport(rows);
    }
    if (channel === 'commissions:summary') return args.status?.[0] === 'estimated' ? [summaryRow('site:1', '4.4000', 2)] : [];
    if (channel === 'report:drilldown') {
      return args.after
        ? { kind: 'commissions', entity: 'commission', figure: 'owed', items: [{ id: 8, accountId: 5, ref: 'ORD-8', at: null, status: 'pending', money: { owed: { amount: '0.5000', currency: 'CNY' }, paid: { amount: '0.0000', currency: 'CNY' } } }], nextAfter: null }
        : { kind: 'commissions', entity: 'commission', figure: 'owed', items: [{ id: 2, accountId: 5, ref: 'ORD-2', at: Date.UTC(2024, 5, 1, 16, 30), status: 'confirmed', money: { owed: { amount: '10.0000', currency: 'CNY' }, paid: { amount: '0.0000', currency: 'CNY' } } }], nextAfter: 2 };
    }
    if (channel === 'commissions:list') return { items: [commissionView({ id: 11, orderNo: 'DM-11' })], nextCursor: null };
    throw new Error(`unexpected ${channel}`);
  }) as typeof invoke);
});

describe('CommissionsView', () => {
  it('focuses the beneficiary search on Ctrl/⌘+F and on the desktop menu’s Find', async () => {
    const wrapper = await mountView();
    expectFindFocuses(wrapper, 'input[data-test=beneficiary-filter]');
  });

  it('shows owed and paid per beneficiary, level and currency, with totals per currency', async () => {
    const wrapper = await mountView();
    const table = wrapper.find('[data-test=commission-summary]');
    const zhang = table.findAll('.el-table__body tr').filter((tr) => tr.text().includes('本人') && tr.find('[data-beneficiary=zhang]').exists());
    expect(zhang).toHaveLength(1);
    expect(zhang[0]!.find('[data-figure=owed] [data-amount]').attributes('data-amount')).toBe('10.5000');
    expect(zhang[0]!.find('[data-figure=owed]').text()).toContain('¥10.50');
    expect(zhang[0]!.find('[data-figure=owed]').text()).toContain('3 条');
    expect(zhang[0]!.find('[data-figure=total] [data-amount]').attributes('data-amount')).toBe('12.5000');
    expect(table.text()).toContain('一级上级');
    expect(table.text()).toContain('¥0.1234');
    const totals = wrapper.find('[data-test=commission-totals]');
    expect(totals.find('[data-currency=CNY] [data-figure=owed]').text()).toContain('¥100.00');
    expect(totals.find('[data-currency=USD] [data-figure=owed]').text()).toContain('US$5.00');
  });

  it('merges a beneficiary cell over its levels', async () => {
    const wrapper = await mountView();
    const cells = wrapper.findAll('[data-test=commission-summary] [data-beneficiary=zhang]');
    expect(cells).toHaveLength(1);
    expect(cells[0]!.element.closest('td')?.getAttribute('rowspan')).toBe('2');
  });

  it('drills from a sum to the commissions behind it, paged', async () => {
    const wrapper = await mountView();
    await wrapper.find('[data-beneficiary=zhang]').element.closest('tr')!.querySelector<HTMLButtonElement>('[data-figure=owed] [data-test=drill]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('report:drilldown', { key: rows[0]!.key, figure: 'owed', limit: 50 });
    const drawer = document.querySelector('[data-test=drill-table]')!;
    expect(drawer.textContent).toContain('ORD-2');
    expect(drawer.textContent).toContain('已确认');
    expect(drawer.textContent).toContain('博也主号');
    expect(drawer.textContent).toContain('2024/06/02 00:30:00');
    document.querySelector<HTMLButtonElement>('.ledger-drawer [data-test=load-more]')!.click();
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('report:drilldown', { key: rows[0]!.key, figure: 'owed', after: 2, limit: 50 });
    expect(document.querySelector('[data-test=drill-table]')!.textContent).toContain('ORD-8');
    expect(document.querySelector('.ledger-drawer [data-test=list-end]')).not.toBeNull();
  });

  it('shows the Duomai status breakdown and drills into one status', async () => {
    const wrapper = await mountView();
    const breakdown = wrapper.find('[data-test=status-breakdown]');
    expect(breakdown.find('[data-status=estimated]').text()).toContain('¥4.40');
    expect(breakdown.find('[data-status=confirmed]').text()).toContain('¥0.00');
    expect(breakdown.find('[data-status=settled]').exists()).toBe(true);
    await breakdown.find('[data-status=estimated] [data-test=drill]').trigger('click');
    await flushPromises();
    const call = invokeMock.mock.calls.find(([c]) => c === 'commissions:list');
    expect(call?.[1]).toMatchObject({ provider: 'duomai', status: ['estimated'] });
    expect(document.querySelector('[data-test=drill-table]')!.textContent).toContain('DM-11');
  });

  it('hides the breakdown without Duomai accounts', async () => {
    accounts = [ITBOYE];
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=status-breakdown]').exists()).toBe(false);
    expect(invokeMock.mock.calls.some(([c]) => c === 'commissions:summary')).toBe(false);
  });

  it('filters by level without asking again', async () => {
    const wrapper = await mountView();
    const calls = invokeMock.mock.calls.length;
    const store = (await import('../../../src-renderer/src/stores/commissions.js')).useCommissionsStore();
    store.level = 1;
    await flushPromises();
    expect(wrapper.findAll('[data-test=commission-summary] .el-table__body tr')).toHaveLength(1);
    expect(invokeMock.mock.calls.length).toBe(calls);
  });

  it('shows an error with retry, then the data', async () => {
    reportFailure = new ApiClientError('internal', '数据库忙');
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=load-error]').text()).toContain('无法读取数据：数据库忙');
    reportFailure = null;
    await wrapper.find('[data-test=retry]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=load-error]').exists()).toBe(false);
    expect(wrapper.find('[data-test=commission-summary]').exists()).toBe(true);
  });

  it('sends a merchant without accounts to Accounts', async () => {
    accounts = [];
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=no-data]').exists()).toBe(true);
  });

  it('speaks English', async () => {
    const wrapper = await mountView('en');
    expect(wrapper.find('h2').text()).toBe('Commissions');
    expect(wrapper.find('[data-test=commission-summary]').text()).toContain('Upline 1');
    expect(wrapper.find('[data-test=commission-summary]').text()).toContain('3 records');
    expect(wrapper.find('[data-test=status-breakdown]').text()).toContain('Estimated');
  });
});
