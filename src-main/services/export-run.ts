/**
 * One export's work, wherever it runs (an export worker, or the main thread for card passwords and
 * the tests' injected sources): estimate the rows, open the writer on the partial file, write every
 * page, close the file. A cancelled or failed run removes its partial file before it throws.
 */
import type { ExportFormat, ExportPhase } from '../api/channels/export.js';
import type { ExportWriter } from './export-cells.js';
import { CsvExportWriter } from './export-csv-writer.js';
import type { ExportSource } from './export-sources.js';

export class ExportCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface RunHooks {
  isCancelled(): boolean;
  phase(phase: ExportPhase): void;
  /** The estimate; not called when the run skips counting. */
  total(total: number): void;
  rows(written: number): void;
  /** Between estimate slices and pages: the main thread yields to its event loop here. */
  pause(): Promise<void>;
}

export interface RunOptions {
  readonly format: ExportFormat;
  readonly partFile: string;
  /** Estimate the rows first (an export worker's coordinator counts before it starts). */
  readonly count: boolean;
  /** False for the later runs of a split CSV export (BOM and header once, at the top). */
  readonly header: boolean;
  readonly maxRowsPerSheet?: number | undefined;
}

/** Writes the source to `partFile`; resolves with its size in bytes. */
export async function runExport(source: ExportSource, options: RunOptions, hooks: RunHooks): Promise<number> {
  const check = () => {
    if (hooks.isCancelled()) throw new ExportCancelled();
  };
  let writer: ExportWriter | null = null;
  try {
    if (options.count) {
      hooks.phase('counting');
      let total = 0;
      for (const part of source.estimate()) {
        total += part;
        check();
        await hooks.pause();
      }
      hooks.total(total);
    }
    writer =
      options.format === 'csv'
        ? new CsvExportWriter(options.partFile, source.columns, { header: options.header })
        : // Loaded on demand: exceljs costs an export worker half a second of start-up it needs only for XLSX.
          new (await import('./export-xlsx-writer.js')).XlsxExportWriter(options.partFile, source.columns, { sheetName: source.sheetName, ...(options.maxRowsPerSheet ? { maxRowsPerSheet: options.maxRowsPerSheet } : {}) });
    hooks.phase('writing');
    for (const batch of source.pages()) {
      check();
      await writer.writeRows(batch);
      hooks.rows(batch.length);
      await hooks.pause();
    }
    check();
    hooks.phase('finishing');
    const bytes = await writer.finish();
    check();
    return bytes;
  } catch (error) {
    await writer?.abort().catch(() => undefined);
    throw error;
  }
}
