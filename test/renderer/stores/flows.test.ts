import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../../src-renderer/src/api/client.js';
import { customPeriod } from '../../../src-renderer/src/composables/ledger-period.js';
import { FLOWS_PAGE_SIZE, nextPeriod, useFlowsStore } from '../../../src-renderer/src/stores/flows.js';
import { flowReport, flowRow, flowView } from '../support/ledger-fixtures.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn() };
});
const invokeMock = vi.mocked(invoke);

const daily = [
  flowRow('2024-06-01', '-100.1000'),
  flowRow('2024-06-01', '7.0000', 'USD'),
  flowRow('2024-06-02', '0.2000'),
  flowRow('2024-06-04', '-0.1000'),
];

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: { group?: string }) => {
    if (channel === 'report:flows') return args.group === 'period' ? flowReport([flowRow('2024-06-01..2024-06-30', '-100.0000')], 'period') : flowReport(daily);
    if (channel === 'flows:list') return { items: [flowView()], nextCursor: null };
    throw new Error(channel);
  }) as typeof invoke);
});

describe('useFlowsStore', () => {
  it('builds the daily movement of one currency with an exact running total', async () => {
    const store = useFlowsStore();
    store.setPeriod(customPeriod('2024-06-01', '2024-06-30'));
    await store.load();
    expect(store.currencies).toEqual(['CNY', 'USD']);
    expect(store.chartCurrency).toBe('CNY');
    expect(store.movement.map((p) => [p.period, p.net.amount, p.cumulative.amount, p.flows])).toEqual([
      ['2024-06-01', '-100.1000', '-100.1000', 2],
      ['2024-06-02', '0.2000', '-99.9000', 2],
      ['2024-06-03', '0.0000', '-99.9000', 0],
      ['2024-06-04', '-0.1000', '-100.0000', 2],
    ]);
    store.chartCurrency = 'USD';
    expect(store.movement.map((p) => p.cumulative)).toEqual([{ amount: '7.0000', currency: 'USD' }]);
  });

  it('steps days and months across their ends', () => {
    expect(nextPeriod('2024-02-28')).toBe('2024-02-29');
    expect(nextPeriod('2024-12-31')).toBe('2025-01-01');
    expect(nextPeriod('2024-09')).toBe('2024-10');
    expect(nextPeriod('2024-12')).toBe('2025-01');
  });

  it('passes the list filters (type, trade id, account) to flows:list', async () => {
    const store = useFlowsStore();
    store.setPeriod(customPeriod('2024-06-01', '2024-06-01'));
    store.flowType = 2;
    store.tid = ' JD-1 ';
    store.accountId = 2;
    await store.loadList();
    expect(invokeMock).toHaveBeenCalledWith('flows:list', {
      createdFrom: Date.UTC(2024, 4, 31, 16),
      createdTo: Date.UTC(2024, 5, 1, 16),
      accountId: 2,
      tid: 'JD-1',
      flowType: 2,
      limit: FLOWS_PAGE_SIZE,
    });
    expect(store.items[0]?.items).toHaveLength(2);
  });

  it('asks for the month series when grouped by month, and the whole period for the totals', async () => {
    const store = useFlowsStore();
    store.setPeriod(customPeriod('2024-01-01', '2024-06-30'));
    await store.loadReport();
    expect(invokeMock).toHaveBeenCalledWith('report:flows', { from: '2024-01-01', to: '2024-06-30', group: 'month' });
    expect(invokeMock).toHaveBeenCalledWith('report:flows', { from: '2024-01-01', to: '2024-06-30', group: 'period' });
    expect(store.totals[0]?.money.net.amount).toBe('-100.0000');
  });
});
