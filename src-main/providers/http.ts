/**
 * The one HTTP path all adapters use: injected fetch, a timeout that covers headers *and* body, and the
 * transport-level mapping into ProviderError (network, timeout, 429, 5xx, HTML pages, malformed JSON).
 * Provider-specific envelopes and business codes are mapped by each adapter after this.
 */
import type { ProviderSlug } from '../domain/models.js';
import { parseJsonLossless } from './json.js';
import { ProviderError } from './provider-error.js';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Pass the exact string that was signed; the library must not re-serialize it. */
  body?: string | URLSearchParams | FormData;
  timeoutMs: number;
  /** Caller cancellation (sync cancel). Its abort is re-thrown as-is, not mapped to a ProviderError. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const HTML_RE = /^\s*(<!doctype html|<html|<\?xml|<head|<body)/i;

function timeoutError(provider: ProviderSlug, timeoutMs: number, cause: unknown): ProviderError {
  return new ProviderError({
    kind: 'timeout',
    provider,
    message: `请求超时（${timeoutMs} ms 内未收到完整响应） request timed out after ${timeoutMs} ms`,
    cause,
  });
}

/** Sends one request and reads the whole body within `timeoutMs`. */
export async function sendHttp(fetchImpl: FetchLike, provider: ProviderSlug, req: HttpRequest): Promise<HttpResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('timeout')), req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  try {
    const response = await fetchImpl(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason ?? error;
    if (timeout.signal.aborted) throw timeoutError(provider, req.timeoutMs, error);
    throw new ProviderError({
      kind: 'network',
      provider,
      message: `无法连接到服务器 network error: ${describeCause(error)}`,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
    return [error.message, code].filter(Boolean).join(' ');
  }
  return String(error);
}

/** Retry-After as seconds or an HTTP date → ms; absent or unreadable → undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Maps statuses that mean the same at every gateway: 429 → rate_limit (honouring Retry-After), 5xx →
 * retryable bad_response. Adapters whose gateway uses other statuses for business errors (Duomai's
 * HTTP 400) call this after reading their envelope.
 */
export function throwForTransportStatus(provider: ProviderSlug, res: HttpResponse): void {
  if (res.status === 429) {
    throw new ProviderError({
      kind: 'rate_limit',
      provider,
      httpStatus: 429,
      message: '请求过于频繁，服务器要求稍后再试 rate limited (HTTP 429)',
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      raw: res.text,
    });
  }
  if (res.status >= 500) {
    throw new ProviderError({
      kind: 'bad_response',
      provider,
      retryable: true,
      httpStatus: res.status,
      message: `服务器出错 server error (HTTP ${res.status})`,
      raw: res.text,
    });
  }
}

/**
 * Parses a JSON body losslessly. HTML error pages and malformed or truncated JSON become bad_response
 * errors that keep the raw body.
 */
export function parseJsonBody(provider: ProviderSlug, res: HttpResponse): unknown {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('text/html') || HTML_RE.test(res.text)) {
    throw new ProviderError({
      kind: 'bad_response',
      provider,
      retryable: res.status >= 500,
      httpStatus: res.status,
      message: `服务器返回了网页而不是 JSON（HTTP ${res.status}），可能是地址错误或网关故障 got an HTML page instead of JSON`,
      raw: res.text,
    });
  }
  if (res.text.trim() === '') {
    throw new ProviderError({
      kind: 'bad_response',
      provider,
      httpStatus: res.status,
      message: `服务器返回了空响应（HTTP ${res.status}） empty response body`,
      raw: res.text,
    });
  }
  try {
    return parseJsonLossless(res.text);
  } catch (error) {
    throw new ProviderError({
      kind: 'bad_response',
      provider,
      httpStatus: res.status,
      message: `服务器返回的 JSON 无法解析（HTTP ${res.status}）：${error instanceof Error ? error.message : String(error)}`,
      raw: res.text,
      cause: error,
    });
  }
}

/** Wraps a zod (or other) validation failure of a parsed envelope as bad_response with the raw body. */
export function badShape(provider: ProviderSlug, res: HttpResponse, detail: string): ProviderError {
  return new ProviderError({
    kind: 'bad_response',
    provider,
    httpStatus: res.status,
    message: `服务器响应的格式与文档不符 unexpected response shape: ${detail}`,
    raw: res.text,
  });
}
