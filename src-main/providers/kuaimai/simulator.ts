/**
 * A local stand-in for the Kuaimai router (https://gw.superboss.cc/router): form or multipart POSTs,
 * TOP signatures in all three methods, appKey, session validity on the simulator clock, the ±10 min
 * timestamp window, one-day query windows and pageSize ≤ 200 — answered with the gateway's envelopes
 * and (TOP-style, INFERRED) error codes. Data comes from a lazily computed deterministic dataset.
 */
import { DAY_MS, parseShanghaiWallTime } from '../../domain/time.js';
import { startSimulatorServer, type RunningSimulator, type SimRequest, type SimResponse } from '../simulator-server.js';
import { simulatorWireJson } from '../simulator-wire-json.js';
import { compactParams, isKuaimaiSignMethod, signParams } from './sign.js';
import type { DatasetOptions, SimTimeType, SimTrade } from './simulator-data.js';
import { KuaimaiDataset } from './simulator-dataset.js';
import { readFormFields } from './simulator-form.js';
import { moneyRecordWire, tradeWire } from './simulator-wire.js';

export interface KuaimaiSimCredentials {
  readonly appKey: string;
  readonly appSecret: string;
  readonly session: string;
  readonly refreshToken: string;
  readonly supplierCompanyId: string;
  readonly distributorCompanyId: string;
}

export const DEFAULT_SIM_CREDENTIALS: KuaimaiSimCredentials = {
  appKey: '20240301',
  appSecret: 'sim-kuaimai-secret-7f3a9c',
  session: 'sim-session-5d2e8b41c0a7',
  refreshToken: 'sim-refresh-93bc1f06e4d2',
  supplierCompanyId: '88001',
  distributorCompanyId: '99002',
};

export interface KuaimaiSimulatorOptions extends Partial<DatasetOptions> {
  readonly port?: number;
  /** The simulator's clock (timestamps are checked and sessions expire against it). */
  readonly now?: () => number;
  readonly credentials?: Partial<KuaimaiSimCredentials>;
  /** Session expiry (epoch ms); defaults to 30 days after start on the simulator clock. */
  readonly sessionExpiresAt?: number;
}

export interface KuaimaiSimulator extends RunningSimulator {
  /** What to use as the account's base URL. */
  readonly routerUrl: string;
  readonly credentials: KuaimaiSimCredentials;
  /** Ground truth: trades, flows, window queries and mutations. */
  readonly dataset: KuaimaiDataset;
  sessionExpiresAt(): number;
  /** Makes the session expire now (the next data call answers code 27). */
  expireSession(): void;
  /** Changes `count` trades at the simulator's current time (also `POST /__sim/mutate {"count":N}`). */
  mutate(count: number): SimTrade[];
}

export const ROUTER_PATH = '/router';
export const TIMESTAMP_TOLERANCE_MS = 10 * 60 * 1000;
export const SESSION_EXTENSION_MS = 30 * DAY_MS;
const MONEY_METHOD = 'kmt.api.dms.query.distributor.money.record.detail.page';
const TIME_TYPES: readonly SimTimeType[] = ['created', 'pay_time', 'consign_time', 'audit_time', 'upd_time'];

type Fields = Record<string, string>;

class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class KuaimaiGateway {
  #trace = 0n;
  expiresAt: number;

  constructor(
    readonly creds: KuaimaiSimCredentials,
    readonly dataset: KuaimaiDataset,
    readonly now: () => number,
    expiresAt: number,
  ) {
    this.expiresAt = expiresAt;
  }

  traceId(): string {
    this.#trace += 1n;
    return String(3_042_357_545_355_406_144n + this.#trace);
  }

  error(code: string, msg: string): SimResponse {
    return { status: 200, body: simulatorWireJson({ code, msg, success: false, trace_id: this.traceId() }) };
  }

  ok(data: Record<string, unknown>): SimResponse {
    return { status: 200, body: simulatorWireJson({ traceId: this.traceId(), ...data, success: true }) };
  }

  handle(req: SimRequest): SimResponse {
    if (req.path !== ROUTER_PATH) return { ...this.error('22', `无效的服务地址 ${req.path} (Invalid Method)`), status: 404 };
    if (req.method !== 'POST') return this.error('9', 'HTTP方法不被允许，请使用 POST (Http Action Not Allowed)');
    const fields = readFormFields(req);
    if (!fields) return this.error('23', '请求体必须是表单 (Invalid Format)');
    try {
      const method = this.#checkPublic(fields);
      if (method === 'erp.trade.list.query') return this.ok(this.#tradeList(fields));
      if (method === MONEY_METHOD) return this.ok(this.#moneyRecords(fields));
      return this.ok(this.#refresh(fields));
    } catch (error) {
      if (error instanceof GatewayError) return this.error(error.code, error.message);
      throw error;
    }
  }

  #checkPublic(f: Fields): string {
    if (!f['appKey']) throw new GatewayError('28', '缺少appKey参数 (Missing App Key)');
    if (f['appKey'] !== this.creds.appKey) throw new GatewayError('29', '无效的appKey (Invalid App Key)');
    const method = f['method'];
    if (!method) throw new GatewayError('21', '缺少method参数 (Missing Method)');
    if (![MONEY_METHOD, 'erp.trade.list.query', 'open.token.refresh'].includes(method)) {
      throw new GatewayError('22', `服务方法(${method}:${f['version'] ?? ''})不存在 (Invalid Method)`);
    }
    if (!f['version']) throw new GatewayError('32', '缺少version参数 (Missing Version)');
    if (f['version'] !== '1.0') throw new GatewayError('34', `不支持的版本 ${f['version']} (Unsupported Version)`);
    if (f['format'] && f['format'] !== 'json') throw new GatewayError('23', `不支持的格式 ${f['format']} (Invalid Format)`);
    this.#checkTimestamp(f['timestamp']);
    this.#checkSign(f, method);
    if (!f['session']) throw new GatewayError('26', '缺少session参数 (Missing Session)');
    if (f['session'] !== this.creds.session) throw new GatewayError('27', 'session无效 (Invalid Session)');
    // A refresh is how an expired session is renewed, so only data calls check the expiry.
    if (method !== 'open.token.refresh' && this.now() >= this.expiresAt) {
      throw new GatewayError('27', 'session已过期，请刷新或重新授权 (Session Expired)');
    }
    return method;
  }

  #checkTimestamp(value: string | undefined): void {
    if (!value) throw new GatewayError('30', '缺少timestamp参数 (Missing Timestamp)');
    let at: number | null;
    try {
      at = parseShanghaiWallTime(value);
    } catch {
      at = null;
    }
    if (at === null) throw new GatewayError('31', `时间戳格式错误 ${value} (Invalid Timestamp)`);
    if (Math.abs(at - this.now()) > TIMESTAMP_TOLERANCE_MS) {
      throw new GatewayError('31', '时间戳与服务器时间相差超过10分钟 (Invalid Timestamp)');
    }
  }

  #checkSign(f: Fields, method: string): void {
    const signMethod = f['sign_method'] || 'hmac';
    if (!isKuaimaiSignMethod(signMethod)) throw new GatewayError('25', `不支持的签名方法 ${signMethod} (Invalid Signature)`);
    if (!f['sign']) throw new GatewayError('24', '缺少sign参数 (Missing Signature)');
    const expected = signParams(compactParams(f), this.creds.appSecret, signMethod);
    if (f['sign'].toUpperCase() !== expected) throw new GatewayError('25', `服务方法(${method}:1.0)的签名无效`);
  }

  #window(f: Fields): { timeType: SimTimeType; from: number; to: number } {
    const timeType = (f['timeType'] || 'upd_time') as SimTimeType;
    if (!TIME_TYPES.includes(timeType)) throw new GatewayError('41', `timeType 不合法: ${timeType} (Invalid Arguments)`);
    if (!f['startTime'] || !f['endTime']) throw new GatewayError('40', '缺少必选参数 startTime/endTime (Missing Required Arguments)');
    let from: number | null;
    let to: number | null;
    try {
      from = parseShanghaiWallTime(f['startTime']);
      to = parseShanghaiWallTime(f['endTime']);
    } catch {
      throw new GatewayError('41', '时间格式应为 yyyy-MM-dd HH:mm:ss (Invalid Arguments)');
    }
    if (from === null || to === null || to < from) throw new GatewayError('41', '结束时间不能早于开始时间 (Invalid Arguments)');
    if (to - from > DAY_MS) throw new GatewayError('41', '查询时间跨度不能超过一天 (Invalid Arguments)');
    return { timeType, from, to };
  }

  #tradeList(f: Fields): Record<string, unknown> {
    const { timeType, from, to } = this.#window(f);
    const pageNo = Number(f['pageNo'] ?? '1');
    const pageSize = Number(f['pageSize'] ?? '40');
    if (!Number.isInteger(pageNo) || pageNo < 1) throw new GatewayError('41', `pageNo 不合法: ${f['pageNo']} (Invalid Arguments)`);
    if (!Number.isInteger(pageSize) || pageSize < 2 || pageSize > 200) {
      throw new GatewayError('41', `pageSize最大支持200，不能小于2: ${f['pageSize']} (Invalid Arguments)`);
    }
    const indexes = this.dataset.query(timeType, from, to);
    const page = indexes.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return { total: indexes.length, list: page.map((index) => tradeWire(this.dataset.trade(index))) };
  }

  #moneyRecords(f: Fields): Record<string, unknown> {
    const tid = f['tid'];
    if (!tid) throw new GatewayError('40', '缺少必选参数 tid (Missing Required Arguments)');
    const distributor = f['distributorCompanyId'];
    if (distributor !== undefined && !/^\d+$/.test(distributor)) throw new GatewayError('41', 'distributorCompanyId 必须是数字 (Invalid Arguments)');
    const otherCompany =
      (f['supplierCompanyId'] !== undefined && f['supplierCompanyId'] !== this.creds.supplierCompanyId) ||
      (distributor !== undefined && distributor !== this.creds.distributorCompanyId);
    const index = otherCompany ? null : this.dataset.indexOfTid(tid);
    if (index === null) return { list: [], total: 0 };
    const trade = this.dataset.trade(index);
    const flows = [...trade.flows].sort((a, b) => a.createdMs - b.createdMs);
    return { list: flows.map((flow) => moneyRecordWire(trade, flow)), total: flows.length };
  }

  #refresh(f: Fields): Record<string, unknown> {
    if (!f['refreshToken']) throw new GatewayError('40', '缺少必选参数 refreshToken (Missing Required Arguments)');
    if (f['refreshToken'] !== this.creds.refreshToken) throw new GatewayError('27', 'refreshToken无效，请重新授权 (Invalid Session)');
    this.expiresAt = this.now() + SESSION_EXTENSION_MS;
    return {
      session: {
        accessToken: this.creds.session,
        refreshToken: this.creds.refreshToken,
        expiresIn: SESSION_EXTENSION_MS / 1000,
      },
    };
  }
}

/** Starts the simulated Kuaimai router; its account credentials and ground truth come with it. */
export async function startKuaimaiSimulator(options: KuaimaiSimulatorOptions = {}): Promise<KuaimaiSimulator> {
  const { port, now = Date.now, credentials, sessionExpiresAt, ...datasetOptions } = options;
  const creds: KuaimaiSimCredentials = { ...DEFAULT_SIM_CREDENTIALS, ...credentials };
  const dataset = new KuaimaiDataset(datasetOptions);
  const gateway = new KuaimaiGateway(creds, dataset, now, sessionExpiresAt ?? now() + SESSION_EXTENSION_MS);
  const mutate = (count: number): SimTrade[] => dataset.mutate(count, now());
  const running = await startSimulatorServer({
    name: 'kuaimai',
    handler: (req) => gateway.handle(req),
    tokenExpired: () => gateway.error('27', 'session已过期，请刷新或重新授权 (Session Expired)'),
    routeKey: (req) => readFormFields(req)?.['method'] ?? req.path,
    control: {
      mutate: (body) => mutate(Number((body as { count?: unknown }).count ?? 1)).map((t) => t.tid),
      'expire-session': () => {
        gateway.expiresAt = now();
        return { sessionExpiresAt: gateway.expiresAt };
      },
    },
    ...(port === undefined ? {} : { port }),
  });
  return Object.assign(running, {
    routerUrl: `${running.url}${ROUTER_PATH}`,
    credentials: creds,
    dataset,
    sessionExpiresAt: () => gateway.expiresAt,
    expireSession: () => {
      gateway.expiresAt = now();
    },
    mutate,
  });
}
