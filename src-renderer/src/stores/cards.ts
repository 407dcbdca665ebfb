/**
 * Card codes: filters and a keyset-paged window of the masked list (`cards:list`). Revealing one
 * password (`cards:reveal`, audited by the core) returns it to the caller and keeps nothing here: the
 * component that shows it holds it for a few seconds and wipes it.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ArgsOf, CardRevealView, CardView } from '../../../src-main/api/contract.js';
import type { OrderStatus, ProviderSlug } from '../api/record-types.js';
import { invoke } from '../api/client.js';
import { shanghaiDayRange } from '../composables/shanghai-day.js';
import { usePageWindow } from './page-window.js';

export const CARDS_PAGE_SIZE = 200;
export const CARDS_MAX_LOADED_PAGES = 10;
export const CARDS_PREFETCH_ROWS = 60;
/** How long a revealed password stays on screen. */
export const REVEAL_SECONDS = 30;

export interface CardFilters {
  /** Exact order number ("" = any). */
  readonly orderNo: string;
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
  readonly orderStatuses: readonly OrderStatus[];
  /** Expiry between these business days (Asia/Shanghai), both included. */
  readonly expiryDays: readonly [string, string] | null;
}

export function emptyCardFilters(): CardFilters {
  return { orderNo: '', provider: null, accountId: null, orderStatuses: [], expiryDays: null };
}

export function cardListArgs(filters: CardFilters, cursor: string | null, limit: number): ArgsOf<'cards:list'> {
  const args: ArgsOf<'cards:list'> = { limit };
  const orderNo = filters.orderNo.trim().slice(0, 128);
  if (orderNo) args.orderNo = orderNo;
  if (filters.provider) args.provider = filters.provider;
  if (filters.accountId !== null) args.accountId = filters.accountId;
  if (filters.orderStatuses.length > 0) args.orderStatus = [...filters.orderStatuses];
  const range = shanghaiDayRange(filters.expiryDays);
  if (range) {
    // Half-open like every range of the core: expiresAfter ≤ expiry < expiresBefore.
    args.expiresAfter = range.from;
    args.expiresBefore = range.to;
  }
  if (cursor) args.cursor = cursor;
  return args;
}

export const useCardsStore = defineStore('cards', () => {
  const filters = ref<CardFilters>(emptyCardFilters());

  const list = usePageWindow<CardView>({
    pageSize: CARDS_PAGE_SIZE,
    maxLoadedPages: CARDS_MAX_LOADED_PAGES,
    prefetchRows: CARDS_PREFETCH_ROWS,
    fetch: (cursor, limit) => invoke('cards:list', cardListArgs(filters.value, cursor, limit)),
  });

  function ensureLoaded(): Promise<void> {
    return list.started.value && !list.error.value ? Promise.resolve() : list.reset();
  }

  function setFilters(patch: Partial<CardFilters>): Promise<void> {
    const next = { ...filters.value, ...patch };
    const changed = JSON.stringify(cardListArgs(filters.value, null, 1)) !== JSON.stringify(cardListArgs(next, null, 1));
    filters.value = next;
    return changed || !list.started.value ? list.reset() : Promise.resolve();
  }

  function clearFilters(): Promise<void> {
    return setFilters(emptyCardFilters());
  }

  /** Decrypts one card's password (the core writes the audit entry); nothing is kept in the store. */
  function reveal(id: number): Promise<CardRevealView> {
    return invoke('cards:reveal', { id });
  }

  return {
    filters,
    rows: list.rows,
    total: list.total,
    inMemory: list.inMemory,
    ended: list.ended,
    started: list.started,
    loadingFirst: list.loadingFirst,
    loadingNext: list.loadingNext,
    error: list.error,
    generation: list.generation,
    ensureVisible: list.ensureVisible,
    retry: list.retry,
    reload: list.reset,
    ensureLoaded,
    setFilters,
    clearFilters,
    reveal,
  };
});
