/**
 * The opaque page cursor of every list: base64url JSON of the sort it belongs to and the last row's
 * sort key and id. Decoding checks all of it, so a cursor from another list or sort is refused.
 */
import { ValidationError } from '../api/errors.js';

export interface CursorPosition {
  readonly key: number | null;
  readonly id: number;
}

interface CursorJson {
  readonly s: string;
  readonly k: number | null;
  readonly i: number;
}

export function encodeCursor(sort: string, position: CursorPosition): string {
  const json: CursorJson = { s: sort, k: position.key, i: position.id };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

function isCursorJson(value: unknown): value is CursorJson {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.s === 'string' && (v.k === null || Number.isSafeInteger(v.k)) && Number.isSafeInteger(v.i) && (v.i as number) > 0;
}

/** null for no cursor (first page); throws ValidationError for a cursor that is not one of ours for `sort`. */
export function decodeCursor(sort: string, cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!isCursorJson(parsed) || parsed.s !== sort) throw new ValidationError('分页游标无效或与排序方式不符 (invalid cursor for this list and sort)');
  return { key: parsed.k, id: parsed.i };
}

/** A page from `limit + 1` fetched rows: the extra row only says that there is a next page. */
export function pageOf<Row, Item>(rows: readonly Row[], limit: number, sort: string, position: (row: Row) => CursorPosition, view: (row: Row) => Item) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sort, position(last)) : null,
  };
}
