/**
 * Keyset pagination over a nullable integer sort key plus the row id — never OFFSET, so page 1,000 costs
 * what page 1 costs. SQLite orders NULL below every number, so "key DESC, id DESC" lists the keyed rows
 * first and the NULL-keyed rows last, and "key ASC, id ASC" the other way round.
 *
 * Two shapes of the "after this row" predicate:
 * - segments: index-friendly pieces run one after the other — the rest of the cursor's tie group
 *   (`key = ? AND id < ?`), the keys beyond it (`key < ?`), then `key IS NULL` ordered by id — so each
 *   piece is one seek into an index (prefix…, key, id). A row-value `(key, id) < (?, ?)` would seek on
 *   the key alone and walk the whole tie group on every page (thousands of orders at ¥50.00).
 * - residual: one OR-predicate for plans that sort a bounded candidate set anyway.
 */

export type SortDirection = 'asc' | 'desc';

/** A sort over `column` (an integer column, may be NULL) with `idColumn` as the tie-breaker. */
export interface KeysetSort {
  readonly column: string;
  readonly idColumn: string;
  readonly direction: SortDirection;
}

/** Position of the last row of the previous page. */
export interface KeysetPosition {
  readonly key: number | null;
  readonly id: number;
}

/** One piece of the "rows after the cursor" set, as a SQL condition with its parameters. */
export interface KeysetSegment {
  readonly where: string;
  readonly params: readonly (number | null)[];
}

export function orderByOf(sort: KeysetSort): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  return `${sort.column} ${dir}, ${sort.idColumn} ${dir}`;
}

/** Index-friendly pieces in page order; run them in turn until the page is full. */
export function keysetSegments(sort: KeysetSort, after: KeysetPosition | null): KeysetSegment[] {
  const { column: c, idColumn: id } = sort;
  const keyed = (where: string, params: (number | null)[] = []): KeysetSegment => ({ where, params });
  const nulls = (idBound?: number): KeysetSegment =>
    idBound === undefined ? keyed(`${c} IS NULL`) : keyed(`${c} IS NULL AND ${id} ${sort.direction === 'desc' ? '<' : '>'} ?`, [idBound]);
  if (sort.direction === 'desc') {
    if (after === null) return [keyed(`${c} IS NOT NULL`), nulls()];
    if (after.key === null) return [nulls(after.id)];
    return [keyed(`${c} = ? AND ${id} < ?`, [after.key, after.id]), keyed(`${c} < ?`, [after.key]), nulls()];
  }
  if (after === null) return [nulls(), keyed(`${c} IS NOT NULL`)];
  if (after.key === null) return [nulls(after.id), keyed(`${c} IS NOT NULL`)];
  return [keyed(`${c} = ? AND ${id} > ?`, [after.key, after.id]), keyed(`${c} > ?`, [after.key])];
}

/** The same set as one condition (not index-friendly): for plans that sort a small candidate set. */
export function keysetResidual(sort: KeysetSort, after: KeysetPosition | null): KeysetSegment {
  if (after === null) return { where: '1', params: [] };
  const { column: c, idColumn: id } = sort;
  if (sort.direction === 'desc') {
    if (after.key === null) return { where: `(${c} IS NULL AND ${id} < ?)`, params: [after.id] };
    return { where: `((${c}, ${id}) < (?, ?) OR ${c} IS NULL)`, params: [after.key, after.id] };
  }
  if (after.key === null) return { where: `((${c} IS NULL AND ${id} > ?) OR ${c} IS NOT NULL)`, params: [after.id] };
  return { where: `(${c}, ${id}) > (?, ?)`, params: [after.key, after.id] };
}

/** Runs segments in order, each asked only for what the page still needs. */
export function collectSegments<T>(segments: readonly KeysetSegment[], limit: number, run: (segment: KeysetSegment, limit: number) => T[]): T[] {
  const rows: T[] = [];
  for (const segment of segments) {
    if (rows.length >= limit) break;
    rows.push(...run(segment, limit - rows.length));
  }
  return rows;
}
