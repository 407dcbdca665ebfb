import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, ORDER_GRID_MIN_WIDTH, ORDER_GRID_TEMPLATE } from '../../../../src-renderer/src/components/orders/order-grid-columns.js';

describe('order grid columns', () => {
  it('flips the sorted column and starts a newly chosen one newest / largest first', () => {
    expect(nextSort('created_desc', 'created')).toBe('created_asc');
    expect(nextSort('created_asc', 'created')).toBe('created_desc');
    expect(nextSort('created_asc', 'total')).toBe('total_desc');
    expect(nextSort('total_desc', 'updated')).toBe('updated_desc');
    expect(nextSort('updated_desc', 'created')).toBe('created_desc');
  });

  it('tells assistive technology which column sorts the list, and how', () => {
    expect(ariaSort('total_asc', 'total')).toBe('ascending');
    expect(ariaSort('total_asc', 'created')).toBeUndefined();
    expect(ariaSort('created_desc', 'created')).toBe('descending');
    expect(ariaSort('created_desc', undefined)).toBeUndefined();
  });

  it('lets the title column take the width left over, and fits a 1400 px window beside the sidebar', () => {
    expect(ORDER_GRID_TEMPLATE).toBe('150px 112px 214px minmax(116px, 1fr) 80px 92px 114px 92px 150px');
    // The grid's width at 1400 px, measured in Chromium with the sidebar open.
    expect(ORDER_GRID_MIN_WIDTH).toBeLessThanOrEqual(1142);
  });
});
