/**
 * The request handling of the itboye simulator, as the real "by" gateway does it: PHP-style form
 * parsing, client_id, ±10 min app_request_time, md5 sign over the raw `buss_data` (computed here on
 * its own, not with the client's signer), uid/sid sessions and ByRetCode answers.
 */
import { createHash } from 'node:crypto';
import type { SimRequest, SimResponse } from '../simulator-server.js';
import { ITBOYE_SERVICES } from './client.js';
import { BY_CODES } from './errors.js';
import type { ItboyeDataset, SimQueryStatus } from './simulator-data.js';
import { SEED_EXAMPLE_BODY } from './simulator-fixtures.js';

export interface ItboyeCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly loginUsername: string;
  readonly password: string;
}

export interface GatewayOptions {
  readonly now: () => number;
  readonly sessionTtlMs: number;
  readonly maxSkewMs: number;
  readonly fixture?: 'seed-example';
}

type Fields = URLSearchParams;
const REQUIRED_FIELDS = ['service_type', 'service_version', 'client_id', 'app_request_time', 'buss_data', 'sign'] as const;
const QUERY_STATUSES: readonly string[] = ['all', 'success', 'fail', 'wait'];
const NOT_FOUND_PAGE =
  '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>';

/** PHP fills $_POST only for form bodies; anything else looks like a request without parameters. */
export function formFields(req: SimRequest): Fields {
  const type = req.headers['content-type'] ?? '';
  const isForm = req.method === 'POST' && type.includes('application/x-www-form-urlencoded');
  return isForm ? new URLSearchParams(req.bodyText) : new URLSearchParams();
}

function parseBussData(fields: Fields): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(fields.get('buss_data') ?? '');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class ItboyeGateway {
  private readonly sessions = new Map<string, { uid: string; expiresAt: number }>();
  private sessionCounter = 0;

  constructor(
    private readonly dataset: ItboyeDataset,
    private readonly credentials: ItboyeCredentials,
    private readonly options: GatewayOptions,
  ) {}

  handle(req: SimRequest): SimResponse {
    if (req.path !== '/' && req.path !== '/t') {
      return { status: 404, headers: { 'content-type': 'text/html' }, body: NOT_FOUND_PAGE };
    }
    const fields = formFields(req);
    const refused = this.checkRequest(fields);
    if (refused) return refused;
    const params = parseBussData(fields);
    if (!params) return this.fail(BY_CODES.INVALID_PARAM, 'buss_data 格式错误', fields);
    switch (fields.get('service_type')) {
      case ITBOYE_SERVICES.login:
        return this.login(params, fields);
      case ITBOYE_SERVICES.queryOrders:
        return this.queryOrders(params, fields);
      default:
        return this.fail(BY_CODES.NOT_FOUND, '服务不存在', fields);
    }
  }

  /** The gateway's answer to a dead session. */
  tokenExpired(req: SimRequest): SimResponse {
    return this.fail(BY_CODES.NEED_LOGIN, '登录已过期', formFields(req));
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  private envelope(code: string, msg: string, data: unknown, fields: Fields): SimResponse {
    const nowMs = this.options.now();
    const body = { data, code: Number(code), msg, notify_id: fields.get('notify_id') ?? '', _start: Math.floor(nowMs / 1000), _cost: '0.0031' };
    return { status: 200, body: JSON.stringify(body) };
  }

  private fail(code: string, msg: string, fields: Fields): SimResponse {
    return this.envelope(code, msg, '', fields);
  }

  private checkRequest(fields: Fields): SimResponse | null {
    const missing = REQUIRED_FIELDS.find((name) => !fields.get(name));
    if (missing) return this.fail(BY_CODES.MISSING_PARAM, `缺少参数: ${missing}`, fields);
    const get = (name: (typeof REQUIRED_FIELDS)[number]): string => fields.get(name)!;
    if (get('client_id') !== this.credentials.clientId) return this.fail(BY_CODES.NO_PERMISSION, 'client_id 无效', fields);
    const time = get('app_request_time');
    if (!/^\d{13}$/.test(time)) return this.fail(BY_CODES.INVALID_PARAM, 'app_request_time 格式错误', fields);
    if (Math.abs(Number(time) - this.options.now()) > this.options.maxSkewMs) {
      return this.fail(BY_CODES.INVALID_PARAM, '请求时间与服务器时间相差过大', fields);
    }
    if (get('service_version') !== '100') return this.fail(BY_CODES.DEPRECATED_VERSION, '接口版本已废弃', fields);
    const origin = time + this.credentials.clientSecret + get('service_type') + get('service_version') + get('buss_data');
    const expected = createHash('md5').update(origin, 'utf8').digest('hex');
    if (get('sign') !== expected) return this.fail(BY_CODES.NO_PERMISSION, '签名错误', fields);
    return null;
  }

  private login(params: Record<string, unknown>, fields: Fields): SimResponse {
    const { username, password } = params;
    if (typeof username !== 'string' || !username) return this.fail(BY_CODES.MISSING_PARAM, '缺少参数: username', fields);
    if (typeof password !== 'string' || !password) return this.fail(BY_CODES.MISSING_PARAM, '缺少参数: password', fields);
    if (username !== this.credentials.loginUsername || password !== this.credentials.password) {
      return this.fail(BY_CODES.FAILED, '用户名或密码错误', fields);
    }
    this.sessionCounter += 1;
    const sid = `0S#${createHash('md5').update(`${this.dataset.seed}:${this.sessionCounter}`).digest('hex')}`;
    const uid = this.dataset.userByName(username)?.id ?? '1';
    this.sessions.set(sid, { uid, expiresAt: this.options.now() + this.options.sessionTtlMs });
    return this.envelope(BY_CODES.OK, '操作成功', { uid, sid, username, nickname: username }, fields);
  }

  private queryOrders(params: Record<string, unknown>, fields: Fields): SimResponse {
    const session = this.sessions.get(fields.get('sid') ?? '');
    if (!session || session.uid !== fields.get('uid') || session.expiresAt <= this.options.now()) {
      return this.fail(BY_CODES.NEED_LOGIN, '登录已过期', fields);
    }
    const { status, username } = params;
    if (typeof status !== 'string' || !status) return this.fail(BY_CODES.MISSING_PARAM, '缺少参数: status', fields);
    if (!QUERY_STATUSES.includes(status)) return this.fail(BY_CODES.INVALID_PARAM, 'status 参数错误', fields);
    if (typeof username !== 'string' || !username) return this.fail(BY_CODES.MISSING_PARAM, '缺少参数: username', fields);
    if (this.options.fixture === 'seed-example') return { status: 200, body: SEED_EXAMPLE_BODY };
    const data = this.dataset.ordersOf(username, status as SimQueryStatus).map((o) => o.record);
    return this.envelope(BY_CODES.OK, '操作成功', data, fields);
  }
}
