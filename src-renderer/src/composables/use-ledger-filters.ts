import { computed, type WritableComputedRef } from 'vue';
import type { Period } from './ledger-period.js';
import type { ReportGrouping } from './period-report.js';

/** What a ledger view's store exposes for its period and account filters. */
export interface LedgerFilterTarget {
  readonly period: Period;
  accountId: number | null;
  setPeriod(next: Period): void;
}

export interface LedgerFilters {
  readonly period: WritableComputedRef<Period>;
  /** 0 = all accounts: the select needs a value, the store filters on null. */
  readonly account: WritableComputedRef<number>;
}

/** The period picker and account select of a ledger view: a change applies and reloads at once. */
export function useLedgerFilters(store: LedgerFilterTarget, reload: () => void): LedgerFilters {
  const period = computed({
    get: () => store.period,
    set: (value: Period) => {
      store.setPeriod(value);
      reload();
    },
  });
  const account = computed({
    get: () => store.accountId ?? 0,
    set: (value: number) => {
      store.accountId = value === 0 ? null : value;
      reload();
    },
  });
  return { period, account };
}

/** What a ledger view's store exposes for its day / month grouping. */
export interface ReportGroupingTarget {
  group: ReportGrouping;
  loadReport(): Promise<void>;
}

/** The day / month toggle: only the report depends on it, so only the report reloads. */
export function useReportGrouping(store: ReportGroupingTarget): WritableComputedRef<ReportGrouping> {
  return computed({
    get: () => store.group,
    set: (value: ReportGrouping) => {
      store.group = value;
      void store.loadReport();
    },
  });
}
