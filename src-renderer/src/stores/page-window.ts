/**
 * A window over a keyset-paged list for a virtualized grid. Pages are appended as the viewer nears
 * the end; only `maxLoadedPages` pages keep their rows (those nearest the viewport) — the others
 * become gap rows of the same count that are fetched again, with the cursor that produced them, when
 * they scroll back into view. So memory stays bounded however far the merchant scrolls.
 *
 * Every reset starts a new generation; a response from an older generation is dropped, so a slow
 * answer for old filters never lands in the new list.
 */
import { computed, ref, shallowRef } from 'vue';
import type { PageView } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError } from '../api/client.js';

/** A row whose page is not in memory (evicted, or being fetched again). */
export interface GapRow {
  readonly id: string;
  readonly gap: true;
  readonly page: number;
}

export type WindowRow<T> = T | GapRow;

export function isGapRow<T extends object>(row: WindowRow<T>): row is GapRow {
  return 'gap' in row && (row as { gap?: unknown }).gap === true;
}

interface Slot<T> {
  /** The cursor that fetched this page (null for the first page). */
  readonly cursor: string | null;
  /** The rows, or null once evicted. */
  readonly rows: readonly T[] | null;
  readonly size: number;
}

export interface PageWindowOptions<T> {
  readonly pageSize: number;
  /** Pages that keep their rows; `pageSize × maxLoadedPages` bounds the rows in memory. */
  readonly maxLoadedPages: number;
  /** Fetch the next page when the viewport is within this many rows of the end. */
  readonly prefetchRows: number;
  fetch(cursor: string | null, limit: number): Promise<PageView<T>>;
  now?: () => number;
}

function defaultNow(): number {
  return globalThis.performance?.now() ?? Date.now();
}

export function usePageWindow<T extends { readonly id: number }>(options: PageWindowOptions<T>) {
  const now = options.now ?? defaultNow;
  const slots = shallowRef<readonly Slot<T>[]>([]);
  const nextCursor = ref<string | null>(null);
  const ended = ref(false);
  const started = ref(false);
  const loadingFirst = ref(false);
  const loadingNext = ref(false);
  const error = ref<ApiClientError | null>(null);
  const generation = ref(0);
  /** `now()` when the current generation was requested, and when its first page arrived. */
  const requestedAt = ref(0);
  const firstPageAt = ref<number | null>(null);
  const refilling = new Set<number>();
  const gapCache = new Map<string, GapRow[]>();
  let visible = { start: 0, end: 0 };

  function gapsFor(page: number, size: number): GapRow[] {
    const key = `${page}:${size}`;
    let gaps = gapCache.get(key);
    if (!gaps) {
      gaps = Array.from({ length: size }, (_, k) => ({ id: `gap-${page}-${k}`, gap: true as const, page }));
      gapCache.set(key, gaps);
    }
    return gaps;
  }

  const rows = computed<WindowRow<T>[]>(() => {
    const out: WindowRow<T>[] = [];
    slots.value.forEach((slot, page) => {
      for (const row of slot.rows ?? gapsFor(page, slot.size)) out.push(row);
    });
    return out;
  });
  const total = computed(() => slots.value.reduce((n, s) => n + s.size, 0));
  const inMemory = computed(() => slots.value.reduce((n, s) => n + (s.rows ? s.rows.length : 0), 0));
  const hasGaps = computed(() => slots.value.some((s) => s.rows === null));

  /** First row index of each page. */
  function offsets(): number[] {
    let at = 0;
    return slots.value.map((s) => {
      const start = at;
      at += s.size;
      return start;
    });
  }

  function loadedIdsExcept(page: number): Set<number> {
    const ids = new Set<number>();
    slots.value.forEach((s, i) => {
      if (i !== page && s.rows) for (const r of s.rows) ids.add(r.id);
    });
    return ids;
  }

  /** Drops the rows of the loaded pages farthest from the viewport beyond the budget. */
  function evict(): void {
    const starts = offsets();
    const loaded = slots.value.flatMap((s, i) => (s.rows ? [i] : []));
    if (loaded.length <= options.maxLoadedPages) return;
    const center = (visible.start + visible.end) / 2;
    const distance = (i: number) => Math.abs((starts[i] ?? 0) + (slots.value[i]?.size ?? 0) / 2 - center);
    const drop = new Set([...loaded].sort((a, b) => distance(b) - distance(a)).slice(0, loaded.length - options.maxLoadedPages));
    slots.value = slots.value.map((s, i) => (drop.has(i) ? { cursor: s.cursor, rows: null, size: s.size } : s));
  }

  /** Appends the next page (no-op at the end, while one is on its way, or after an error). */
  async function loadNext(): Promise<void> {
    if (!started.value || ended.value || loadingNext.value || error.value) return;
    const gen = generation.value;
    const cursor = nextCursor.value;
    const first = slots.value.length === 0;
    loadingNext.value = true;
    loadingFirst.value = first;
    try {
      const page = await options.fetch(cursor, options.pageSize);
      if (gen !== generation.value) return;
      const known = loadedIdsExcept(-1);
      const fresh = page.items.filter((r) => !known.has(r.id));
      slots.value = [...slots.value, { cursor, rows: fresh, size: fresh.length }];
      nextCursor.value = page.nextCursor;
      ended.value = page.nextCursor === null;
      if (first) firstPageAt.value = now();
      evict();
    } catch (e) {
      if (gen === generation.value) error.value = toApiClientError(e);
    } finally {
      if (gen === generation.value) {
        loadingNext.value = false;
        loadingFirst.value = false;
      }
    }
    if (gen === generation.value && !error.value) maybePrefetch();
  }

  /** Fetches an evicted page again with the cursor that first produced it. */
  async function refill(page: number): Promise<void> {
    const slot = slots.value[page];
    if (!slot || slot.rows || refilling.has(page) || error.value) return;
    const gen = generation.value;
    refilling.add(page);
    try {
      const result = await options.fetch(slot.cursor, options.pageSize);
      if (gen !== generation.value) return;
      const current = slots.value[page];
      if (!current || current.rows) return;
      const known = loadedIdsExcept(page);
      const fresh = result.items.filter((r) => !known.has(r.id));
      slots.value = slots.value.map((s, i) => (i === page ? { cursor: s.cursor, rows: fresh, size: fresh.length } : s));
      evict();
    } catch (e) {
      if (gen === generation.value) error.value = toApiClientError(e);
    } finally {
      if (gen === generation.value) refilling.delete(page);
    }
  }

  function maybePrefetch(): void {
    if (!ended.value && visible.end >= total.value - options.prefetchRows) void loadNext();
  }

  /**
   * The grid reports the rows it shows: refill gap pages around them, prefetch near the end. Pages
   * within half a page of the viewport count as visible.
   */
  function ensureVisible(start: number, end: number): void {
    visible = { start, end };
    const margin = Math.ceil(options.pageSize / 2);
    const starts = offsets();
    slots.value.forEach((s, i) => {
      const from = starts[i] ?? 0;
      if (s.rows === null && from <= end + margin && from + s.size >= start - margin) void refill(i);
    });
    maybePrefetch();
  }

  /** Starts over (new filters or sort): a new generation, then the first page. */
  function reset(): Promise<void> {
    generation.value += 1;
    started.value = true;
    slots.value = [];
    nextCursor.value = null;
    ended.value = false;
    error.value = null;
    loadingNext.value = false;
    loadingFirst.value = false;
    refilling.clear();
    gapCache.clear();
    visible = { start: 0, end: 0 };
    requestedAt.value = now();
    firstPageAt.value = null;
    return loadNext();
  }

  /** After an error: continue where it stopped (or start over when nothing was loaded). */
  function retry(): Promise<void> {
    if (slots.value.length === 0) return reset();
    error.value = null;
    ensureVisible(visible.start, visible.end);
    return loadNext();
  }

  return {
    rows,
    total,
    inMemory,
    hasGaps,
    ended,
    started,
    loadingFirst,
    loadingNext,
    error,
    generation,
    requestedAt,
    firstPageAt,
    reset,
    retry,
    loadNext,
    ensureVisible,
  };
}
