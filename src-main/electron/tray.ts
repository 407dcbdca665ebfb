/**
 * The tray icon: shows whether a sync is running or an account is failing, and offers Sync all,
 * Open, the keep-running-when-closed switch and Quit. Its state comes from account-health snapshots
 * (see account-status.ts).
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { AccountStatus } from './account-status.js';

export type TrayStatus = 'idle' | 'syncing' | 'error';

export interface TraySummary {
  readonly status: TrayStatus;
  readonly syncing: number;
  readonly failing: number;
}

/** Syncing wins over error (a retry is under way); disabled accounts are ignored. */
export function summarize(accounts: readonly AccountStatus[]): TraySummary {
  const syncing = accounts.filter((a) => a.state === 'syncing').length;
  const failing = accounts.filter((a) => a.state === 'error' || a.state === 'needs_attention').length;
  const status: TrayStatus = syncing > 0 ? 'syncing' : failing > 0 ? 'error' : 'idle';
  return { status, syncing, failing };
}

export function trayTooltip(summary: TraySummary): string {
  const base = '商户账本 Merchant Ledger';
  if (summary.status === 'syncing') return `${base} — 正在同步 ${summary.syncing} 个账户 syncing ${summary.syncing} account(s)`;
  if (summary.status === 'error') return `${base} — ${summary.failing} 个账户同步出错 ${summary.failing} account(s) failing`;
  return `${base} — 空闲 idle`;
}

const STATUS_LABEL: Readonly<Record<TrayStatus, string>> = {
  idle: '状态：空闲 Status: idle',
  syncing: '状态：正在同步 Status: syncing',
  error: '状态：同步出错 Status: sync error',
};

export interface TrayActions {
  syncAll(): void;
  open(): void;
  quit(): void;
  setKeepRunning(value: boolean): void;
}

export interface TrayDeps {
  createTray(image: NativeImage): Tray;
  icon(status: TrayStatus): NativeImage;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  keepRunning(): boolean;
  readonly actions: TrayActions;
}

export class TrayController {
  private summary: TraySummary = { status: 'idle', syncing: 0, failing: 0 };
  private readonly tray: Tray;

  constructor(private readonly deps: TrayDeps) {
    this.tray = deps.createTray(deps.icon('idle'));
    // Windows/Linux: a left click opens the window; the context menu has everything else.
    this.tray.on('click', () => deps.actions.open());
    this.render();
  }

  get status(): TrayStatus {
    return this.summary.status;
  }

  update(accounts: readonly AccountStatus[]): void {
    const next = summarize(accounts);
    const changed = next.status !== this.summary.status || next.syncing !== this.summary.syncing || next.failing !== this.summary.failing;
    this.summary = next;
    if (changed) this.render();
  }

  /** Re-renders the menu (e.g. after the keep-running setting changed elsewhere). */
  render(): void {
    this.tray.setImage(this.deps.icon(this.summary.status));
    this.tray.setToolTip(trayTooltip(this.summary));
    this.tray.setContextMenu(this.deps.buildMenu(this.menuTemplate()));
  }

  menuTemplate(): MenuItemConstructorOptions[] {
    const { actions } = this.deps;
    return [
      { id: 'tray-status', label: STATUS_LABEL[this.summary.status], enabled: false },
      { type: 'separator' },
      { id: 'tray-sync-all', label: '立即同步全部 Sync all now', enabled: this.summary.status !== 'syncing', click: () => actions.syncAll() },
      { id: 'tray-open', label: '打开商户账本 Open Merchant Ledger', click: () => actions.open() },
      {
        id: 'tray-keep-running',
        label: '关闭窗口后在后台运行 Keep running when the window is closed',
        type: 'checkbox',
        checked: this.deps.keepRunning(),
        click: (menuItem) => {
          actions.setKeepRunning(menuItem.checked);
          this.render();
        },
      },
      { type: 'separator' },
      { id: 'tray-quit', label: '退出 Quit', click: () => actions.quit() },
    ];
  }

  dispose(): void {
    this.tray.destroy();
  }
}
