/**
 * Read-only client of the itboye "by" gateway (providers.md §1): form POSTs signed with a pluggable
 * signer, login for a uid/sid session, and the whole order list of one username per status. Methods
 * make exactly one request and never retry; re-login on an expired session lives in session.ts.
 */
import type { z } from 'zod';
import { DEFAULT_TIMEOUT_MS } from '../provider.js';
import { badShape, parseJsonBody, sendHttp, throwForTransportStatus, type FetchLike, type HttpResponse } from '../http.js';
import { ProviderError } from '../provider-error.js';
import { BY_CODES, businessError, type CallContext } from './errors.js';
import {
  envelopeSchema,
  loginDataSchema,
  ordersDataSchema,
  type ItboyeOrder,
  type ItboyeQueryStatus,
} from './schemas.js';
import { DEFAULT_SERVICE_VERSION, md5FormSigner, type ItboyeSigner } from './sign.js';

export const ITBOYE_SERVICES = {
  login: 'by_UserLoginSession_loginByUsername',
  queryOrders: 'by_KjdsOrder_query',
} as const;

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=utf-8';

/** A login session: both values are sent with every call after login. */
export interface ItboyeSession {
  readonly uid: string;
  readonly sid: string;
}

export interface ItboyeClientConfig {
  readonly fetch: FetchLike;
  /** The deployment's gateway URL, posted to as given (each itboye project has its own host). */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly loginUsername: string;
  readonly password: string;
  /** Whose orders to read; defaults to the login user. */
  readonly usernames?: readonly string[];
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  readonly signer?: ItboyeSigner;
  readonly serviceVersion?: string;
  readonly appType?: string;
  readonly appVersion?: string;
  readonly deviceToken?: string;
  readonly deviceType?: string;
  /** A session obtained earlier, to skip the first login. */
  readonly session?: ItboyeSession;
}

/** The full order list of one username for one status, as the gateway sent it (lossless). */
export interface ItboyeOrdersResult {
  readonly username: string;
  readonly status: ItboyeQueryStatus;
  readonly orders: readonly ItboyeOrder[];
}

/**
 * `buss_data` as the gateway's PHP side would produce it: keys in byte order, U+2028/U+2029 escaped,
 * slashes and CJK left as they are. The returned string is what is signed and what is sent.
 */
export function encodeBussData(params: Readonly<Record<string, string>>): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(params).sort()) sorted[key] = params[key]!;
  return JSON.stringify(sorted).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function zodDetail(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

export class ItboyeClient {
  readonly usernames: readonly string[];
  /** The current session; null before login and after the gateway answered 1111. */
  session: ItboyeSession | null;
  private readonly config: ItboyeClientConfig;
  private readonly signer: ItboyeSigner;
  private readonly now: () => number;

  constructor(config: ItboyeClientConfig) {
    this.config = config;
    this.signer = config.signer ?? md5FormSigner;
    this.now = config.now ?? Date.now;
    this.session = config.session ?? null;
    const usernames = (config.usernames ?? []).filter((u) => u !== '');
    this.usernames = usernames.length > 0 ? [...new Set(usernames)] : [config.loginUsername];
  }

  /** `by_UserLoginSession_loginByUsername`: stores and returns the new uid/sid. */
  async login(): Promise<ItboyeSession> {
    const params = {
      username: this.config.loginUsername,
      password: this.config.password,
      device_token: this.config.deviceToken ?? 'merchant-ledger',
      device_type: this.config.deviceType ?? 'android',
    };
    const { data, res } = await this.call(ITBOYE_SERVICES.login, params, 'login', null);
    const parsed = loginDataSchema.safeParse(data);
    if (!parsed.success) throw badShape('itboye', res, `login data: ${zodDetail(parsed.error)}`);
    const uid = parsed.data.uid ?? parsed.data.id;
    const session: ItboyeSession = { uid: String(uid), sid: parsed.data.sid };
    this.session = session;
    return session;
  }

  /** `by_KjdsOrder_query`: every order of `username` with `status` (no paging). Needs a session. */
  async queryOrders(username: string, status: ItboyeQueryStatus): Promise<ItboyeOrdersResult> {
    const session = this.session;
    if (!session) {
      throw new ProviderError({ kind: 'auth', provider: 'itboye', message: '尚未登录，请先登录 not logged in (call login first)' });
    }
    try {
      const { data, res } = await this.call(ITBOYE_SERVICES.queryOrders, { status, username }, 'call', session);
      const parsed = ordersDataSchema.safeParse(data);
      if (!parsed.success) throw badShape('itboye', res, `orders: ${zodDetail(parsed.error)}`);
      // zod's output lists keys in schema order; `raw` must keep the gateway's own order, so the validated
      // input objects (which zod does not change) are returned as they are.
      return { username, status, orders: parsed.data === null ? [] : (data as ItboyeOrder[]) };
    } catch (error) {
      if (error instanceof ProviderError && error.providerCode === BY_CODES.NEED_LOGIN && this.session === session) {
        this.session = null;
      }
      throw error;
    }
  }

  private buildForm(serviceType: string, bussData: string, session: ItboyeSession | null): string {
    const time = String(this.now());
    const serviceVersion = this.config.serviceVersion ?? DEFAULT_SERVICE_VERSION;
    const sign = this.signer.sign({
      appRequestTime: time,
      clientSecret: this.config.clientSecret,
      serviceType,
      serviceVersion,
      bussData,
    });
    return new URLSearchParams({
      app_type: this.config.appType ?? 'android',
      app_version: this.config.appVersion ?? '1.0.0',
      notify_id: time,
      lang: 'zh-cn',
      service_version: serviceVersion,
      service_type: serviceType,
      client_id: this.config.clientId,
      uid: session?.uid ?? '',
      sid: session?.sid ?? '',
      app_request_time: time,
      buss_data: bussData,
      sign,
    }).toString();
  }

  private async call(
    serviceType: string,
    params: Readonly<Record<string, string>>,
    context: CallContext,
    session: ItboyeSession | null,
  ): Promise<{ data: unknown; res: HttpResponse }> {
    const res = await sendHttp(this.config.fetch, 'itboye', {
      url: this.config.baseUrl,
      method: 'POST',
      headers: { 'content-type': FORM_CONTENT_TYPE, accept: 'application/json' },
      body: this.buildForm(serviceType, encodeBussData(params), session),
      timeoutMs: this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(this.config.signal ? { signal: this.config.signal } : {}),
    });
    throwForTransportStatus('itboye', res);
    const envelope = envelopeSchema.safeParse(parseJsonBody('itboye', res));
    if (!envelope.success) {
      if (res.status >= 400) throw httpStatusError(res);
      throw badShape('itboye', res, `envelope: ${zodDetail(envelope.error)}`);
    }
    const code = String(envelope.data.code);
    if (code !== BY_CODES.OK) throw businessError(code, envelope.data.msg ?? '', res, context);
    if (res.status >= 400) throw httpStatusError(res);
    return { data: envelope.data.data, res };
  }
}

function httpStatusError(res: HttpResponse): ProviderError {
  const denied = res.status === 401 || res.status === 403;
  return new ProviderError({
    kind: denied ? 'auth' : 'bad_response',
    provider: 'itboye',
    httpStatus: res.status,
    message: denied
      ? `网关拒绝访问（HTTP ${res.status}），请检查网关地址和账号 access denied`
      : `网关返回 HTTP ${res.status}，请检查网关地址 unexpected HTTP status`,
    raw: res.text,
  });
}
