/**
 * Web mode: the same contract as the desktop IPC, served on 127.0.0.1 for browsers and end-to-end
 * tests. `POST /api/<channel>` with JSON args → Result JSON; `GET /api/events` → server-sent events;
 * `GET /download/export/<jobId>` → a finished export file; everything else is the built renderer.
 * Open `/auth?token=…` once to receive the session cookie.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { AppEvents, EventName } from '../api/contract.js';
import type { Result } from '../api/result.js';
import type { EventBus } from '../services/event-bus.js';
import { EXPORT_DOWNLOAD_PREFIX, serveExportDownload } from './export-download.js';
import { hostAllowed, originAllowed, SECURITY_HEADERS, sessionCookie, tokenPresented } from './security.js';

export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface WebServerOptions {
  readonly dispatch: (channel: unknown, args: unknown) => Promise<Result<unknown>>;
  readonly events: EventBus;
  /** Folder with the built renderer (index.html); absent → API only. */
  readonly staticDir?: string;
  readonly port?: number;
  readonly token?: string;
  readonly onError?: (error: unknown) => void;
}

export interface RunningWebServer {
  readonly port: number;
  readonly token: string;
  readonly origin: string;
  /** The URL to open: it signs the browser in with the per-launch token. */
  readonly launchUrl: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const serveStatic =
    options.staticDir && existsSync(options.staticDir)
      ? sirv(options.staticDir, { single: true, dev: false, etag: true, setHeaders: (res) => {
          for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
        } })
      : null;
  let port = 0;
  const sseClients = new Set<ServerResponse>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'API 只接受 POST (use POST)');
    let args: unknown;
    try {
      const text = await readBody(req);
      args = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(res, 413, 'too_large', `请求体超过 ${MAX_BODY_BYTES} 字节 (body too large)`);
      return refuse(res, 400, 'validation', '请求体不是有效的 JSON (body is not valid JSON)');
    }
    sendJson(res, 200, await options.dispatch(decodeURIComponent(channel), args));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  const unsubscribe = options.events.subscribe(<E extends EventName>(name: E, payload: AppEvents[E]) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return refuse(res, 403, 'forbidden_host', '拒绝：Host 头不是本机地址 (foreign Host header)');
    if (!originAllowed(req, port)) return refuse(res, 403, 'forbidden_origin', '拒绝：来自其他网站的请求 (foreign Origin)');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/auth') {
      if (url.searchParams.get('token') !== token) return refuse(res, 401, 'unauthorized', '令牌无效，请使用启动时打印的链接 (invalid token)');
      res.writeHead(302, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(token), location: '/' });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/')) {
      if (!tokenPresented(req, token)) return refuse(res, 401, 'unauthorized', '未登录：请使用启动时打印的链接打开 (missing or wrong token)');
      if (url.pathname === '/api/events') return handleEvents(req, res);
      return handleApi(req, res, url.pathname.slice('/api/'.length));
    }
    if (url.pathname.startsWith(EXPORT_DOWNLOAD_PREFIX)) {
      if (!tokenPresented(req, token)) return refuse(res, 401, 'unauthorized', '未登录：请使用启动时打印的链接打开 (missing or wrong token)');
      return serveExportDownload(req, res, decodeURIComponent(url.pathname.slice(EXPORT_DOWNLOAD_PREFIX.length)), options.dispatch, refuse);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method_not_allowed', 'method not allowed');
    if (!serveStatic) return refuse(res, 404, 'not_found', '界面未构建：请先运行 npm run build (renderer not built)');
    serveStatic(req, res, () => refuse(res, 404, 'not_found', 'not found'));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) refuse(res, 500, 'internal', '内部错误 internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    token,
    origin,
    launchUrl: `${origin}/auth?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        unsubscribe();
        for (const client of sseClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
