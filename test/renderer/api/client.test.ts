import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiBridge } from '../../../src-main/api/bridge.js';
import type { Result } from '../../../src-main/api/result.js';
import {
  ApiClientError,
  bridgeTransport,
  hasDesktopShell,
  invoke,
  invokeShell,
  onEvent,
  setTransport,
  transport,
  webTransport,
} from '../../../src-renderer/src/api/client.js';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fakeBridge(answer: unknown = { ok: true, value: [] }) {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const bridge = {
    invoke: vi.fn(async () => answer),
    subscribe: vi.fn((l: (name: string, payload: unknown) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
  };
  return { bridge: bridge as unknown as ApiBridge & typeof bridge, emit: (n: string, p: unknown) => listeners.forEach((l) => l(n, p)), listeners };
}

class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly handlers = new Map<string, ((ev: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, handler: (ev: MessageEvent) => void): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }
  close(): void {
    this.closed = true;
  }
  fire(name: string, data: string): void {
    for (const h of this.handlers.get(name) ?? []) h(new MessageEvent(name, { data }));
  }
}

afterEach(() => {
  setTransport(null);
  delete window.api;
  vi.unstubAllGlobals();
});

describe('transport selection', () => {
  it('uses window.api when the desktop preload provides it', async () => {
    const { bridge } = fakeBridge({ ok: true, value: [{ id: 1 }] });
    window.api = bridge;
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    expect(transport().kind).toBe('desktop');
    await expect(invoke('accounts:list', {})).resolves.toEqual([{ id: 1 }]);
    expect(bridge.invoke).toHaveBeenCalledWith('accounts:list', {});
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('falls back to the web transport without window.api', async () => {
    const fetchSpy = vi.fn(async () => jsonResponse({ ok: true, value: { accounts: 0 } }));
    vi.stubGlobal('fetch', fetchSpy);
    expect(transport().kind).toBe('web');
    await invoke('app:status', {});
    expect(fetchSpy).toHaveBeenCalledOnce();
  });
});

describe('web transport', () => {
  it('POSTs the arguments as JSON to /api/<channel> with same-origin credentials', async () => {
    const fetchSpy = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse({ ok: true, value: { removed: true } }));
    setTransport(webTransport({ fetch: fetchSpy as unknown as typeof fetch }));
    await expect(invoke('accounts:remove', { id: 3 })).resolves.toEqual({ removed: true });
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('/api/accounts%3Aremove');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ id: 3 });
  });

  it('throws ApiClientError with the server code, message and validation issues on ok:false', async () => {
    const issues = [{ path: 'settings.userId', message: 'Required' }];
    const fetchSpy = vi.fn(async () => jsonResponse({ ok: false, error: { code: 'validation', message: '参数无效', details: { issues } } }));
    setTransport(webTransport({ fetch: fetchSpy as unknown as typeof fetch }));
    const error = await invoke('accounts:add', { provider: 'kasushou', name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    const e = error as ApiClientError;
    expect(e.code).toBe('validation');
    expect(e.message).toBe('参数无效');
    expect(e.channel).toBe('accounts:add');
    expect(e.issues).toEqual(issues);
  });

  it('reads plain-string issues (provider schemas) as issues without a path', () => {
    const e = new ApiClientError('validation', 'bad', { issues: ['userId: Required'] });
    expect(e.issues).toEqual([{ path: '', message: 'userId: Required' }]);
  });

  it('maps the server refusing the session (401, non-contract code) to unauthorized', async () => {
    const fetchSpy = vi.fn(async () => jsonResponse({ ok: false, error: { code: 'forbidden_origin', message: '拒绝' } }, 403));
    setTransport(webTransport({ fetch: fetchSpy as unknown as typeof fetch }));
    await expect(invoke('accounts:list', {})).rejects.toMatchObject({ code: 'unauthorized', message: '拒绝' });
  });

  it('reports a network failure or a non-JSON body as a transport error', async () => {
    setTransport(webTransport({ fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch }));
    await expect(invoke('accounts:list', {})).rejects.toMatchObject({ code: 'transport' });
    setTransport(webTransport({ fetch: (async () => new Response('<html>502</html>', { status: 502 })) as unknown as typeof fetch }));
    await expect(invoke('accounts:list', {})).rejects.toMatchObject({ code: 'transport' });
  });

  it('delivers server-sent events by name and closes the stream after the last unsubscribe', () => {
    setTransport(webTransport({ fetch: vi.fn() as unknown as typeof fetch, createEventSource: (url) => new FakeEventSource(url) as unknown as EventSource }));
    const seen: unknown[] = [];
    const off = onEvent('accounts:changed', (payload) => seen.push(payload));
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events');
    source.fire('accounts:changed', '{"accountId":4}');
    source.fire('something:else', '{}');
    expect(seen).toEqual([{ accountId: 4 }]);
    off();
    expect(source.closed).toBe(true);
  });
});

describe('desktop bridge transport', () => {
  it('filters bridge events by name and unsubscribes', () => {
    const { bridge, emit, listeners } = fakeBridge();
    setTransport(bridgeTransport(bridge));
    const seen: unknown[] = [];
    const off = onEvent('accounts:changed', (p) => seen.push(p));
    emit('accounts:changed', { accountId: null });
    emit('other', { x: 1 });
    expect(seen).toEqual([{ accountId: null }]);
    off();
    expect(listeners.size).toBe(0);
  });

  it('throws ApiClientError when the bridge answers ok:false or rejects', async () => {
    const { bridge } = fakeBridge({ ok: false, error: { code: 'not_found', message: '账户不存在' } });
    setTransport(bridgeTransport(bridge));
    await expect(invoke('accounts:test', { id: 9 })).rejects.toMatchObject({ name: 'ApiClientError', code: 'not_found' });
    bridge.invoke.mockRejectedValueOnce(new Error('ipc down'));
    await expect(invoke('accounts:test', { id: 9 })).rejects.toMatchObject({ code: 'transport' });
  });
});

describe('desktop shell channels', () => {
  it('go through window.api.shell, not the contract’s invoke', async () => {
    const { bridge } = fakeBridge();
    const shell = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: { state: 'open' } }));
    window.api = { ...bridge, shell };
    expect(hasDesktopShell()).toBe(true);
    await expect(invokeShell('desktop:unlock:state', {})).resolves.toEqual({ state: 'open' });
    expect(shell).toHaveBeenCalledWith('desktop:unlock:state', {});
    expect(bridge.invoke).not.toHaveBeenCalled();

    shell.mockResolvedValueOnce({ ok: false, error: { code: 'validation', message: 'bad' } });
    await expect(invokeShell('desktop:settings:set', { launchAtLogin: true })).rejects.toMatchObject({ code: 'validation', channel: 'desktop:settings:set' });
  });

  it('do not exist in the web mode', async () => {
    const fetchSpy = vi.fn();
    setTransport(webTransport({ fetch: fetchSpy }));
    expect(hasDesktopShell()).toBe(false);
    await expect(invokeShell('desktop:settings:get', {})).rejects.toMatchObject({ code: 'unknown_channel' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
