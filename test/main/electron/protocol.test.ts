import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, createAppProtocolHandler, isAppUrl, registerAppScheme, resolveAppAsset } from '../../../src-main/electron/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/web/security.js';

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'ml-proto-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ledger</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(outside, 'do not serve');
});
afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure, fetch-capable scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
  });

  it('serves the renderer with the CSP and the right content type', async () => {
    const page = await get(APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('ledger');
    const script = await get('app://ledger/assets/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('serves index.html for the bare origin and extension-less routes, 404 for missing files', async () => {
    expect(resolveAppAsset('app://ledger/', root)).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppAsset('app://ledger/orders', root)).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect((await get('app://ledger/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://ledger/../secret.txt',
    'app://ledger/assets/../../secret.txt',
    'app://ledger/%2e%2e/secret.txt',
    'app://ledger/%2E%2E/secret.txt',
    'app://ledger/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://ledger/..%5csecret.txt',
    'app://ledger/assets%5c..%5c..%5csecret.txt',
    'app://ledger/a%00.js',
  ])('refuses path traversal: %s', async (url) => {
    const asset = resolveAppAsset(url, root);
    expect(asset.ok).toBe(false);
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('refuses a raw "." segment too (the URL parser would normally have removed it)', () => {
    expect(resolveAppAsset('app://ledger/./index.html', root)).toEqual({ ok: false, status: 403 });
  });

  it.each(['app://evil/index.html', 'app://ledger.evil/index.html', 'app://ledger:8080/index.html', 'file:///etc/passwd', 'https://ledger/index.html'])(
    'refuses unknown hosts and other schemes: %s',
    async (url) => {
      expect(resolveAppAsset(url, root)).toEqual({ ok: false, status: 404 });
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('recognises only our own origin as ours', () => {
    expect(isAppUrl('app://ledger/index.html#/orders')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
