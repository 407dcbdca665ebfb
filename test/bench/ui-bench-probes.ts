/**
 * Code that runs inside the page for the UI benchmark (serialized by page.evaluate: self-contained,
 * no imports, no outer variables). Selectors are the Orders view's data-test hooks.
 */

/** One painted row as the probe saw it right after its first frame. */
export interface PaintedRow {
  readonly provider: string;
  readonly status: string;
  readonly text: string;
}

export interface FilterPaint {
  /** The input event (click / keydown / input) that changed the filter, `event.timeStamp`. */
  readonly inputAt: number;
  readonly inputType: string;
  /** Start of the first animation frame whose DOM holds rows of the new list (they paint in it). */
  readonly frameAt: number;
  /** Just after that frame's paint (a message posted from its rAF callback runs after rendering). */
  readonly paintedAt: number;
  /** The view's own figure (data-paint-ms: request → first frame after its rows rendered). */
  readonly viewPaintMs: number | null;
  readonly rows: readonly PaintedRow[];
  /** The `orders:list` request the rows came from (resource timing), relative to the input event. */
  readonly request: { readonly startMs: number; readonly endMs: number } | null;
}

/**
 * Arms the filter probe: remembers the next input event and, from the first DOM mutation of the grid
 * after it, checks at each animation frame whether the rows in view (or the empty state) belong to a
 * newer list generation than `before`. The result lands in `window.__uiBenchPaint`.
 */
export function armFilterProbe(before: number): void {
  const w = window as unknown as { __uiBenchPaint?: FilterPaint | null; __uiBenchStop?: () => void };
  w.__uiBenchStop?.();
  w.__uiBenchPaint = null;
  const wrap = document.querySelector<HTMLElement>('[data-test=orders-grid-wrap]');
  if (!wrap) throw new Error('no orders grid');
  let input: { at: number; type: string } | null = null;
  let frameRequested = false;
  const onInput = (event: Event): void => {
    if (!input) input = { at: event.timeStamp, type: event.type };
  };
  const types = ['click', 'keydown', 'input'];
  for (const type of types) window.addEventListener(type, onInput, { capture: true });
  const inView = (): HTMLElement[] => {
    const body = wrap.querySelector('[data-test=order-grid-body]');
    if (!body) return [];
    const view = body.getBoundingClientRect();
    return [...wrap.querySelectorAll<HTMLElement>('[role=row][data-order-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > view.top + 1 && b.top < view.bottom - 1;
    });
  };
  const check = (): void => {
    frameRequested = false;
    if (!input || Number(wrap.dataset['generation']) <= before) return;
    const rows = inView();
    // A filter no order fits (a small ledger has such days) paints the empty state instead.
    if (rows.length === 0 && !wrap.querySelector('[data-test=orders-empty]')) return;
    const frameAt = performance.now();
    const started = input;
    stop();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const paintMs = wrap.dataset['paintMs'];
      const fetched = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.includes('orders%3Alist') && e.startTime >= started.at)
        .at(0);
      w.__uiBenchPaint = {
        inputAt: started.at,
        inputType: started.type,
        frameAt,
        paintedAt: performance.now(),
        viewPaintMs: paintMs === undefined ? null : Number(paintMs),
        request: fetched ? { startMs: fetched.startTime - started.at, endMs: fetched.responseEnd - started.at } : null,
        rows: rows.map((r) => ({ provider: r.dataset['provider'] ?? '', status: r.dataset['status'] ?? '', text: r.textContent ?? '' })),
      };
    };
    channel.port2.postMessage(null);
  };
  const observer = new MutationObserver(() => {
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(check);
    }
  });
  observer.observe(wrap, { subtree: true, childList: true, attributes: true, characterData: true });
  function stop(): void {
    observer.disconnect();
    for (const type of types) window.removeEventListener(type, onInput, { capture: true });
  }
  w.__uiBenchStop = stop;
}

export interface ScrollOptions {
  /** Rows to scroll through, at most as far as the list goes (a small ledger has fewer). */
  readonly rows: number;
  /** 1 = down, -1 = up. */
  readonly direction: 1 | -1;
  /** Scroll speed in rows per second (time-based, so a slow frame scrolls farther). */
  readonly rowsPerSecond: number;
  /** Give up after this long (a stuck grid must not hang the bench). */
  readonly timeoutMs: number;
}

export interface ScrollRun {
  /** The pass stopped at the end (or top) of the whole list before `rows` (a small ledger). */
  readonly reachedEnd: boolean;
  readonly frames: number;
  readonly blankFrames: number;
  readonly maxConsecutiveBlankFrames: number;
  /** Row slots in view that were blank, summed over all frames. */
  readonly blankSlots: number;
  /** Rows the view moved (from the row at its top at the start to the one at the end). */
  readonly rowsScrolled: number;
  /** Frames in which the view did not move on (typically: at the end of the loaded rows, waiting). */
  readonly stalledFrames: number;
  readonly durationMs: number;
  readonly rowHeight: number;
  /** Longest gap between two animation frames (jank, not blankness). */
  readonly longestFrameMs: number;
  readonly framesOver50Ms: number;
  readonly timedOut: boolean;
}

/**
 * Scrolls the order grid with wheel events at a steady speed (down or up) and, once per animation frame, counts the
 * row slots in view that are blank (a gap row, a row with no text, or no row at all). One rAF loop
 * does both: it checks first, then turns the wheel. The grid renders the rows a wheel event scrolled to
 * before the next frame (at once, or in a rAF callback registered during ours, which runs before our
 * next check), so the check sees the DOM that frame paints.
 */
export function scrollProbe(options: ScrollOptions): Promise<ScrollRun> {
  const wrap = document.querySelector<HTMLElement>('[data-test=orders-grid-wrap]');
  const body = wrap?.querySelector<HTMLElement>('[data-test=order-grid-body]');
  const firstRow = wrap?.querySelector<HTMLElement>('[data-test=order-grid-body] [role=row][data-row-index]');
  if (!wrap || !body || !firstRow) throw new Error('no orders grid with rows');
  const rowHeight = firstRow.getBoundingClientRect().height;
  const view = body.getBoundingClientRect();
  const count = document.querySelector<HTMLElement>('[data-test=orders-count]');

  /** Scrolled as far as the list goes: its last page is loaded and in view (down), or its top (up). */
  function atListEnd(): boolean {
    if (options.direction < 0) return body!.scrollTop <= 0;
    return count?.dataset['ended'] === 'true' && body!.scrollTop + body!.clientHeight >= body!.scrollHeight - 1;
  }

  /**
   * Blank slots in view (each row-height band whose centre is not covered by a row with data) and
   * the index of the row at the top of the view.
   */
  function inspect(): { blank: number; top: number } {
    const rows = [...wrap!.querySelectorAll<HTMLElement>('[data-test=order-grid-body] [role=row]')].map((r) => ({ r, b: r.getBoundingClientRect() }));
    let blank = 0;
    let top = -1;
    for (let y = view.top + rowHeight / 2; y < view.bottom; y += rowHeight) {
      const hit = rows.find(({ b }) => b.top <= y && b.bottom > y);
      if (top < 0 && hit) top = Number(hit.r.dataset['rowIndex'] ?? -1);
      if (!hit || hit.r.dataset['gap'] === 'true' || !(hit.r.textContent ?? '').trim()) blank += 1;
    }
    return { blank, top };
  }

  return new Promise((resolve) => {
    const started = performance.now();
    let last = started;
    let frames = 0;
    let blankFrames = 0;
    let run = 0;
    let maxRun = 0;
    let blankTotal = 0;
    const first = inspect().top;
    let top = first;
    let stalled = 0;
    let longest = 0;
    let over50 = 0;
    const frame = (now: number): void => {
      frames += 1;
      const dt = now - last;
      if (frames > 1) {
        longest = Math.max(longest, dt);
        if (dt > 50) over50 += 1;
      }
      last = now;
      const seen = inspect();
      const blank = seen.blank;
      if ((seen.top - top) * options.direction <= 0 && frames > 2) stalled += 1;
      top = seen.top;
      blankTotal += blank;
      run = blank > 0 ? run + 1 : 0;
      if (blank > 0) blankFrames += 1;
      maxRun = Math.max(maxRun, run);
      const timedOut = now - started > options.timeoutMs;
      // Waiting at the end of a short list for rows that will never come would only run into the timeout.
      const reachedEnd = (top - first) * options.direction < options.rows && atListEnd();
      if ((top - first) * options.direction >= options.rows || reachedEnd || timedOut) {
        resolve({
          reachedEnd,
          frames,
          blankFrames,
          maxConsecutiveBlankFrames: maxRun,
          blankSlots: blankTotal,
          rowsScrolled: Math.abs(top - first),
          stalledFrames: stalled,
          durationMs: Math.round(now - started),
          rowHeight,
          longestFrameMs: Math.round(longest * 10) / 10,
          framesOver50Ms: over50,
          timedOut,
        });
        return;
      }
      const deltaY = (options.direction * options.rowsPerSecond * rowHeight * Math.min(dt || 16.7, 100)) / 1000;
      // Inside the grid's scrolled body (the event bubbles to its wheel listener), not at a row: rows
      // under a pointer are recycled (detached) as they scroll.
      (body.firstElementChild ?? body).dispatchEvent(new WheelEvent('wheel', { deltaY, deltaMode: 0, bubbles: true, cancelable: true }));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
