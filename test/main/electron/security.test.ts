import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { trustedUrlPredicate } from '../../../src-main/electron/app-paths.js';
import { isAppUrl } from '../../../src-main/electron/protocol.js';
import { createExternalLinkOpener, hardenSession, hardenWebContents, isExternalWebUrl } from '../../../src-main/electron/security.js';
import { FakeWebContents, flush, navEvent, recordingLogger } from './fakes.js';

function guarded() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn();
  const logger = recordingLogger();
  hardenWebContents(contents.electron, { isTrustedUrl: isAppUrl, openExternal, logger }, () => null);
  return { contents, openExternal, logger };
}

describe('navigation guards', () => {
  it('allows navigation within app://ledger', () => {
    const { contents, openExternal } = guarded();
    const event = navEvent('app://ledger/index.html#/orders');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('cancels navigation to any other origin; web links go to the confirm-then-open path', () => {
    const { contents, openExternal } = guarded();
    const web = navEvent('https://example.com/help?token=abc');
    contents.emit('will-navigate', web);
    expect(web.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://example.com/help?token=abc', null);
    for (const url of ['file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'chrome://settings']) {
      const event = navEvent(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('cancels redirects away from our origin and sub-frame navigations', () => {
    const { contents } = guarded();
    const redirect = navEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const ours = navEvent('app://ledger/index.html');
    contents.emit('will-redirect', ours);
    expect(ours.preventDefault).not.toHaveBeenCalled();
    const frame = navEvent('https://evil.example/', { isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open; only http(s) links are offered to the browser', () => {
    const { contents, openExternal } = guarded();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'app://ledger/index.html' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/', null]]);
  });

  it('blocks <webview>', () => {
    const { contents } = guarded();
    const event = navEvent('');
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('accepts only plain http(s) links without credentials as external', () => {
    expect(isExternalWebUrl('https://example.com/')).toBe(true);
    expect(isExternalWebUrl('http://example.com/')).toBe(true);
    expect(isExternalWebUrl('https://user:pw@example.com/')).toBe(false);
    expect(isExternalWebUrl('smb://server/share')).toBe(false);
    expect(isExternalWebUrl('mailto:a@b.c')).toBe(false);
  });

  it('trusts the dev server origin only when one is given and it is on loopback', () => {
    const dev = trustedUrlPredicate(isAppUrl, 'http://localhost:5173');
    expect(dev('http://localhost:5173/#/orders')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('app://ledger/index.html')).toBe(true);
    expect(trustedUrlPredicate(isAppUrl, null)('http://localhost:5173/')).toBe(false);
    expect(trustedUrlPredicate(isAppUrl, 'https://evil.example')('https://evil.example/')).toBe(false);
  });
});

describe('external links', () => {
  it('opens a link only after the merchant confirms', async () => {
    const showMessageBox = vi.fn(async () => ({ response: 1, checkboxChecked: false }));
    const openExternal = vi.fn(async () => undefined);
    const open = createExternalLinkOpener({ showMessageBox } as never, { openExternal }, recordingLogger());
    open('https://example.com/a', null);
    await flush();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(openExternal).not.toHaveBeenCalled();

    showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    open('https://example.com/a', null);
    await flush();
    expect(openExternal).toHaveBeenCalledWith('https://example.com/a');
  });

  it('never asks about non-web URLs', async () => {
    const showMessageBox = vi.fn(async () => ({ response: 0, checkboxChecked: false }));
    const openExternal = vi.fn(async () => undefined);
    const open = createExternalLinkOpener({ showMessageBox } as never, { openExternal }, recordingLogger());
    open('file:///etc/passwd', null);
    open('javascript:alert(1)', null);
    await flush();
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('session permissions', () => {
  it('denies every permission request and check', () => {
    const handlers: {
      request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (...args: unknown[]) => boolean;
    } = {};
    const session = {
      setPermissionRequestHandler: (h: typeof handlers.request) => (handlers.request = h),
      setPermissionCheckHandler: (h: typeof handlers.check) => (handlers.check = h),
    };
    hardenSession(session as unknown as Session, recordingLogger());
    expect(handlers.request).toBeTypeOf('function');
    expect(handlers.check).toBeTypeOf('function');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(handlers.check?.({}, permission, 'app://ledger', {})).toBe(false);
    }
  });
});
