import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, showAboutDialog } from '../../../src-main/electron/about.js';
import { buildMenuTemplate, SYNC_ALL_CHANNEL, type MenuContext } from '../../../src-main/electron/menu.js';
import { VIEW_NAMES } from '../../../src-main/electron/shell-events.js';

function context() {
  return {
    send: vi.fn(),
    runChannel: vi.fn(),
    showAbout: vi.fn(),
    openDataFolder: vi.fn(),
    openLogsFolder: vi.fn(),
  } satisfies MenuContext;
}

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byAccelerator(items: MenuItemConstructorOptions[], accelerator: string): MenuItemConstructorOptions {
  const found = items.filter((i) => i.accelerator === accelerator);
  expect(found, accelerator).toHaveLength(1);
  return found[0] as MenuItemConstructorOptions;
}

function click(item: MenuItemConstructorOptions): void {
  expect(item.click, `${item.label} has a click handler`).toBeTypeOf('function');
  (item.click as () => void)();
}

describe.each(['win32', 'linux', 'darwin'] as const)('application menu on %s', (platform) => {
  it('Ctrl/⌘+F asks the renderer to focus search', () => {
    const ctx = context();
    const items = flatten(buildMenuTemplate(ctx, { platform, isPackaged: true }));
    click(byAccelerator(items, 'CmdOrCtrl+F'));
    expect(ctx.send).toHaveBeenCalledWith('shell:find', {});
    expect(ctx.runChannel).not.toHaveBeenCalled();
  });

  it('Ctrl/⌘+R calls the sync-all channel (not a page reload)', () => {
    const ctx = context();
    const items = flatten(buildMenuTemplate(ctx, { platform, isPackaged: true }));
    const item = byAccelerator(items, 'CmdOrCtrl+R');
    expect(item.role).toBeUndefined();
    click(item);
    expect(ctx.runChannel).toHaveBeenCalledWith(SYNC_ALL_CHANNEL, {});
    expect(ctx.send).not.toHaveBeenCalled();
  });

  it('Ctrl/⌘+1…9 switch to the first nine main views in order; the others are menu items without a shortcut', () => {
    const ctx = context();
    const items = flatten(buildMenuTemplate(ctx, { platform, isPackaged: true }));
    for (let n = 1; n <= 9; n += 1) click(byAccelerator(items, `CmdOrCtrl+${n}`));
    expect(ctx.send.mock.calls).toEqual(VIEW_NAMES.slice(0, 9).map((view, i) => ['shell:navigate', { view, index: i + 1 }]));
    expect(ctx.send.mock.calls.map((call) => (call[1] as { view: string }).view)).toEqual([
      'dashboard', 'orders', 'cards', 'commissions', 'settlements', 'flows', 'reports', 'reconcile', 'accounts',
    ]);
    ctx.send.mockClear();
    const rest = VIEW_NAMES.slice(9).map((view) => items.find((i) => i.id === `view-${view}`) as MenuItemConstructorOptions);
    expect(rest.map((i) => i.accelerator)).toEqual([undefined, undefined]);
    rest.forEach(click);
    expect(ctx.send.mock.calls).toEqual([
      ['shell:navigate', { view: 'sync-log', index: 10 }],
      ['shell:navigate', { view: 'settings', index: 11 }],
    ]);
  });

  it('zoom in/out/reset use the built-in roles', () => {
    const items = flatten(buildMenuTemplate(context(), { platform, isPackaged: true }));
    expect(byAccelerator(items, 'CmdOrCtrl+Plus').role).toBe('zoomIn');
    expect(byAccelerator(items, 'CmdOrCtrl+=').role).toBe('zoomIn');
    expect(byAccelerator(items, 'CmdOrCtrl+-').role).toBe('zoomOut');
    expect(byAccelerator(items, 'CmdOrCtrl+0').role).toBe('resetZoom');
  });

  it('has one About item that opens the About dialog, and folder items', () => {
    const ctx = context();
    const items = flatten(buildMenuTemplate(ctx, { platform, isPackaged: true }));
    const about = items.filter((i) => i.id === 'about');
    expect(about).toHaveLength(1);
    click(about[0] as MenuItemConstructorOptions);
    expect(ctx.showAbout).toHaveBeenCalledTimes(1);
    click(items.find((i) => i.id === 'open-data-folder') as MenuItemConstructorOptions);
    click(items.find((i) => i.id === 'open-logs-folder') as MenuItemConstructorOptions);
    expect(ctx.openDataFolder).toHaveBeenCalledTimes(1);
    expect(ctx.openLogsFolder).toHaveBeenCalledTimes(1);
  });

  it('never binds one accelerator twice and has no reload or dev tools in a packaged build', () => {
    const items = flatten(buildMenuTemplate(context(), { platform, isPackaged: true }));
    const accelerators = items.map((i) => i.accelerator).filter((a): a is string => typeof a === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
    const roles = items.map((i) => i.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('copy');
    expect(roles).toContain('paste');
    expect(roles).toContain('quit');
  });

  it('development builds add reload on Ctrl/⌘+Shift+R and dev tools', () => {
    const items = flatten(buildMenuTemplate(context(), { platform, isPackaged: false }));
    expect(byAccelerator(items, 'CmdOrCtrl+Shift+R').role).toBe('forceReload');
    expect(items.map((i) => i.role)).toContain('toggleDevTools');
  });
});

describe('About', () => {
  const info = { version: '0.1.0', electron: '41.7.1', chrome: '146.0', node: '24.1.0', dataDir: '/home/m/.config/Merchant Ledger', safeMode: false };

  it('shows the version and the data folder', () => {
    const text = aboutDetail(info);
    expect(text).toContain('0.1.0');
    expect(text).toContain('/home/m/.config/Merchant Ledger');
    expect(text).not.toContain('安全模式');
    expect(aboutDetail({ ...info, safeMode: true })).toContain('Safe mode');
  });

  it('opens the data folder only when that button is chosen', async () => {
    const openPath = vi.fn(async () => '');
    const showMessageBox = vi.fn(async () => ({ response: 1, checkboxChecked: false }));
    await showAboutDialog({ showMessageBox } as never, { openPath }, null, info);
    expect(openPath).toHaveBeenCalledWith(info.dataDir);
    showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    await showAboutDialog({ showMessageBox } as never, { openPath }, null, info);
    expect(openPath).toHaveBeenCalledTimes(1);
  });
});
