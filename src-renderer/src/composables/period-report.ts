/**
 * A ledger report read twice for the same filters: grouped by day or month (the chart / table) and
 * as one row per currency for the whole period (the totals). A newer load makes answers to older ones
 * stale, so a slow reply for the previous filters never replaces the current figures.
 */
import { ref, shallowRef, type Ref } from 'vue';
import type { ReportKind, ReportRow, ReportView } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError } from '../api/client.js';

export type ReportGrouping = 'day' | 'month';

export type PeriodReportFetch<K extends ReportKind> = (group: ReportGrouping | 'period') => Promise<ReportView<K>>;

export interface PeriodReport<K extends ReportKind> {
  readonly report: Ref<ReportView<K> | null>;
  /** The whole period, one row per currency: the totals, each with a key to drill into. */
  readonly totals: Ref<readonly ReportRow<K>[]>;
  readonly loading: Ref<boolean>;
  readonly error: Ref<ApiClientError | null>;
  load(): Promise<void>;
}

export function createPeriodReport<K extends ReportKind>(
  fetch: PeriodReportFetch<K>,
  group: Ref<ReportGrouping>,
  onLoaded: (view: ReportView<K>) => void = () => undefined,
): PeriodReport<K> {
  const report = shallowRef<ReportView<K> | null>(null);
  const totals = shallowRef<readonly ReportRow<K>[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiClientError | null>(null);
  let gen = 0;

  async function load(): Promise<void> {
    const mine = ++gen;
    loading.value = true;
    try {
      const [view, whole] = await Promise.all([fetch(group.value), fetch('period')]);
      if (mine !== gen) return;
      report.value = view;
      totals.value = whole.rows;
      error.value = null;
      onLoaded(view);
    } catch (e) {
      if (mine === gen) error.value = toApiClientError(e);
    } finally {
      if (mine === gen) loading.value = false;
    }
  }

  return { report, totals, loading, error, load };
}
