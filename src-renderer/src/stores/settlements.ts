/**
 * Duomai settlement changes: upward / downward revision totals per day or month and currency
 * (`report:settlements`), the keyset list of revisions (`settlements:list`) and one order's timeline
 * (`settlements:timeline`, oldest first).
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { SettlementView } from '../../../src-main/api/contract.js';
import { invoke, toApiClientError, type ApiClientError } from '../api/client.js';
import { periodDays, periodRangeMs, presetPeriod, type Period } from '../composables/ledger-period.js';
import { createKeysetList } from '../composables/keyset-list.js';
import { createPeriodReport, type ReportGrouping } from '../composables/period-report.js';

export const SETTLEMENTS_PAGE_SIZE = 50;
/** Longer periods are summed per month by default. */
export const DAILY_MAX_DAYS = 92;

export type { ReportGrouping };

export function defaultGrouping(period: Period): ReportGrouping {
  return periodDays(period) > DAILY_MAX_DAYS ? 'month' : 'day';
}

export const useSettlementsStore = defineStore('settlements', () => {
  const period = ref<Period>(presetPeriod('last90', Date.now()));
  const group = ref<ReportGrouping>(defaultGrouping(period.value));
  const accountId = ref<number | null>(null);
  const orderNo = ref('');

  const list = createKeysetList<SettlementView>();
  const { report, totals, loading: reportLoading, error: reportError, load: loadReport } = createPeriodReport<'settlements'>(
    (grouping) => invoke('report:settlements', { from: period.value.from, to: period.value.to, ...(accountId.value === null ? {} : { accountId: accountId.value }), group: grouping }),
    group,
  );

  const timelineOrder = ref<{ orderNo: string; accountId: number | null } | null>(null);
  const timeline = shallowRef<readonly SettlementView[]>([]);
  const timelineLoading = ref(false);
  const timelineError = shallowRef<ApiClientError | null>(null);
  let timelineGen = 0;

  function loadList(): Promise<void> {
    const { fromMs, toMs } = periodRangeMs(period.value);
    const filter = {
      modifiedFrom: fromMs,
      modifiedTo: toMs,
      ...(accountId.value === null ? {} : { accountId: accountId.value }),
      ...(orderNo.value.trim() ? { orderNo: orderNo.value.trim() } : {}),
    };
    return list.reset(async (cursor) => {
      const page = await invoke('settlements:list', { ...filter, ...(typeof cursor === 'string' ? { cursor } : {}), limit: SETTLEMENTS_PAGE_SIZE });
      return { items: page.items, next: page.nextCursor };
    });
  }

  /** Reads the totals and the first page of revisions for the current filters. */
  async function load(): Promise<void> {
    await Promise.all([loadReport(), loadList()]);
  }

  function setPeriod(next: Period): void {
    period.value = next;
    group.value = defaultGrouping(next);
  }

  /** Opens one order's timeline (all its revisions, whatever the period). */
  async function openTimeline(order: string, account: number | null = null): Promise<void> {
    const gen = ++timelineGen;
    timelineOrder.value = { orderNo: order, accountId: account };
    timeline.value = [];
    timelineError.value = null;
    timelineLoading.value = true;
    try {
      const items = await invoke('settlements:timeline', { orderNo: order, ...(account === null ? {} : { accountId: account }) });
      if (gen !== timelineGen) return;
      timeline.value = items;
    } catch (e) {
      if (gen === timelineGen) timelineError.value = toApiClientError(e);
    } finally {
      if (gen === timelineGen) timelineLoading.value = false;
    }
  }

  function closeTimeline(): void {
    timelineGen += 1;
    timelineOrder.value = null;
    timeline.value = [];
    timelineLoading.value = false;
    timelineError.value = null;
  }

  return {
    period,
    group,
    accountId,
    orderNo,
    report,
    totals,
    reportLoading,
    reportError,
    loadReport,
    items: list.items,
    listLoading: list.loading,
    listLoaded: list.loaded,
    hasMore: list.hasMore,
    listError: list.error,
    loadMore: list.loadMore,
    loadList,
    timelineOrder,
    timeline,
    timelineLoading,
    timelineError,
    load,
    setPeriod,
    openTimeline,
    closeTimeline,
  };
});
