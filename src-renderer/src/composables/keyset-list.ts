/**
 * State of one keyset-paged list (the core's `nextCursor` / `nextAfter`): items so far, whether more
 * exist, loading and error. A new `reset` makes answers to older requests stale, so a page that
 * arrives after the filters changed is dropped instead of mixed into the new list.
 */
import { ref, shallowRef, type Ref } from 'vue';
import { toApiClientError, type ApiClientError } from '../api/client.js';

export type KeysetCursor = string | number | null;

export interface KeysetPage<T> {
  readonly items: readonly T[];
  /** Where the next page starts; null on the last page. */
  readonly next: KeysetCursor;
}

export type KeysetFetch<T> = (cursor: KeysetCursor) => Promise<KeysetPage<T>>;

export interface KeysetList<T> {
  readonly items: Ref<readonly T[]>;
  readonly loading: Ref<boolean>;
  /** The first page arrived (an empty list is then really empty). */
  readonly loaded: Ref<boolean>;
  readonly hasMore: Ref<boolean>;
  readonly error: Ref<ApiClientError | null>;
  /** Starts over with a new fetcher (new filters) and reads its first page. */
  reset(fetch: KeysetFetch<T>): Promise<void>;
  /** Appends the next page (or retries the failed one). */
  loadMore(): Promise<void>;
  /** Forgets everything (no fetcher). */
  clear(): void;
}

export function createKeysetList<T>(): KeysetList<T> {
  const items = shallowRef<readonly T[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const hasMore = ref(false);
  const error = shallowRef<ApiClientError | null>(null);
  let fetcher: KeysetFetch<T> | null = null;
  let cursor: KeysetCursor = null;
  let generation = 0;

  async function fetchNext(gen: number): Promise<void> {
    if (!fetcher) return;
    loading.value = true;
    try {
      const page = await fetcher(cursor);
      if (gen !== generation) return;
      items.value = [...items.value, ...page.items];
      cursor = page.next;
      hasMore.value = page.next !== null;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      if (gen === generation) error.value = toApiClientError(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  function clear(): void {
    generation += 1;
    fetcher = null;
    cursor = null;
    items.value = [];
    loaded.value = false;
    hasMore.value = false;
    loading.value = false;
    error.value = null;
  }

  function reset(fetch: KeysetFetch<T>): Promise<void> {
    clear();
    fetcher = fetch;
    return fetchNext(generation);
  }

  function loadMore(): Promise<void> {
    if (loading.value || (loaded.value && !hasMore.value && !error.value)) return Promise.resolve();
    return fetchNext(generation);
  }

  return { items, loading, loaded, hasMore, error, reset, loadMore, clear };
}
