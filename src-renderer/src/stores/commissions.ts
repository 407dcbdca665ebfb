/**
 * Commissions: the period report per beneficiary × level × currency (owed vs paid, `report:commissions`)
 * and, for Duomai, the totals per status (estimated → confirmed → settled) from `commissions:summary`.
 * Level and beneficiary filters work on the loaded rows: the report has one row per group, not per record.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CommissionView, MoneyView, ReportRow, ReportView } from '../../../src-main/api/contract.js';
import { invoke, toApiClientError, type ApiClientError } from '../api/client.js';
import { periodRangeMs, presetPeriod, type Period } from '../composables/ledger-period.js';
import { sumDecimals } from '../composables/decimal.js';

export type CommissionStatus = CommissionView['status'];
export type Currency = MoneyView['currency'];
export type CommissionRow = ReportRow<'commissions'>;

/** The statuses of the Duomai breakdown, in the order a commission moves through them. */
export const BREAKDOWN_STATUSES = ['estimated', 'pending', 'confirmed', 'settled', 'invalid', 'unknown'] as const satisfies readonly CommissionStatus[];
/** Shown even when zero: the three stages Duomai reports. */
export const MAIN_STATUSES: readonly CommissionStatus[] = ['estimated', 'confirmed', 'settled'];

export interface StatusTotal {
  readonly status: CommissionStatus;
  readonly currency: Currency;
  readonly amount: MoneyView;
  readonly count: number;
}

/** Rows of one beneficiary of one provider, levels in order. */
export interface BeneficiaryGroup {
  readonly key: string;
  readonly provider: CommissionRow['dims']['provider'];
  readonly beneficiary: string;
  readonly rows: readonly CommissionRow[];
}

export type LevelFilter = 0 | 1 | 2 | 3 | null;

export const useCommissionsStore = defineStore('commissions', () => {
  const period = ref<Period>(presetPeriod('all', Date.now()));
  const accountId = ref<number | null>(null);
  const level = ref<LevelFilter>(null);
  const beneficiaryQuery = ref('');

  const report = shallowRef<ReportView<'commissions'> | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiClientError | null>(null);

  const breakdown = shallowRef<readonly StatusTotal[]>([]);
  const breakdownLoading = ref(false);
  const breakdownLoaded = ref(false);
  const breakdownError = shallowRef<ApiClientError | null>(null);
  let generation = 0;

  const rows = computed<readonly CommissionRow[]>(() => {
    const query = beneficiaryQuery.value.trim().toLowerCase();
    return (report.value?.rows ?? []).filter(
      (r) => (level.value === null || r.dims.level === level.value) && (!query || r.dims.beneficiary.toLowerCase().includes(query)),
    );
  });

  const groups = computed<readonly BeneficiaryGroup[]>(() => {
    const byKey = new Map<string, CommissionRow[]>();
    for (const row of rows.value) {
      const key = `${row.dims.provider}\u0000${row.dims.beneficiary}`;
      const list = byKey.get(key) ?? [];
      list.push(row);
      byKey.set(key, list);
    }
    return [...byKey.entries()]
      .map(([key, list]) => ({
        key,
        provider: list[0]!.dims.provider,
        beneficiary: list[0]!.dims.beneficiary,
        rows: [...list].sort((a, b) => a.dims.level - b.dims.level || a.dims.currency.localeCompare(b.dims.currency)),
      }))
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.beneficiary.localeCompare(b.beneficiary, undefined, { numeric: true }));
  });

  async function loadReport(gen: number): Promise<void> {
    loading.value = true;
    try {
      const view = await invoke('report:commissions', {
        from: period.value.from,
        to: period.value.to,
        ...(accountId.value === null ? {} : { accountId: accountId.value }),
      });
      if (gen !== generation) return;
      report.value = view;
      error.value = null;
    } catch (e) {
      if (gen === generation) error.value = toApiClientError(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** One `commissions:summary` per status; each status's rows summed per currency (exactly). */
  async function loadBreakdown(gen: number, duomaiAccountIds: readonly number[]): Promise<void> {
    const scope = accountId.value === null ? { provider: 'duomai' as const } : { accountId: accountId.value };
    if (accountId.value !== null && !duomaiAccountIds.includes(accountId.value)) {
      breakdown.value = [];
      breakdownLoaded.value = true;
      breakdownError.value = null;
      return;
    }
    const { fromMs, toMs } = periodRangeMs(period.value);
    breakdownLoading.value = true;
    try {
      const answers = await Promise.all(
        BREAKDOWN_STATUSES.map((status) => invoke('commissions:summary', { ...scope, status: [status], earnedFrom: fromMs, earnedTo: toMs })),
      );
      if (gen !== generation) return;
      const totals: StatusTotal[] = [];
      answers.forEach((summary, i) => {
        const status = BREAKDOWN_STATUSES[i]!;
        const currencies = [...new Set(summary.map((s) => s.amount.currency))].sort();
        for (const currency of currencies) {
          const mine = summary.filter((s) => s.amount.currency === currency);
          totals.push({
            status,
            currency,
            amount: { amount: sumDecimals(mine.map((s) => s.amount.amount)), currency },
            count: mine.reduce((n, s) => n + s.count, 0),
          });
        }
      });
      breakdown.value = totals;
      breakdownLoaded.value = true;
      breakdownError.value = null;
    } catch (e) {
      if (gen === generation) breakdownError.value = toApiClientError(e);
    } finally {
      if (gen === generation) breakdownLoading.value = false;
    }
  }

  /**
   * Reads the report for the current period and account; the Duomai breakdown too when Duomai
   * accounts exist (`duomaiAccountIds`).
   */
  async function load(duomaiAccountIds: readonly number[] = []): Promise<void> {
    generation += 1;
    const gen = generation;
    const work = [loadReport(gen)];
    if (duomaiAccountIds.length > 0) work.push(loadBreakdown(gen, duomaiAccountIds));
    else {
      breakdown.value = [];
      breakdownLoaded.value = false;
    }
    await Promise.all(work);
  }

  function setPeriod(next: Period): void {
    period.value = next;
  }

  /** Currencies of the breakdown, in order. */
  const breakdownCurrencies = computed(() => [...new Set(breakdown.value.map((b) => b.currency))].sort());

  return {
    period,
    accountId,
    level,
    beneficiaryQuery,
    report,
    loading,
    error,
    rows,
    groups,
    breakdown,
    breakdownCurrencies,
    breakdownLoading,
    breakdownLoaded,
    breakdownError,
    load,
    setPeriod,
  };
});
