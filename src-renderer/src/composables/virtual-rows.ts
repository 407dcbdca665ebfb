/**
 * Geometry of a virtual list with fixed-height rows: which rows a scroll position shows and where the
 * rendered block goes. Chromium cannot lay out an element taller than about 33.5 million px (600,000
 * rows of 56 px), so past `maxCanvasPx` the scroll range is compressed: one scrolled pixel then moves
 * the list by `ratio` pixels, and the rendered block is placed relative to the viewport.
 *
 * Rendered rows are recycled: a fixed pool of row elements, slot `index % pool` showing row `index`,
 * each placed at `(index - anchor) × rowHeight` in a block that moves with the scroll. So scrolling
 * by a row rewrites one element's text and position instead of removing one and creating another,
 * and the anchor (a multiple of `anchorRows`) changes — moving every row — only once in a while.
 */

export interface VirtualRowsInput {
  readonly count: number;
  readonly rowHeight: number;
  /** Height of the visible rows area (px). */
  readonly viewport: number;
  /** The scroller's scrollTop (px of the canvas). */
  readonly scrollTop: number;
  /** Rows rendered beyond each edge of the view. */
  readonly overscan: number;
  readonly maxCanvasPx?: number;
  readonly anchorRows?: number;
}

export interface VirtualRowsLayout {
  /** Height to give the scrolled canvas. */
  readonly canvasPx: number;
  /** List pixels per canvas pixel (1 unless the list is taller than the canvas may be). */
  readonly ratio: number;
  /** First and one-past-last row in view. */
  readonly visibleStart: number;
  readonly visibleEnd: number;
  /** First and one-past-last row to render (view plus overscan). */
  readonly start: number;
  readonly end: number;
  /** Row elements to keep (the most rows ever rendered at once for this viewport). */
  readonly pool: number;
  /** Row at the block's top: row `index` sits at `(index - anchor) × rowHeight` in the block. */
  readonly anchor: number;
  /** Canvas offset (px) of the block's top. */
  readonly blockTop: number;
}

export const MAX_CANVAS_PX = 15_000_000;
const ANCHOR_ROWS = 1024;

export function virtualRows(input: VirtualRowsInput): VirtualRowsLayout {
  const { count, rowHeight, viewport, overscan } = input;
  const listPx = count * rowHeight;
  const maxCanvas = input.maxCanvasPx ?? MAX_CANVAS_PX;
  const canvasPx = Math.min(listPx, maxCanvas);
  const ratio = listPx > canvasPx && canvasPx > viewport ? (listPx - viewport) / (canvasPx - viewport) : 1;
  const scrollTop = Math.max(0, Math.min(input.scrollTop, Math.max(0, canvasPx - viewport)));
  const listTop = scrollTop * ratio;
  const visibleStart = Math.min(count, Math.floor(listTop / rowHeight));
  const visibleEnd = Math.min(count, Math.ceil((listTop + viewport) / rowHeight));
  const start = Math.max(0, visibleStart - overscan);
  const end = Math.min(count, visibleEnd + overscan);
  const pool = Math.ceil(viewport / rowHeight) + 1 + 2 * overscan;
  const anchorRows = input.anchorRows ?? ANCHOR_ROWS;
  const anchor = Math.floor(start / anchorRows) * anchorRows;
  return { canvasPx, ratio, visibleStart, visibleEnd, start, end, pool, anchor, blockTop: scrollTop + anchor * rowHeight - listTop };
}

/** For each slot of the pool, the row it shows (slot = index % pool), or -1 when it is idle. */
export function slotRows(layout: Pick<VirtualRowsLayout, 'start' | 'end' | 'pool'>): number[] {
  const { start, end, pool } = layout;
  return Array.from({ length: pool }, (_, slot) => {
    const index = start + ((slot - (start % pool) + pool) % pool);
    return index < end ? index : -1;
  });
}

/** The scrollTop that shows `index` fully with the least movement from `scrollTop`. */
export function scrollTopFor(index: number, layout: Pick<VirtualRowsLayout, 'ratio'>, rowHeight: number, viewport: number, scrollTop: number): number {
  const top = index * rowHeight;
  const listTop = scrollTop * layout.ratio;
  if (top < listTop) return top / layout.ratio;
  if (top + rowHeight > listTop + viewport) return (top + rowHeight - viewport) / layout.ratio;
  return scrollTop;
}
