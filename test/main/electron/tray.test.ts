import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, fail, type Result } from '../../../src-main/api/result.js';
import { affectsAccountHealth, createAccountStatusSource, toAccountStatuses } from '../../../src-main/electron/account-status.js';
import { DesktopSettingsStore } from '../../../src-main/electron/desktop-settings.js';
import { summarize, TrayController, type TrayStatus } from '../../../src-main/electron/tray.js';
import { flush, recordingLogger } from './fakes.js';

class FakeTray extends EventEmitter {
  image: unknown = null;
  tooltip = '';
  template: MenuItemConstructorOptions[] = [];
  destroyed = false;
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] }) {
    this.template = menu.template;
  }
  destroy() {
    this.destroyed = true;
  }
}

class FakeEvents {
  private readonly listeners = new Set<(name: string, payload: unknown) => void>();
  subscribe(listener: (name: string, payload: unknown) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(name: string, payload: unknown = {}) {
    for (const l of this.listeners) l(name, payload);
  }
}

type State = 'never' | 'ok' | 'error' | 'needs_attention' | 'syncing' | 'disabled';
const account = (id: number, state: State, extra: Record<string, unknown> = {}) => ({
  id,
  name: `账户${id}`,
  provider: 'duomai',
  health: { state, lastSuccessAt: null, lastErrorAt: null, lastErrorKind: null, lastErrorMessage: null, needsAttention: null, nextRunAt: null, ...extra },
});

function setup(keepRunning = false) {
  const tray = new FakeTray();
  const actions = { syncAll: vi.fn(), open: vi.fn(), quit: vi.fn(), setKeepRunning: vi.fn((v: boolean) => void (keep = v)) };
  let keep = keepRunning;
  const controller = new TrayController({
    createTray: () => tray as unknown as Tray,
    icon: (status: TrayStatus) => `icon:${status}` as unknown as NativeImage,
    buildMenu: (template) => ({ template }) as unknown as Menu,
    keepRunning: () => keep,
    actions,
  });
  let listResult: Result<unknown> = ok([]);
  let running: number[] | null = null;
  const runChannel = vi.fn(async (channel: string) => {
    if (channel === 'accounts:list') return listResult;
    if (channel === 'sync:state' && running) return ok({ running: running.map((accountId) => ({ accountId, runId: 1 })), online: true, schedulerActive: true });
    return fail('unknown_channel', 'no');
  });
  const events = new FakeEvents();
  const source = createAccountStatusSource({ events, runChannel, logger: recordingLogger() });
  source.subscribe((accounts) => controller.update(accounts));
  const setAccounts = (accounts: unknown[]) => {
    listResult = ok(accounts);
  };
  const setRunning = (ids: number[]) => {
    running = ids;
  };
  return { tray, controller, actions, events, source, runChannel, setAccounts, setRunning, setListResult: (r: Result<unknown>) => (listResult = r) };
}

const item = (tray: FakeTray, id: string) => tray.template.find((i) => i.id === id) as MenuItemConstructorOptions;

describe('tray', () => {
  it('starts idle and follows sync events: idle → syncing → error → idle', async () => {
    const { tray, controller, events, setAccounts } = setup();
    expect(controller.status).toBe('idle');
    expect(tray.image).toBe('icon:idle');

    setAccounts([account(1, 'syncing'), account(2, 'ok')]);
    events.emit('sync:started', { accountId: 1 });
    await flush();
    expect(controller.status).toBe('syncing');
    expect(tray.image).toBe('icon:syncing');
    expect(tray.tooltip).toContain('syncing 1');
    expect(item(tray, 'tray-sync-all').enabled).toBe(false);

    setAccounts([account(1, 'error', { lastErrorKind: 'network' }), account(2, 'ok')]);
    events.emit('sync:finished', { accountId: 1 });
    await flush();
    expect(controller.status).toBe('error');
    expect(tray.image).toBe('icon:error');
    expect(tray.tooltip).toContain('1 account(s) failing');
    expect(item(tray, 'tray-status').label).toContain('sync error');

    setAccounts([account(1, 'ok'), account(2, 'ok')]);
    events.emit('accounts:changed', { accountId: 1 });
    await flush();
    expect(controller.status).toBe('idle');
    expect(tray.image).toBe('icon:idle');
    expect(item(tray, 'tray-sync-all').enabled).toBe(true);
  });

  it('shows an account whose sync is running (sync:state) as syncing, reading again only when something new happens', async () => {
    const { controller, events, setAccounts, setRunning, runChannel } = setup();
    setAccounts([account(1, 'ok'), account(2, 'error', { lastErrorKind: 'auth' })]);
    setRunning([1]);
    events.emit('sync:progress', { accountId: 1, page: 1 });
    await flush();
    expect(controller.status).toBe('syncing');
    const reads = runChannel.mock.calls.length;
    events.emit('sync:progress', { accountId: 1, page: 2 });
    events.emit('sync:progress', { accountId: 1, page: 3 });
    await flush();
    expect(runChannel.mock.calls.length).toBe(reads);

    setRunning([]);
    events.emit('sync:finished', { accountId: 1, status: 'succeeded' });
    await flush();
    expect(controller.status).toBe('error');
    setRunning([2]);
    events.emit('sync:progress', { accountId: 2, page: 1 });
    await flush();
    expect(controller.status).toBe('syncing');
  });

  it('counts needs-attention as an error, ignores disabled accounts, and syncing wins', () => {
    expect(summarize([account(1, 'needs_attention')].map((a) => toAccountStatuses([a])![0]!)).status).toBe('error');
    expect(summarize(toAccountStatuses([account(1, 'disabled'), account(2, 'never')])!).status).toBe('idle');
    expect(summarize(toAccountStatuses([account(1, 'error'), account(2, 'syncing')])!)).toEqual({ status: 'syncing', syncing: 1, failing: 1 });
  });

  it('ignores unrelated events and keeps its state when the account list cannot be read', async () => {
    const { controller, events, setAccounts, setListResult, runChannel } = setup();
    setAccounts([account(1, 'syncing')]);
    events.emit('something:else');
    await flush();
    expect(runChannel).not.toHaveBeenCalled();
    expect(controller.status).toBe('idle');
    events.emit('sync:progress');
    await flush();
    expect(controller.status).toBe('syncing');
    setListResult(fail('locked', 'vault locked'));
    events.emit('sync:finished');
    await flush();
    expect(controller.status).toBe('syncing');
    expect(affectsAccountHealth('accounts:changed')).toBe(true);
    expect(affectsAccountHealth('app:info')).toBe(false);
  });

  it('coalesces a burst of events into at most one follow-up read', async () => {
    const { events, setAccounts, runChannel } = setup();
    setAccounts([account(1, 'ok')]);
    for (let i = 0; i < 10; i += 1) events.emit('sync:progress', { i });
    await flush();
    await flush();
    const reads = runChannel.mock.calls.filter(([channel]) => channel === 'accounts:list').length;
    expect(reads).toBeLessThanOrEqual(2);
    expect(reads).toBeGreaterThanOrEqual(1);
  });

  it('menu actions: sync all, open, quit, keep running', () => {
    const { tray, actions } = setup(false);
    (item(tray, 'tray-sync-all').click as () => void)();
    (item(tray, 'tray-open').click as () => void)();
    (item(tray, 'tray-quit').click as () => void)();
    expect(actions.syncAll).toHaveBeenCalledTimes(1);
    expect(actions.open).toHaveBeenCalledTimes(1);
    expect(actions.quit).toHaveBeenCalledTimes(1);

    const keep = item(tray, 'tray-keep-running');
    expect(keep.type).toBe('checkbox');
    expect(keep.checked).toBe(false);
    (keep.click as (menuItem: { checked: boolean }) => void)({ checked: true });
    expect(actions.setKeepRunning).toHaveBeenCalledWith(true);
    expect(item(tray, 'tray-keep-running').checked).toBe(true);

    tray.emit('click');
    expect(actions.open).toHaveBeenCalledTimes(2);
  });
});

describe('desktop settings', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keep-running-when-closed defaults to off and persists', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-settings-'));
    const store = DesktopSettingsStore.inDataDir(dir);
    expect(store.get().keepRunningInTray).toBe(false);
    store.set({ keepRunningInTray: true });
    expect(DesktopSettingsStore.inDataDir(dir).get().keepRunningInTray).toBe(true);
  });
});
