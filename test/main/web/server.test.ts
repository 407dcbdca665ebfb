import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrate.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('web mode server', () => {
  let core: TempCore;
  let server: RunningWebServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    core = await openTempCore();
    server = await startWebServer({ dispatch: core.dispatch, events: core.events });
    auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await server.close();
    await core.cleanup();
  });

  const api = (channel: string, args: unknown, headers: Record<string, string> = auth) =>
    raw(server.port, { method: 'POST', path: `/api/${channel}`, headers, body: JSON.stringify(args) });

  it('listens on loopback only and prints a sign-in URL with the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.launchUrl).toBe(`${server.origin}/auth?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a request without the token', async () => {
    const res = await api('accounts:list', {}, { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a wrong token', async () => {
    const res = await api('accounts:list', {}, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await api('accounts:list', {}, { ...auth, host: 'evil.example:80' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden_host');
  });

  it('refuses a foreign Origin even with the token', async () => {
    const res = await api('accounts:list', {}, { ...auth, origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden_origin');
    const sameHostOtherPort = await api('accounts:list', {}, { ...auth, origin: 'http://127.0.0.1:1' });
    expect(sameHostOtherPort.status).toBe(403);
  });

  it('accepts its own origin and answers with a Result', async () => {
    const res = await api('accounts:list', {}, { ...auth, origin: server.origin });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('signs a browser in with an HttpOnly SameSite cookie via /auth', async () => {
    const bad = await raw(server.port, { path: '/auth?token=wrong' });
    expect(bad.status).toBe(401);
    const good = await raw(server.port, { path: `/auth?token=${server.token}` });
    expect(good.status).toBe(302);
    const cookie = String(good.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const viaCookie = await api('app:info', {}, { cookie: cookie.split(';')[0]!, 'content-type': 'application/json' });
    expect(JSON.parse(viaCookie.body)).toMatchObject({ ok: true, value: { face: 'web', schemaVersion: LATEST_SCHEMA_VERSION } });
  });

  it('answers bad JSON, unknown channels, wrong methods and huge bodies with clear errors', async () => {
    const badJson = await raw(server.port, { method: 'POST', path: '/api/accounts:list', headers: auth, body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.code).toBe('validation');
    const unknown = await api('orders:drop', {});
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_channel');
    const get = await raw(server.port, { path: '/api/accounts:list', headers: auth });
    expect(get.status).toBe(405);
    const huge = await raw(server.port, { method: 'POST', path: '/api/accounts:list', headers: auth, body: 'x'.repeat(2 * 1024 * 1024) }).catch(() => ({ status: 413 }) as RawResponse);
    expect(huge.status).toBe(413);
  });

  it('pushes events over SSE', async () => {
    const events: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: auth }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.on('data', (chunk: Buffer) => {
          events.push(chunk.toString('utf8'));
          if (events.join('').includes('event: accounts:changed')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (events.join('').includes('accounts:changed') ? resolve() : reject(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    core.events.emit('accounts:changed', { accountId: 7 });
    await done;
    expect(events.join('')).toContain('data: {"accountId":7}');
  });
});
