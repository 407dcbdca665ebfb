/**
 * Ids to track, read from what the merchant pastes or imports: a plain list (one per line, or separated
 * by commas, semicolons or spaces), or a table — a CSV file or cells copied from a spreadsheet — whose
 * header row names the id column. From a table only that column is read, so its other cells (amounts,
 * dates, product names) never become ids.
 */
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../api/errors.js';

export type TrackedIdKind = 'ordersn' | 'tid';

const TRACKED_ID_MAX_LENGTH = 64;
const TRACKED_IDS_MAX = 100_000;

export interface TrackedIdReading {
  /** Distinct ids, in the order first seen. */
  readonly ids: string[];
  /** The header of the table column they came from; null for a plain list. */
  readonly column: string | null;
  /** The table's header row, to choose another column from; null for a plain list. */
  readonly headers: string[] | null;
  /** Cells of the id column with text no id has (a 合计 row under an export), left out. */
  readonly skipped: number;
}

/** Header names of the id column, most specific first (compared lower-case, without spaces, `_` and `-`). */
const ID_HEADERS: Record<TrackedIdKind, readonly string[]> = {
  ordersn: ['ordersn', '卡速售订单号', '订单号', '订单编号', '单号', 'orderno', 'orderid', '订单id'],
  tid: ['tid', '平台订单号', '线上订单号', '交易号', '交易编号', '订单号', '订单编号', '单号', 'orderno', 'orderid', '订单id'],
};

const LIST_SEPARATORS = /[\s,，;；、]+/;
/** What a spreadsheet makes of a long number it was not told is text, e.g. 2.02406E+17. */
const SCIENTIFIC = /^\d(?:\.\d+)?e\+\d+$/i;
const CJK = /[\u3400-\u9fff]/;
/** A header cell, not an id: CJK text or spaces inside. */
const HEADER_LIKE = /[\u3400-\u9fff\s]/;

const normalize = (header: string): string => header.toLowerCase().replace(/[\s_-]+/g, '');

/** A cell as typed: spreadsheets' text markers (`="…"`, a leading apostrophe) removed. */
function cellValue(cell: string): string {
  const text = cell.trim();
  const formula = /^="(.*)"$/.exec(text);
  if (formula) return formula[1]!.trim();
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

function delimiterOf(firstLine: string): string | null {
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(',')) return ',';
  return null;
}

function parseRows(text: string, delimiter: string): string[][] {
  try {
    return parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new ValidationError(`无法读取表格 (cannot read the table): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function findColumn(headers: readonly string[], kind: TrackedIdKind, asked: string | undefined): number {
  const names = headers.map(normalize);
  if (asked !== undefined) return names.indexOf(normalize(asked));
  for (const wanted of ID_HEADERS[kind]) {
    const at = names.indexOf(wanted);
    if (at >= 0) return at;
  }
  return -1;
}

function checked(ids: readonly string[]): string[] {
  const distinct = [...new Set(ids.filter(Boolean))];
  const scientific = distinct.filter((id) => SCIENTIFIC.test(id));
  if (scientific.length > 0) {
    throw new ValidationError(
      `有 ${scientific.length} 个订单号被表格软件改成了科学计数法（如 ${scientific[0]}），已无法还原：请把该列设为「文本」后重新导出 ` +
        `(${scientific.length} ids were turned into scientific notation by a spreadsheet; format the column as text and export again)`,
    );
  }
  const words = distinct.filter((id) => CJK.test(id));
  if (words.length > 0) {
    throw new ValidationError(`「${words[0]}」等 ${words.length} 项不是订单号（订单号不含汉字）；表格请带上表头行 (${words.length} entries contain Chinese text and are not ids)`);
  }
  const tooLong = distinct.filter((id) => id.length > TRACKED_ID_MAX_LENGTH);
  if (tooLong.length > 0) {
    throw new ValidationError(`有 ${tooLong.length} 个订单号超过 ${TRACKED_ID_MAX_LENGTH} 个字符 (${tooLong.length} ids are longer than ${TRACKED_ID_MAX_LENGTH} characters)`);
  }
  if (distinct.length > TRACKED_IDS_MAX) throw new ValidationError(`一次最多导入 ${TRACKED_IDS_MAX} 个订单号 (at most ${TRACKED_IDS_MAX} ids at once)`);
  return distinct;
}

/**
 * Reads the ids in `text`. A table is recognised by its first row: cells separated by tabs or commas of
 * which one is a known id header (or `column`, when given). Throws `ValidationError` for a table with no
 * such column (its `details.headers` list the table's, to choose from), ids a spreadsheet turned into
 * scientific notation, and ids over 64 characters.
 */
export function readTrackedIds(text: string, kind: TrackedIdKind, column?: string): TrackedIdReading {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  const delimiter = delimiterOf(lines[headerAt] ?? '');
  // Without a delimiter it may still be a one-column table: a header line, then an id per line.
  const rows = delimiter ? parseRows(body, delimiter) : lines.slice(Math.max(headerAt, 0)).map((line) => [line]);
  const header = rows[0] ?? [];
  const headers = header.map(cellValue);
  const at = findColumn(headers, kind, column);
  if (at >= 0) {
    const cells = rows.slice(1).map((row) => cellValue(row[at] ?? ''));
    // Exports end with a 合计/总计 row, or carry notes in the column: no id has Chinese text in it.
    const ids = cells.filter((cell) => !CJK.test(cell));
    return { ids: checked(ids), column: headers[at]!, headers, skipped: cells.length - ids.length };
  }
  if (column !== undefined || (header.length > 1 && header.some((cell) => HEADER_LIKE.test(cell.trim())))) {
    const listed = headers.map((h) => `「${h}」`).join('') || '无';
    throw new ValidationError(
      `${column !== undefined ? `表头中没有「${column}」列` : '表格中找不到订单号列'}（表头：${listed}），请指定订单号所在的列（命令行用 --column） ` +
        `(no ${column !== undefined ? `"${column}"` : 'id'} column among the headers: say which column holds the ids, --column in the CLI)`,
      { headers },
    );
  }
  return { ids: checked(body.split(LIST_SEPARATORS).map(cellValue)), column: null, headers: null, skipped: 0 };
}
