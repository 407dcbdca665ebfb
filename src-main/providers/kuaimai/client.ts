/**
 * Kuaimai (快麦) open-platform client for one account: every call is a form POST to the router with
 * the public params + business params signed TOP-style (providers.md §3). The client never retries;
 * it maps failures into ProviderError and leaves the decision to the sync engine.
 */
import type { z } from 'zod';
import { DAY_MS } from '../../domain/time.js';
import { badShape, parseJsonBody, sendHttp, throwForTransportStatus, type HttpResponse } from '../http.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderContext } from '../provider.js';
import { readEnvelope } from './envelope.js';
import {
  listPageSchema,
  moneyRecordSchema,
  tokenRefreshSchema,
  tradeSchema,
  type KuaimaiMoneyRecord,
  type KuaimaiTrade,
} from './schemas.js';
import { compactParams, isKuaimaiSignMethod, kuaimaiTimestamp, signParams, type KuaimaiParamValue, type KuaimaiSignMethod } from './sign.js';

export const KUAIMAI_DEFAULT_BASE_URL = 'https://gw.superboss.cc/router';
export const KUAIMAI_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';
export const KUAIMAI_METHODS = {
  tradeList: 'erp.trade.list.query',
  moneyRecords: 'kmt.api.dms.query.distributor.money.record.detail.page',
  refreshToken: 'open.token.refresh',
} as const;

/** Which trade time the window applies to; `upd_time` is the one for incremental sync. */
export const TRADE_TIME_TYPES = ['created', 'pay_time', 'consign_time', 'audit_time', 'upd_time'] as const;
export type KuaimaiTimeType = (typeof TRADE_TIME_TYPES)[number];
export const MIN_TRADE_PAGE_SIZE = 2;
export const MAX_TRADE_PAGE_SIZE = 200;
/** Time windows are limited to one day ("建议不超过一天"); both ends are whole seconds. */
export const MAX_WINDOW_MS = DAY_MS;
/** A refresh extends the session by 30 days (third-party statement of the official page). */
export const SESSION_VALIDITY_MS = 30 * DAY_MS;

export interface KuaimaiCredentials {
  appKey: string;
  appSecret: string;
  session: string;
  refreshToken: string | null;
  signMethod: KuaimaiSignMethod;
  /** Epoch ms the session expires, when known (setting `sessionExpiresAt`). */
  sessionExpiresAt: number | null;
}

export interface TradeListQuery {
  readonly timeType: KuaimaiTimeType;
  /** Window start, epoch ms (sent as GMT+8 wall time, whole seconds). */
  readonly startTime: number;
  /** Window end, epoch ms; at most one day after startTime. */
  readonly endTime: number;
  readonly pageNo: number;
  readonly pageSize: number;
}

export interface TradePage {
  readonly total: number;
  readonly list: readonly KuaimaiTrade[];
  readonly traceId: string | null;
}

export interface MoneyRecordQuery {
  readonly supplierCompanyId?: string;
  readonly distributorCompanyId?: string | number;
}

export interface MoneyRecordPage {
  readonly tid: string;
  readonly total: number;
  readonly list: readonly KuaimaiMoneyRecord[];
  readonly traceId: string | null;
}

export interface RefreshResult {
  readonly sessionExpiresAt: number;
  /** False when onCredentialsRenewed threw; the client still uses the new values. */
  readonly persisted: boolean;
}

function refuse(message: string): ProviderError {
  return new ProviderError({ kind: 'rejected', provider: 'kuaimai', message });
}

/** Reads the account's settings and secrets; a missing credential is an auth error, not a crash. */
export function readCredentials(ctx: Pick<ProviderContext, 'settings' | 'secrets'>): KuaimaiCredentials {
  const missing = (label: string): ProviderError =>
    new ProviderError({ kind: 'auth', provider: 'kuaimai', message: `缺少${label}，请在账户设置中填写 (missing ${label})` });
  const appKey = ctx.settings['appKey']?.trim();
  const appSecret = ctx.secrets['appSecret'];
  const session = ctx.secrets['session']?.trim();
  if (!appKey) throw missing('AppKey');
  if (!appSecret) throw missing('App Secret');
  if (!session) throw missing('session (access_token)');
  const method = ctx.settings['signMethod'] || 'hmac';
  if (!isKuaimaiSignMethod(method)) throw refuse(`不支持的签名方式 ${method} (unsupported sign_method)`);
  const expires = ctx.settings['sessionExpiresAt'];
  return {
    appKey,
    appSecret,
    session,
    refreshToken: ctx.secrets['refreshToken']?.trim() || null,
    signMethod: method,
    sessionExpiresAt: expires && /^\d+$/.test(expires) ? Number(expires) : null,
  };
}

/** The exact form fields of one call (public + business params, signed) and the body text sent. */
export function buildSignedForm(
  method: string,
  business: Readonly<Record<string, KuaimaiParamValue>>,
  creds: KuaimaiCredentials,
  nowMs: number,
): { params: Record<string, string>; body: string } {
  const params = compactParams({
    ...business,
    method,
    appKey: creds.appKey,
    timestamp: kuaimaiTimestamp(nowMs),
    format: 'json',
    version: '1.0',
    sign_method: creds.signMethod,
    session: creds.session,
  });
  params['sign'] = signParams(params, creds.appSecret, creds.signMethod);
  return { params, body: new URLSearchParams(params).toString() };
}

function validateWindow(q: TradeListQuery): void {
  if (!(TRADE_TIME_TYPES as readonly string[]).includes(q.timeType)) throw refuse(`不支持的时间类型 ${q.timeType} (unsupported timeType)`);
  if (!Number.isFinite(q.startTime) || !Number.isFinite(q.endTime)) throw refuse('查询时间无效 (invalid time window)');
  const spanSeconds = Math.floor(q.endTime / 1000) - Math.floor(q.startTime / 1000);
  if (spanSeconds < 0) throw refuse('查询结束时间早于开始时间 (endTime before startTime)');
  if (spanSeconds * 1000 > MAX_WINDOW_MS) {
    throw refuse(`快麦订单查询的时间窗口不能超过 1 天（本次 ${Math.round(spanSeconds / 360) / 10} 小时） time window must not exceed one day`);
  }
  if (!Number.isInteger(q.pageNo) || q.pageNo < 1) throw refuse(`页码必须从 1 开始 (pageNo must be >= 1): ${q.pageNo}`);
  if (!Number.isInteger(q.pageSize) || q.pageSize < MIN_TRADE_PAGE_SIZE || q.pageSize > MAX_TRADE_PAGE_SIZE) {
    throw refuse(`每页条数必须在 ${MIN_TRADE_PAGE_SIZE}–${MAX_TRADE_PAGE_SIZE} 之间 (pageSize out of range): ${q.pageSize}`);
  }
}

function validateItems<T>(schema: z.ZodType, list: readonly unknown[], res: HttpResponse, what: string): T[] {
  list.forEach((item, index) => {
    const check = schema.safeParse(item);
    if (!check.success) throw badShape('kuaimai', res, `${what}[${index}]: ${check.error.message}`);
  });
  // Validated but not transformed: the provider's own objects, so `raw` stays exactly what came.
  return list as T[];
}

function countOf(value: number | string | null | undefined, fallback: number): number {
  return value === null || value === undefined ? fallback : Number(value);
}

/** Session expiry from `expiresIn`, whose unit is undocumented: absolute ms, a ms duration or seconds. */
export function expiryFromExpiresIn(expiresIn: number | string | null | undefined, nowMs: number): number {
  if (expiresIn === null || expiresIn === undefined) return nowMs + SESSION_VALIDITY_MS;
  const n = Number(expiresIn);
  if (n > 1e11) return n;
  if (n > 1e8) return nowMs + n;
  return nowMs + n * 1000;
}

/** True when `page` is the last page of `query`'s window. */
export function isLastTradePage(page: TradePage, query: Pick<TradeListQuery, 'pageNo' | 'pageSize'>): boolean {
  return page.list.length < query.pageSize || query.pageNo * query.pageSize >= page.total;
}

export class KuaimaiClient {
  readonly provider = 'kuaimai' as const;
  readonly #ctx: ProviderContext;
  readonly #creds: KuaimaiCredentials;

  constructor(ctx: ProviderContext) {
    this.#ctx = ctx;
    this.#creds = readCredentials(ctx);
  }

  /** The injected clock (epoch ms). */
  now(): number {
    return this.#ctx.now();
  }

  /** Epoch ms the session expires, when known. */
  get sessionExpiresAt(): number | null {
    return this.#creds.sessionExpiresAt;
  }

  /** True when the session expiry is known and less than `withinMs` away (refresh proactively). */
  needsSessionRefresh(withinMs = 7 * DAY_MS): boolean {
    const expires = this.#creds.sessionExpiresAt;
    return expires !== null && expires - this.#ctx.now() < withinMs;
  }

  /** One signed call; returns the success body or throws a mapped ProviderError. */
  async call(method: string, business: Readonly<Record<string, KuaimaiParamValue>> = {}): Promise<{ body: Record<string, unknown>; traceId: string | null; res: HttpResponse }> {
    const { body } = buildSignedForm(method, business, this.#creds, this.#ctx.now());
    const res = await sendHttp(this.#ctx.fetch, 'kuaimai', {
      url: this.#ctx.baseUrl || KUAIMAI_DEFAULT_BASE_URL,
      method: 'POST',
      headers: { 'content-type': KUAIMAI_CONTENT_TYPE, accept: 'application/json' },
      body,
      timeoutMs: this.#ctx.timeoutMs,
      ...(this.#ctx.signal ? { signal: this.#ctx.signal } : {}),
    });
    throwForTransportStatus('kuaimai', res);
    const envelope = readEnvelope(res, parseJsonBody('kuaimai', res));
    return { ...envelope, res };
  }

  /** `erp.trade.list.query`: one page of trades whose `timeType` time lies in the window (≤ 1 day). */
  async tradeList(query: TradeListQuery): Promise<TradePage> {
    validateWindow(query);
    const { body, traceId, res } = await this.call(KUAIMAI_METHODS.tradeList, {
      timeType: query.timeType,
      startTime: kuaimaiTimestamp(query.startTime),
      endTime: kuaimaiTimestamp(query.endTime),
      pageNo: query.pageNo,
      pageSize: query.pageSize,
    });
    const page = listPageSchema.safeParse(body);
    if (!page.success) throw badShape('kuaimai', res, page.error.message);
    const list = validateItems<KuaimaiTrade>(tradeSchema, page.data.list ?? [], res, 'list');
    return { total: countOf(page.data.total, list.length), list, traceId };
  }

  /** `kmt.api.dms.query.distributor.money.record.detail.page`: the distributor money flows of one tid. */
  async moneyRecords(tid: string, query: MoneyRecordQuery = {}): Promise<MoneyRecordPage> {
    if (!tid.trim()) throw refuse('缺少平台订单号 tid (tid is required)');
    const distributor = query.distributorCompanyId;
    if (distributor !== undefined && !/^\d+$/.test(String(distributor))) {
      throw refuse(`分销商公司ID必须是数字 (distributorCompanyId must be a number): ${String(distributor)}`);
    }
    const { body, traceId, res } = await this.call(KUAIMAI_METHODS.moneyRecords, {
      tid: tid.trim(),
      supplierCompanyId: query.supplierCompanyId,
      distributorCompanyId: distributor,
    });
    const page = listPageSchema.safeParse(body);
    if (!page.success) throw badShape('kuaimai', res, page.error.message);
    const list = validateItems<KuaimaiMoneyRecord>(moneyRecordSchema, page.data.list ?? [], res, 'list');
    return { tid: tid.trim(), total: countOf(page.data.total, list.length), list, traceId };
  }

  /**
   * `open.token.refresh`: extends the session (the token strings normally stay the same). The new
   * values are used by this client at once and handed to `onCredentialsRenewed` for the vault.
   */
  async refreshToken(): Promise<RefreshResult> {
    const token = this.#creds.refreshToken;
    if (!token) {
      throw new ProviderError({ kind: 'auth', provider: 'kuaimai', message: '缺少 refreshToken，无法刷新会话，请重新授权 (missing refreshToken)' });
    }
    const { body, res } = await this.call(KUAIMAI_METHODS.refreshToken, { refreshToken: token });
    const parsed = tokenRefreshSchema.safeParse(body);
    if (!parsed.success) throw badShape('kuaimai', res, parsed.error.message);
    const session = parsed.data.session ?? {};
    this.#creds.session = session.accessToken?.trim() || this.#creds.session;
    this.#creds.refreshToken = session.refreshToken?.trim() || token;
    this.#creds.sessionExpiresAt = expiryFromExpiresIn(session.expiresIn, this.#ctx.now());
    return { sessionExpiresAt: this.#creds.sessionExpiresAt, persisted: await this.#persist() };
  }

  async #persist(): Promise<boolean> {
    if (!this.#ctx.onCredentialsRenewed) return false;
    try {
      await this.#ctx.onCredentialsRenewed({
        secrets: { session: this.#creds.session, refreshToken: this.#creds.refreshToken ?? '' },
        settings: { sessionExpiresAt: String(this.#creds.sessionExpiresAt) },
      });
      return true;
    } catch {
      // Persisting is the caller's concern; the renewed session keeps working in this client.
      return false;
    }
  }
}
