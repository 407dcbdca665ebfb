import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { useDashboardStore } from '../../../src-renderer/src/stores/dashboard.js';
import { level, periodView, summary } from '../support/dashboard-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const listeners = new Map<string, (payload: unknown) => void>();

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
  listeners.clear();
  vi.mocked(onEvent).mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }) as unknown as typeof onEvent);
});

describe('useDashboardStore', () => {
  it('loads dashboard:summary and shows the selected period', async () => {
    invokeMock.mockResolvedValueOnce(summary());
    const store = useDashboardStore();
    expect(store.current).toBeNull();
    await store.load();
    expect(invokeMock).toHaveBeenCalledWith('dashboard:summary', {});
    expect(store.period).toBe('today');
    expect(store.hasData).toBe(false);
    store.setPeriod('last7');
    expect(store.hasData).toBe(true);
    expect(store.current?.total.map((f) => f.currency)).toEqual(['CNY', 'USD']);
    store.setPeriod('last30');
    expect(store.current?.total[0]?.revenue.amount).toBe('123456789.1200');
  });

  it('picks the chart currency among those with data, CNY first, and keeps a valid choice', async () => {
    invokeMock.mockResolvedValueOnce(summary());
    const store = useDashboardStore();
    await store.load();
    store.setPeriod('last7');
    expect(store.chartCurrencies).toEqual(['CNY', 'USD']);
    expect(store.chartCurrency).toBe('CNY');
    expect(store.dailySeries?.currency).toBe('CNY');
    expect(store.levels.map((l) => l.level)).toEqual([0, 1]);
    store.setChartCurrency('USD');
    expect(store.dailySeries?.currency).toBe('USD');
    expect(store.levels.map((l) => [l.level, l.owed.amount])).toEqual([[1, '0.0300']]);
    // A summary without USD falls back to CNY instead of showing nothing.
    const cnyOnly = summary({ daily: { from: '2024-02-10', to: '2024-03-10', series: [] } });
    invokeMock.mockResolvedValueOnce({ ...cnyOnly, periods: { ...cnyOnly.periods, last30: periodView('last30', { commissionsByLevel: [level(0)] }) } });
    await store.load();
    store.setPeriod('last30');
    expect(store.chartCurrencies).toEqual(['CNY']);
    expect(store.chartCurrency).toBe('CNY');
    expect(store.dailySeries).toBeNull();
  });

  it('keeps the last figures and the error when a reload fails, and clears the error on success', async () => {
    invokeMock.mockResolvedValueOnce(summary());
    const store = useDashboardStore();
    await store.load();
    invokeMock.mockRejectedValueOnce(new ApiClientError('internal', '内部错误'));
    await store.load();
    expect(store.error?.message).toBe('内部错误');
    expect(store.summary?.today).toBe('2024-03-10');
    expect(store.loading).toBe(false);
    invokeMock.mockResolvedValueOnce(summary({ today: '2024-03-11' }));
    await store.load();
    expect(store.error).toBeNull();
    expect(store.summary?.today).toBe('2024-03-11');
  });

  it('ignores an answer that arrives after a newer one', async () => {
    let resolveSlow: (v: unknown) => void = () => undefined;
    invokeMock.mockImplementationOnce((() => new Promise((r) => (resolveSlow = r))) as unknown as typeof invoke);
    invokeMock.mockResolvedValueOnce(summary({ today: 'new' }));
    const store = useDashboardStore();
    const slow = store.load();
    await store.load();
    resolveSlow(summary({ today: 'old' }));
    await slow;
    expect(store.summary?.today).toBe('new');
  });

  it('reloads when a sync run finishes, until unsubscribed', async () => {
    invokeMock.mockResolvedValue(summary());
    const store = useDashboardStore();
    const stop = store.watchChanges();
    listeners.get('sync:finished')?.({});
    await vi.waitFor(() => expect(invokeMock).toHaveBeenCalledTimes(1));
    stop();
    expect(listeners.has('sync:finished')).toBe(false);
  });
});
