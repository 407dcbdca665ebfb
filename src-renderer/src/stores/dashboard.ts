/**
 * The dashboard's business figures (`dashboard:summary`): the selected period (今天 / 近7天 / 近30天 /
 * 本月), the figures per provider and in total per currency, the 30-day daily series and commissions by
 * level. Reloaded after every finished sync (the view also reloads it with the app status).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DashboardPeriod, DashboardSummary, MoneyView } from '../../../src-main/api/contract.js';
import { invoke, onEvent, toApiClientError, type ApiClientError } from '../api/client.js';

export type Currency = MoneyView['currency'];
export const PERIODS: readonly DashboardPeriod[] = ['today', 'last7', 'last30', 'month'];
const CURRENCY_ORDER: readonly Currency[] = ['CNY', 'USD'];

export const useDashboardStore = defineStore('dashboard', () => {
  const summary = ref<DashboardSummary | null>(null);
  const loading = ref(false);
  const error = ref<ApiClientError | null>(null);
  const period = ref<DashboardPeriod>('today');
  const pickedCurrency = ref<Currency | null>(null);
  let requestSeq = 0;

  const current = computed(() => summary.value?.periods[period.value] ?? null);
  const hasData = computed(() => (current.value?.total.length ?? 0) > 0);

  /** Currencies the charts can show: those of the daily series and of the period's commission levels. */
  const chartCurrencies = computed<Currency[]>(() => {
    const present = new Set<Currency>([
      ...(summary.value?.daily.series.map((s) => s.currency) ?? []),
      ...(current.value?.commissionsByLevel.map((l) => l.currency) ?? []),
    ]);
    return CURRENCY_ORDER.filter((c) => present.has(c));
  });
  const chartCurrency = computed<Currency | null>(() =>
    pickedCurrency.value && chartCurrencies.value.includes(pickedCurrency.value) ? pickedCurrency.value : (chartCurrencies.value[0] ?? null),
  );
  const dailySeries = computed(() => summary.value?.daily.series.find((s) => s.currency === chartCurrency.value) ?? null);
  const levels = computed(() => current.value?.commissionsByLevel.filter((l) => l.currency === chartCurrency.value) ?? []);

  async function load(): Promise<void> {
    const mine = ++requestSeq;
    loading.value = true;
    try {
      const value = await invoke('dashboard:summary', {});
      if (mine !== requestSeq) return;
      summary.value = value;
      error.value = null;
    } catch (e) {
      if (mine === requestSeq) error.value = toApiClientError(e);
    } finally {
      if (mine === requestSeq) loading.value = false;
    }
  }

  function setPeriod(value: DashboardPeriod): void {
    period.value = value;
  }

  function setChartCurrency(value: Currency): void {
    pickedCurrency.value = value;
  }

  /** Reloads when a sync run finishes; returns the unsubscribe function. */
  function watchChanges(): () => void {
    return onEvent('sync:finished', () => void load());
  }

  return { summary, loading, error, period, current, hasData, chartCurrencies, chartCurrency, dailySeries, levels, load, setPeriod, setChartCurrency, watchChanges };
});
