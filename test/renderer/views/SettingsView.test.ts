import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../../src-main/api/contract.js';
import { invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { useAppStore } from '../../../src-renderer/src/stores/app.js';
import SettingsView from '../../../src-renderer/src/views/SettingsView.vue';
import { backupList } from '../support/insight-fixtures.js';
import { appPlugins } from '../support/mount.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});

const invokeMock = vi.mocked(invoke);
const info: AppInfo = { name: 'Merchant Ledger', version: '0.1.0', face: 'web', dataDir: '/home/me/.ledger', schemaVersion: 4, weakKeyring: false };
const mounted: VueWrapper[] = [];
let list = backupList();

beforeEach(() => {
  list = backupList();
  invokeMock.mockReset();
  invokeMock.mockImplementation((async (channel: string, args: Record<string, unknown>) => {
    if (channel === 'app:info') return info;
    if (channel === 'backup:list') return list;
    if (channel === 'backup:settings') return { enabled: true, intervalMinutes: 60, keepHourly: 24, keepDaily: 14, ...args };
    if (channel === 'backup:create') {
      const created = { name: 'manual-2024-06-02T02-00-00-000Z.sqlite3', kind: 'manual' as const, createdAt: Date.UTC(2024, 5, 2, 2), sizeBytes: 2048, schemaVersion: 4 };
      list = { ...list, backups: [created, ...list.backups] };
      return { file: `/home/me/.ledger/backups/${created.name}`, name: created.name, sizeBytes: 2048, createdAt: created.createdAt };
    }
    if (channel === 'backup:restore') {
      return { restoredFrom: args['name'], undo: { name: 'pre-restore-x.sqlite3', kind: 'pre-restore', createdAt: 3, sizeBytes: 10, schemaVersion: 4 }, schemaVersion: 4, migratedTo: 4 };
    }
    throw new Error(`unexpected ${channel}`);
  }) as unknown as typeof invoke);
  vi.mocked(onEvent).mockImplementation(() => () => undefined);
});

afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

async function mountView(): Promise<VueWrapper> {
  const { plugins } = appPlugins();
  useAppStore().info = info;
  const wrapper = mount(SettingsView, { global: { plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('SettingsView', () => {
  it('shows the data folder and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=data-dir]').text()).toBe('/home/me/.ledger');
    await wrapper.find('[data-test=copy-data-dir]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('/home/me/.ledger');
  });

  it('shows the sync defaults of a new account', async () => {
    const wrapper = await mountView();
    expect(wrapper.find('[data-test=default-interval]').text()).toBe('每 15 分钟');
    expect(wrapper.find('[data-test=default-lookback]').text()).toBe('90 天');
  });

  it('lists backups with kind, time and size, and backs up now', async () => {
    const wrapper = await mountView();
    const rows = () => wrapper.findAll('[data-test=backup-table] .el-table__body tr');
    expect(rows()).toHaveLength(2);
    expect(rows()[0]!.find('[data-kind]').text()).toBe('手动');
    expect(rows()[0]!.text()).toContain('2024/06/01 10:00:00');
    expect(rows()[0]!.text()).toContain('1.6 MB');
    expect(rows()[1]!.find('[data-kind]').text()).toBe('每日');
    expect(wrapper.find('[data-test=backups-folder]').text()).toBe('/home/me/.ledger/backups');
    await wrapper.find('[data-test=backup-now]').trigger('click');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('backup:create', {});
    expect(rows()).toHaveLength(3);
    expect(rows()[0]!.find('[data-kind]').text()).toBe('手动');
  });

  it('restores only after a confirmation that explains the pre-restore copy', async () => {
    const wrapper = await mountView();
    await wrapper.findAll('[data-test=backup-restore]')[1]!.trigger('click');
    await flushPromises();
    const box = document.querySelector('.el-message-box')!;
    expect(box.textContent).toContain('恢复前会先自动保存一份当前数据的副本');
    expect(invokeMock).not.toHaveBeenCalledWith('backup:restore', expect.anything());
    (box.querySelector('.el-button--danger') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(invokeMock).toHaveBeenCalledWith('backup:restore', { name: 'daily-2024-05-31T02-00-00-000Z.sqlite3' }));
  });

  it('saves the backup schedule', async () => {
    const wrapper = await mountView();
    await wrapper.find('form[data-test=backup-policy]').trigger('submit');
    await flushPromises();
    expect(invokeMock).toHaveBeenCalledWith('backup:settings', { enabled: true, intervalMinutes: 60, keepHourly: 24, keepDaily: 14 });
  });
});
