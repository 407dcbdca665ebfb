/**
 * Reports (`report:*`): which report, its period and filters, the rows and per-currency totals the
 * core computed, and the drill-down from one figure of a row to the records behind it (keyset-paged).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type {
  ReportDrillItem,
  ReportEntity,
  ReportGroup,
  ReportKind,
  ReportRow,
  ReportView,
} from '../../../src-main/api/contract.js';
import type { ProviderSlug } from '../../../src-main/domain/models.js';
import { toApiClientError, type ApiClientError, invoke } from '../api/client.js';
import { businessDayOf, presetRange } from '../composables/business-day.js';

export const DRILL_PAGE_SIZE = 100;

/** The report's own default grouping (as the core's): who is owed what per period, the rest per day. */
export const DEFAULT_GROUPS: Readonly<Record<ReportKind, ReportGroup>> = {
  commissions: 'period',
  revenue: 'day',
  settlements: 'day',
  flows: 'day',
  cards: 'day',
};

/** Reports that only one provider feeds: no provider filter for them. */
export const SINGLE_PROVIDER: Readonly<Partial<Record<ReportKind, ProviderSlug>>> = {
  settlements: 'duomai',
  flows: 'kuaimai',
};

export interface ReportFilters {
  from: string;
  to: string;
  group: ReportGroup;
  provider: ProviderSlug | null;
  accountId: number | null;
}

export interface DrillState {
  readonly row: ReportRow;
  readonly figure: string;
  readonly kind: ReportKind;
  entity: ReportEntity | null;
  items: ReportDrillItem[];
  nextAfter: number | null;
  loading: boolean;
  error: ApiClientError | null;
}

const CHANNELS = {
  commissions: 'report:commissions',
  revenue: 'report:revenue',
  settlements: 'report:settlements',
  flows: 'report:flows',
  cards: 'report:cards',
} as const satisfies Record<ReportKind, string>;

export const useReportsStore = defineStore('reports', () => {
  const kind = ref<ReportKind>('revenue');
  const [defaultFrom, defaultTo] = presetRange('last30', businessDayOf(Date.now()));
  const filters = ref<ReportFilters>({ from: defaultFrom, to: defaultTo, group: DEFAULT_GROUPS.revenue, provider: null, accountId: null });
  const view = ref<ReportView | null>(null);
  const loading = ref(false);
  const error = ref<ApiClientError | null>(null);
  const drill = ref<DrillState | null>(null);
  let requestSeq = 0;

  /** The arguments of the current report (also the export's filters). */
  const args = computed(() => {
    const f = filters.value;
    const provider = SINGLE_PROVIDER[kind.value] ? null : f.provider;
    return {
      from: f.from,
      to: f.to,
      group: f.group,
      ...(provider ? { provider } : {}),
      ...(f.accountId !== null ? { accountId: f.accountId } : {}),
    };
  });

  async function load(): Promise<void> {
    const seq = ++requestSeq;
    loading.value = true;
    try {
      const result = (await invoke(CHANNELS[kind.value], args.value)) as ReportView;
      if (seq !== requestSeq) return; // a newer request was made meanwhile
      view.value = result;
      error.value = null;
    } catch (e) {
      if (seq !== requestSeq) return;
      error.value = toApiClientError(e);
    } finally {
      if (seq === requestSeq) loading.value = false;
    }
  }

  /** Switches the report; the grouping goes back to that report's default. */
  function setKind(next: ReportKind): Promise<void> {
    if (next !== kind.value) {
      kind.value = next;
      view.value = null;
      filters.value = { ...filters.value, group: DEFAULT_GROUPS[next] };
    }
    return load();
  }

  function setFilters(changes: Partial<ReportFilters>): Promise<void> {
    filters.value = { ...filters.value, ...changes };
    return load();
  }

  async function fetchDrillPage(state: DrillState): Promise<void> {
    state.loading = true;
    try {
      const page = await invoke('report:drilldown', {
        key: state.row.key,
        figure: state.figure,
        limit: DRILL_PAGE_SIZE,
        ...(state.nextAfter !== null ? { after: state.nextAfter } : {}),
      });
      if (drill.value !== state) return; // closed or replaced meanwhile
      state.entity = page.entity;
      const known = new Set(state.items.map((i) => i.id));
      state.items = [...state.items, ...page.items.filter((i) => !known.has(i.id))];
      state.nextAfter = page.nextAfter;
      state.error = null;
    } catch (e) {
      state.error = toApiClientError(e);
    } finally {
      state.loading = false;
    }
  }

  /** Opens the records behind one figure of a row. */
  function openDrill(row: ReportRow, figure: string): Promise<void> {
    drill.value = { row, figure, kind: view.value?.kind ?? kind.value, entity: null, items: [], nextAfter: null, loading: false, error: null };
    return fetchDrillPage(drill.value);
  }

  function loadMoreDrill(): Promise<void> {
    const state = drill.value;
    if (!state || state.loading || state.nextAfter === null) return Promise.resolve();
    return fetchDrillPage(state);
  }

  function closeDrill(): void {
    drill.value = null;
  }

  return { kind, filters, args, view, loading, error, drill, load, setKind, setFilters, openDrill, loadMoreDrill, closeDrill };
});
