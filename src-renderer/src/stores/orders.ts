/**
 * Orders across providers: the applied filters and sort, a keyset-paged window of the list
 * (`orders:list`) for the virtualized grid, and the order open in the detail drawer (`orders:get`).
 * Filters are applied as a snapshot: changing them starts a new generation of the window, so pages
 * and cursors of the old filters can never mix with the new ones.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ArgsOf, OrderDetailView, OrderListItemView, OrderSortView } from '../../../src-main/api/contract.js';
import type { Currency, OrderStatus, ProviderSlug } from '../api/record-types.js';
import { invoke, toApiClientError, type ApiClientError } from '../api/client.js';
import { shanghaiDayRange } from '../composables/shanghai-day.js';
import { usePageWindow } from './page-window.js';

export const ORDERS_PAGE_SIZE = 200;
/** 15 × 200 = at most 3,000 order rows in memory. */
export const ORDERS_MAX_LOADED_PAGES = 15;
export const ORDERS_PREFETCH_ROWS = 80;

export interface OrderFilters {
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
  readonly statuses: readonly OrderStatus[];
  /** Picked business days `[first, last]` (`yyyy-MM-dd`, Asia/Shanghai), both included. */
  readonly createdDays: readonly [string, string] | null;
  /** Decimal text as typed ("" = no bound). */
  readonly totalMin: string;
  readonly totalMax: string;
  readonly currency: Currency | null;
  readonly q: string;
}

export function emptyOrderFilters(): OrderFilters {
  return { provider: null, accountId: null, statuses: [], createdDays: null, totalMin: '', totalMax: '', currency: null, q: '' };
}

const DECIMAL_RE = /^-?\d{1,13}(\.\d{1,4})?$/;

/** An amount bound as a scaled bigint (exact), or null when empty or not a decimal. */
function scaledBound(text: string): bigint | null {
  const t = text.trim();
  if (!DECIMAL_RE.test(t)) return null;
  const negative = t.startsWith('-');
  const [whole = '0', fraction = ''] = t.replace('-', '').split('.');
  const scaled = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0'));
  return negative ? -scaled : scaled;
}

export type AmountProblem = 'minInvalid' | 'maxInvalid' | 'order' | null;

/** What is wrong with the amount range as typed (the filter leaves a wrong bound out). */
export function amountProblem(filters: Pick<OrderFilters, 'totalMin' | 'totalMax'>): AmountProblem {
  const min = filters.totalMin.trim();
  const max = filters.totalMax.trim();
  if (min && scaledBound(min) === null) return 'minInvalid';
  if (max && scaledBound(max) === null) return 'maxInvalid';
  const a = min ? scaledBound(min) : null;
  const b = max ? scaledBound(max) : null;
  if (a !== null && b !== null && a > b) return 'order';
  return null;
}

/** The `orders:list` arguments for filters, sort and a position; empty filters are left out. */
export function orderListArgs(filters: OrderFilters, sort: OrderSortView, cursor: string | null, limit: number): ArgsOf<'orders:list'> {
  const args: ArgsOf<'orders:list'> = { sort, limit };
  if (filters.provider) args.provider = filters.provider;
  if (filters.accountId !== null) args.accountId = filters.accountId;
  if (filters.statuses.length > 0) args.status = [...filters.statuses];
  const range = shanghaiDayRange(filters.createdDays);
  if (range) {
    args.createdFrom = range.from;
    args.createdTo = range.to;
  }
  const problem = amountProblem(filters);
  if (problem !== 'order') {
    if (filters.totalMin.trim() && problem !== 'minInvalid') args.totalMin = filters.totalMin.trim();
    if (filters.totalMax.trim() && problem !== 'maxInvalid') args.totalMax = filters.totalMax.trim();
  }
  if (filters.currency) args.currency = filters.currency;
  const q = filters.q.trim().slice(0, 200);
  if (q) args.q = q;
  if (cursor) args.cursor = cursor;
  return args;
}

function sameArgs(a: OrderFilters, b: OrderFilters, sortA: OrderSortView, sortB: OrderSortView): boolean {
  return JSON.stringify(orderListArgs(a, sortA, null, 1)) === JSON.stringify(orderListArgs(b, sortB, null, 1));
}

export const useOrdersStore = defineStore('orders', () => {
  const filters = ref<OrderFilters>(emptyOrderFilters());
  const sort = ref<OrderSortView>('created_desc');

  const list = usePageWindow<OrderListItemView>({
    pageSize: ORDERS_PAGE_SIZE,
    maxLoadedPages: ORDERS_MAX_LOADED_PAGES,
    prefetchRows: ORDERS_PREFETCH_ROWS,
    fetch: (cursor, limit) => invoke('orders:list', orderListArgs(filters.value, sort.value, cursor, limit)),
  });

  /** Loads the first page unless a list for these filters is already there (returning to the view). */
  function ensureLoaded(): Promise<void> {
    return list.started.value && !list.error.value ? Promise.resolve() : list.reset();
  }

  /** Applies changed filters; a change that does not alter the query keeps the list as it is. */
  function setFilters(patch: Partial<OrderFilters>): Promise<void> {
    const next = { ...filters.value, ...patch };
    const changed = !sameArgs(filters.value, next, sort.value, sort.value);
    filters.value = next;
    return changed || !list.started.value ? list.reset() : Promise.resolve();
  }

  function clearFilters(): Promise<void> {
    return setFilters(emptyOrderFilters());
  }

  function setSort(next: OrderSortView): Promise<void> {
    if (next === sort.value && list.started.value) return Promise.resolve();
    sort.value = next;
    return list.reset();
  }

  // ── the order in the detail drawer ──
  const detailId = ref<number | null>(null);
  const detail = shallowRef<OrderDetailView | null>(null);
  const detailLoading = ref(false);
  const detailError = ref<ApiClientError | null>(null);

  async function openDetail(id: number): Promise<void> {
    detailId.value = id;
    if (detail.value?.id !== id) detail.value = null;
    detailLoading.value = true;
    detailError.value = null;
    try {
      const view = await invoke('orders:get', { id });
      if (detailId.value === id) detail.value = view;
    } catch (e) {
      if (detailId.value === id) detailError.value = toApiClientError(e);
    } finally {
      if (detailId.value === id) detailLoading.value = false;
    }
  }

  function closeDetail(): void {
    detailId.value = null;
    detail.value = null;
    detailError.value = null;
    detailLoading.value = false;
  }

  return {
    filters,
    sort,
    rows: list.rows,
    total: list.total,
    inMemory: list.inMemory,
    hasGaps: list.hasGaps,
    ended: list.ended,
    started: list.started,
    loadingFirst: list.loadingFirst,
    loadingNext: list.loadingNext,
    error: list.error,
    generation: list.generation,
    requestedAt: list.requestedAt,
    firstPageAt: list.firstPageAt,
    ensureVisible: list.ensureVisible,
    loadNext: list.loadNext,
    retry: list.retry,
    reload: list.reset,
    ensureLoaded,
    setFilters,
    clearFilters,
    setSort,
    detailId,
    detail,
    detailLoading,
    detailError,
    openDetail,
    closeDetail,
  };
});
