/**
 * Kuaimai envelopes (providers.md §3.4): success is `{success:true, …data, traceId}`; an error is
 * `{code:"25", msg, success:false, trace_id}` with HTTP 200. The code table follows Taobao TOP, which
 * the gateway mirrors (25 invalid signature, 27 invalid session, 7 call limit): INFERRED beyond 25/27.
 */
import { badShape, type HttpResponse } from '../http.js';
import { ProviderError } from '../provider-error.js';
import { envelopeSchema } from './schemas.js';

const SESSION_MESSAGE = '授权会话无效或已过期，请刷新或重新授权快麦 (session invalid or expired)';

/** Codes meaning the credentials are wrong or stale; refreshing or re-entering them is the fix. */
export const AUTH_CODES: Readonly<Record<string, string>> = {
  '24': '请求缺少签名 (missing signature)',
  '25': '签名无效，请检查 App Secret 和签名方式 (invalid signature)',
  '26': '缺少授权会话 session，请重新授权 (missing session)',
  '27': SESSION_MESSAGE,
  '28': '缺少 AppKey (missing appKey)',
  '29': 'AppKey 无效，请检查 AppKey (invalid appKey)',
  '105': SESSION_MESSAGE,
  '106': SESSION_MESSAGE,
};

/** Codes for call-frequency limits (TOP "App Call Limited"). */
export const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(['7']);
const RATE_LIMIT_TEXT = /限流|频繁|频率|call limit|too many/i;

/** Codes the gateway uses for a bad local clock; the merchant must fix the computer's time. */
export const TIMESTAMP_CODES: ReadonlySet<string> = new Set(['31']);

export interface KuaimaiSuccess {
  readonly body: Record<string, unknown>;
  readonly traceId: string | null;
}

function traceOf(body: { traceId?: unknown; trace_id?: unknown }): string | null {
  const value = body.traceId ?? body.trace_id;
  return value === null || value === undefined ? null : String(value);
}

/** Maps a business error code to the shared taxonomy; the provider's code and message are kept. */
export function errorForCode(code: string, msg: string, res: HttpResponse): ProviderError {
  const detail = `（快麦错误 ${code}：${msg || '无说明'}）`;
  const base = { provider: 'kuaimai' as const, providerCode: code, httpStatus: res.status, raw: res.text };
  const authMessage = AUTH_CODES[code];
  if (authMessage) return new ProviderError({ ...base, kind: 'auth', message: `${authMessage}${detail}` });
  if (RATE_LIMIT_CODES.has(code) || RATE_LIMIT_TEXT.test(msg)) {
    return new ProviderError({ ...base, kind: 'rate_limit', message: `调用过于频繁，请稍后再试 (rate limited)${detail}` });
  }
  if (TIMESTAMP_CODES.has(code)) {
    return new ProviderError({
      ...base,
      kind: 'rejected',
      message: `请求时间与快麦服务器相差超过 10 分钟，请校准电脑时间 (timestamp rejected, check the clock)${detail}`,
    });
  }
  return new ProviderError({ ...base, kind: 'rejected', message: `快麦拒绝了请求 (request rejected)${detail}` });
}

/** Returns the success body, or throws the mapped ProviderError for an error envelope. */
export function readEnvelope(res: HttpResponse, json: unknown): KuaimaiSuccess {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw badShape('kuaimai', res, parsed.error.message);
  const body = parsed.data;
  const hasCode = body.code !== null && body.code !== undefined && String(body.code) !== '';
  if (body.success === true && res.status >= 200 && res.status < 300) {
    return { body: body as Record<string, unknown>, traceId: traceOf(body) };
  }
  if (body.success !== true && hasCode) throw errorForCode(String(body.code), body.msg ?? '', res);
  throw badShape('kuaimai', res, `HTTP ${res.status}, success=${String(body.success)}, no error code`);
}
