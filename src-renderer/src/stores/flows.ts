/**
 * Kuaimai money flows: net movement per day (or month) and currency with period totals
 * (`report:flows`), and the keyset list of flows with their sub-orders (`flows:list`).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FlowView, MoneyView } from '../../../src-main/api/contract.js';
import { invoke } from '../api/client.js';
import { periodRangeMs, presetPeriod, shiftDays, type Period } from '../composables/ledger-period.js';
import { fromScaled, toScaled } from '../composables/decimal.js';
import { createKeysetList } from '../composables/keyset-list.js';
import { createPeriodReport } from '../composables/period-report.js';
import { defaultGrouping, type ReportGrouping } from './settlements.js';

export const FLOWS_PAGE_SIZE = 50;
/** Quiet days (or months) between two with flows are drawn as zero, up to this many points in all. */
const MAX_FILLED_POINTS = 2000;

/** The period after "2024-06-30" ("2024-07-01") or "2024-12" ("2025-01"). */
export function nextPeriod(period: string): string {
  if (period.length === 10) return shiftDays(period, 1);
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** One bar of the chart: a period's net and the running total since the period began (exact text). */
export interface MovementPoint {
  readonly period: string;
  readonly net: MoneyView;
  readonly cumulative: MoneyView;
  readonly flows: number;
}

export const useFlowsStore = defineStore('flows', () => {
  const period = ref<Period>(presetPeriod('last90', Date.now()));
  const group = ref<ReportGrouping>(defaultGrouping(period.value));
  const accountId = ref<number | null>(null);
  const tid = ref('');
  /** null = all types; 1 payment, 2 refund. */
  const flowType = ref<number | null>(null);

  const chartCurrency = ref<MoneyView['currency'] | null>(null);
  const list = createKeysetList<FlowView>();
  const { report, totals, loading: reportLoading, error: reportError, load: loadReport } = createPeriodReport<'flows'>(
    (grouping) => invoke('report:flows', { from: period.value.from, to: period.value.to, ...(accountId.value === null ? {} : { accountId: accountId.value }), group: grouping }),
    group,
    (view) => {
      const available = [...new Set(view.rows.map((r) => r.dims.currency))];
      if (chartCurrency.value === null || !available.includes(chartCurrency.value)) chartCurrency.value = available.sort()[0] ?? null;
    },
  );

  const currencies = computed(() => [...new Set((report.value?.rows ?? []).map((r) => r.dims.currency))].sort());

  /**
   * The chart's points for one currency, in order, with the running total: every day (month) from the
   * first with flows to the last, quiet ones as zero so the axis keeps time.
   */
  const movement = computed<readonly MovementPoint[]>(() => {
    const currency = chartCurrency.value ?? currencies.value[0];
    if (!currency) return [];
    const rows = (report.value?.rows ?? []).filter((r) => r.dims.currency === currency);
    const zero = { amount: '0.0000', currency };
    const points: MovementPoint[] = [];
    let running = 0n;
    for (const r of rows) {
      const last = points.at(-1);
      if (last) {
        for (let p = nextPeriod(last.period); p < r.period && points.length < MAX_FILLED_POINTS; p = nextPeriod(p)) {
          points.push({ period: p, net: zero, cumulative: last.cumulative, flows: 0 });
        }
      }
      running += toScaled(r.money.net.amount);
      points.push({ period: r.period, net: r.money.net, cumulative: { amount: fromScaled(running), currency }, flows: r.counts.flows });
    }
    return points;
  });

  function loadList(): Promise<void> {
    const { fromMs, toMs } = periodRangeMs(period.value);
    const filter = {
      createdFrom: fromMs,
      createdTo: toMs,
      ...(accountId.value === null ? {} : { accountId: accountId.value }),
      ...(tid.value.trim() ? { tid: tid.value.trim() } : {}),
      ...(flowType.value === null ? {} : { flowType: flowType.value }),
    };
    return list.reset(async (cursor) => {
      const page = await invoke('flows:list', { ...filter, ...(typeof cursor === 'string' ? { cursor } : {}), limit: FLOWS_PAGE_SIZE });
      return { items: page.items, next: page.nextCursor };
    });
  }

  async function load(): Promise<void> {
    await Promise.all([loadReport(), loadList()]);
  }

  function setPeriod(next: Period): void {
    period.value = next;
    group.value = defaultGrouping(next);
  }

  return {
    period,
    group,
    accountId,
    tid,
    flowType,
    report,
    totals,
    reportLoading,
    reportError,
    chartCurrency,
    currencies,
    movement,
    loadReport,
    items: list.items,
    listLoading: list.loading,
    listLoaded: list.loaded,
    hasMore: list.hasMore,
    listError: list.error,
    loadMore: list.loadMore,
    loadList,
    load,
    setPeriod,
  };
});
