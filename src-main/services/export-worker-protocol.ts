/** What the main thread and an export worker (export-worker.ts) say to each other. */
import type { ExportStartArgs } from '../api/channels/export.js';
import type { KeysetPosition } from '../db/repositories/keyset.js';
import type { OrderRange } from './export-sources.js';

export interface ExportWorkerInput {
  readonly databaseFile: string;
  readonly nativeBinding?: string | undefined;
  /** Never with card passwords: those exports run in the main thread. */
  readonly args: ExportStartArgs;
  readonly partFile: string;
  /** The job's first worker: counts the rows, may split, writes the BOM and header. */
  readonly first: boolean;
  /** Orders runs the first worker may cut a CSV export into, from `splitMinRows` estimated rows on. */
  readonly parts: number;
  readonly splitMinRows: number;
  /** A later worker's run (from the first worker's `split`). */
  readonly range: OrderRange | null;
  /** Int32 flag: non-zero = cancel (checked between pages, so no message has to wait for a page). */
  readonly cancel: SharedArrayBuffer;
  readonly pageSize?: number | undefined;
  readonly maxRowsPerSheet?: number | undefined;
}

export type ExportWorkerMessage =
  | { readonly type: 'total'; readonly total: number }
  /** Positions between the runs, in order; the first worker writes the run before the first of them. */
  | { readonly type: 'split'; readonly cuts: readonly KeysetPosition[] }
  | { readonly type: 'rows'; readonly rows: number }
  | { readonly type: 'done'; readonly bytes: number }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string };
