/**
 * Reads a Duomai response: `{status, message, data}`. Duomai answers business errors with HTTP 400 and
 * a status code in the body, so the envelope is read first and only then the transport status.
 */
import type { z } from 'zod';
import { badShape, parseJsonBody, throwForTransportStatus, type HttpResponse, parseRetryAfter } from '../http.js';
import { ProviderError } from '../provider-error.js';
import { duomaiEnvelopeSchema } from './schemas.js';

const PROVIDER = 'duomai';

function parseBody(res: HttpResponse): unknown {
  try {
    return parseJsonBody(PROVIDER, res);
  } catch (error) {
    // A non-JSON 429/5xx is still a transport-level failure the engine may retry.
    if (res.status === 429) throwForTransportStatus(PROVIDER, res);
    if (res.status >= 500 && error instanceof ProviderError && !error.retryable) throwForTransportStatus(PROVIDER, res);
    throw error;
  }
}

/** The business status as text, or null when it means success (0, "0", empty or absent). */
function businessCode(status: unknown): string | null {
  if (status === undefined || status === null || status === '') return null;
  const text = String(status).trim();
  return text === '' || text === '0' ? null : text;
}

function describe(message: unknown): string {
  return typeof message === 'string' && message.trim() !== '' ? `：${message.trim()}` : '';
}

/** Maps a non-zero envelope status into the error taxonomy (providers.md §5.2). */
export function duomaiBusinessError(code: string, message: unknown, res: HttpResponse): ProviderError {
  const n = Number(code);
  const base = { provider: PROVIDER, providerCode: code, httpStatus: res.status, raw: res.text } as const;
  const detail = describe(message);
  if (n === 401) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: `签名或时间戳校验失败，请检查 AppKey、密钥(hash)和电脑时间${detail} (verification failed: check app key, secret and clock)`,
    });
  }
  if (n === 429) {
    return new ProviderError({
      ...base,
      kind: 'rate_limit',
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      message: `请求过于频繁，请稍后再试${detail} (rate limited, status 429)`,
    });
  }
  if (n === 500 || (n >= 5000 && n <= 5999) || (!Number.isInteger(n) && res.status >= 500)) {
    return new ProviderError({
      ...base,
      kind: 'bad_response',
      retryable: true,
      message: `多麦服务繁忙，请稍后重试${detail} (service busy, status ${code})`,
    });
  }
  if (n === 404) {
    return new ProviderError({ ...base, kind: 'rejected', message: `接口或资源不存在${detail} (not found, status 404)` });
  }
  if (n >= 4000 && n <= 4999) {
    return new ProviderError({ ...base, kind: 'rejected', message: `请求参数未通过校验${detail} (request rejected, status ${code})` });
  }
  return new ProviderError({
    ...base,
    kind: 'rejected',
    retryable: res.status >= 500,
    message: `多麦返回错误${detail} (unexpected status ${code})`,
  });
}

/** `data` is documented as an object but served as a list; accept both, plus `{list: [...]}`. */
function extractList(data: unknown): unknown[] | null {
  if (data === undefined || data === null || data === '') return [];
  if (Array.isArray(data)) return data;
  if (typeof data !== 'object') return null;
  const obj = data as Record<string, unknown>;
  for (const key of ['list', 'data', 'items', 'rows']) {
    const inner = obj[key];
    if (Array.isArray(inner)) return inner;
  }
  if ('order_sn' in obj) return [obj];
  return Object.keys(obj).length === 0 ? [] : null;
}

/**
 * Validates a response and returns its rows. Throws ProviderError for business codes, transport
 * statuses, non-JSON bodies and rows that do not match `rowSchema`.
 */
export function readDuomaiRows<T>(res: HttpResponse, rowSchema: z.ZodType<T>): T[] {
  const body = parseBody(res);
  const envelope = duomaiEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    throwForTransportStatus(PROVIDER, res);
    throw badShape(PROVIDER, res, envelope.error.message);
  }
  const code = businessCode(envelope.data.status);
  if (code !== null) throw duomaiBusinessError(code, envelope.data.message, res);
  throwForTransportStatus(PROVIDER, res);
  if (res.status < 200 || res.status >= 300) {
    throw badShape(PROVIDER, res, `HTTP ${res.status} without an error status in the body`);
  }
  const list = extractList(envelope.data.data);
  if (list === null) throw badShape(PROVIDER, res, 'data is neither a list nor an object with a list');
  return list.map((item, index) => {
    const row = rowSchema.safeParse(item);
    if (!row.success) throw badShape(PROVIDER, res, `row ${index}: ${row.error.message}`);
    return row.data;
  });
}
