/**
 * Reconciliation (`reconcile:*`): run the checks, page through the findings with filters, mark them
 * reviewed (with a note) or undo that, and the checks' one setting (upline commission cap).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FindingCheck, FindingView, ReconcileRunView } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError, invoke } from '../api/client.js';

export const FINDINGS_PAGE_SIZE = 100;

export interface FindingFilters {
  check: FindingCheck | null;
  state: 'open' | 'resolved' | 'all';
  unreviewedOnly: boolean;
  accountId: number | null;
}

export const useReconcileStore = defineStore('reconcile', () => {
  const filters = ref<FindingFilters>({ check: null, state: 'open', unreviewedOnly: false, accountId: null });
  const findings = ref<FindingView[]>([]);
  const nextAfter = ref<number | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiClientError | null>(null);
  const running = ref(false);
  const lastRun = ref<ReconcileRunView | null>(null);
  const uplineCapBps = ref<number | null>(null);
  let requestSeq = 0;

  function listArgs(after: number | null) {
    const f = filters.value;
    return {
      state: f.state,
      limit: FINDINGS_PAGE_SIZE,
      ...(f.check ? { check: f.check } : {}),
      ...(f.unreviewedOnly ? { reviewed: false } : {}),
      ...(f.accountId !== null ? { accountId: f.accountId } : {}),
      ...(after !== null ? { after } : {}),
    };
  }

  /** Reads the first page for the current filters. */
  async function load(): Promise<void> {
    const seq = ++requestSeq;
    loading.value = true;
    try {
      const page = await invoke('reconcile:findings', listArgs(null));
      if (seq !== requestSeq) return;
      findings.value = [...page.items];
      nextAfter.value = page.nextAfter;
      error.value = null;
      loaded.value = true;
    } catch (e) {
      if (seq === requestSeq) error.value = toApiClientError(e);
    } finally {
      if (seq === requestSeq) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (nextAfter.value === null || loading.value) return;
    const seq = ++requestSeq;
    loading.value = true;
    try {
      const page = await invoke('reconcile:findings', listArgs(nextAfter.value));
      if (seq !== requestSeq) return;
      const known = new Set(findings.value.map((f) => f.id));
      findings.value = [...findings.value, ...page.items.filter((f) => !known.has(f.id))];
      nextAfter.value = page.nextAfter;
      error.value = null;
    } catch (e) {
      if (seq === requestSeq) error.value = toApiClientError(e);
    } finally {
      if (seq === requestSeq) loading.value = false;
    }
  }

  function setFilters(changes: Partial<FindingFilters>): Promise<void> {
    filters.value = { ...filters.value, ...changes };
    return load();
  }

  /** Runs every check, then re-reads the list; rejects with ApiClientError. */
  async function run(): Promise<ReconcileRunView> {
    running.value = true;
    try {
      const result = await invoke('reconcile:run', {});
      lastRun.value = result;
      uplineCapBps.value = result.uplineCapBps;
      await load();
      return result;
    } finally {
      running.value = false;
    }
  }

  function replace(view: FindingView): void {
    const f = filters.value;
    // Under "unreviewed only" a finding just reviewed leaves the list; undone, it stays.
    const hidden = f.unreviewedOnly && view.reviewed;
    findings.value = hidden ? findings.value.filter((x) => x.id !== view.id) : findings.value.map((x) => (x.id === view.id ? view : x));
  }

  /** Marks a finding reviewed with an optional note. */
  async function review(id: number, note: string): Promise<FindingView> {
    const trimmed = note.trim();
    const view = await invoke('reconcile:review', { id, reviewed: true, ...(trimmed ? { note: trimmed } : {}) });
    replace(view);
    return view;
  }

  async function unreview(id: number): Promise<FindingView> {
    const view = await invoke('reconcile:review', { id, reviewed: false });
    replace(view);
    return view;
  }

  async function loadSettings(): Promise<void> {
    const settings = await invoke('reconcile:settings', {});
    uplineCapBps.value = settings.uplineCapBps;
  }

  async function saveSettings(bps: number): Promise<void> {
    const settings = await invoke('reconcile:settings', { uplineCapBps: bps });
    uplineCapBps.value = settings.uplineCapBps;
  }

  return {
    filters,
    findings,
    nextAfter,
    loading,
    loaded,
    error,
    running,
    lastRun,
    uplineCapBps,
    load,
    loadMore,
    setFilters,
    run,
    review,
    unreview,
    loadSettings,
    saveSettings,
  };
});
