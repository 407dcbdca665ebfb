/**
 * Kasushou HTTP client bound to one account. Every call is `POST {site}{path}` with a PHP-identical JSON
 * body, signed over the exact string sent, and answered with `{code,msg,data}` (200 ok, 400 failure with
 * a free-text msg, 500 unknown). The client never retries; the sync engine decides from the error kind.
 */
import type { z } from 'zod';
import type { FetchLike, HttpResponse } from '../http.js';
import { badShape, parseJsonBody, sendHttp, throwForTransportStatus } from '../http.js';
import { ProviderError } from '../provider-error.js';
import {
  adminOrderListDataSchema,
  envelopeSchema,
  orderInfoDataSchema,
  userInfoSchema,
  type KasushouAdminOrderRow,
  type KasushouOrderInfoItem,
  type KasushouUserInfo,
} from './schemas.js';
import { encodeRequestBody, signRequest } from './sign.js';

export const KASUSHOU_PATHS = {
  orderInfo: '/api/v1/order/info',
  userInfo: '/api/v1/user/info',
  adminOrderList: '/api/admin/v1/order/list',
} as const;

/** Documented page-size cap of the admin/supplier lists (v2api/60, 135). */
export const ADMIN_LIST_MAX_LIMIT = 100;
/** Our own cap on comma-joined order numbers per `order/info` call (undocumented upstream; keeps URLs of logs and bodies sane). */
export const ORDER_INFO_MAX_BATCH = 100;

export interface KasushouClientOptions {
  readonly fetch: FetchLike;
  /** Site origin, e.g. `https://shop.example.com` (each Kasushou site has its own domain). */
  readonly baseUrl: string;
  /** `UserId` header: the API appid, or the admin login name for `/api/admin/*`. */
  readonly userId: string;
  readonly apikey: string;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  /** `admin` = site admin account (can list orders); `buyer` = API user (order/info only). Default buyer. */
  readonly mode?: KasushouMode;
}

export type KasushouMode = 'admin' | 'buyer';

export interface AdminOrderListQuery {
  readonly page: number;
  /** 1..100. */
  readonly limit: number;
  readonly status?: number;
}

// Any 400 msg naming the credentials means the account settings are wrong, not the request.
const AUTH_MSG_RE = /sign|签名|userid|用户编号|密钥|apikey|api_key|token|白名单/i;

function rejectArgument(message: string): ProviderError {
  return new ProviderError({ kind: 'rejected', provider: 'kasushou', message });
}

/** Missing account settings: the merchant must fix them, so not retryable (same kind itboye uses). */
export function configError(message: string): ProviderError {
  return new ProviderError({ kind: 'auth', provider: 'kasushou', message: `账户设置不完整 incomplete account settings: ${message}` });
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Maps a parsed `{code,msg,data}` envelope to its data or a ProviderError. */
export function unwrapEnvelope(res: HttpResponse, parsed: unknown): unknown {
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) throw badShape('kasushou', res, describeIssues(envelope.error));
  const code = Number(envelope.data.code);
  const msg = envelope.data.msg ?? '';
  if (code === 200) return envelope.data.data;
  const base = { provider: 'kasushou' as const, providerCode: String(code), httpStatus: res.status, raw: res.text };
  if (code === 400) {
    if (AUTH_MSG_RE.test(msg)) {
      return fail({ ...base, kind: 'auth', message: `签名或账号无效，请检查 UserId 与 API 密钥 (authentication failed): ${msg}` });
    }
    return fail({ ...base, kind: 'rejected', message: `卡速售拒绝了请求 (request rejected): ${msg}` });
  }
  if (code === 500) {
    return fail({ ...base, kind: 'bad_response', retryable: true, message: `卡速售返回未知错误，可稍后重试 (gateway error 500): ${msg}` });
  }
  return fail({ ...base, kind: 'bad_response', message: `卡速售返回了文档之外的状态码 ${code} (unexpected code): ${msg}` });
}

function fail(init: ConstructorParameters<typeof ProviderError>[0]): never {
  throw new ProviderError(init);
}

export class KasushouClient {
  readonly mode: KasushouMode;

  constructor(private readonly options: KasushouClientOptions) {
    if (options.userId.trim() === '') throw configError('未填写 UserId (userId is required)');
    if (!/^https?:\/\/[^/]/i.test(options.baseUrl)) {
      throw configError(`请填写站点地址，例如 https://shop.example.com (site URL required): ${JSON.stringify(options.baseUrl)}`);
    }
    this.mode = options.mode ?? 'buyer';
  }

  /** Signs and sends one call; returns the envelope's `data` and the response it came in. */
  async call(path: string, params: Readonly<Record<string, unknown>>): Promise<{ data: unknown; res: HttpResponse }> {
    const body = encodeRequestBody(params);
    const timestamp = String(Math.trunc(this.options.now()));
    const res = await sendHttp(this.options.fetch, 'kasushou', {
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${path}`,
      method: 'POST',
      headers: {
        Sign: signRequest(timestamp, body, this.options.apikey),
        Timestamp: timestamp,
        UserId: this.options.userId,
        'Content-Type': 'application/json; charset=utf-8',
      },
      body,
      timeoutMs: this.options.timeoutMs,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
    });
    throwForTransportStatus('kasushou', res);
    return { data: unwrapEnvelope(res, parseJsonBody('kasushou', res)), res };
  }

  private async callFor<T>(path: string, params: Readonly<Record<string, unknown>>, schema: z.ZodType<T>, emptyValue?: T): Promise<T> {
    const { data, res } = await this.call(path, params);
    // PHP gateways answer "nothing found" with null or an empty array.
    if (emptyValue !== undefined && (data === null || data === undefined)) return emptyValue;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw badShape('kasushou', res, describeIssues(parsed.error));
    // The schemas have no transforms, so the validated input *is* a T; returning it (not zod's copy)
    // keeps the provider's own key order for the raw payload.
    return data as T;
  }

  /**
   * `order/info` for up to 100 order numbers in one call (the caller batches). `day` is the look-back
   * window in days; 0 (the default here, unlike the gateway's 30) means all orders.
   */
  async orderInfo(ordernos: readonly string[], day = 0): Promise<KasushouOrderInfoItem[]> {
    return this.lookup('ordersn', ordernos, day);
  }

  /** Same as orderInfo, keyed by the merchant's own `external_orderno`. */
  async orderInfoByExternal(externalNos: readonly string[], day = 0): Promise<KasushouOrderInfoItem[]> {
    return this.lookup('external_orderno', externalNos, day);
  }

  private async lookup(field: 'ordersn' | 'external_orderno', keys: readonly string[], day: number): Promise<KasushouOrderInfoItem[]> {
    if (keys.length === 0) return [];
    if (keys.length > ORDER_INFO_MAX_BATCH) {
      throw rejectArgument(`单次最多查询 ${ORDER_INFO_MAX_BATCH} 个订单，收到 ${keys.length} 个 (at most ${ORDER_INFO_MAX_BATCH} order numbers per order/info call)`);
    }
    const bad = keys.find((k) => k.trim() === '' || k.includes(','));
    if (bad !== undefined) throw rejectArgument(`订单号不能为空或含逗号 (invalid order number): ${JSON.stringify(bad)}`);
    if (!Number.isSafeInteger(day) || day < 0) throw rejectArgument(`day 必须是非负整数 (day must be a non-negative integer): ${day}`);
    const params = { day, external_orderno: field === 'external_orderno' ? keys.join(',') : '', ordersn: field === 'ordersn' ? keys.join(',') : '' };
    return this.callFor(KASUSHOU_PATHS.orderInfo, params, orderInfoDataSchema, []);
  }

  /** One page of the admin-only order list. `data` is a bare array with no total: a short page is the last. */
  async adminOrderList(query: AdminOrderListQuery): Promise<KasushouAdminOrderRow[]> {
    if (!Number.isSafeInteger(query.page) || query.page < 1) throw rejectArgument(`page 必须从 1 开始 (page must be ≥ 1): ${query.page}`);
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > ADMIN_LIST_MAX_LIMIT) {
      throw rejectArgument(`limit 必须在 1..${ADMIN_LIST_MAX_LIMIT} 之间 (limit must be 1..${ADMIN_LIST_MAX_LIMIT}): ${query.limit}`);
    }
    const params: Record<string, unknown> = { page: query.page, limit: query.limit };
    if (query.status !== undefined) params['status'] = query.status;
    return this.callFor(KASUSHOU_PATHS.adminOrderList, params, adminOrderListDataSchema, []);
  }

  /** Account balance; the cheapest signed call, used by testConnection. */
  async userInfo(): Promise<KasushouUserInfo> {
    return this.callFor(KASUSHOU_PATHS.userInfo, {}, userInfoSchema);
  }
}
