import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobView } from '../../../src-main/api/contract.js';
import { attachmentDisposition } from '../../../src-main/web/export-download.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';
import { dispatch } from '../../support/core-calls.js';
import { insertSeedAccounts } from '../../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web mode: downloading a finished export', () => {
  let core: TempCore;
  let server: RunningWebServer;
  let auth: Record<string, string>;
  let job: ExportJobView;

  const call = <T>(channel: string, args: unknown) => dispatch<T>(core, channel, args);

  async function finishedJob(jobId: string): Promise<ExportJobView> {
    for (;;) {
      const found = (await call<ExportJobView[]>('export:jobs', {})).find((candidate) => candidate.jobId === jobId);
      if (found && found.status !== 'running') return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    core = await openTempCore();
    insertSeedAccounts(core.db);
    server = await startWebServer({ dispatch: core.dispatch, events: core.events });
    auth = { authorization: `Bearer ${server.token}` };
    const started = await call<{ jobId: string }>('export:start', { kind: 'orders', format: 'csv' });
    job = await finishedJob(started.jobId);
  });
  afterAll(async () => {
    await server.close();
    await core.cleanup();
  });

  it('serves the file of a succeeded job with its exact name and type', async () => {
    expect(job.status).toBe('succeeded');
    const res = await get(server.port, `/download/export/${job.jobId}`, auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.equals(readFileSync(job.file))).toBe(true);
    const disposition = String(res.headers['content-disposition']);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(path.basename(job.file));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers HEAD with the size and no body', async () => {
    const res = await get(server.port, `/download/export/${job.jobId}`, auth, 'HEAD');
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(readFileSync(job.file).length);
    expect(res.body.length).toBe(0);
  });

  it('refuses without the session token', async () => {
    const res = await get(server.port, `/download/export/${job.jobId}`);
    expect(res.status).toBe(401);
  });

  it('knows only the core’s own jobs: unknown ids and path tricks are 404', async () => {
    for (const id of ['no-such-job', '..%2F..%2Fledger.sqlite3', encodeURIComponent(job.file)]) {
      const res = await get(server.port, `/download/export/${id}`, auth);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('says the file is gone when it was moved away', async () => {
    const other = await finishedJob((await call<{ jobId: string }>('export:start', { kind: 'orders', format: 'xlsx' })).jobId);
    rmSync(other.file);
    const res = await get(server.port, `/download/export/${other.jobId}`, auth);
    expect(res.status).toBe(410);
    expect(JSON.parse(res.body.toString('utf8')).error.message).toContain('导出文件已被移动或删除');
  });

  it('writes an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('订单 "2026".csv')).toBe(
      `attachment; filename="__ _2026_.csv"; filename*=UTF-8''${encodeURIComponent('订单 "2026".csv')}`,
    );
    // RFC 5987 attr-chars exclude these, which encodeURIComponent leaves alone.
    expect(attachmentDisposition("a'(b)*.csv")).toContain("filename*=UTF-8''a%27%28b%29%2A.csv");
  });
});
