import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportDrillItem } from '../../../src-main/api/contract.js';
import { invoke } from '../../../src-renderer/src/api/client.js';
import { DRILL_PAGE_SIZE, drillAmount, useDrilldownStore } from '../../../src-renderer/src/stores/drilldown.js';
import { commissionView } from '../support/ledger-fixtures.js';

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof ClientApi>();
  return { ...real, invoke: vi.fn() };
});
const invokeMock = vi.mocked(invoke);

function item(id: number, owed: string, paid: string): ReportDrillItem {
  return { id, accountId: 5, ref: `ORD-${id}`, at: 1_700_000_000_000 + id, status: paid === '0.0000' ? 'confirmed' : 'settled', money: { owed: { amount: owed, currency: 'CNY' }, paid: { amount: paid, currency: 'CNY' } } };
}

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

describe('useDrilldownStore', () => {
  it('pages the records behind a report figure with nextAfter', async () => {
    invokeMock
      .mockResolvedValueOnce({ kind: 'commissions', entity: 'commission', figure: 'owed', items: [item(1, '1.0000', '0.0000'), item(4, '2.5000', '0.0000')], nextAfter: 4 })
      .mockResolvedValueOnce({ kind: 'commissions', entity: 'commission', figure: 'owed', items: [item(9, '0.1000', '0.0000')], nextAfter: null });
    const drill = useDrilldownStore();
    await drill.show({ title: 'zhang', entity: 'commission', source: { kind: 'report', key: 'k|1', figure: 'owed' } });
    expect(drill.open).toBe(true);
    expect(invokeMock).toHaveBeenLastCalledWith('report:drilldown', { key: 'k|1', figure: 'owed', limit: DRILL_PAGE_SIZE });
    expect(drill.items.map((r) => [r.ref, r.amount?.amount])).toEqual([
      ['ORD-1', '1.0000'],
      ['ORD-4', '2.5000'],
    ]);
    expect(drill.hasMore).toBe(true);
    await drill.loadMore();
    expect(invokeMock).toHaveBeenLastCalledWith('report:drilldown', { key: 'k|1', figure: 'owed', after: 4, limit: DRILL_PAGE_SIZE });
    expect(drill.items).toHaveLength(3);
    expect(drill.hasMore).toBe(false);
  });

  it('shows what a record adds to a row when no figure is asked (owed + paid, or net)', () => {
    expect(drillAmount(item(1, '0.0000', '3.2100'), undefined)).toEqual({ amount: '3.2100', currency: 'CNY' });
    const flow: ReportDrillItem = { id: 1, accountId: 1, ref: 'T', at: null, status: '1', money: { payments: { amount: '-5.0000', currency: 'CNY' }, net: { amount: '-5.0000', currency: 'CNY' } } };
    expect(drillAmount(flow, undefined)).toEqual({ amount: '-5.0000', currency: 'CNY' });
    expect(drillAmount(flow, 'payments')).toEqual({ amount: '-5.0000', currency: 'CNY' });
  });

  it('lists commissions of one status and keeps only the asked currency, reading on past pages without it', async () => {
    invokeMock
      .mockResolvedValueOnce({ items: [commissionView({ id: 1, amount: { amount: '1.0000', currency: 'USD' } })], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [commissionView({ id: 2 }), commissionView({ id: 3, amount: { amount: '2.0000', currency: 'USD' } })], nextCursor: null });
    const drill = useDrilldownStore();
    const filter = { provider: 'duomai' as const, status: ['estimated' as const], earnedFrom: 0, earnedTo: 10 };
    await drill.show({ title: 'x', entity: 'commission', source: { kind: 'commissions', filter, currency: 'CNY' } });
    expect(invokeMock.mock.calls.map((c) => c[1])).toEqual([
      { ...filter, limit: DRILL_PAGE_SIZE },
      { ...filter, cursor: 'c1', limit: DRILL_PAGE_SIZE },
    ]);
    expect(drill.items.map((r) => r.id)).toEqual([2]);
    expect(drill.hasMore).toBe(false);
  });

  it('forgets everything on close, and a late page is dropped', async () => {
    let release: (v: unknown) => void = () => undefined;
    invokeMock.mockImplementationOnce(() => new Promise<unknown>((r) => (release = r)) as ReturnType<typeof invoke>);
    const drill = useDrilldownStore();
    const pending = drill.show({ title: 'x', entity: 'flow', source: { kind: 'report', key: 'k' } });
    drill.close();
    release({ kind: 'flows', entity: 'flow', figure: null, items: [item(1, '1.0000', '0.0000')], nextAfter: null });
    await pending;
    expect(drill.open).toBe(false);
    expect(drill.items).toEqual([]);
  });
});
