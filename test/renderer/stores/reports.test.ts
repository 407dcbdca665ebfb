import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke } from '../../../src-renderer/src/api/client.js';
import { DRILL_PAGE_SIZE, useReportsStore } from '../../../src-renderer/src/stores/reports.js';
import { drillPage, revenueView } from '../support/insight-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

describe('useReportsStore', () => {
  it('starts on revenue by day over the last 30 Shanghai days and reads it', async () => {
    invokeMock.mockResolvedValueOnce(revenueView());
    const store = useReportsStore();
    await store.load();
    const [channel, args] = invokeMock.mock.calls[0]!;
    expect(channel).toBe('report:revenue');
    expect(args).toMatchObject({ group: 'day' });
    const { from, to } = args as { from: string; to: string };
    expect(Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)).toBe(29 * 86_400_000);
    expect(store.view?.rows).toHaveLength(3);
  });

  it('sends only the filters that are set, and drops the provider for single-provider reports', async () => {
    invokeMock.mockResolvedValue(revenueView());
    const store = useReportsStore();
    await store.setFilters({ from: '2024-06-01', to: '2024-06-30', provider: 'kasushou', accountId: 7, group: 'month' });
    expect(invokeMock).toHaveBeenLastCalledWith('report:revenue', { from: '2024-06-01', to: '2024-06-30', group: 'month', provider: 'kasushou', accountId: 7 });
    await store.setKind('flows');
    // Switching report goes back to that report's own grouping; flows are Kuaimai only.
    expect(invokeMock).toHaveBeenLastCalledWith('report:flows', { from: '2024-06-01', to: '2024-06-30', group: 'day', accountId: 7 });
    await store.setKind('commissions');
    expect(invokeMock).toHaveBeenLastCalledWith('report:commissions', expect.objectContaining({ group: 'period', provider: 'kasushou' }));
  });

  it('keeps the answer of the latest request when an older one arrives late', async () => {
    let releaseFirst: (v: unknown) => void = () => undefined;
    invokeMock.mockImplementationOnce(() => new Promise((resolve) => (releaseFirst = resolve)) as never).mockResolvedValueOnce(revenueView({ from: '2024-07-01' }));
    const store = useReportsStore();
    const first = store.load();
    await store.setFilters({ from: '2024-07-01', to: '2024-07-02' });
    releaseFirst(revenueView({ from: '2024-01-01' }));
    await first;
    expect(store.view?.from).toBe('2024-07-01');
    expect(store.loading).toBe(false);
  });

  it('keeps the error of a failed report', async () => {
    invokeMock.mockRejectedValueOnce(new ApiClientError('validation', '开始日期不能晚于结束日期'));
    const store = useReportsStore();
    await store.load();
    expect(store.error?.code).toBe('validation');
  });

  it('drills into a figure and pages the records by keyset', async () => {
    invokeMock.mockResolvedValueOnce(revenueView()).mockResolvedValueOnce(drillPage([1, 2], 2)).mockResolvedValueOnce(drillPage([2, 3], null));
    const store = useReportsStore();
    await store.load();
    const row = store.view!.rows[0]!;
    await store.openDrill(row, 'refunds');
    expect(invokeMock).toHaveBeenLastCalledWith('report:drilldown', { key: row.key, figure: 'refunds', limit: DRILL_PAGE_SIZE });
    expect(store.drill?.items.map((i) => i.id)).toEqual([1, 2]);
    await store.loadMoreDrill();
    expect(invokeMock).toHaveBeenLastCalledWith('report:drilldown', { key: row.key, figure: 'refunds', limit: DRILL_PAGE_SIZE, after: 2 });
    expect(store.drill?.items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(store.drill?.nextAfter).toBeNull();
    await store.loadMoreDrill();
    expect(invokeMock).toHaveBeenCalledTimes(3);
    store.closeDrill();
    expect(store.drill).toBeNull();
  });

  it('ignores a drill page that arrives after the drawer was closed', async () => {
    let release: (v: unknown) => void = () => undefined;
    invokeMock.mockResolvedValueOnce(revenueView()).mockImplementationOnce(() => new Promise((resolve) => (release = resolve)) as never);
    const store = useReportsStore();
    await store.load();
    const pending = store.openDrill(store.view!.rows[0]!, 'revenue');
    store.closeDrill();
    release(drillPage([1], null));
    await pending;
    expect(store.drill).toBeNull();
  });
});
