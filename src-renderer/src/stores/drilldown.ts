/**
 * The drill-down drawer: from a figure to the records behind it, keyset-paged. A figure of a report
 * row is drilled with `report:drilldown` (its row key finds exactly the records the row summed); a
 * status total of commissions with `commissions:list` and the same filters, kept to one currency.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { ArgsOf, CommissionView, MoneyView, ReportDrillItem, ReportEntity } from '../../../src-main/api/contract.js';
import { invoke } from '../api/client.js';
import { fromScaled, toScaled } from '../composables/decimal.js';
import { createKeysetList, type KeysetCursor, type KeysetFetch, type KeysetPage } from '../composables/keyset-list.js';

export const DRILL_PAGE_SIZE = 50;
/** Pages read in a row to find rows of the asked currency before handing back what was found. */
const MAX_HOPS = 20;

type CommissionFilter = Omit<ArgsOf<'commissions:list'>, 'cursor' | 'limit'>;

export type DrillSource =
  | { readonly kind: 'report'; readonly key: string; readonly figure?: string }
  | { readonly kind: 'commissions'; readonly filter: CommissionFilter; readonly currency?: MoneyView['currency'] };

export interface DrillRequest {
  /** Already translated. */
  readonly title: string;
  /** Which entity the rows are (for their columns). */
  readonly entity: ReportEntity;
  readonly source: DrillSource;
}

/** One record in the drawer, whichever channel it came from. */
export interface DrillRow {
  readonly id: number;
  readonly accountId: number;
  /** Order number (Kuaimai trade id for flows). */
  readonly ref: string;
  readonly at: number | null;
  readonly status: string | null;
  readonly amount: MoneyView | null;
}

/** The amount a report record adds to the figure (all of its figures' sum when none is asked). */
export function drillAmount(item: ReportDrillItem, figure: string | undefined): MoneyView | null {
  if (figure) return item.money[figure] ?? null;
  if (item.money['net']) return item.money['net'];
  const values = Object.values(item.money);
  const first = values[0];
  if (!first) return null;
  return { amount: fromScaled(values.reduce((acc, m) => acc + toScaled(m.amount), 0n)), currency: first.currency };
}

function reportFetch(key: string, figure: string | undefined): KeysetFetch<DrillRow> {
  return async (cursor) => {
    const view = await invoke('report:drilldown', {
      key,
      ...(figure ? { figure } : {}),
      ...(typeof cursor === 'number' ? { after: cursor } : {}),
      limit: DRILL_PAGE_SIZE,
    });
    return {
      items: view.items.map((item) => ({ id: item.id, accountId: item.accountId, ref: item.ref, at: item.at, status: item.status, amount: drillAmount(item, figure) })),
      next: view.nextAfter,
    };
  };
}

function commissionRow(c: CommissionView): DrillRow {
  return { id: c.id, accountId: c.accountId, ref: c.orderNo, at: c.earnedAt, status: c.status, amount: c.amount };
}

function commissionsFetch(filter: CommissionFilter, currency: MoneyView['currency'] | undefined): KeysetFetch<DrillRow> {
  return async (cursor) => {
    let next: KeysetCursor = cursor;
    const rows: DrillRow[] = [];
    for (let hop = 0; hop < MAX_HOPS; hop += 1) {
      const page = await invoke('commissions:list', { ...filter, ...(typeof next === 'string' ? { cursor: next } : {}), limit: DRILL_PAGE_SIZE });
      rows.push(...page.items.filter((c) => !currency || c.amount.currency === currency).map(commissionRow));
      next = page.nextCursor;
      if (rows.length > 0 || next === null) break;
    }
    return { items: rows, next } satisfies KeysetPage<DrillRow>;
  };
}

export const useDrilldownStore = defineStore('drilldown', () => {
  const request = shallowRef<DrillRequest | null>(null);
  const list = createKeysetList<DrillRow>();
  const open = computed(() => request.value !== null);

  function show(next: DrillRequest): Promise<void> {
    request.value = next;
    const source = next.source;
    return list.reset(source.kind === 'report' ? reportFetch(source.key, source.figure) : commissionsFetch(source.filter, source.currency));
  }

  function close(): void {
    request.value = null;
    list.clear();
  }

  return {
    request,
    open,
    items: list.items,
    loading: list.loading,
    loaded: list.loaded,
    hasMore: list.hasMore,
    error: list.error,
    show,
    close,
    loadMore: list.loadMore,
  };
});
