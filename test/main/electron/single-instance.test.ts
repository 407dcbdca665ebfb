import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, focusWindow } from '../../../src-main/electron/single-instance.js';
import { FakeWindow } from './fakes.js';

class FakeApp extends EventEmitter {
  constructor(private readonly gotLock: boolean) {
    super();
  }
  readonly quit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
  get electron(): Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'> {
    return this as unknown as Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;
  }
}

describe('single instance', () => {
  it('a second launch quits at once and never starts', () => {
    const app = new FakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app.electron, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance keeps running and focuses its window when another launch happens', () => {
    const app = new FakeApp(true);
    const win = new FakeWindow();
    win.minimized = true;
    win.visible = false;
    expect(claimSingleInstance(app.electron, () => focusWindow(win.electron))).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(win.focus).not.toHaveBeenCalled();

    app.emit('second-instance', {}, ['merchant-ledger'], '/tmp');
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });

  it('focusWindow leaves a visible, normal window as it is apart from focusing, and ignores a destroyed one', () => {
    const win = new FakeWindow();
    expect(focusWindow(win.electron)).toBe(true);
    expect(win.restore).not.toHaveBeenCalled();
    expect(win.show).not.toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalledTimes(1);

    win.destroyed = true;
    expect(focusWindow(win.electron)).toBe(false);
    expect(focusWindow(null)).toBe(false);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });
});
