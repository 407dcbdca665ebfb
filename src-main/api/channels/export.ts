/**
 * `export:*` — writes any filtered list (orders, cards, commissions, settlements, flows) or a report to
 * a CSV or XLSX file in the background, with progress events and cancel.
 *
 * - `filters` are the list channel's own arguments (`orders:list` for orders, …) without `cursor`;
 *   `limit` is ignored (an export takes every matching row, in the list's order). For `report` they are
 *   the report channel's arguments plus `report` (which report).
 * - Files go to `<dataDir>/exports/`; `target` (an absolute path whose extension matches the format) is
 *   accepted from the CLI and desktop faces only, never from the web face.
 * - Card passwords are written only with `includePasswords: true` (cards only), and that writes the
 *   audit-log row `export.passwords`.
 *
 * File formats (in full: services/export-csv-writer.ts and services/export-xlsx-writer.ts):
 * - CSV: UTF-8 with BOM, RFC 4180 (CRLF, fields quoted when needed), money as exact decimal text with
 *   4 decimals next to a currency column, times as Asia/Shanghai `yyyy-MM-dd HH:mm:ss`.
 * - XLSX: money as numeric cells (`#,##0.00##`, exact up to 15 significant digits, longer amounts as
 *   text) with the currency in its own column, times as Excel date-times in Asia/Shanghai wall time,
 *   frozen header row, one sheet per 1,048,575 rows.
 */
import { z } from 'zod';
import { Empty, channel } from '../channel.js';
import { recordChannels } from './records.js';
import { REPORT_KINDS, reportChannels, type ReportKind } from './reports.js';

export const EXPORT_KINDS = ['orders', 'cards', 'commissions', 'settlements', 'flows', 'report'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `counting` (estimating the total), `writing` (rows), `finishing` (closing the file). */
export type ExportPhase = 'counting' | 'writing' | 'finishing';
export type ExportStatus = 'running' | 'succeeded' | 'cancelled' | 'failed';

export interface ExportStartedView {
  readonly jobId: string;
  /** Absolute path the finished file will have (it is written as `<file>.part` until then). */
  readonly file: string;
}

export interface ExportJobView {
  readonly jobId: string;
  readonly kind: ExportKind;
  /** Which report, for `kind: 'report'`. */
  readonly report: ReportKind | null;
  readonly format: ExportFormat;
  readonly file: string;
  readonly status: ExportStatus;
  readonly rows: number;
  /** Upper bound of the rows to write (exact for reports); null while unknown. */
  readonly totalEstimate: number | null;
  readonly includePasswords: boolean;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** Size of the finished file; null until it succeeded. */
  readonly bytes: number | null;
  readonly error: string | null;
}

export interface ExportProgressEvent {
  readonly jobId: string;
  readonly rows: number;
  readonly totalEstimate: number | null;
  readonly phase: ExportPhase;
}

export interface ExportEvents {
  /** At most a few times a second while a job runs, and at each phase change. */
  'export:progress': ExportProgressEvent;
  /** Once per job, when it succeeded, was cancelled (the partial file is removed) or failed. */
  'export:finished': ExportJobView;
}

const JobId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '导出任务编号无效 invalid job id');
/** An absolute path (CLI and desktop faces only; the service refuses it from the web face). */
const FilePath = z.string().trim().min(1).max(4096);

/** A list channel's arguments as export filters: everything but the page cursor. */
function listFilters<S extends z.ZodType<{ cursor?: string | undefined }>>(schema: S) {
  return schema
    .refine((a) => a === null || typeof a !== 'object' || (a as { cursor?: unknown }).cursor === undefined, {
      message: '导出包含全部匹配的记录，不接受分页游标 (an export takes every matching row: no cursor)',
      path: ['cursor'],
    })
    .prefault({} as z.input<S>);
}

/** The report channels' arguments (all report kinds take the same) plus which report. */
const ReportFilters = z.looseObject({ report: z.enum(REPORT_KINDS) }).transform((value, ctx) => {
  const { report, ...rest } = value;
  const parsed = reportChannels['report:revenue'].args.safeParse(rest);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: rest });
    return z.NEVER;
  }
  return { report, ...parsed.data };
});

const common = {
  format: z.enum(EXPORT_FORMATS),
  /** Cards only: write the decrypted passwords (audited as `export.passwords`). */
  includePasswords: z.boolean().optional(),
  target: FilePath.optional(),
};

const ExportStartArgs = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('orders'), filters: listFilters(recordChannels['orders:list'].args), ...common }),
  z.strictObject({ kind: z.literal('cards'), filters: listFilters(recordChannels['cards:list'].args), ...common }),
  z.strictObject({ kind: z.literal('commissions'), filters: listFilters(recordChannels['commissions:list'].args), ...common }),
  z.strictObject({ kind: z.literal('settlements'), filters: listFilters(recordChannels['settlements:list'].args), ...common }),
  z.strictObject({ kind: z.literal('flows'), filters: listFilters(recordChannels['flows:list'].args), ...common }),
  z.strictObject({ kind: z.literal('report'), filters: ReportFilters, ...common }),
]);

export type ExportStartArgs = z.output<typeof ExportStartArgs>;

export const exportChannels = {
  /** Starts a background export; answers at once. Follow it with `export:progress` / `export:finished`. */
  'export:start': channel<ExportStartedView>()(ExportStartArgs),
  /** Stops a running job and removes its partial file (a finished job is returned as it is). */
  'export:cancel': channel<ExportJobView>()(z.strictObject({ jobId: JobId })),
  /** Running and recent jobs of this session, newest first. */
  'export:jobs': channel<ExportJobView[]>()(Empty),
} as const;
