/** The About dialog: version, runtime versions and where the ledger lives (with a button to open it). */
import type { BrowserWindow, Dialog, Shell } from 'electron';

export interface AboutInfo {
  readonly version: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
  readonly dataDir: string;
  readonly safeMode: boolean;
}

export function aboutDetail(info: AboutInfo): string {
  return [
    `版本 Version ${info.version}`,
    `Electron ${info.electron} · Chromium ${info.chrome} · Node ${info.node}`,
    '',
    `数据目录 Data folder:`,
    info.dataDir,
    ...(info.safeMode ? ['', '安全模式：本次未启动自动同步 Safe mode: automatic sync is off for this run'] : []),
  ].join('\n');
}

export async function showAboutDialog(
  dialog: Pick<Dialog, 'showMessageBox'>,
  shell: Pick<Shell, 'openPath'>,
  parent: BrowserWindow | null,
  info: AboutInfo,
): Promise<void> {
  const options = {
    type: 'info' as const,
    title: '关于 About',
    message: '商户账本 Merchant Ledger',
    detail: aboutDetail(info),
    buttons: ['确定 OK', '打开数据目录 Open data folder'],
    defaultId: 0,
    cancelId: 0,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response === 1) await shell.openPath(info.dataDir);
}
