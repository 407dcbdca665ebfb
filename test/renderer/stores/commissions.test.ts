import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke } from '../../../src-renderer/src/api/client.js';
import { customPeriod } from '../../../src-renderer/src/composables/ledger-period.js';
import { useCommissionsStore } from '../../../src-renderer/src/stores/commissions.js';
import { commissionReport, commissionRow, summaryRow } from '../support/ledger-fixtures.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn() };
});
const invokeMock = vi.mocked(invoke);

const JUNE = customPeriod('2024-06-01', '2024-06-30');
const JUNE_FROM_MS = Date.UTC(2024, 4, 31, 16);
const JULY_FROM_MS = Date.UTC(2024, 5, 30, 16);

const rows = [
  commissionRow('zhang', 0, '10.0000', '2.0000'),
  commissionRow('42', 2, '0.3000', '0.0000'),
  commissionRow('42', 1, '1.5000', '0.0000'),
  commissionRow('zhang', 0, '3.0000', '0.0000', { currency: 'USD' }),
  commissionRow('site:1', 0, '7.0000', '9.0000', { provider: 'duomai' }),
];

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

describe('useCommissionsStore', () => {
  it('reads the period report for the chosen period and account', async () => {
    invokeMock.mockResolvedValue(commissionReport(rows));
    const store = useCommissionsStore();
    store.setPeriod(JUNE);
    store.accountId = 5;
    await store.load();
    expect(invokeMock).toHaveBeenCalledWith('report:commissions', { from: '2024-06-01', to: '2024-06-30', accountId: 5 });
    expect(invokeMock).toHaveBeenCalledTimes(1);
    expect(store.report?.rows).toHaveLength(5);
    expect(store.error).toBeNull();
  });

  it('groups rows per provider and beneficiary, levels and currencies in order', async () => {
    invokeMock.mockResolvedValue(commissionReport(rows));
    const store = useCommissionsStore();
    await store.load();
    expect(store.groups.map((g) => `${g.provider}/${g.beneficiary}`)).toEqual(['duomai/site:1', 'itboye/42', 'itboye/zhang']);
    expect(store.groups[1]!.rows.map((r) => r.dims.level)).toEqual([1, 2]);
    expect(store.groups[2]!.rows.map((r) => r.dims.currency)).toEqual(['CNY', 'USD']);
  });

  it('filters the loaded rows by level and beneficiary without asking the core again', async () => {
    invokeMock.mockResolvedValue(commissionReport(rows));
    const store = useCommissionsStore();
    await store.load();
    store.level = 0;
    expect(store.rows.map((r) => r.dims.beneficiary)).toEqual(['zhang', 'zhang', 'site:1']);
    store.beneficiaryQuery = 'ZH';
    expect(store.groups.map((g) => g.beneficiary)).toEqual(['zhang']);
    expect(invokeMock).toHaveBeenCalledTimes(1);
  });

  it('sums the Duomai commissions of each status per currency, exactly', async () => {
    invokeMock.mockImplementation((async (channel: string, args: { status?: string[] }) => {
      if (channel === 'report:commissions') return commissionReport(rows);
      const status = args.status?.[0];
      if (status === 'estimated') return [summaryRow('a', '0.1000', 2), summaryRow('b', '0.2000', 1), summaryRow('a', '1.0000', 1, 'USD')];
      if (status === 'settled') return [summaryRow('a', '99999999999.9999', 4), summaryRow('b', '0.0001', 1)];
      return [];
    }) as typeof invoke);
    const store = useCommissionsStore();
    store.setPeriod(JUNE);
    await store.load([3]);
    const summaryCalls = invokeMock.mock.calls.filter(([channel]) => channel === 'commissions:summary');
    expect(summaryCalls).toHaveLength(6);
    expect(summaryCalls[0]![1]).toEqual({ provider: 'duomai', status: ['estimated'], earnedFrom: JUNE_FROM_MS, earnedTo: JULY_FROM_MS });
    expect(store.breakdown).toEqual([
      { status: 'estimated', currency: 'CNY', amount: { amount: '0.3000', currency: 'CNY' }, count: 3 },
      { status: 'estimated', currency: 'USD', amount: { amount: '1.0000', currency: 'USD' }, count: 1 },
      { status: 'settled', currency: 'CNY', amount: { amount: '100000000000.0000', currency: 'CNY' }, count: 5 },
    ]);
    expect(store.breakdownCurrencies).toEqual(['CNY', 'USD']);
  });

  it('skips the breakdown for a non-Duomai account and without Duomai accounts', async () => {
    invokeMock.mockResolvedValue(commissionReport(rows));
    const store = useCommissionsStore();
    await store.load([]);
    store.accountId = 9;
    await store.load([3]);
    expect(invokeMock.mock.calls.every(([channel]) => channel === 'report:commissions')).toBe(true);
    expect(store.breakdown).toEqual([]);
  });

  it('keeps the error and drops an answer to an older request', async () => {
    let release: (v: unknown) => void = () => undefined;
    invokeMock.mockImplementationOnce(() => new Promise<unknown>((r) => (release = r)) as ReturnType<typeof invoke>);
    invokeMock.mockRejectedValueOnce(new ApiClientError('internal', '数据库忙 database busy'));
    const store = useCommissionsStore();
    const first = store.load();
    await store.load();
    release(commissionReport(rows));
    await first;
    expect(store.report).toBeNull();
    expect(store.error?.message).toBe('数据库忙 database busy');
    expect(store.loading).toBe(false);
  });
});
