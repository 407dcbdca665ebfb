/** The order grid's columns: widths shared by the header and the rows (one CSS grid template). */
import type { OrderSortView } from '../../../../src-main/api/contract.js';

export type OrderColumnKey = 'created' | 'source' | 'orderNo' | 'title' | 'buyer' | 'status' | 'total' | 'commission' | 'updated';
export type SortKey = 'created' | 'total' | 'updated';

export interface OrderColumn {
  readonly key: OrderColumnKey;
  readonly width: number;
  /** Takes the width left over (at least `width`). */
  readonly grow?: boolean;
  readonly align?: 'right';
  readonly sort?: SortKey;
}

export const ORDER_COLUMNS: readonly OrderColumn[] = [
  { key: 'created', width: 150, sort: 'created' },
  { key: 'source', width: 112 },
  { key: 'orderNo', width: 214 },
  { key: 'title', width: 116, grow: true },
  { key: 'buyer', width: 80 },
  { key: 'status', width: 92 },
  { key: 'total', width: 114, align: 'right', sort: 'total' },
  { key: 'commission', width: 92, align: 'right' },
  { key: 'updated', width: 150, sort: 'updated' },
];

export const ORDER_GRID_TEMPLATE = ORDER_COLUMNS.map((c) => (c.grow ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
export const ORDER_GRID_MIN_WIDTH = ORDER_COLUMNS.reduce((sum, c) => sum + c.width, 0);

/**
 * The sort after a click on a sortable header: the current column flips its direction, a newly chosen
 * one starts with the newest / largest first; "updated" only sorts newest first.
 */
export function nextSort(current: OrderSortView, key: SortKey): OrderSortView {
  if (key === 'updated') return 'updated_desc';
  const [currentKey, currentOrder] = current.split('_') as [string, 'asc' | 'desc'];
  if (currentKey !== key) return `${key}_desc`;
  return `${key}_${currentOrder === 'desc' ? 'asc' : 'desc'}`;
}

/** aria-sort of a column under the current sort. */
export function ariaSort(current: OrderSortView, key: SortKey | undefined): 'ascending' | 'descending' | undefined {
  if (!key) return undefined;
  const [currentKey, currentOrder] = current.split('_') as [string, 'asc' | 'desc'];
  if (currentKey !== key) return undefined;
  return currentOrder === 'asc' ? 'ascending' : 'descending';
}
