import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installProcessErrorHandlers, MAX_RELOAD_OFFERS, watchRenderer } from '../../../src-main/electron/crash.js';
import { RunMarker } from '../../../src-main/electron/run-marker.js';
import { FakeWindow, flush, recordingLogger } from './fakes.js';

function setup(response = 0) {
  const win = new FakeWindow();
  const logger = recordingLogger();
  const dialog = { showMessageBox: vi.fn(async () => ({ response, checkboxChecked: false })), showErrorBox: vi.fn() };
  watchRenderer(win as unknown as BrowserWindow, { logger: () => logger, dialog: dialog as never });
  return { win, logger, dialog };
}

describe('renderer crashes', () => {
  it('logs a crashed renderer and reloads it when the merchant agrees', async () => {
    const { win, logger, dialog } = setup(0);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await flush();
    expect(logger.lines).toContainEqual({ level: 'error', message: 'renderer process gone', fields: { reason: 'crashed', exitCode: 139 } });
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload when declined, ignores a clean exit, and stops offering after repeated crashes', async () => {
    const { win, dialog } = setup(1);
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await flush();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    for (let i = 0; i < MAX_RELOAD_OFFERS + 2; i += 1) win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    await flush();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(MAX_RELOAD_OFFERS);
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('offers to reload an unresponsive window (once at a time)', async () => {
    const { win, dialog } = setup(1);
    win.emit('unresponsive');
    win.emit('unresponsive');
    await flush();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });
});

describe('uncaught errors', () => {
  it('are logged with the core logger and shown with the log location, never the raw message', () => {
    const proc = new EventEmitter();
    const logger = recordingLogger();
    const dialog = { showMessageBox: vi.fn(), showErrorBox: vi.fn() };
    installProcessErrorHandlers(proc as unknown as NodeJS.Process, { logger: () => logger, dialog: dialog as never, logsDir: () => '/data/logs/merchant-ledger.log' });
    const error = new TypeError('token=sk-live-123 leaked');
    proc.emit('uncaughtException', error);
    expect(logger.lines[0]).toMatchObject({ level: 'error', fields: { err: error, origin: 'uncaughtException' } });
    const [title, content] = dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toContain('Merchant Ledger');
    expect(content).toContain('/data/logs/merchant-ledger.log');
    expect(content).toContain('TypeError');
    expect(content).not.toContain('sk-live-123');

    proc.emit('uncaughtException', new TypeError('again'));
    proc.emit('unhandledRejection', new RangeError('x'));
    expect(logger.lines).toHaveLength(3);
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(2);
  });
});

describe('safe mode marker', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is off on the first run and after a run that reached ready or stopped', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-marker-'));
    const marker = RunMarker.inDataDir(dir);
    expect(marker.begin()).toEqual({ safeMode: false, previous: null });
    marker.markReady();
    expect(RunMarker.inDataDir(dir).begin()).toEqual({ safeMode: false, previous: 'ready' });
    const again = RunMarker.inDataDir(dir);
    again.markStopped();
    expect(again.begin()).toEqual({ safeMode: false, previous: 'stopped' });
  });

  it('is on when the last start never reached ready, and can be forced', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-marker-'));
    RunMarker.inDataDir(dir).begin(); // crashed during start-up
    const marker = RunMarker.inDataDir(dir);
    expect(marker.begin()).toEqual({ safeMode: true, previous: 'starting' });
    marker.markReady();
    expect(RunMarker.inDataDir(dir).begin(true).safeMode).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'last-run.json'), 'utf8')).phase).toBe('starting');
  });
});
