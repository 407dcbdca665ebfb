import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke } from '../../../src-renderer/src/api/client.js';
import { useBackupsStore } from '../../../src-renderer/src/stores/backups.js';
import { backupList } from '../support/insight-fixtures.js';

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

describe('useBackupsStore', () => {
  it('lists the backups and their folder', async () => {
    invokeMock.mockResolvedValueOnce(backupList());
    const store = useBackupsStore();
    await store.load();
    expect(invokeMock).toHaveBeenCalledWith('backup:list', {});
    expect(store.folder).toBe('/home/me/.ledger/backups');
    expect(store.backups.map((b) => b.kind)).toEqual(['manual', 'daily']);
  });

  it('backs up now into the backups folder, then re-reads the list', async () => {
    invokeMock.mockResolvedValueOnce({ file: '/home/me/.ledger/backups/manual-x.sqlite3', name: 'manual-x.sqlite3', sizeBytes: 10, createdAt: 1 }).mockResolvedValueOnce(backupList());
    const store = useBackupsStore();
    const created = store.create();
    expect(store.creating).toBe(true);
    await created;
    expect(invokeMock.mock.calls).toEqual([
      ['backup:create', {}],
      ['backup:list', {}],
    ]);
    expect(store.creating).toBe(false);
  });

  it('restores by name and reports the pre-restore copy', async () => {
    const undo = { name: 'pre-restore-x.sqlite3', kind: 'pre-restore' as const, createdAt: 2, sizeBytes: 10, schemaVersion: 4 };
    invokeMock.mockResolvedValueOnce({ restoredFrom: 'daily-x.sqlite3', undo, schemaVersion: 4, migratedTo: 4 }).mockResolvedValueOnce(backupList());
    const store = useBackupsStore();
    const result = await store.restore('daily-x.sqlite3');
    expect(invokeMock).toHaveBeenNthCalledWith(1, 'backup:restore', { name: 'daily-x.sqlite3' });
    expect(result.undo.name).toBe('pre-restore-x.sqlite3');
    expect(store.restoring).toBeNull();
  });

  it('reads and saves the policy; a failure is kept for the view', async () => {
    invokeMock.mockResolvedValueOnce({ enabled: true, intervalMinutes: 60, keepHourly: 24, keepDaily: 14 }).mockResolvedValueOnce({ enabled: false, intervalMinutes: 30, keepHourly: 24, keepDaily: 14 });
    const store = useBackupsStore();
    await store.loadPolicy();
    await store.savePolicy({ enabled: false, intervalMinutes: 30 });
    expect(invokeMock).toHaveBeenLastCalledWith('backup:settings', { enabled: false, intervalMinutes: 30 });
    expect(store.policy?.enabled).toBe(false);
    invokeMock.mockRejectedValueOnce(new ApiClientError('locked', '账本已锁定'));
    await store.loadPolicy();
    expect(store.policyError?.code).toBe('locked');
  });
});
