/**
 * The application menu, defined as a table of commands so tests can check every accelerator's
 * wiring. A command either sends a shell event to the renderer, calls a contract channel, or runs a
 * shell action (About, folders); zoom and editing use Electron's built-in roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ArgsOf, Channel, ShellEvents } from '../api/contract.js';
import { SHORTCUT_VIEW_COUNT, VIEW_NAMES, type SendShellEvent, type ShellEventName } from './shell-events.js';

/** `sync:run` without an accountId starts every enabled account (src-main/api/channels/sync.ts). */
export const SYNC_ALL_CHANNEL = 'sync:run' satisfies Channel;
export const SYNC_ALL_ARGS: ArgsOf<typeof SYNC_ALL_CHANNEL> = {};

export type MenuAction =
  | { readonly kind: 'send'; readonly name: ShellEventName; readonly payload: ShellEvents[ShellEventName] }
  | { readonly kind: 'channel'; readonly channel: string; readonly args: Readonly<Record<string, unknown>> }
  | { readonly kind: 'about' }
  | { readonly kind: 'open-data-folder' }
  | { readonly kind: 'open-logs-folder' };

export interface MenuCommand {
  readonly id: string;
  readonly label: string;
  readonly accelerator?: string;
  readonly action: MenuAction;
}

export interface MenuContext {
  readonly send: SendShellEvent;
  runChannel(channel: string, args: Readonly<Record<string, unknown>>): void;
  showAbout(): void;
  openDataFolder(): void;
  openLogsFolder(): void;
}

const VIEW_LABELS: Readonly<Record<(typeof VIEW_NAMES)[number], string>> = {
  dashboard: '概览 Overview',
  orders: '订单 Orders',
  cards: '卡密 Card codes',
  commissions: '佣金 Commissions',
  settlements: '结算 Settlements',
  flows: '资金流水 Money flows',
  reports: '报表 Reports',
  reconcile: '对账 Reconciliation',
  accounts: '账户 Accounts',
  'sync-log': '同步记录 Sync log',
  settings: '设置 Settings',
};

export const VIEW_COMMANDS: readonly MenuCommand[] = VIEW_NAMES.map((view, i) => ({
  id: `view-${view}`,
  label: VIEW_LABELS[view],
  ...(i < SHORTCUT_VIEW_COUNT ? { accelerator: `CmdOrCtrl+${i + 1}` } : {}),
  action: { kind: 'send', name: 'shell:navigate', payload: { view, index: i + 1 } },
}));

export const MENU_COMMANDS = {
  syncAll: { id: 'sync-all', label: '立即同步全部 Sync all now', accelerator: 'CmdOrCtrl+R', action: { kind: 'channel', channel: SYNC_ALL_CHANNEL, args: SYNC_ALL_ARGS } },
  find: { id: 'find', label: '查找… Find…', accelerator: 'CmdOrCtrl+F', action: { kind: 'send', name: 'shell:find', payload: {} } },
  openDataFolder: { id: 'open-data-folder', label: '打开数据目录 Open data folder', action: { kind: 'open-data-folder' } },
  openLogsFolder: { id: 'open-logs-folder', label: '打开日志目录 Open log folder', action: { kind: 'open-logs-folder' } },
  about: { id: 'about', label: '关于商户账本 About Merchant Ledger', action: { kind: 'about' } },
} as const satisfies Record<string, MenuCommand>;

/** Built-in roles with their accelerators; `=` also zooms in (no Shift needed on most keyboards). */
export const ZOOM_ITEMS: readonly MenuItemConstructorOptions[] = [
  { role: 'zoomIn', label: '放大 Zoom in', accelerator: 'CmdOrCtrl+Plus' },
  { role: 'zoomIn', label: '放大 Zoom in', accelerator: 'CmdOrCtrl+=', visible: false, acceleratorWorksWhenHidden: true },
  { role: 'zoomOut', label: '缩小 Zoom out', accelerator: 'CmdOrCtrl+-' },
  { role: 'resetZoom', label: '实际大小 Actual size', accelerator: 'CmdOrCtrl+0' },
];

export function runMenuAction(action: MenuAction, ctx: MenuContext): void {
  switch (action.kind) {
    case 'send':
      // The table pairs each name with its payload; the union cannot express that link to the compiler.
      (ctx.send as (name: ShellEventName, payload: unknown) => void)(action.name, action.payload);
      return;
    case 'channel':
      ctx.runChannel(action.channel, action.args);
      return;
    case 'about':
      ctx.showAbout();
      return;
    case 'open-data-folder':
      ctx.openDataFolder();
      return;
    case 'open-logs-folder':
      ctx.openLogsFolder();
      return;
  }
}

function item(command: MenuCommand, ctx: MenuContext): MenuItemConstructorOptions {
  return {
    id: command.id,
    label: command.label,
    ...(command.accelerator ? { accelerator: command.accelerator } : {}),
    click: () => runMenuAction(command.action, ctx),
  };
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Development builds get reload and developer tools. */
  readonly isPackaged: boolean;
}

export function buildMenuTemplate(ctx: MenuContext, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const c = MENU_COMMANDS;
  const devItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'forceReload', accelerator: 'CmdOrCtrl+Shift+R' }, { role: 'toggleDevTools' }];
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件 File',
      submenu: [item(c.syncAll, ctx), { type: 'separator' }, item(c.openDataFolder, ctx), ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: '退出 Quit' }])],
    },
    {
      label: '编辑 Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }, { type: 'separator' }, item(c.find, ctx)],
    },
    {
      label: '视图 View',
      submenu: [...VIEW_COMMANDS.map((command) => item(command, ctx)), { type: 'separator' }, ...ZOOM_ITEMS, { type: 'separator' }, { role: 'togglefullscreen' }, ...devItems],
    },
    { label: '窗口 Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    { label: '帮助 Help', submenu: [...(mac ? [] : [item(c.about, ctx)]), item(c.openLogsFolder, ctx)] },
  ];
  if (mac) {
    template.unshift({
      label: 'Merchant Ledger',
      submenu: [item(c.about, ctx), { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  return template;
}
