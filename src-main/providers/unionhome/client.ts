/**
 * union-home shop order-detail client (providers.md §4): `GET {baseUrl}?order_id={id}` with header
 * `token: <token>`, no signature. The API has no list endpoint, so sync discovers orders by scanning
 * ids upward; this client therefore reports "no such order" as a value, not an error.
 */
import type { ProviderSlug } from '../../domain/models.js';
import { badShape, parseJsonBody, sendHttp, throwForTransportStatus, type HttpResponse } from '../http.js';
import type { ProviderContext } from '../provider.js';
import { ProviderError } from '../provider-error.js';
import { mapUnionhomeOrder, type UnionhomeMappedOrder, type UnionhomeOrder } from './mapping.js';
import { envelopeSchema, orderDetailSchema, type JsonObject } from './schemas.js';

const PROVIDER: ProviderSlug = 'unionhome';

const AUTH_MSG_RE = /token|登录|登陆|令牌|未授权|unauthori[sz]ed/i;
const EXPIRED_RE = /过期|失效|expired/i;

/**
 * Whether a non-200 `msg` means the token is missing, wrong or expired ("token过期", "请先登录"). A bare
 * "过期" counts too, unless the message is about an order ("订单已过期" is an order state, not a login).
 */
export function isAuthMessage(msg: string): boolean {
  return AUTH_MSG_RE.test(msg) || (EXPIRED_RE.test(msg) && !/订单|order/i.test(msg));
}

/** The outcome of one order-id lookup. */
export type UnionhomeLookup =
  | { readonly found: true; readonly order: UnionhomeOrder }
  | {
      readonly found: false;
      /** The envelope's `status` as text (e.g. "0"). */
      readonly providerCode: string;
      /** The server's `msg`, e.g. "订单不存在". */
      readonly message: string;
    };

export interface UnionhomeClient {
  /** The configured order-detail URL. */
  readonly baseUrl: string;
  /** First order id to scan from (setting `startOrderId`, default 1). */
  readonly startOrderId: number;
  /**
   * Looks up one order. A non-200 envelope whose `msg` does not mention the token/login (e.g.
   * `{"status":0,"msg":"订单不存在","data":[]}`, as well as a 200 with empty `data`) is "not found".
   * Throws ProviderError: auth (token-like msg, HTTP 401/403), rate_limit (429), bad_response (5xx —
   * retryable —, other HTTP errors, HTML, malformed JSON, unexpected shape), network, timeout.
   */
  lookupOrder(orderId: number): Promise<UnionhomeLookup>;
  /**
   * The validated order detail, or `null` when the server answers "no such order". The real gateway's
   * not-found answer is undocumented, so every non-200 answer that is not about the token counts as a
   * miss; an id scanner counts consecutive `null`s to find the end (the simulator's id gaps are at
   * most MAX_ID_GAP = 3). Errors as in {@link lookupOrder}.
   */
  orderDetail(orderId: number): Promise<UnionhomeOrder | null>;
  /** {@link orderDetail} mapped to an OrderRecord plus the masked buyer view; `null` when not found. */
  fetchOrder(orderId: number): Promise<UnionhomeMappedOrder | null>;
}

function requireBaseUrl(baseUrl: string): URL {
  let url: URL | null;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ProviderError({
      kind: 'rejected',
      provider: PROVIDER,
      message: `请填写完整的订单详情接口地址（http(s)://…） the order-detail URL is missing or invalid: ${JSON.stringify(baseUrl)}`,
    });
  }
  return url;
}

function authError(res: HttpResponse, code: string | undefined, msg: string): ProviderError {
  return new ProviderError({
    kind: 'auth',
    provider: PROVIDER,
    providerCode: code,
    httpStatus: res.status,
    message: `token 无效或已过期，请登录商城后台复制新的 token 粘贴到账户设置中（服务器：${msg}） token invalid or expired — paste a new token`,
    raw: res.text,
  });
}

function isEmptyData(data: unknown): boolean {
  return data === null || data === undefined || data === '' || (Array.isArray(data) && data.length === 0);
}

function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Maps one HTTP answer to a lookup result or a ProviderError. */
export function interpretOrderResponse(res: HttpResponse): UnionhomeLookup {
  throwForTransportStatus(PROVIDER, res);
  if (res.status === 401 || res.status === 403) throw authError(res, undefined, `HTTP ${res.status}`);
  if (res.status < 200 || res.status >= 300) {
    parseJsonBody(PROVIDER, res); // HTML pages and non-JSON get their own message
    throw badShape(PROVIDER, res, `HTTP ${res.status}，请检查订单详情接口地址 check the order-detail URL`);
  }
  const envelope = envelopeSchema.safeParse(parseJsonBody(PROVIDER, res));
  if (!envelope.success) throw badShape(PROVIDER, res, envelope.error.message);
  const { status, msg, data } = envelope.data;
  const message = msg ?? '';
  if (status !== 200) {
    if (isAuthMessage(message)) throw authError(res, String(status), message);
    return { found: false, providerCode: String(status), message };
  }
  if (isEmptyData(data)) return { found: false, providerCode: '200', message };
  if (!isJsonObject(data)) throw badShape(PROVIDER, res, 'data is not an object');
  const detail = orderDetailSchema.safeParse(data);
  if (!detail.success) throw badShape(PROVIDER, res, detail.error.message);
  return { found: true, order: { detail: detail.data, data } };
}

function positiveId(orderId: number): number {
  if (!Number.isSafeInteger(orderId) || orderId <= 0) throw new RangeError(`order id must be a positive integer: ${orderId}`);
  return orderId;
}

function startOrderIdOf(settings: Readonly<Record<string, string>>): number {
  const text = settings.startOrderId?.trim() ?? '';
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : 1;
}

export function createUnionhomeClient(ctx: ProviderContext): UnionhomeClient {
  const token = ctx.secrets.token ?? '';

  async function lookupOrder(orderId: number): Promise<UnionhomeLookup> {
    const url = requireBaseUrl(ctx.baseUrl);
    url.searchParams.set('order_id', String(positiveId(orderId)));
    const res = await sendHttp(ctx.fetch, PROVIDER, {
      url: url.toString(),
      method: 'GET',
      headers: { token, accept: 'application/json' },
      timeoutMs: ctx.timeoutMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return interpretOrderResponse(res);
  }

  async function orderDetail(orderId: number): Promise<UnionhomeOrder | null> {
    const result = await lookupOrder(orderId);
    return result.found ? result.order : null;
  }

  async function fetchOrder(orderId: number): Promise<UnionhomeMappedOrder | null> {
    const order = await orderDetail(orderId);
    return order === null ? null : mapUnionhomeOrder(order);
  }

  return { baseUrl: ctx.baseUrl, startOrderId: startOrderIdOf(ctx.settings), lookupOrder, orderDetail, fetchOrder };
}
