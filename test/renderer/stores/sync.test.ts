import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { useAccountsStore } from '../../../src-renderer/src/stores/accounts.js';
import { useAppStore } from '../../../src-renderer/src/stores/app.js';
import { RUNS_PAGE_SIZE, useSyncStore } from '../../../src-renderer/src/stores/sync.js';
import { accountView } from '../support/fixtures.js';
import { progressEvent, runView } from '../support/sync-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const onEventMock = vi.mocked(onEvent);
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const fire = (name: string, payload: unknown) => {
  for (const l of listeners.get(name) ?? []) l(payload);
};

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
  listeners.clear();
  onEventMock.mockReset();
  onEventMock.mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(cb);
    listeners.set(name, set);
    return () => set.delete(cb);
  }) as unknown as typeof onEvent);
});

function runs(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => runView({ id: from - i }));
}

describe('useSyncStore', () => {
  it('reads what is running from sync:state', async () => {
    invokeMock.mockResolvedValueOnce({ running: [progressEvent(), progressEvent({ accountId: 8, runId: 42 })], online: false, schedulerActive: true });
    const store = useSyncStore();
    await store.loadState();
    expect(invokeMock).toHaveBeenCalledWith('sync:state', {});
    expect(store.runningList.map((p) => p.accountId)).toEqual([7, 8]);
    expect(store.isRunning(7)).toBe(true);
    expect(store.isRunning(9)).toBe(false);
    expect(store.online).toBe(false);
    expect(store.schedulerActive).toBe(true);
  });

  it('keeps the live progress of each account up to date from sync:progress events', () => {
    const store = useSyncStore();
    store.watch();
    fire('sync:progress', progressEvent({ fetched: 100 }));
    fire('sync:progress', progressEvent({ accountId: 8, runId: 42, accountName: '二店', fetched: 5 }));
    fire('sync:progress', progressEvent({ fetched: 250, page: 4 }));
    expect(store.running[7]).toMatchObject({ fetched: 250, page: 4 });
    expect(store.running[8]).toMatchObject({ fetched: 5, accountName: '二店' });
    expect(store.anyRunning).toBe(true);
  });

  it('on sync:finished drops the live entry, lists the run first, and refreshes accounts and counts', async () => {
    invokeMock.mockImplementation((async (channel: string) => {
      if (channel === 'sync:runs') return [runView({ id: 40 })];
      if (channel === 'accounts:list') return [accountView()];
      if (channel === 'app:status') return { accounts: 1, orders: 600, cards: 0, commissions: 0, settlements: 0, flows: 0, lastSyncAt: 1, schemaVersion: 1 };
      throw new Error(channel);
    }) as typeof invoke);
    const accounts = useAccountsStore();
    const app = useAppStore();
    await accounts.load();
    await app.loadStatus();
    const store = useSyncStore();
    await store.loadRuns();
    store.watch();
    fire('sync:progress', progressEvent());
    invokeMock.mockClear();

    fire('sync:finished', runView({ id: 41, fetched: 600 }));
    expect(store.running[7]).toBeUndefined();
    expect(store.runs.map((r) => r.id)).toEqual([41, 40]);
    await vi.waitFor(() => expect(app.status?.orders).toBe(600));
    expect(invokeMock).toHaveBeenCalledWith('accounts:list', {});
    expect(invokeMock).toHaveBeenCalledWith('app:status', {});

    // A progress event that arrives late for the finished run does not bring it back.
    fire('sync:progress', progressEvent());
    expect(store.running[7]).toBeUndefined();
  });

  it('does not list a finished run of another account while the log is filtered', async () => {
    invokeMock.mockResolvedValueOnce([]);
    const store = useSyncStore();
    await store.loadRuns(8);
    expect(invokeMock).toHaveBeenCalledWith('sync:runs', { accountId: 8, limit: RUNS_PAGE_SIZE });
    store.applyFinished(runView({ id: 50, accountId: 7 }));
    expect(store.runs).toEqual([]);
    store.applyFinished(runView({ id: 51, accountId: 8 }));
    expect(store.runs.map((r) => r.id)).toEqual([51]);
  });

  it('subscribes once however many views watch, and stops when the last one leaves', () => {
    const store = useSyncStore();
    const stopA = store.watch();
    const stopB = store.watch();
    expect(onEventMock).toHaveBeenCalledTimes(2);
    stopA();
    stopA();
    expect(listeners.get('sync:finished')?.size).toBe(1);
    stopB();
    expect(listeners.get('sync:finished')?.size).toBe(0);
  });

  it('pages the run log by beforeId and knows when there is more', async () => {
    const store = useSyncStore();
    invokeMock.mockResolvedValueOnce(runs(200, RUNS_PAGE_SIZE));
    await store.loadRuns();
    expect(invokeMock).toHaveBeenLastCalledWith('sync:runs', { limit: RUNS_PAGE_SIZE });
    expect(store.hasMore).toBe(true);
    invokeMock.mockResolvedValueOnce(runs(150, 3));
    await store.loadMoreRuns();
    expect(invokeMock).toHaveBeenLastCalledWith('sync:runs', { beforeId: 151, limit: RUNS_PAGE_SIZE });
    expect(store.runs).toHaveLength(RUNS_PAGE_SIZE + 3);
    expect(store.runs.at(-1)?.id).toBe(148);
    expect(store.hasMore).toBe(false);
  });

  it('keeps the listed runs and records the error when loading fails', async () => {
    const store = useSyncStore();
    invokeMock.mockResolvedValueOnce([runView()]);
    await store.loadRuns();
    invokeMock.mockRejectedValueOnce(new ApiClientError('locked', '账本已锁定'));
    await store.loadRuns();
    expect(store.runs).toHaveLength(1);
    expect(store.runsError).toMatchObject({ code: 'locked' });
    expect(store.runsLoading).toBe(false);
  });

  it('runAccount calls sync:run and shows the account as running before any event', async () => {
    const store = useSyncStore();
    let resolve!: (value: unknown) => void;
    invokeMock.mockReturnValueOnce(new Promise<unknown>((r) => (resolve = r)) as ReturnType<typeof invoke>);
    const pending = store.runAccount(7, '2024-06-01');
    expect(invokeMock).toHaveBeenCalledWith('sync:run', { accountId: 7, since: '2024-06-01' });
    expect(store.isRunning(7)).toBe(true);
    resolve({ started: [{ accountId: 7, runId: 41 }], skipped: [] });
    await pending;
    expect(store.isRunning(7)).toBe(true);
    expect(store.running[7]).toMatchObject({ runId: 41, fetched: 0 });
  });

  it('does not show a run as live when it already finished before sync:run answered', async () => {
    const store = useSyncStore();
    store.watch();
    let resolve!: (value: unknown) => void;
    invokeMock.mockReturnValueOnce(new Promise<unknown>((r) => (resolve = r)) as ReturnType<typeof invoke>);
    const pending = store.runAccount(7);
    fire('sync:finished', runView({ id: 41 }));
    resolve({ started: [{ accountId: 7, runId: 41 }], skipped: [] });
    await pending;
    expect(store.isRunning(7)).toBe(false);
  });

  it('runAll, cancel, readIds and importIds send the exact arguments', async () => {
    const store = useSyncStore();
    invokeMock.mockResolvedValueOnce({ started: [{ accountId: 7, runId: 1 }, { accountId: 8, runId: 2 }], skipped: [] });
    await expect(store.runAll()).resolves.toMatchObject({ started: [{ accountId: 7 }, { accountId: 8 }] });
    expect(invokeMock).toHaveBeenLastCalledWith('sync:run', {});
    expect(store.runningList.map((p) => p.accountId)).toEqual([7, 8]);

    invokeMock.mockResolvedValueOnce({ cancelled: 1 });
    await expect(store.cancel(7)).resolves.toBe(1);
    expect(invokeMock).toHaveBeenLastCalledWith('sync:cancel', { accountId: 7 });
    invokeMock.mockResolvedValueOnce({ cancelled: 2 });
    await store.cancel();
    expect(invokeMock).toHaveBeenLastCalledWith('sync:cancel', {});

    invokeMock.mockResolvedValueOnce({ count: 2, column: null, headers: null, skipped: 0, sample: ['A1', 'A2'] });
    await expect(store.readIds(7, 'A1\nA2')).resolves.toEqual({ count: 2, column: null, headers: null, skipped: 0, sample: ['A1', 'A2'] });
    expect(invokeMock).toHaveBeenLastCalledWith('sync:read-ids', { accountId: 7, text: 'A1\nA2' });
    invokeMock.mockResolvedValueOnce({ count: 2, column: null, skipped: 0, added: 2, total: 9 });
    await expect(store.importIds(7, 'A1\nA2')).resolves.toEqual({ count: 2, column: null, skipped: 0, added: 2, total: 9 });
    expect(invokeMock).toHaveBeenLastCalledWith('sync:import-ids', { accountId: 7, text: 'A1\nA2' });
  });

  it('rethrows a failed start and stops spinning', async () => {
    const store = useSyncStore();
    invokeMock.mockRejectedValueOnce(new ApiClientError('not_found', '账户不存在'));
    await expect(store.runAccount(7)).rejects.toMatchObject({ code: 'not_found' });
    expect(store.isRunning(7)).toBe(false);
  });
});
