/**
 * union-home gateway simulator: `GET {url}?order_id=N` with a `token` header, answering like the real
 * PHP back end (HTTP 200 with `{status,msg,data,other}` for every business outcome).
 * - missing token → `{"status":0,"msg":"token不能为空","data":[]}`; wrong/expired → `{"status":0,"msg":"token过期","data":[]}`
 * - unknown, deleted or not-yet-created id → `{"status":0,"msg":"订单不存在","data":[]}` (gaps ≤ MAX_ID_GAP)
 * - missing/non-numeric order_id → `{"status":0,"msg":"订单id不能为空","data":[]}`; other paths → HTTP 404 page
 * Control verbs: `POST /__sim/mutate {"count":N}`, `POST /__sim/seed-example {"times":N}` (serve the seed's
 * malformed success example verbatim).
 */
import { startSimulatorServer, type RunningSimulator, type SimRequest, type SimResponse } from '../simulator-server.js';
import { emitsBareOrderNumber, MAX_ID_GAP, type JsonObject, type UnionhomeTruth } from './simulator-data.js';
import { UnionhomeDataset, type MutationResult } from './simulator-dataset.js';
import { SEED_SUCCESS_AS_PRINTED } from './simulator-seed.js';

export { MAX_ID_GAP };

export const UNIONHOME_SIM_PATH = '/api/order/detail';
export const UNIONHOME_SIM_TOKEN = 'uh_sim_9f86d081884c7d659a2feaa0c55ad015';

export interface UnionhomeSimulatorOptions {
  readonly seed?: number;
  /** Highest order id at start (ids 1..orders, some deleted). Default 50. */
  readonly orders?: number;
  readonly token?: string;
  readonly port?: number;
}

export interface UnionhomeSimulator extends RunningSimulator {
  /** The valid token. */
  readonly token: string;
  /** The full order-detail URL to configure as the account's base URL. */
  readonly orderDetailUrl: string;
  readonly dataset: UnionhomeDataset;
  /** New orders appear at the top and non-final statuses move (see UnionhomeDataset.mutate). */
  mutate(count: number): MutationResult;
  /** Serve the seed document's malformed success example verbatim for the next `times` requests. */
  serveSeedExampleAsPrinted(times?: number): void;
  /** Ground truth: the existing order ids and each one's exact values. */
  expectedOrderIds(): number[];
  expectedOrderCount(): number;
  expectedDetail(id: number): JsonObject | null;
  expectedTruth(id: number): UnionhomeTruth | null;
}

function envelope(body: Record<string, unknown>): SimResponse {
  return { status: 200, body: JSON.stringify(body) };
}

const errorEnvelope = (msg: string): SimResponse => envelope({ status: 0, msg, data: [] });
export const TOKEN_EXPIRED_BODY = '{"status":0,"msg":"token过期","data":[]}';

const NOT_FOUND_PAGE =
  '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>';

/** JSON text of a success answer; some records carry goods_order_num as a bare number, as the doc types it. */
function successBody(id: number, data: JsonObject): string {
  const text = JSON.stringify({ status: 200, msg: '成功', data, other: [] });
  if (!emitsBareOrderNumber(id)) return text;
  return text.replace(/"goods_order_num":"(\d+)"/, '"goods_order_num":$1');
}

function numberField(body: unknown, key: string, fallback: number): number {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return value === undefined ? fallback : Number(value);
}

function headerValue(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function handleOrderDetail(dataset: UnionhomeDataset, token: string, req: SimRequest): SimResponse {
  if (req.path !== UNIONHOME_SIM_PATH) return { status: 404, headers: { 'content-type': 'text/html' }, body: NOT_FOUND_PAGE };
  const sent = headerValue(req, 'token');
  if (sent === undefined || sent === '') return errorEnvelope('token不能为空');
  if (sent !== token) return { status: 200, body: TOKEN_EXPIRED_BODY };
  const idText = req.query.get('order_id') ?? '';
  if (!/^\d{1,15}$/.test(idText)) return errorEnvelope('订单id不能为空');
  const id = Number(idText);
  const data = dataset.detail(id);
  if (data === null) return errorEnvelope('订单不存在');
  return { status: 200, body: successBody(id, data) };
}

export async function startUnionhomeSimulator(options: UnionhomeSimulatorOptions = {}): Promise<UnionhomeSimulator> {
  const token = options.token ?? UNIONHOME_SIM_TOKEN;
  const dataset = new UnionhomeDataset(options.seed ?? 20200711, options.orders ?? 50);
  const mutate = (count: number): MutationResult => dataset.mutate(count);
  let sim: RunningSimulator | null = null;
  const serveSeedExampleAsPrinted = (times = 1): void => {
    sim?.injectFault({ kind: 'status', status: 200, body: SEED_SUCCESS_AS_PRINTED }, times);
  };
  sim = await startSimulatorServer({
    name: 'unionhome',
    handler: (req) => handleOrderDetail(dataset, token, req),
    tokenExpired: () => ({ status: 200, body: TOKEN_EXPIRED_BODY }),
    control: {
      mutate: (body) => mutate(numberField(body, 'count', 1)),
      'seed-example': (body) => {
        const times = numberField(body, 'times', 1);
        serveSeedExampleAsPrinted(times);
        return { times };
      },
    },
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  const running = sim;
  return {
    url: running.url,
    port: running.port,
    requests: running.requests,
    injectFault: running.injectFault,
    clearFaults: running.clearFaults,
    close: running.close,
    token,
    orderDetailUrl: `${running.url}${UNIONHOME_SIM_PATH}`,
    dataset,
    mutate,
    serveSeedExampleAsPrinted,
    expectedOrderIds: () => dataset.orderIds(),
    expectedOrderCount: () => dataset.orderCount(),
    expectedDetail: (id) => dataset.detail(id),
    expectedTruth: (id) => dataset.truth(id),
  };
}
