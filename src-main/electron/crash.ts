/**
 * What happens when something breaks: a renderer that dies or hangs is logged and the merchant is
 * offered a reload; an uncaught error in the main process is logged through the core's redacting
 * logger and reported in a dialog that points at the log folder (never the raw message, which could
 * carry data the log would have masked).
 */
import type { BrowserWindow, Dialog, RenderProcessGoneDetails } from 'electron';
import type { ShellLogger } from './shell-types.js';

export interface CrashDeps {
  readonly logger: () => ShellLogger;
  readonly dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>;
}

/** Reloads offered before the shell stops offering (a page that crashes on load would loop). */
export const MAX_RELOAD_OFFERS = 3;

export function watchRenderer(win: BrowserWindow, deps: CrashDeps): void {
  let offers = 0;
  win.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    deps.logger().error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
    if (details.reason === 'clean-exit' || win.isDestroyed() || offers >= MAX_RELOAD_OFFERS) return;
    offers += 1;
    void deps.dialog
      .showMessageBox(win, {
        type: 'error',
        message: '窗口内容意外停止 The window stopped unexpectedly',
        detail: `原因 reason: ${details.reason}`,
        buttons: ['重新加载 Reload', '关闭 Close'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 0 && !win.isDestroyed()) win.webContents.reload();
      });
  });
  let asking = false;
  win.on('unresponsive', () => {
    deps.logger().warn({}, 'window unresponsive');
    if (asking || win.isDestroyed()) return;
    asking = true;
    void deps.dialog
      .showMessageBox(win, {
        type: 'warning',
        message: '窗口没有响应 The window is not responding',
        buttons: ['继续等待 Wait', '重新加载 Reload'],
        defaultId: 0,
        cancelId: 0,
      })
      .then(({ response }) => {
        if (response === 1 && !win.isDestroyed()) {
          win.webContents.forcefullyCrashRenderer();
          win.webContents.reload();
        }
      })
      .finally(() => {
        asking = false;
      });
  });
  win.on('responsive', () => deps.logger().info({}, 'window responsive again'));
}

export function uncaughtErrorText(error: unknown, logsDir: string): { title: string; content: string } {
  const kind = error instanceof Error ? error.name : typeof error;
  return {
    title: '商户账本出错 Merchant Ledger error',
    content: `发生了未预期的错误（${kind}），详情已写入日志：\nAn unexpected error (${kind}) occurred; details are in the log:\n\n${logsDir}`,
  };
}

/** Logs uncaught exceptions and unhandled rejections and shows one dialog per error kind. */
export function installProcessErrorHandlers(proc: Pick<NodeJS.Process, 'on'>, deps: CrashDeps & { logsDir: () => string }): void {
  const shown = new Set<string>();
  const report = (error: unknown, origin: string) => {
    deps.logger().error({ err: error, origin }, 'uncaught error in the main process');
    const text = uncaughtErrorText(error, deps.logsDir());
    if (shown.has(text.content)) return;
    shown.add(text.content);
    try {
      deps.dialog.showErrorBox(text.title, text.content);
    } catch {
      // Before `ready` on some platforms a dialog cannot be shown; the log has it.
    }
  };
  proc.on('uncaughtException', (error) => report(error, 'uncaughtException'));
  proc.on('unhandledRejection', (reason) => report(reason, 'unhandledRejection'));
}
