/**
 * The renderer's only door to the core. Inside the desktop shell it uses `window.api` (the preload's
 * contextBridge); in a browser it uses the loopback web transport (`POST /api/<channel>`, SSE on
 * `/api/events`, authenticated by the HttpOnly session cookie). Both carry the same typed contract.
 */
import type { ApiBridge } from '../../../src-main/api/bridge.js';
import type { AppEvents, ArgsOf, Channel, EventName, ResultOf } from '../../../src-main/api/contract.js';
import type { DesktopArgsOf, DesktopChannel, DesktopResultOf } from '../../../src-main/api/desktop-channels.js';
import type { ApiErrorCode } from '../../../src-main/api/result.js';

/** Contract error codes, plus `transport` when the call never produced a Result (offline, bad body…). */
export type ApiClientErrorCode = ApiErrorCode | 'transport';

const KNOWN_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  'validation',
  'not_found',
  'conflict',
  'provider',
  'locked',
  'unauthorized',
  'unknown_channel',
  'cancelled',
  'internal',
]);

/** A failed call: the server's `{ok:false}` error, or a transport failure. */
export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  constructor(
    readonly code: ApiClientErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly channel: string = '',
  ) {
    super(message);
  }

  /** Field problems of a `validation` error as `{path, message}` (plain strings get an empty path). */
  get issues(): { path: string; message: string }[] {
    const raw = this.details['issues'];
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item: unknown) => {
      if (typeof item === 'string') return [{ path: '', message: item }];
      if (item && typeof item === 'object') {
        const rec = item as Record<string, unknown>;
        const message = typeof rec['message'] === 'string' ? rec['message'] : '';
        const path = typeof rec['path'] === 'string' ? rec['path'] : Array.isArray(rec['path']) ? rec['path'].join('.') : '';
        return message ? [{ path, message }] : [];
      }
      return [];
    });
  }
}

/** A call's outcome as a transport reports it: a contract Result, or a transport failure. */
export type WireResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly code: ApiClientErrorCode; readonly message: string; readonly details?: Readonly<Record<string, unknown>> } };

/** What both transports provide: one call primitive and per-event subscriptions. */
export interface Transport {
  readonly kind: 'desktop' | 'web';
  invoke(channel: string, args: unknown): Promise<WireResult>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
  /** The desktop shell's own channels (settings, passphrase unlock); absent in the web mode. */
  shell?(channel: string, args: unknown): Promise<WireResult>;
}

export function bridgeTransport(bridge: ApiBridge): Transport {
  return {
    kind: 'desktop',
    invoke: (channel, args) => bridge.invoke(channel, args),
    subscribe: (name, listener) =>
      bridge.subscribe((eventName, payload) => {
        if (eventName === name) listener(payload);
      }),
    shell: (channel, args) => bridge.shell(channel, args),
  };
}

function transportFailure(message: string, details: Record<string, unknown> = {}): WireResult {
  return { ok: false, error: { code: 'transport', message, details } };
}

function asWireResult(body: unknown, status: number): WireResult {
  if (!body || typeof body !== 'object' || !('ok' in body)) {
    return transportFailure(`服务器返回了无法识别的内容 unexpected response (HTTP ${status})`, { status });
  }
  const rec = body as { ok: unknown; value?: unknown; error?: unknown };
  if (rec.ok === true) return { ok: true, value: rec.value };
  const err = (rec.error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const serverCode = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : `HTTP ${status}`;
  const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
  if (KNOWN_CODES.has(serverCode)) return { ok: false, error: { code: serverCode as ApiErrorCode, message, details } };
  // The web server's own refusals (forbidden_host, too_large, …) are not contract codes.
  const code: ApiClientErrorCode = status === 401 || status === 403 ? 'unauthorized' : 'transport';
  return { ok: false, error: { code, message, details: { ...details, serverCode, status } } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export interface WebTransportOptions {
  readonly fetch?: typeof fetch;
  readonly createEventSource?: (url: string) => EventSource;
  /** Prefix for `/api/…` (same origin by default). */
  readonly baseUrl?: string;
}

export function webTransport(options: WebTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const makeSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const base = options.baseUrl ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function openSource(): EventSource {
    const es = makeSource(`${base}/api/events`);
    for (const name of listeners.keys()) bindName(es, name);
    return es;
  }

  function bindName(es: EventSource, name: string): void {
    es.addEventListener(name, (ev) => {
      const payload = parseJson(String((ev as MessageEvent).data));
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  }

  return {
    kind: 'web',
    async invoke(channel, args) {
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        return transportFailure(`无法连接本地服务 cannot reach the local server: ${text}`);
      }
      return asWireResult(parseJson(await response.text().catch(() => '')), response.status);
    },
    subscribe(name, listener) {
      let set = listeners.get(name);
      const isNewName = !set;
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener);
      if (!source) source = openSource();
      else if (isNewName) bindName(source, name);
      return () => {
        const current = listeners.get(name);
        current?.delete(listener);
        if (current && current.size === 0) listeners.delete(name);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

let current: Transport | null = null;

/** The transport in use: `window.api` when the desktop preload provided it, else the web transport. */
export function transport(): Transport {
  if (!current) current = typeof window !== 'undefined' && window.api ? bridgeTransport(window.api) : webTransport();
  return current;
}

/** Replaces the transport (tests) or resets it to auto-detection (`null`). */
export function setTransport(next: Transport | null): void {
  current = next;
}

/** Calls one contract channel; resolves with its value or throws ApiClientError. */
export async function invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  return unwrap(channel, () => transport().invoke(channel, args)) as Promise<ResultOf<C>>;
}

async function unwrap(channel: string, call: () => Promise<WireResult>): Promise<unknown> {
  let result: WireResult;
  try {
    result = await call();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new ApiClientError('transport', `调用失败 call failed: ${text}`, {}, channel);
  }
  if (!result.ok) throw new ApiClientError(result.error.code, result.error.message, result.error.details ?? {}, channel);
  return result.value;
}

/** True inside the desktop app, where the shell's own channels exist. */
export function hasDesktopShell(): boolean {
  return typeof transport().shell === 'function';
}

/** Calls one of the desktop shell's channels; throws ApiClientError (`unknown_channel` in the web mode). */
export async function invokeShell<C extends DesktopChannel>(channel: C, args: DesktopArgsOf<C>): Promise<DesktopResultOf<C>> {
  const shell = transport().shell;
  if (!shell) throw new ApiClientError('unknown_channel', '仅在桌面应用中可用 only in the desktop app', {}, channel);
  return unwrap(channel, () => shell(channel, args)) as Promise<DesktopResultOf<C>>;
}

/** Subscribes to one push event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, callback: (payload: AppEvents[E]) => void): () => void {
  return transport().subscribe(name, (payload) => callback(payload as AppEvents[E]));
}

/** Any caught value as an ApiClientError (stores keep errors in this one shape). */
export function toApiClientError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  return new ApiClientError('transport', error instanceof Error ? error.message : String(error));
}
