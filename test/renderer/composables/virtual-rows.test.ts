import { describe, expect, it } from 'vitest';
import { scrollTopFor, slotRows, virtualRows } from '../../../src-renderer/src/composables/virtual-rows.js';

describe('virtualRows', () => {
  it('shows the rows under the scroll position, with overscan, from a pool large enough for any position', () => {
    const layout = virtualRows({ count: 1000, rowHeight: 50, viewport: 500, scrollTop: 1025, overscan: 3 });
    expect(layout).toMatchObject({ canvasPx: 50_000, ratio: 1, visibleStart: 20, visibleEnd: 31, start: 17, end: 34, pool: 17, anchor: 0, blockTop: 0 });
  });

  it('moves the anchor (and the block) by whole multiples of anchorRows', () => {
    const layout = virtualRows({ count: 1000, rowHeight: 50, viewport: 500, scrollTop: 10_000, overscan: 3, anchorRows: 64 });
    expect(layout).toMatchObject({ start: 197, anchor: 192, blockTop: 9600 });
  });

  it('clamps at both ends of the list', () => {
    expect(virtualRows({ count: 10, rowHeight: 50, viewport: 500, scrollTop: 0, overscan: 3 })).toMatchObject({ start: 0, end: 10, visibleEnd: 10 });
    expect(virtualRows({ count: 0, rowHeight: 50, viewport: 500, scrollTop: 200, overscan: 3 })).toMatchObject({ start: 0, end: 0, canvasPx: 0 });
  });

  it('compresses a list taller than the canvas may be, reaching its last row at the end of the scroll range', () => {
    const input = { count: 1_000_000, rowHeight: 56, viewport: 560, overscan: 0, maxCanvasPx: 1_000_560 };
    const top = virtualRows({ ...input, scrollTop: 0 });
    expect(top.canvasPx).toBe(1_000_560);
    expect(top.ratio).toBeCloseTo((56_000_000 - 560) / 1_000_000);
    expect(top).toMatchObject({ visibleStart: 0, blockTop: 0 });
    const bottom = virtualRows({ ...input, scrollTop: 1_000_000 });
    expect(bottom.visibleEnd).toBe(1_000_000);
    expect(bottom.visibleStart).toBe(999_990);
    // The first row in view sits at the view's top.
    expect(bottom.blockTop + (bottom.visibleStart - bottom.anchor) * 56).toBeCloseTo(1_000_000);
  });
});

describe('slotRows', () => {
  it('gives each row the slot index % pool, so a row keeps its element while it stays rendered', () => {
    expect(slotRows({ start: 0, end: 3, pool: 5 })).toEqual([0, 1, 2, -1, -1]);
    expect(slotRows({ start: 7, end: 12, pool: 5 })).toEqual([10, 11, 7, 8, 9]);
    expect(slotRows({ start: 8, end: 13, pool: 5 })).toEqual([10, 11, 12, 8, 9]);
  });
});

describe('scrollTopFor', () => {
  const ratio = { ratio: 1 };
  it('scrolls the least to show a row fully, and not at all when it is in view', () => {
    expect(scrollTopFor(5, ratio, 50, 500, 1000)).toBe(250);
    expect(scrollTopFor(40, ratio, 50, 500, 1000)).toBe(1550);
    expect(scrollTopFor(22, ratio, 50, 500, 1000)).toBe(1000);
  });
});
