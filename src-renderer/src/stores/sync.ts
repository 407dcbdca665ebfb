/**
 * Sync: what is running right now (`sync:state`, then live `sync:progress` events per account), the
 * run log (`sync:runs`, paged by `beforeId`), and the start/cancel/import use-cases. A finished run
 * (`sync:finished`) leaves the live list, joins the log, and refreshes the lists that depend on it.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SyncProgressEvent, SyncRunView, SyncStartView, TrackedIdsImported, TrackedIdsPreview } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError, invoke, onEvent } from '../api/client.js';
import { useAccountsStore } from './accounts.js';
import { useAppStore } from './app.js';

export const RUNS_PAGE_SIZE = 50;

/** What the live panel shows before the first progress event of a run arrives. */
const STARTING_PHASE = '准备 starting';

function placeholder(accountId: number, runId: number, at: number): SyncProgressEvent {
  return {
    runId,
    accountId,
    accountName: '',
    provider: '',
    phase: STARTING_PHASE,
    window: null,
    page: null,
    windows: 0,
    pages: 0,
    fetched: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    ratePerSec: 0,
    etaMs: null,
    startedAt: at,
  };
}

export const useSyncStore = defineStore('sync', () => {
  /** Live progress per account id (one run per account at a time). */
  const running = ref<Record<number, SyncProgressEvent>>({});
  const online = ref(true);
  const schedulerActive = ref(false);
  const stateError = ref<ApiClientError | null>(null);

  const runs = ref<SyncRunView[]>([]);
  const runsFilter = ref<number | null>(null);
  const runsLoading = ref(false);
  const runsLoaded = ref(false);
  const runsError = ref<ApiClientError | null>(null);
  const hasMore = ref(false);

  /** Accounts whose start request is on its way (the button spins before any event arrives). */
  const starting = ref<Set<number>>(new Set());
  /** Runs already finished: a late placeholder or progress event for them is ignored. */
  const finishedRunIds = new Set<number>();

  const runningList = computed(() => Object.values(running.value).sort((a, b) => a.startedAt - b.startedAt || a.accountId - b.accountId));
  const anyRunning = computed(() => runningList.value.length > 0);

  function isRunning(accountId: number): boolean {
    return accountId in running.value || starting.value.has(accountId);
  }

  async function loadState(): Promise<void> {
    try {
      const state = await invoke('sync:state', {});
      const next: Record<number, SyncProgressEvent> = {};
      for (const p of state.running) if (!finishedRunIds.has(p.runId)) next[p.accountId] = p;
      running.value = next;
      online.value = state.online;
      schedulerActive.value = state.schedulerActive;
      stateError.value = null;
    } catch (e) {
      stateError.value = toApiClientError(e);
    }
  }

  function applyProgress(event: SyncProgressEvent): void {
    if (finishedRunIds.has(event.runId)) return;
    running.value = { ...running.value, [event.accountId]: event };
  }

  function applyFinished(run: SyncRunView): void {
    finishedRunIds.add(run.id);
    const current = running.value[run.accountId];
    // A newer run of the same account (started right after) stays.
    if (current && current.runId <= run.id) {
      const next = { ...running.value };
      delete next[run.accountId];
      running.value = next;
    }
    if (runsFilter.value === null || runsFilter.value === run.accountId) {
      const index = runs.value.findIndex((r) => r.id === run.id);
      if (index === -1) runs.value = [run, ...runs.value].sort((a, b) => b.id - a.id);
      else runs.value = runs.value.map((r) => (r.id === run.id ? run : r));
    }
    refreshDependents();
  }

  /** Account health and the ledger counts change with every run. */
  function refreshDependents(): void {
    const accounts = useAccountsStore();
    if (accounts.loaded) void accounts.load();
    const app = useAppStore();
    if (app.status) void app.loadStatus();
  }

  /** Reads the first page of the run log (for one account, or all when `accountId` is null). */
  async function loadRuns(accountId: number | null = runsFilter.value): Promise<void> {
    runsFilter.value = accountId;
    runsLoading.value = true;
    try {
      const page = await invoke('sync:runs', { ...(accountId === null ? {} : { accountId }), limit: RUNS_PAGE_SIZE });
      if (runsFilter.value !== accountId) return; // the filter changed while this page was on its way
      runs.value = page;
      hasMore.value = page.length === RUNS_PAGE_SIZE;
      runsError.value = null;
      runsLoaded.value = true;
    } catch (e) {
      runsError.value = toApiClientError(e);
    } finally {
      runsLoading.value = false;
    }
  }

  /** Appends the next page: runs older than the oldest one listed. */
  async function loadMoreRuns(): Promise<void> {
    const oldest = runs.value[runs.value.length - 1];
    if (!oldest || runsLoading.value) return;
    const accountId = runsFilter.value;
    runsLoading.value = true;
    try {
      const page = await invoke('sync:runs', { ...(accountId === null ? {} : { accountId }), beforeId: oldest.id, limit: RUNS_PAGE_SIZE });
      if (runsFilter.value !== accountId) return;
      const known = new Set(runs.value.map((r) => r.id));
      runs.value = [...runs.value, ...page.filter((r) => !known.has(r.id))];
      hasMore.value = page.length === RUNS_PAGE_SIZE;
      runsError.value = null;
    } catch (e) {
      runsError.value = toApiClientError(e);
    } finally {
      runsLoading.value = false;
    }
  }

  function noteStarted(result: SyncStartView): void {
    const now = Date.now();
    const next = { ...running.value };
    for (const { accountId, runId } of result.started) {
      if (!finishedRunIds.has(runId) && !next[accountId]) next[accountId] = placeholder(accountId, runId, now);
    }
    running.value = next;
  }

  async function start(args: { accountId?: number; since?: string }, ids: readonly number[]): Promise<SyncStartView> {
    starting.value = new Set([...starting.value, ...ids]);
    try {
      const result = await invoke('sync:run', args);
      noteStarted(result);
      return result;
    } finally {
      const next = new Set(starting.value);
      for (const id of ids) next.delete(id);
      starting.value = next;
    }
  }

  /** Starts every enabled account; rejects with ApiClientError. */
  function runAll(): Promise<SyncStartView> {
    return start({}, []);
  }

  /** Starts one account, optionally from a business day (`yyyy-MM-dd`). */
  function runAccount(accountId: number, since?: string): Promise<SyncStartView> {
    return start({ accountId, ...(since ? { since } : {}) }, [accountId]);
  }

  /** Cancels one account's run, or every run. */
  async function cancel(accountId?: number): Promise<number> {
    const result = await invoke('sync:cancel', accountId === undefined ? {} : { accountId });
    return result.cancelled;
  }

  /** What importing this pasted text or file content would read (count, column, first ids); writes nothing. */
  function readIds(accountId: number, text: string, column?: string): Promise<TrackedIdsPreview> {
    return invoke('sync:read-ids', { accountId, text, ...(column === undefined ? {} : { column }) });
  }

  /** Adds the order numbers / tids in the text (a table: from `column`, or the one recognised) to track. */
  function importIds(accountId: number, text: string, column?: string): Promise<TrackedIdsImported> {
    return invoke('sync:import-ids', { accountId, text, ...(column === undefined ? {} : { column }) });
  }

  let watchers = 0;
  let unsubscribe: (() => void) | null = null;

  /**
   * Listens to the live events while at least one caller watches (counted, so several views share
   * one subscription and a finished run is applied once); returns the function that stops watching.
   */
  function watch(): () => void {
    watchers += 1;
    if (!unsubscribe) {
      const stops = [onEvent('sync:progress', applyProgress), onEvent('sync:finished', applyFinished)];
      unsubscribe = () => {
        for (const stop of stops) stop();
      };
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      watchers -= 1;
      if (watchers === 0 && unsubscribe) {
        unsubscribe();
        unsubscribe = null;
      }
    };
  }

  return {
    running,
    runningList,
    anyRunning,
    online,
    schedulerActive,
    stateError,
    runs,
    runsFilter,
    runsLoading,
    runsLoaded,
    runsError,
    hasMore,
    starting,
    isRunning,
    loadState,
    loadRuns,
    loadMoreRuns,
    applyProgress,
    applyFinished,
    runAll,
    runAccount,
    cancel,
    readIds,
    importIds,
    watch,
  };
});
