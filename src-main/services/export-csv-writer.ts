/**
 * CSV export writer: UTF-8 with a byte-order mark (so Excel opens Chinese text correctly), RFC 4180
 * (CRLF line ends; a field is quoted when it holds a comma, quote, CR or LF, quotes doubled).
 *
 * Cells: money as the exact decimal text with 4 decimals ("4.4000", the API's own format: one format
 * per column, nothing rounded, machine-comparable), times as Asia/Shanghai `yyyy-MM-dd HH:mm:ss`,
 * integers as digits, absent values as empty fields. Text that a spreadsheet would run as a formula
 * (starting with = + - @, TAB or CR) gets a leading apostrophe — the usual guard against CSV formula
 * injection, since titles and names come from third parties.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { moneyText, shanghaiWallText, type CellValue, type ColumnLayout, type ExportWriter, type RowBatch } from './export-cells.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** Either of the two above: most text needs neither, and one test is cheaper than two. */
const SPECIAL_TEXT = /^[=+\-@\t\r]|[",\r\n]/;
/** Written in pieces of about this many characters: small strings stay in V8's young generation. */
const CHUNK_CHARS = 16_384;

/** One RFC 4180 field. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell with the formula-injection guard applied. */
export function csvText(text: string): string {
  if (!SPECIAL_TEXT.test(text)) return text;
  return csvField(FORMULA_START.test(text) ? `'${text}` : text);
}

type Formatter = (value: CellValue) => string;

function formatterOf(column: ColumnLayout): Formatter {
  switch (column.type) {
    case 'date':
      return (v) => (typeof v === 'number' ? shanghaiWallText(v) : '');
    case 'int':
      return (v) => (v === null ? '' : String(v));
    case 'money':
      // Decimal text is digits, a point and maybe a minus sign: nothing to quote.
      return (v) => (v === null ? '' : moneyText(v));
    case 'text':
      return (v) => (v === null ? '' : csvText(typeof v === 'string' ? v : String(v)));
  }
}

export class CsvExportWriter implements ExportWriter {
  private readonly out: WriteStream;
  private readonly formatters: readonly Formatter[];
  private failure: Error | null = null;

  /** Opens `partFile` and writes the BOM and the header row (unless `header` is false: a later part of a split export). */
  constructor(
    private readonly partFile: string,
    columns: readonly ColumnLayout[],
    options: { readonly header?: boolean } = {},
  ) {
    this.formatters = columns.map(formatterOf);
    this.out = createWriteStream(partFile, { flags: 'w' });
    this.out.on('error', (error) => (this.failure ??= error));
    if (options.header !== false) this.out.write(BOM + columns.map((c) => csvField(c.header)).join(',') + CRLF);
  }

  async writeRows(rows: RowBatch): Promise<void> {
    if (this.failure) throw this.failure;
    let chunk = '';
    let full = false;
    const formatters = this.formatters;
    for (const row of rows) {
      let line = formatters[0]!(row[0] ?? null);
      for (let i = 1; i < formatters.length; i++) line += `,${formatters[i]!(row[i] ?? null)}`;
      chunk += line + CRLF;
      if (chunk.length >= CHUNK_CHARS) {
        full = !this.out.write(chunk) || full;
        chunk = '';
      }
    }
    if (chunk !== '') full = !this.out.write(chunk) || full;
    if (full) await this.drained();
  }

  async finish(): Promise<number> {
    if (this.failure) throw this.failure;
    this.out.end();
    await once(this.out, 'close');
    if (this.failure) throw this.failure;
    return (await stat(this.partFile)).size;
  }

  async abort(): Promise<void> {
    this.out.destroy();
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    await rm(this.partFile, { force: true });
  }

  private async drained(): Promise<void> {
    // Drained, or closed (failed / aborted): whichever comes first; both listeners go, so waits do not pile up.
    // No AbortController per wait (as `once` with a signal needs): a million rows wait thousands of times.
    if (!this.out.destroyed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.out.off('drain', done);
          this.out.off('close', done);
          resolve();
        };
        this.out.on('drain', done);
        this.out.on('close', done);
      });
    }
    if (this.failure) throw this.failure;
  }
}
