/**
 * The shared half of every provider simulator: a real HTTP server on 127.0.0.1 with fault injection
 * and a request log. Each provider's simulator.ts supplies the gateway behaviour (signatures, envelopes,
 * data) as a handler. Faults can be injected in-process or over HTTP (`POST /__sim/faults`), so
 * end-to-end tests in another process can use them too.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The exact body bytes as UTF-8 text, which is what signatures are checked over. */
  readonly bodyText: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export type Fault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number; readonly body?: string }
  | { readonly kind: 'html'; readonly status?: number }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'slow-body'; readonly ms: number }
  | { readonly kind: 'hang' }
  /** Provider-specific: the simulator answers as its gateway does for an expired token/session. */
  | { readonly kind: 'token-expired' };

export interface FaultRule {
  readonly fault: Fault;
  /** How many matching requests it applies to; Infinity until cleared. */
  remaining: number;
  /** Only requests whose path (or service/method name, see `routeKey`) contains this. */
  readonly match?: string;
}

export interface SimulatorServerOptions {
  readonly name: string;
  readonly handler: SimHandler;
  /** The gateway's own answer to an expired credential, used by the `token-expired` fault. */
  readonly tokenExpired: (req: SimRequest) => SimResponse;
  /** A name for the operation a request performs (path, service or method), used by `FaultRule.match`. */
  readonly routeKey?: (req: SimRequest) => string;
  /** Extra control verbs under `/__sim/<verb>` (e.g. mutate), answered as JSON. */
  readonly control?: Record<string, (body: unknown) => unknown>;
  readonly port?: number;
  readonly maxLoggedRequests?: number;
}

export interface RunningSimulator {
  readonly url: string;
  readonly port: number;
  readonly requests: SimRequest[];
  injectFault(fault: Fault, times?: number, match?: string): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__sim/';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function send(res: ServerResponse, response: SimResponse): void {
  res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
  res.end(response.body);
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

export async function startSimulatorServer(options: SimulatorServerOptions): Promise<RunningSimulator> {
  const rules: FaultRule[] = [];
  const requests: SimRequest[] = [];
  const maxLogged = options.maxLoggedRequests ?? 1000;
  const routeKey = options.routeKey ?? ((r: SimRequest) => r.path);

  function takeFault(req: SimRequest): Fault | undefined {
    const key = routeKey(req);
    const index = rules.findIndex((r) => r.remaining > 0 && (!r.match || key.includes(r.match)));
    if (index < 0) return undefined;
    const rule = rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
    return rule.fault;
  }

  function injectFault(fault: Fault, times = 1, match?: string): void {
    rules.push({ fault, remaining: times, ...(match ? { match } : {}) });
  }

  async function handleControl(verb: string, bodyText: string): Promise<SimResponse> {
    const body: unknown = bodyText ? JSON.parse(bodyText) : {};
    if (verb === 'faults') {
      const { fault, times, match } = body as { fault: Fault; times?: number; match?: string };
      injectFault(fault, times ?? 1, match);
      return { status: 200, body: JSON.stringify({ ok: true }) };
    }
    if (verb === 'clear-faults') {
      rules.length = 0;
      return { status: 200, body: JSON.stringify({ ok: true }) };
    }
    const extra = options.control?.[verb];
    if (!extra) return { status: 404, body: JSON.stringify({ ok: false, error: `unknown control verb ${verb}` }) };
    return { status: 200, body: JSON.stringify({ ok: true, result: await extra(body) }) };
  }

  async function respond(req: SimRequest, res: ServerResponse): Promise<void> {
    let fault = takeFault(req);
    while (fault?.kind === 'latency') {
      await sleep(fault.ms);
      fault = takeFault(req);
    }
    if (!fault) return send(res, await options.handler(req));
    switch (fault.kind) {
      case 'status':
        return send(res, {
          status: fault.status,
          headers: fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
          body: fault.body ?? JSON.stringify({ error: `simulated HTTP ${fault.status}` }),
        });
      case 'html':
        return send(res, { status: fault.status ?? 502, headers: { 'content-type': 'text/html' }, body: HTML_PAGE });
      case 'truncated': {
        const full = await options.handler(req);
        return send(res, { ...full, body: full.body.slice(0, Math.max(1, Math.floor(full.body.length / 2))) });
      }
      case 'malformed':
        return send(res, { status: 200, body: '{"code":0,"data":[{"id":1,,}' });
      case 'slow-body': {
        const full = await options.handler(req);
        res.writeHead(full.status, { 'content-type': 'application/json; charset=utf-8', ...full.headers });
        res.write(full.body.slice(0, 1));
        await sleep(fault.ms);
        res.end(full.body.slice(1));
        return;
      }
      case 'hang':
        // Never answer; the client's timeout must fire. The socket is destroyed on close().
        return;
      case 'token-expired':
        return send(res, options.tokenExpired(req));
    }
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming, res) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const bodyText = await readBody(incoming);
      try {
        if (url.pathname.startsWith(CONTROL_PREFIX)) {
          return send(res, await handleControl(url.pathname.slice(CONTROL_PREFIX.length), bodyText));
        }
        const req: SimRequest = {
          method: incoming.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: incoming.headers as Record<string, string | undefined>,
          bodyText,
        };
        requests.push(req);
        if (requests.length > maxLogged) requests.splice(0, requests.length - maxLogged);
        await respond(req, res);
      } catch (error) {
        send(res, { status: 500, body: JSON.stringify({ error: `simulator ${options.name} failed: ${String(error)}` }) });
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    injectFault,
    clearFaults: () => {
      rules.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
