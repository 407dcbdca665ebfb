/**
 * Duomai gateway simulator: a real HTTP server on 127.0.0.1 that checks app_key, the MD5 signature
 * over the raw body, timestamp skew, the one-day span and page_size ≤ 200 like open.duomai.com, and
 * serves a deterministic dataset of any size in `{status, message, data: [...]}` envelopes.
 */
import { parseShanghaiWallTime } from '../../domain/time.js';
import { startSimulatorServer, type RunningSimulator, type SimRequest, type SimResponse } from '../simulator-server.js';
import { simulatorWireJson } from '../simulator-wire-json.js';
import { DUOMAI_MAX_PAGE_SIZE, DUOMAI_MAX_SPAN_SECONDS, DUOMAI_ORDERS_SERVICE, DUOMAI_SETTLEMENT_SERVICE } from './client.js';
import { signDuomai } from './sign.js';
import { orderWireRow, settlementWireRow, type DuomaiStatus } from './simulator-data.js';
import { DuomaiDataset, type MutationResult, type OrderFilters, type SettlementFilters } from './simulator-dataset.js';

export interface DuomaiSimulatorOptions {
  /** Number of orders, 1..1,000,000 (default 500). */
  readonly count?: number;
  readonly seed?: number;
  /** Start of the period the order times are spread over, epoch ms (default 2024-03-01 00:00 Shanghai). */
  readonly periodStartMs?: number;
  /** Length of that period in days (default 3). */
  readonly periodDays?: number;
  /** How long after its order time a base order was last updated, at most (default 6 h). */
  readonly maxLagSeconds?: number;
  /** The simulator's clock, epoch ms: timestamp skew and mutation times use it (default Date.now). */
  readonly now?: () => number;
  /** Accepted timestamp skew in seconds (default ±600). */
  readonly maxSkewSeconds?: number;
  readonly appKey?: string;
  readonly appSecret?: string;
  readonly siteId?: string;
  readonly port?: number;
}

export interface DuomaiCredentials {
  readonly appKey: string;
  readonly appSecret: string;
}

/** The running simulator plus its account and ground truth. */
export interface DuomaiSimulator extends RunningSimulator {
  /** Gateway URL to use as the provider base URL (`…/apis`). */
  readonly baseUrl: string;
  readonly credentials: DuomaiCredentials;
  readonly dataset: DuomaiDataset;
  /** Moves `count` orders on (status changes, settlement revisions) at the simulator clock's time. */
  mutate(count: number): MutationResult;
  /** Order rows (wire form) whose update time is in [stimeSec, etimeSec], in serving order. */
  expectedOrders(stimeSec: number, etimeSec: number): Record<string, unknown>[];
  /** Settlement rows (wire form) of orders placed in [stimeSec, etimeSec]. */
  expectedSettlements(stimeSec: number, etimeSec: number): Record<string, unknown>[];
}

const DEFAULT_START_MS = parseShanghaiWallTime('2024-03-01 00:00:00') ?? 0;

interface GatewayError {
  readonly http: number;
  readonly status: number;
  readonly message: string;
}

function reply(status: number, body: unknown): SimResponse {
  return { status, body: simulatorWireJson(body) };
}

function fail(err: GatewayError): SimResponse {
  return reply(err.http, { status: err.status, message: err.message, data: null });
}

const bad = (message: string): GatewayError => ({ http: 400, status: 4000, message });
const denied = (message: string): GatewayError => ({ http: 400, status: 401, message });

/** Reads an integer param sent as number or digit string; `fallback` (or a 4000 error) when absent. */
function intParam(body: Record<string, unknown>, name: string, fallback?: number): number | GatewayError {
  const v = body[name];
  if (v === undefined || v === null || v === '') return fallback ?? bad(`${name} 不能为空`);
  const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (!/^-?\d+$/.test(t)) return bad(`${name} 必须是整数`);
  return Number(t);
}

function strParam(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

interface PageParams {
  readonly stime: number;
  readonly etime: number;
  readonly page: number;
  readonly pageSize: number;
}

function pageParams(body: Record<string, unknown>): PageParams | GatewayError {
  const stime = intParam(body, 'stime');
  const etime = intParam(body, 'etime');
  const page = intParam(body, 'page', 1);
  const pageSize = intParam(body, 'page_size', 20);
  for (const v of [stime, etime, page, pageSize]) if (typeof v !== 'number') return v;
  const p = { stime: stime as number, etime: etime as number, page: page as number, pageSize: pageSize as number };
  if (p.etime < p.stime) return bad('etime 不能早于 stime');
  if (p.etime - p.stime > DUOMAI_MAX_SPAN_SECONDS) return bad('时间跨度不能超过1天');
  if (p.page < 1) return bad('page 必须大于0');
  if (p.pageSize < 1 || p.pageSize > DUOMAI_MAX_PAGE_SIZE) return bad(`page_size 最大${DUOMAI_MAX_PAGE_SIZE}`);
  return p;
}

function orderFilters(body: Record<string, unknown>): OrderFilters | GatewayError {
  const statusText = strParam(body, 'status');
  if (statusText !== undefined && !['-1', '0', '1', '2'].includes(statusText)) return bad('status 取值错误');
  const filters: { -readonly [K in keyof OrderFilters]: OrderFilters[K] } = {};
  if (statusText !== undefined) filters.status = Number(statusText) as DuomaiStatus;
  for (const k of ['ads_id', 'euid', 'site_id'] as const) {
    const v = strParam(body, k);
    if (v !== undefined) filters[k] = v;
  }
  return filters;
}

function settlementFilters(body: Record<string, unknown>): SettlementFilters {
  const filters: { -readonly [K in keyof SettlementFilters]: SettlementFilters[K] } = {};
  for (const k of ['order_sn', 'ads_id', 'euid'] as const) {
    const v = strParam(body, k);
    if (v !== undefined) filters[k] = v;
  }
  return filters;
}

/** Checks the public params and signature; returns the parsed JSON body or the gateway's refusal. */
function authenticate(req: SimRequest, creds: DuomaiCredentials, nowSec: number, maxSkew: number): Record<string, unknown> | GatewayError {
  const q = req.query;
  const appKey = q.get('app_key');
  const timestamp = q.get('timestamp');
  const service = q.get('service');
  const sign = q.get('sign');
  if (!appKey || !timestamp || !service || !sign) return denied('缺少公共参数 app_key/timestamp/service/sign');
  if (appKey !== creds.appKey) return denied('app_key 无效');
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - nowSec) > maxSkew) return denied('timestamp 已过期');
  if (req.bodyText === '') return bad('请求体不能为空');
  if (signDuomai(creds.appSecret, { app_key: appKey, service, timestamp }, req.bodyText) !== sign) return denied('签名验证失败');
  if (!(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) return bad('Content-Type 必须为 application/json');
  let body: unknown;
  try {
    body = JSON.parse(req.bodyText);
  } catch {
    return bad('请求体不是合法的 JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad('请求体必须是 JSON 对象');
  return body as Record<string, unknown>;
}

const isError = (v: unknown): v is GatewayError => typeof v === 'object' && v !== null && 'http' in v && 'status' in v;

/** Answers one authenticated query: validates the window and paging, then serves the page. */
function serve(dataset: DuomaiDataset, service: string, body: Record<string, unknown>): SimResponse {
  const p = pageParams(body);
  if (isError(p)) return fail(p);
  const from = (p.page - 1) * p.pageSize;
  const siteId = dataset.config.siteId;
  if (service === DUOMAI_ORDERS_SERVICE) {
    const filters = orderFilters(body);
    if (isError(filters)) return fail(filters);
    const page = dataset.ordersByUpdateTime(p.stime, p.etime, filters).slice(from, from + p.pageSize);
    return reply(200, { status: 0, message: '', data: page.map((i) => orderWireRow(dataset.order(i), siteId)) });
  }
  const refs = dataset.settlementsByOrderTime(p.stime, p.etime, settlementFilters(body)).slice(from, from + p.pageSize);
  return reply(200, { status: 0, message: '', data: refs.map((r) => settlementRowAt(dataset, r.index, r.revision)) });
}

function settlementRowAt(dataset: DuomaiDataset, index: number, revision: number): Record<string, unknown> {
  const o = dataset.order(index);
  return settlementWireRow(o, o.revisions[revision]!);
}

function mutateCount(body: unknown): number {
  const count = Number((body as { count?: unknown } | null)?.count ?? 1);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`mutate count must be a non-negative integer, got ${String(count)}`);
  return count;
}

/** Starts the simulator; use `baseUrl` and `credentials` to build a client. */
export async function startDuomaiSimulator(options: DuomaiSimulatorOptions = {}): Promise<DuomaiSimulator> {
  const now = options.now ?? Date.now;
  const credentials: DuomaiCredentials = { appKey: options.appKey ?? '2312521', appSecret: options.appSecret ?? 'sim_duomai_hash_7f3a9c' };
  const siteId = options.siteId ?? '352718';
  const dataset = new DuomaiDataset({
    seed: options.seed ?? 20_240_301,
    count: options.count ?? 500,
    startSec: Math.floor((options.periodStartMs ?? DEFAULT_START_MS) / 1000),
    periodSec: Math.round((options.periodDays ?? 3) * 86_400),
    maxLagSec: options.maxLagSeconds ?? 6 * 3600,
    siteId,
  });
  const nowSec = (): number => Math.floor(now() / 1000);

  const expectedOrders = (s: number, e: number): Record<string, unknown>[] =>
    dataset.ordersByUpdateTime(s, e).map((i) => orderWireRow(dataset.order(i), siteId));
  const expectedSettlements = (s: number, e: number): Record<string, unknown>[] =>
    dataset.settlementsByOrderTime(s, e).map((r) => settlementRowAt(dataset, r.index, r.revision));

  function handler(req: SimRequest): SimResponse {
    if (req.path !== '/apis' && req.path !== '/apis/') return fail({ http: 404, status: 404, message: 'Not Found' });
    if (req.method !== 'POST') return fail(bad('仅支持 POST 请求'));
    const body = authenticate(req, credentials, nowSec(), options.maxSkewSeconds ?? 600);
    if (isError(body)) return fail(body);
    const service = req.query.get('service') ?? '';
    if (service !== DUOMAI_ORDERS_SERVICE && service !== DUOMAI_SETTLEMENT_SERVICE) {
      return fail({ http: 400, status: 404, message: `service ${service} 不存在` });
    }
    return serve(dataset, service, body);
  }

  const mutate = (count: number): MutationResult => dataset.mutate(count, nowSec());
  const running = await startSimulatorServer({
    name: 'duomai',
    handler,
    tokenExpired: () => fail(denied('app_key 已失效或无权限 (no permission)')),
    routeKey: (req) => req.query.get('service') ?? req.path,
    control: {
      mutate: (body) => mutate(mutateCount(body)),
    },
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    ...running,
    baseUrl: `${running.url}/apis`,
    credentials,
    dataset,
    mutate,
    expectedOrders,
    expectedSettlements,
  };
}
