/**
 * Duomai CPS client bound to one media account. Each call signs the exact JSON body it posts, sends
 * public params in the query string, and returns the validated rows of one page. Never retries.
 */
import type { ZodType } from 'zod';
import { sendHttp, type FetchLike } from '../http.js';
import { ProviderError } from '../provider-error.js';
import { readDuomaiRows } from './envelope.js';
import {
  duomaiOrderRowSchema,
  duomaiSettlementRowSchema,
  type DuomaiOrderRow,
  type DuomaiSettlementRow,
} from './schemas.js';
import { signDuomai } from './sign.js';

export const DUOMAI_ORDERS_SERVICE = 'cps-mesh.open.orders.query.get';
export const DUOMAI_SETTLEMENT_SERVICE = 'cps-mesh.open.orders.settlement.get';
/** Longest stime..etime span the gateway accepts (one day, in seconds). */
export const DUOMAI_MAX_SPAN_SECONDS = 86_400;
export const DUOMAI_MAX_PAGE_SIZE = 200;

export interface DuomaiClientConfig {
  readonly fetch: FetchLike;
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly timeoutMs: number;
  /** Epoch ms; the signed timestamp is taken from it. */
  readonly now: () => number;
  readonly signal?: AbortSignal;
}

interface WindowQuery {
  /** Window start, Unix seconds (inclusive). */
  readonly stime: number;
  /** Window end, Unix seconds (inclusive); at most one day after stime. */
  readonly etime: number;
  readonly page: number;
  /** 1..200. */
  readonly page_size: number;
}

/** `cps-mesh.open.orders.query.get`: orders whose update time (default order_field) is in the window. */
export interface DuomaiOrdersQuery extends WindowQuery {
  /** -1 invalid, 0 unconfirmed, 1 confirmed, 2 settled. */
  readonly status?: -1 | 0 | 1 | 2;
  readonly site_id?: string;
  readonly ads_id?: string;
  readonly euid?: string;
  /** Time dimension; its exact spelling is unconfirmed (providers.md §5.4), so omit it unless known. */
  readonly order_field?: string;
}

/** `cps-mesh.open.orders.settlement.get`: settlement revisions of orders placed in the window. */
export interface DuomaiSettlementQuery extends WindowQuery {
  readonly order_sn?: string;
  readonly euid?: string;
  readonly ads_id?: string;
}

/** One page of rows. `hasMore` is true when the page is full: Duomai reports no total. */
export interface DuomaiPage<Row> {
  readonly rows: Row[];
  readonly page: number;
  readonly pageSize: number;
  readonly hasMore: boolean;
}

function refuse(message: string): ProviderError {
  return new ProviderError({ kind: 'rejected', provider: 'duomai', message });
}

function checkWindow(q: WindowQuery): void {
  for (const [name, value] of [['stime', q.stime], ['etime', q.etime], ['page', q.page], ['page_size', q.page_size]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw refuse(`参数 ${name} 必须是非负整数 (${name} must be a non-negative integer): ${value}`);
  }
  if (q.etime < q.stime) throw refuse(`结束时间早于开始时间 (etime ${q.etime} is before stime ${q.stime})`);
  if (q.etime - q.stime > DUOMAI_MAX_SPAN_SECONDS) {
    throw refuse(`查询时间跨度不能超过 1 天 (span ${q.etime - q.stime} s exceeds ${DUOMAI_MAX_SPAN_SECONDS} s)`);
  }
  if (q.page < 1) throw refuse(`页码从 1 开始 (page must be ≥ 1): ${q.page}`);
  if (q.page_size < 1 || q.page_size > DUOMAI_MAX_PAGE_SIZE) {
    throw refuse(`每页条数须在 1–${DUOMAI_MAX_PAGE_SIZE} 之间 (page_size must be 1..${DUOMAI_MAX_PAGE_SIZE}): ${q.page_size}`);
  }
}

/** Drops undefined fields so the signed body is exactly what is sent. */
function bodyOf(query: object): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined);
  return JSON.stringify(Object.fromEntries(entries));
}

export class DuomaiClient {
  constructor(private readonly config: DuomaiClientConfig) {}

  /** One page of orders (`cps-mesh.open.orders.query.get`). */
  async ordersQuery(query: DuomaiOrdersQuery): Promise<DuomaiPage<DuomaiOrderRow>> {
    checkWindow(query);
    const rows = await this.call(DUOMAI_ORDERS_SERVICE, bodyOf(query), duomaiOrderRowSchema);
    return { rows, page: query.page, pageSize: query.page_size, hasMore: rows.length >= query.page_size };
  }

  /** One page of settlement changes (`cps-mesh.open.orders.settlement.get`). */
  async settlementChanges(query: DuomaiSettlementQuery): Promise<DuomaiPage<DuomaiSettlementRow>> {
    checkWindow(query);
    const rows = await this.call(DUOMAI_SETTLEMENT_SERVICE, bodyOf(query), duomaiSettlementRowSchema);
    return { rows, page: query.page, pageSize: query.page_size, hasMore: rows.length >= query.page_size };
  }

  /** The client's clock (epoch ms), the one its signed timestamps use. */
  nowMs(): number {
    return this.config.now();
  }

  /** The signed request URL for `service` and `body` at the client's current time. */
  signedUrl(service: string, body: string): string {
    const timestamp = String(Math.floor(this.config.now() / 1000));
    const sign = signDuomai(this.config.appSecret, { app_key: this.config.appKey, service, timestamp }, body);
    const url = new URL(this.config.baseUrl);
    url.searchParams.set('app_key', this.config.appKey);
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('service', service);
    url.searchParams.set('sign', sign);
    return url.toString();
  }

  private async call<T>(service: string, body: string, schema: ZodType<T>): Promise<T[]> {
    const res = await sendHttp(this.config.fetch, 'duomai', {
      url: this.signedUrl(service, body),
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      timeoutMs: this.config.timeoutMs,
      ...(this.config.signal ? { signal: this.config.signal } : {}),
    });
    return readDuomaiRows(res, schema);
  }
}
