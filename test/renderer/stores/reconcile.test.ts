import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../../src-renderer/src/api/client.js';
import { FINDINGS_PAGE_SIZE, useReconcileStore } from '../../../src-renderer/src/stores/reconcile.js';
import { findingView } from '../support/insight-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const runView = {
  ranAt: 1,
  found: { kuaimai_flow_mismatch: 2, kasushou_refund_missing: 1, duomai_commission_cut: 0, commission_upline_excess: 0 },
  added: 3,
  reopened: 0,
  resolved: 0,
  unreviewed: 3,
  uplineCapBps: 2500,
};

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

describe('useReconcileStore', () => {
  it('lists open findings, then pages with after', async () => {
    invokeMock.mockResolvedValueOnce({ items: [findingView({ id: 1 }), findingView({ id: 2 })], nextAfter: 2 }).mockResolvedValueOnce({ items: [findingView({ id: 3 })], nextAfter: null });
    const store = useReconcileStore();
    await store.load();
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:findings', { state: 'open', limit: FINDINGS_PAGE_SIZE });
    await store.loadMore();
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:findings', { state: 'open', limit: FINDINGS_PAGE_SIZE, after: 2 });
    expect(store.findings.map((f) => f.id)).toEqual([1, 2, 3]);
    expect(store.nextAfter).toBeNull();
  });

  it('turns the filters into arguments', async () => {
    invokeMock.mockResolvedValue({ items: [], nextAfter: null });
    const store = useReconcileStore();
    await store.setFilters({ check: 'kasushou_refund_missing', unreviewedOnly: true, accountId: 4, state: 'all' });
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:findings', { state: 'all', limit: FINDINGS_PAGE_SIZE, check: 'kasushou_refund_missing', reviewed: false, accountId: 4 });
  });

  it('runs the checks, keeps the summary and the cap, and re-reads the list', async () => {
    invokeMock.mockResolvedValueOnce(runView).mockResolvedValueOnce({ items: [findingView()], nextAfter: null });
    const store = useReconcileStore();
    const result = await store.run();
    expect(result.added).toBe(3);
    expect(store.lastRun).toEqual(runView);
    expect(store.uplineCapBps).toBe(2500);
    expect(invokeMock.mock.calls.map((c) => c[0])).toEqual(['reconcile:run', 'reconcile:findings']);
    expect(store.findings).toHaveLength(1);
    expect(store.running).toBe(false);
  });

  it('marks reviewed with a trimmed note, and undoes it', async () => {
    invokeMock.mockResolvedValueOnce({ items: [findingView()], nextAfter: null });
    const store = useReconcileStore();
    await store.load();
    invokeMock.mockResolvedValueOnce(findingView({ reviewed: true, reviewNote: '已核实', reviewedBy: 'web', reviewedAt: 5 }));
    await store.review(1, '  已核实  ');
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:review', { id: 1, reviewed: true, note: '已核实' });
    expect(store.findings[0]?.reviewed).toBe(true);
    invokeMock.mockResolvedValueOnce(findingView());
    await store.unreview(1);
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:review', { id: 1, reviewed: false });
    expect(store.findings[0]?.reviewed).toBe(false);
    invokeMock.mockResolvedValueOnce(findingView({ reviewed: true }));
    await store.review(1, '   ');
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:review', { id: 1, reviewed: true });
  });

  it('drops a finding just reviewed from the “unreviewed only” list', async () => {
    invokeMock.mockResolvedValueOnce({ items: [findingView({ id: 1 }), findingView({ id: 2 })], nextAfter: null });
    const store = useReconcileStore();
    await store.setFilters({ unreviewedOnly: true });
    invokeMock.mockResolvedValueOnce(findingView({ id: 1, reviewed: true }));
    await store.review(1, '');
    expect(store.findings.map((f) => f.id)).toEqual([2]);
  });

  it('reads and saves the upline cap', async () => {
    invokeMock.mockResolvedValueOnce({ uplineCapBps: 3000 }).mockResolvedValueOnce({ uplineCapBps: 2550 });
    const store = useReconcileStore();
    await store.loadSettings();
    expect(store.uplineCapBps).toBe(3000);
    await store.saveSettings(2550);
    expect(invokeMock).toHaveBeenLastCalledWith('reconcile:settings', { uplineCapBps: 2550 });
    expect(store.uplineCapBps).toBe(2550);
  });
});
