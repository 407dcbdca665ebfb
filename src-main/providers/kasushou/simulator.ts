/**
 * Kasushou gateway simulator: a real HTTP server on 127.0.0.1 that checks UserId, Timestamp and Sign
 * over the raw body the way the PHP gateway does, answers `{code,msg,data}` envelopes, and serves the
 * deterministic dataset of simulator-data.ts (order/info with the `day` window, admin order list
 * paging, user/info). Behaviour the docs leave open is marked INFERRED.
 */
import { parseShanghaiWallTime, toShanghaiWallTime, DAY_MS } from '../../domain/time.js';
import { parseJsonLossless } from '../json.js';
import { prng } from '../simulator-random.js';
import { startSimulatorServer, type RunningSimulator, type SimRequest, type SimResponse } from '../simulator-server.js';
import { ADMIN_LIST_MAX_LIMIT, KASUSHOU_PATHS, ORDER_INFO_MAX_BATCH } from './client.js';
import { encodeRequestBody, encodeValue, signRequest } from './sign.js';
import { KasushouDataset, hintOf, yuanText, type SimOrder } from './simulator-data.js';

export interface KasushouCredentials {
  readonly userId: string;
  readonly apikey: string;
}

export interface KasushouSimulatorOptions {
  readonly seed?: number;
  /** Orders in the dataset, 0..1,000,000 (default 250). */
  readonly count?: number;
  /** The simulator's clock (epoch ms) that `day` windows count back from; default 2024-07-01 00:00 Shanghai. */
  readonly clockMs?: number;
  /** Orders are spread evenly over this many days before the clock (default 180). */
  readonly spanDays?: number;
  /** Allowed |Timestamp − real now| (INFERRED; the doc gives no figure). Default 10 minutes. */
  readonly timestampSkewMs?: number;
  /** The real clock the Timestamp header is checked against (default Date.now). */
  readonly realNow?: () => number;
  readonly balanceFen?: number;
  readonly port?: number;
}

export interface KasushouSimulator extends RunningSimulator {
  /** Buyer API account (UserId = appid). */
  readonly credentials: KasushouCredentials;
  /** Site admin account for `/api/admin/*` (UserId = admin login name). */
  readonly adminCredentials: KasushouCredentials;
  readonly dataset: KasushouDataset;
  readonly balanceFen: number;
  now(): number;
  advance(ms: number): number;
  /** Moves up to `count` non-final orders forward; returns the changed order numbers. */
  mutate(count: number): string[];
  /** Ground truth: the current state of order i (0 = oldest). */
  orderAt(index: number): SimOrder;
  orderNoAt(index: number): string;
  /** Every order number, oldest first, computed lazily. */
  orderNos(): Generator<string>;
}

export const DEFAULT_SIM_CLOCK_MS = parseShanghaiWallTime('2024-07-01 00:00:00') ?? 0;

const OK_MSG = '成功';
/** What the gateway says to a stale or wrong credential (token-expired fault, unknown UserId). */
export const AUTH_FAILURE_MSG = '签名验证失败：UserId或apikey无效';

function apikeyFor(seed: number, salt: number): string {
  const rand = prng((seed ^ salt) >>> 0);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 32 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
}

/** PHP-style response body (unicode raw, slashes escaped as PHP does by default). */
export function envelope(code: number, msg: string, data: unknown): SimResponse {
  return { status: 200, body: encodeValue({ code, msg, data }, { escapeSlashes: true }) };
}

const fail = (msg: string): SimResponse => envelope(400, msg, []);

export function infoItemJson(o: SimOrder): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ordersn: o.ordersnNumeric ? BigInt(o.ordersn) : o.ordersn,
    external_orderno: o.externalOrderno,
    recharge_info: o.rechargeAccount ? [{ n: '充值账号', v: o.rechargeAccount, k: 'recharge_account' }] : [],
    recharge_hints: hintOf(o.status),
    status: o.status,
    total_price: o.totalNumeric ? o.totalFen / 100 : yuanText(o.totalFen),
    has_back_money: yuanText(o.hasBackMoneyFen),
    card_list: o.status === 3 ? o.cards.map(cardJson) : [],
  };
  return item;
}

function cardJson(c: SimOrder['cards'][number]): Record<string, unknown> {
  const card: Record<string, unknown> = { card_no: c.cardNo, card_password: c.password };
  if (c.showTypePresent) card['card_show_type'] = c.showType;
  if (c.endTime !== undefined) card['end_time'] = c.endTime;
  return card;
}

export function adminRowJson(o: SimOrder): Record<string, unknown> {
  return {
    ordersn: o.ordersnNumeric ? BigInt(o.ordersn) : o.ordersn,
    external_orderno: o.externalOrderno,
    goods_id: o.goods.id,
    goods_name: o.goods.name,
    quantity: o.quantity,
    goods_price: yuanText(o.goods.priceFen),
    total_price: o.totalNumeric ? o.totalFen / 100 : yuanText(o.totalFen),
    has_back_money: yuanText(o.hasBackMoneyFen),
    status: String(o.status),
    recharge_info: o.rechargeAccount ? [{ n: '充值账号', v: o.rechargeAccount, k: 'recharge_account' }] : [],
    create_time: toShanghaiWallTime(o.createdAt),
    update_time: toShanghaiWallTime(o.updatedAt),
  };
}

function header(req: SimRequest, name: string): string {
  return (req.headers[name.toLowerCase()] ?? '').trim();
}

function textParam(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** PHP-loose integer parameter: 10, "10" and "" (→ fallback) are accepted. */
function intParam(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null || value === '') return fallback;
  const t = textParam(value);
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

interface GatewayState {
  readonly dataset: KasushouDataset;
  readonly accounts: ReadonlyMap<string, KasushouCredentials & { admin: boolean }>;
  readonly skewMs: number;
  readonly realNow: () => number;
  readonly balanceFen: number;
  clockMs: number;
}

function authenticate(state: GatewayState, req: SimRequest): { admin: boolean } | { error: SimResponse } {
  const fail = (msg: string) => ({ error: envelope(400, msg, []) });
  const sign = header(req, 'Sign');
  const timestamp = header(req, 'Timestamp');
  const userId = header(req, 'UserId');
  if (!userId) return fail('缺少UserId');
  if (!sign) return fail('缺少签名Sign');
  if (!/^\d{13}$/.test(timestamp)) return fail('Timestamp必须是13位毫秒时间戳');
  if (Math.abs(Number(timestamp) - state.realNow()) > state.skewMs) return fail('请求已过期,请检查Timestamp');
  const account = state.accounts.get(userId);
  if (!account) return fail('UserId不存在');
  if (sign !== signRequest(timestamp, req.bodyText, account.apikey)) return fail('签名错误');
  return { admin: account.admin };
}

function parseParams(bodyText: string): { params: Record<string, unknown> } | { error: SimResponse } {
  const fail = (msg: string) => ({ error: envelope(400, msg, []) });
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(bodyText);
  } catch {
    return fail('请求参数必须是JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('请求参数必须是JSON对象');
  const params = parsed as Record<string, unknown>;
  // INFERRED: a PHP server that re-encodes ksort($post) gets a different string (and sign) from any
  // body that is not PHP-identical: escaped slashes, spaces, unsorted keys. Model that strictly.
  if (encodeRequestBody(params) !== bodyText) return fail('签名错误');
  return { params };
}

function orderInfo(state: GatewayState, params: Record<string, unknown>): SimResponse {
  const day = intParam(params['day'], 30);
  if (day === null || day < 0) return fail('day参数错误');
  const bySn = textParam(params['ordersn']);
  const byExt = textParam(params['external_orderno']);
  const keys = (bySn || byExt).split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) return fail('请传入订单号ordersn或external_orderno');
  if (keys.length > ORDER_INFO_MAX_BATCH) return fail(`单次最多查询${ORDER_INFO_MAX_BATCH}个订单`);
  const since = day === 0 ? -Infinity : state.clockMs - day * DAY_MS;
  const data: Record<string, unknown>[] = [];
  for (const key of new Set(keys)) {
    const index = bySn ? state.dataset.indexOfOrdersn(key) : state.dataset.indexOfExternal(key);
    if (index === null) continue;
    const order = state.dataset.order(index);
    // INFERRED: orders outside the window (or unknown) are simply absent from data.
    if (order.createdAt >= since && order.createdAt <= state.clockMs) data.push(infoItemJson(order));
  }
  return envelope(200, OK_MSG, data);
}

function matchesFilters(o: SimOrder, params: Record<string, unknown>): boolean {
  const status = textParam(params['status']);
  const sn = textParam(params['ordersn']);
  const ext = textParam(params['external_orderno']);
  return (!status || String(o.status) === status) && (!sn || o.ordersn === sn) && (!ext || o.externalOrderno === ext);
}

/** Newest first. Unfiltered pages are computed directly; filtered pages scan (fine for a simulator). */
function adminOrderList(state: GatewayState, params: Record<string, unknown>): SimResponse {
  const page = intParam(params['page'], 1);
  const limit = intParam(params['limit'], 10);
  if (page === null || page < 1) return fail('page参数错误');
  if (limit === null || limit < 1) return fail('limit参数错误');
  if (limit > ADMIN_LIST_MAX_LIMIT) return fail(`limit最大为${ADMIN_LIST_MAX_LIMIT}`);
  const { dataset } = state;
  const offset = (page - 1) * limit;
  const rows: Record<string, unknown>[] = [];
  const filtered = ['status', 'ordersn', 'external_orderno'].some((k) => textParam(params[k]) !== '');
  if (!filtered) {
    for (let n = offset; n < Math.min(offset + limit, dataset.count); n++) rows.push(adminRowJson(dataset.order(dataset.count - 1 - n)));
    return envelope(200, OK_MSG, rows);
  }
  let matched = 0;
  for (let index = dataset.count - 1; index >= 0 && rows.length < limit; index--) {
    const order = dataset.order(index);
    if (!matchesFilters(order, params)) continue;
    if (matched++ >= offset) rows.push(adminRowJson(order));
  }
  return envelope(200, OK_MSG, rows);
}

function handle(state: GatewayState, req: SimRequest): SimResponse {
  if (req.method !== 'POST') return fail('请使用POST请求');
  const auth = authenticate(state, req);
  if ('error' in auth) return auth.error;
  const parsed = parseParams(req.bodyText);
  if ('error' in parsed) return parsed.error;
  const { params } = parsed;
  switch (req.path) {
    case KASUSHOU_PATHS.userInfo:
      return envelope(200, OK_MSG, { balance: yuanText(state.balanceFen) });
    case KASUSHOU_PATHS.orderInfo:
      return orderInfo(state, params);
    case KASUSHOU_PATHS.adminOrderList:
      return auth.admin ? adminOrderList(state, params) : fail('UserId无后台接口权限');
    default:
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
  }
}

/** Starts the Kasushou simulator with its accounts, dataset, clock and control verbs. */
export async function startKasushouSimulator(options: KasushouSimulatorOptions = {}): Promise<KasushouSimulator> {
  const seed = (options.seed ?? 1) >>> 0;
  const clockMs = options.clockMs ?? DEFAULT_SIM_CLOCK_MS;
  const dataset = new KasushouDataset({ seed, count: options.count ?? 250, endMs: clockMs, spanDays: options.spanDays ?? 180 });
  const credentials = { userId: '10086', apikey: apikeyFor(seed, 0x1234) };
  const adminCredentials = { userId: 'admin', apikey: apikeyFor(seed, 0xad01) };
  const state: GatewayState = {
    dataset,
    accounts: new Map([
      [credentials.userId, { ...credentials, admin: false }],
      [adminCredentials.userId, { ...adminCredentials, admin: true }],
    ]),
    skewMs: options.timestampSkewMs ?? 10 * 60_000,
    realNow: options.realNow ?? Date.now,
    balanceFen: options.balanceFen ?? 888_888,
    clockMs,
  };
  const mutate = (count: number): string[] => dataset.mutate(count, state.clockMs);
  const advance = (ms: number): number => (state.clockMs += ms);
  const running = await startSimulatorServer({
    name: 'kasushou',
    handler: (req) => handle(state, req),
    tokenExpired: () => fail(AUTH_FAILURE_MSG),
    control: {
      mutate: (body) => ({ changed: mutate(Number((body as { count?: unknown }).count ?? 1)) }),
      advance: (body) => ({ now: advance(Number((body as { ms?: unknown }).ms ?? 0)) }),
    },
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    ...running,
    credentials,
    adminCredentials,
    dataset,
    balanceFen: state.balanceFen,
    now: () => state.clockMs,
    advance,
    mutate,
    orderAt: (index) => dataset.order(index),
    orderNoAt: (index) => dataset.ordersnOf(index),
    *orderNos() {
      for (let i = 0; i < dataset.count; i++) yield dataset.ordersnOf(i);
    },
  };
}
