/**
 * Background exports (`export:*`) from any view: start a job, follow it through `export:progress` and
 * `export:finished`, cancel it. A job's state is kept by id, so a view can show "its" job and pick it
 * up again after being re-mounted (`loadJobs` reads the session's jobs from the core).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ArgsOf, ExportJobView, ExportPhase, ExportProgressEvent } from '../../../src-main/api/contract.js';
import { invoke, onEvent } from '../api/client.js';

/** A job as the UI follows it: the core's job view plus the last progress phase. */
export interface ExportJobState extends ExportJobView {
  readonly phase: ExportPhase | null;
}

export type ExportRequest = ArgsOf<'export:start'>;

function placeholder(jobId: string, file: string, request: ExportRequest): ExportJobState {
  return {
    jobId,
    kind: request.kind,
    report: request.kind === 'report' ? (request.filters as { report: ExportJobView['report'] }).report : null,
    format: request.format,
    file,
    status: 'running',
    rows: 0,
    totalEstimate: null,
    includePasswords: request.includePasswords === true,
    startedAt: Date.now(),
    finishedAt: null,
    bytes: null,
    error: null,
    phase: 'counting',
  };
}

export const useExportJobsStore = defineStore('export-jobs', () => {
  const jobs = ref<Record<string, ExportJobState>>({});
  /** Events for jobs whose `export:start` answer has not arrived yet (the event stream can be faster). */
  const early = new Map<string, { progress?: ExportProgressEvent; finished?: ExportJobView }>();

  function applyProgress(event: ExportProgressEvent): void {
    const job = jobs.value[event.jobId];
    if (!job) {
      early.set(event.jobId, { ...early.get(event.jobId), progress: event });
      return;
    }
    if (job.status !== 'running') return;
    jobs.value = { ...jobs.value, [event.jobId]: { ...job, rows: event.rows, totalEstimate: event.totalEstimate, phase: event.phase } };
  }

  function applyFinished(view: ExportJobView): void {
    const job = jobs.value[view.jobId];
    if (!job) {
      early.set(view.jobId, { ...early.get(view.jobId), finished: view });
      return;
    }
    jobs.value = { ...jobs.value, [view.jobId]: { ...view, phase: job.phase } };
  }

  /** Starts an export; resolves with the job id (rejects with ApiClientError). */
  async function start(request: ExportRequest): Promise<string> {
    const started = await invoke('export:start', request);
    jobs.value = { ...jobs.value, [started.jobId]: placeholder(started.jobId, started.file, request) };
    const pending = early.get(started.jobId);
    early.delete(started.jobId);
    if (pending?.progress) applyProgress(pending.progress);
    if (pending?.finished) applyFinished(pending.finished);
    return started.jobId;
  }

  async function cancel(jobId: string): Promise<void> {
    const view = await invoke('export:cancel', { jobId });
    applyFinished(view);
  }

  /** Reads this session's jobs (running and recent) from the core. */
  async function loadJobs(): Promise<void> {
    const list = await invoke('export:jobs', {});
    const next = { ...jobs.value };
    for (const view of list) next[view.jobId] = { ...view, phase: next[view.jobId]?.phase ?? null };
    jobs.value = next;
  }

  function forget(jobId: string): void {
    const next = { ...jobs.value };
    delete next[jobId];
    jobs.value = next;
  }

  let watchers = 0;
  let unsubscribe: (() => void) | null = null;

  /** Listens to export events while at least one caller watches; returns the function that stops it. */
  function watch(): () => void {
    watchers += 1;
    if (!unsubscribe) {
      const stops = [onEvent('export:progress', applyProgress), onEvent('export:finished', applyFinished)];
      unsubscribe = () => stops.forEach((stop) => stop());
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

  return { jobs, start, cancel, loadJobs, forget, watch, applyProgress, applyFinished };
});
