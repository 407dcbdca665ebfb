/**
 * The `app://ledger/` scheme serving the built renderer (out/renderer). A standard, secure scheme
 * gives the page a real origin (so 'self' in the CSP and the IPC sender check mean something) without
 * file:// and its extra privileges. Every response carries the web mode's security headers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../web/security.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** True for URLs of our own pages (`app://ledger/…`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export type ResolvedAsset = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly status: 400 | 403 | 404 };

/** The raw path of a URL, before any normalisation a URL parser does to `..` segments. */
function rawPath(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return match ? (match[1] ?? '') : null;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Maps a request URL to a file under `rootDir`. Refuses other schemes and hosts (404), any `.`/`..`
 * segment — raw, percent-encoded or produced by decoding — backslashes and NUL bytes (403), and
 * anything that would still resolve outside the root. Paths without an extension get index.html
 * (client-side routes).
 */
export function resolveAppAsset(url: string, rootDir: string): ResolvedAsset {
  if (!isAppUrl(url)) return { ok: false, status: 404 };
  const raw = rawPath(url);
  if (raw === null) return { ok: false, status: 400 };
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '') continue;
    const decoded = decodeSegment(part);
    if (decoded === null) return { ok: false, status: 400 };
    if (decoded === '.' || decoded === '..' || /[\\/\0]/.test(decoded) || decoded.includes('..')) return { ok: false, status: 403 };
    segments.push(decoded);
  }
  const last = segments.at(-1);
  if (last === undefined || path.extname(last) === '') segments.splice(0, segments.length, 'index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, status: 403 };
  return { ok: true, file };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/** The `protocol.handle(APP_SCHEME, …)` handler. */
export function createAppProtocolHandler(rootDir: string, read: (file: string) => Promise<Buffer> = readFile) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const asset = resolveAppAsset(request.url, rootDir);
    if (!asset.ok) return textResponse(asset.status, asset.status === 404 ? 'Not Found' : 'Forbidden');
    let body: Buffer;
    try {
      body = await read(asset.file);
    } catch {
      return textResponse(404, 'Not Found');
    }
    const type = MIME_TYPES[path.extname(asset.file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY_HEADERS },
    });
  };
}
