/**
 * Starts a worker thread on a module that sits next to the caller, in each of the ways the core runs:
 * - from source (`tsx` for the CLI and web mode, vitest for tests): the caller's URL ends in `.ts`, and
 *   so does the worker's module. A worker has neither vitest's transform nor, on Node 20, tsx's hooks in
 *   time for its entry, so a small bootstrap imports the entry through tsx's `tsImport` — tsx's API
 *   located here, from this file, as checkpointer.ts locates better-sqlite3 for its worker.
 * - from the electron-vite build: the caller is bundled into `out/main/*.js` and the worker's module is
 *   its own entry there (declared in electron.vite.config.ts, which keeps the main chunks in one flat
 *   folder so this relative URL holds in whichever chunk the caller's code ends up).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, workerData, type WorkerOptions } from 'node:worker_threads';

interface Envelope<T> {
  readonly data: T;
}

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => tsx.tsImport(workerData.entry, workerData.entry)).catch((error) => setImmediate(() => { throw error; }));
`;

let tsxApiUrl: string | null = null;

/** The ESM build of `tsx/esm/api` (require.resolve would give the CommonJS one, which cannot load ESM entries from an eval'd worker). */
function tsxApi(): string {
  if (tsxApiUrl === null) {
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    tsxApiUrl = pathToFileURL(path.join(path.dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
  }
  return tsxApiUrl;
}

/** A worker running `./<name>.ts` (source) or `./<name>.js` (build) beside `callerUrl`; `data` is what workerInput() returns there. */
export function startModuleWorker<T>(callerUrl: string, name: string, data: T, options: Omit<WorkerOptions, 'workerData' | 'eval'> = {}): Worker {
  if (callerUrl.endsWith('.ts')) {
    const entry = new URL(`./${name}.ts`, callerUrl).href;
    return new Worker(TS_BOOTSTRAP, { ...options, eval: true, workerData: { data, entry, tsxApi: tsxApi() } });
  }
  return new Worker(new URL(`./${name}.js`, callerUrl), { ...options, workerData: { data } satisfies Envelope<T> });
}

/** Inside a worker started by startModuleWorker: the data it was given. */
export function workerInput<T>(): T {
  return (workerData as Envelope<T>).data;
}
