import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke } from '../../../src-renderer/src/api/client.js';
import { customPeriod } from '../../../src-renderer/src/composables/ledger-period.js';
import { defaultGrouping, SETTLEMENTS_PAGE_SIZE, useSettlementsStore } from '../../../src-renderer/src/stores/settlements.js';
import { settlementReport, settlementRow, settlementView } from '../support/ledger-fixtures.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn() };
});
const invokeMock = vi.mocked(invoke);

const JUNE = customPeriod('2024-06-01', '2024-06-30');

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

function answer(channel: string, args: { group?: string; cursor?: string }): unknown {
  if (channel === 'report:settlements') {
    return args.group === 'period'
      ? settlementReport([settlementRow('2024-06-01..2024-06-30', 'CNY', '5.0000', '-3.0000', '2.0000')], 'period')
      : settlementReport([settlementRow('2024-06-02', 'CNY', '5.0000', '-3.0000', '2.0000')]);
  }
  if (channel === 'settlements:list') {
    return args.cursor ? { items: [settlementView({ id: 2 })], nextCursor: null } : { items: [settlementView()], nextCursor: 'n1' };
  }
  if (channel === 'settlements:timeline') return [settlementView({ id: 1 }), settlementView({ id: 5, commissionDelta: { amount: '0.5000', currency: 'CNY' } })];
  throw new Error(channel);
}

describe('useSettlementsStore', () => {
  it('reads the per-period report, the whole-period totals and the first page of revisions', async () => {
    invokeMock.mockImplementation((async (c: string, a: { group?: string; cursor?: string }) => answer(c, a)) as typeof invoke);
    const store = useSettlementsStore();
    store.setPeriod(JUNE);
    store.accountId = 3;
    store.orderNo = '  DM-1 ';
    await store.load();
    expect(invokeMock).toHaveBeenCalledWith('report:settlements', { from: '2024-06-01', to: '2024-06-30', accountId: 3, group: 'day' });
    expect(invokeMock).toHaveBeenCalledWith('report:settlements', { from: '2024-06-01', to: '2024-06-30', accountId: 3, group: 'period' });
    expect(invokeMock).toHaveBeenCalledWith('settlements:list', {
      modifiedFrom: Date.UTC(2024, 4, 31, 16),
      modifiedTo: Date.UTC(2024, 5, 30, 16),
      accountId: 3,
      orderNo: 'DM-1',
      limit: SETTLEMENTS_PAGE_SIZE,
    });
    expect(store.report?.rows).toHaveLength(1);
    expect(store.totals.map((r) => r.money.net.amount)).toEqual(['2.0000']);
    expect(store.items.map((s) => s.id)).toEqual([1]);
    await store.loadMore();
    expect(store.items.map((s) => s.id)).toEqual([1, 2]);
    expect(store.hasMore).toBe(false);
  });

  it('groups long periods by month', () => {
    expect(defaultGrouping(JUNE)).toBe('day');
    expect(defaultGrouping(customPeriod('2024-01-01', '2024-06-30'))).toBe('month');
    const store = useSettlementsStore();
    store.setPeriod(customPeriod('2023-01-01', '2024-06-30'));
    expect(store.group).toBe('month');
  });

  it('opens and closes one order timeline', async () => {
    invokeMock.mockImplementation((async (c: string, a: { group?: string; cursor?: string }) => answer(c, a)) as typeof invoke);
    const store = useSettlementsStore();
    await store.openTimeline('DM-1', 3);
    expect(invokeMock).toHaveBeenCalledWith('settlements:timeline', { orderNo: 'DM-1', accountId: 3 });
    expect(store.timelineOrder).toEqual({ orderNo: 'DM-1', accountId: 3 });
    expect(store.timeline.map((s) => s.id)).toEqual([1, 5]);
    store.closeTimeline();
    expect(store.timelineOrder).toBeNull();
    expect(store.timeline).toEqual([]);
  });

  it('keeps report and timeline errors apart', async () => {
    invokeMock.mockRejectedValue(new ApiClientError('transport', '无法连接本地服务'));
    const store = useSettlementsStore();
    await store.load();
    await store.openTimeline('DM-1');
    expect(store.reportError?.message).toBe('无法连接本地服务');
    expect(store.listError?.message).toBe('无法连接本地服务');
    expect(store.timelineError?.message).toBe('无法连接本地服务');
    expect(store.reportLoading).toBe(false);
    expect(store.timelineLoading).toBe(false);
  });
});
