/**
 * exceljs's streaming XLSX reader, with one upstream bug worked around: exceljs 4.4.0 decodes every
 * chunk of a sheet's XML on its own (lib/utils/parse-sax.js), so a multi-byte UTF-8 character that a
 * chunk boundary splits comes out as two U+FFFD. The files are fine (Excel and exceljs's in-memory
 * reader read them correctly, and it happens to any file with Chinese text); this reader hands the
 * sheet parser text decoded across chunk boundaries instead, which its parser accepts as is.
 */
import ExcelJS from 'exceljs';
import { StringDecoder } from 'node:string_decoder';

async function* decodedText(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

type ParseWorksheet = (this: unknown, iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;

/** A streaming reader over `file` that caches styles (so dates and number formats come back). */
export function openXlsxReader(file: string): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const original = (reader as unknown as { _parseWorksheet?: ParseWorksheet })._parseWorksheet;
  if (typeof original !== 'function') throw new Error('exceljs internals changed: WorkbookReader._parseWorksheet is missing');
  Object.defineProperty(reader, '_parseWorksheet', {
    value(this: unknown, iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      return original.call(this, decodedText(iterator), sheetNo);
    },
  });
  return reader;
}
