/**
 * `GET /download/export/<jobId>`: a browser cannot be given a path on the merchant's disk, so the web
 * face hands finished export files over as downloads. The job id is the only input: the file path
 * comes from the core's own job list (`export:jobs`), never from the URL, so no path can be smuggled in.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExportJobView } from '../api/contract.js';
import type { Result } from '../api/result.js';
import { SECURITY_HEADERS } from './security.js';

export const EXPORT_DOWNLOAD_PREFIX = '/download/export/';

const CONTENT_TYPES: Record<ExportJobView['format'], string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Dispatch = (channel: unknown, args: unknown) => Promise<Result<unknown>>;
type Refuse = (res: ServerResponse, status: number, code: string, message: string) => void;

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name (Chinese file names survive). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function serveExportDownload(req: IncomingMessage, res: ServerResponse, jobId: string, dispatch: Dispatch, refuse: Refuse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method_not_allowed', 'method not allowed');
  const jobs = await dispatch('export:jobs', {});
  if (!jobs.ok) return refuse(res, 500, jobs.error.code, jobs.error.message);
  const job = (jobs.value as ExportJobView[]).find((candidate) => candidate.jobId === jobId);
  if (!job) return refuse(res, 404, 'not_found', '没有这个导出任务（可能已在重启前完成）(no such export job)');
  if (job.status !== 'succeeded') return refuse(res, 409, 'not_ready', `导出尚未完成：${job.status} (the export has not succeeded)`);
  let size: number;
  try {
    size = (await stat(job.file)).size;
  } catch {
    return refuse(res, 410, 'gone', '导出文件已被移动或删除 (the exported file is gone)');
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[job.format],
    'content-length': String(size),
    'content-disposition': attachmentDisposition(path.basename(job.file)),
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((resolve, reject) => {
    const file = createReadStream(job.file);
    file.on('error', reject);
    res.on('close', () => {
      file.destroy();
      resolve();
    });
    file.pipe(res);
  });
}
