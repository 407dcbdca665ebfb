/**
 * XLSX export writer over exceljs's streaming WorkbookWriter (exceljs is pinned to 4.4.0 exactly).
 *
 * exceljs builds the package: workbook, styles, sheets with column widths and a frozen bold header
 * row, and the zip. The data rows are serialised here, straight into each sheet's stream: exceljs's
 * own Row/Cell/style objects cost about 50 µs a row (≈ 55 s for a million orders, over the 60 s
 * target), this serialiser a few. The cells are the standard SpreadsheetML ones:
 * - money: a numeric cell formatted `#,##0.00##`, whose XML value is the exact decimal text itself
 *   ("1234.5"): no binary double is formed on the way. Excel keeps 15 significant digits, so that is
 *   exact for every amount up to ±99,999,999,999.9999 (10^11, i.e. 15 digits at 4 decimals); a longer
 *   amount is written as a text cell rather than rounded silently. The currency is its own column.
 * - date: a numeric cell formatted `yyyy-mm-dd hh:mm:ss` holding the Asia/Shanghai wall time.
 * - int: a plain numeric cell; text: an inline string (never a formula), cut at Excel's 32,767 chars.
 * One sheet holds 1,048,575 data rows (Excel's 1,048,576 minus the header); more go to the next sheet.
 *
 * Three exceljs internals are used, all checked when a sheet opens (sheetInternals): the workbook's
 * style registry (to get the style ids of the two number formats), a sheet's `stream` (to append row
 * XML after exceljs wrote the header) and that stream's consumer inside the zip, whose queue length is
 * the backpressure signal — without it a fast producer would queue the whole sheet in memory while
 * deflate catches up.
 */
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { moneyNumberText, moneyText, shanghaiExcelSerial, type ColumnLayout, type ExportWriter, type RowBatch } from './export-cells.js';

/** Data rows per sheet: Excel's row limit minus the header row. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;
export const MONEY_FORMAT = '#,##0.00##';
export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const MAX_CELL_TEXT = 32_767;
/** Queued XML bytes in front of deflate above which the writer waits for it to drain. */
const MAX_QUEUED_BYTES = 8 * 1_048_576;
/** Deflate level: 1 is 3× faster than the default 6 on sheet XML for a file about 25% larger. */
const ZLIB_LEVEL = 1;
/** exceljs ValueType numbers used by its style registry to pick a default number format. */
const VALUE_TYPE_NUMBER = 2;
const VALUE_TYPE_DATE = 4;

export interface XlsxWriterOptions {
  /** Sheet name stem ("订单 orders"); later sheets get " 2", " 3", … */
  readonly sheetName: string;
  /** Tests lower this to see the rollover to a second sheet without a million rows. */
  readonly maxRowsPerSheet?: number;
}

interface Consumer {
  readonly writableLength?: number;
  readonly _writableState?: { readonly length?: number };
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

interface SheetStream {
  write(chunk: string): unknown;
  readonly pipes?: readonly Consumer[];
}

interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number;
}

function styleRegistryOf(workbook: ExcelJS.stream.xlsx.WorkbookWriter): StyleRegistry {
  const styles = (workbook as unknown as { styles?: Partial<StyleRegistry> }).styles;
  if (typeof styles?.addStyleModel !== 'function') throw new Error('exceljs internals changed: WorkbookWriter.styles.addStyleModel is missing');
  return styles as StyleRegistry;
}

function sheetStreamOf(sheet: ExcelJS.Worksheet): SheetStream {
  const stream = (sheet as unknown as { stream?: Partial<SheetStream> }).stream;
  if (typeof stream?.write !== 'function' || !Array.isArray(stream.pipes)) throw new Error('exceljs internals changed: WorksheetWriter.stream is missing');
  return stream as SheetStream;
}

function queuedBytes(consumer: Consumer): number {
  return consumer.writableLength ?? consumer._writableState?.length ?? 0;
}

// Control characters are exactly what these patterns look for: XML 1.0 cannot carry them.
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[<>&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const XML_REPLACE = /[<>&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '\r': '&#13;' };
/** Text that needs escaping or xml:space — one test for the common case that needs neither. */
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[<>&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|^\s|\s$/;
/** Row XML is handed over in pieces of about this many characters (small strings stay in V8's young generation). */
const CHUNK_CHARS = 16_384;

/** Escapes XML markup and CR (a parser would turn CRLF into LF); characters XML 1.0 cannot carry become U+FFFD. */
export function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_REPLACE, (c) => XML_ESCAPES[c] ?? '\uFFFD');
}

function inlineString(ref: string, text: string): string {
  const cut = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  if (!TEXT_SPECIAL.test(cut)) return `<c r="${ref}" t="inlineStr"><is><t>${cut}</t></is></c>`;
  const space = /^\s|\s$/.test(cut) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(cut)}</t></is></c>`;
}

function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

type CellXml = (ref: string, value: string | number) => string;

export class XlsxExportWriter implements ExportWriter {
  private readonly out: WriteStream;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly cells: readonly CellXml[];
  private readonly letters: readonly string[];
  private readonly maxRows: number;
  private sheet: ExcelJS.Worksheet | null = null;
  private stream: SheetStream | null = null;
  private sheetCount = 0;
  private rowInSheet = 0;
  private failure: Error | null = null;

  constructor(
    private readonly partFile: string,
    private readonly columns: readonly ColumnLayout[],
    private readonly options: XlsxWriterOptions,
  ) {
    this.maxRows = Math.max(1, Math.min(XLSX_MAX_DATA_ROWS, options.maxRowsPerSheet ?? XLSX_MAX_DATA_ROWS));
    this.out = createWriteStream(partFile, { flags: 'w' });
    this.out.on('error', (error) => (this.failure ??= error));
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: ZLIB_LEVEL } } });
    this.workbook.creator = 'Merchant Ledger';
    const styles = styleRegistryOf(this.workbook);
    const money = styles.addStyleModel({ numFmt: MONEY_FORMAT }, VALUE_TYPE_NUMBER);
    const date = styles.addStyleModel({ numFmt: DATE_FORMAT }, VALUE_TYPE_DATE);
    this.cells = columns.map((c) => cellWriter(c, money, date));
    this.letters = columns.map((_, i) => columnLetters(i));
  }

  async writeRows(rows: RowBatch): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      if (this.failure) throw this.failure;
      if (this.stream === null || this.rowInSheet >= this.maxRows) this.openSheet();
      const take = Math.min(rows.length - start, this.maxRows - this.rowInSheet);
      this.writeXml(rows, start, start + take);
      this.rowInSheet += take;
      start += take;
      await this.backpressure();
    }
  }

  async finish(): Promise<number> {
    if (this.failure) throw this.failure;
    if (this.sheet === null) this.openSheet();
    const closed = once(this.out, 'close');
    await this.workbook.commit();
    await closed;
    if (this.failure) throw this.failure;
    return (await stat(this.partFile)).size;
  }

  async abort(): Promise<void> {
    this.failure ??= new Error('aborted');
    this.out.destroy();
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    await rm(this.partFile, { force: true });
  }

  private openSheet(): void {
    this.sheet?.commit();
    this.sheetCount += 1;
    const name = this.sheetCount === 1 ? this.options.sheetName : `${this.options.sheetName} ${this.sheetCount}`;
    const sheet = this.workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = this.columns.map((c, i) => ({
      key: `c${i}`,
      width: c.width,
      ...(c.type === 'money' ? { style: { numFmt: MONEY_FORMAT } } : c.type === 'date' ? { style: { numFmt: DATE_FORMAT } } : {}),
    }));
    const header = sheet.addRow(this.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    this.sheet = sheet;
    this.stream = sheetStreamOf(sheet);
    this.rowInSheet = 0;
  }

  private writeXml(rows: RowBatch, from: number, to: number): void {
    const { cells, letters } = this;
    const stream = this.stream!;
    let xml = '';
    // Row 1 is the header.
    let r = this.rowInSheet + 2;
    for (let i = from; i < to; i++, r++) {
      const row = rows[i]!;
      xml += `<row r="${r}">`;
      for (let c = 0; c < cells.length; c++) {
        const value = row[c];
        if (value !== null && value !== undefined && value !== '') xml += cells[c]!(letters[c]! + r, value);
      }
      xml += '</row>';
      if (xml.length >= CHUNK_CHARS) {
        stream.write(xml);
        xml = '';
      }
    }
    if (xml !== '') stream.write(xml);
  }

  private async backpressure(): Promise<void> {
    const consumer = this.stream?.pipes?.[0];
    if (consumer && queuedBytes(consumer) > MAX_QUEUED_BYTES) {
      // Drained, or the file closed (aborted / failed); either way the other listener is removed.
      const settled = new AbortController();
      let onDrain: () => void = () => undefined;
      try {
        await Promise.race([new Promise<void>((resolve) => consumer.once('drain', (onDrain = resolve))), once(this.out, 'close', { signal: settled.signal })]);
      } finally {
        consumer.off('drain', onDrain);
        settled.abort();
      }
    }
    if (this.failure) throw this.failure;
  }
}

function cellWriter(column: ColumnLayout, moneyStyle: number, dateStyle: number): CellXml {
  switch (column.type) {
    case 'money':
      return (ref, value) => {
        const number = moneyNumberText(value);
        return number === null ? inlineString(ref, moneyText(value)) : `<c r="${ref}" s="${moneyStyle}"><v>${number}</v></c>`;
      };
    case 'date':
      return (ref, value) => `<c r="${ref}" s="${dateStyle}"><v>${shanghaiExcelSerial(Number(value))}</v></c>`;
    case 'int':
      return (ref, value) => (typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : inlineString(ref, value));
    case 'text':
      return (ref, value) => inlineString(ref, String(value));
  }
}
