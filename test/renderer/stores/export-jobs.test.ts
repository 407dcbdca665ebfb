import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportJobView } from '../../../src-main/api/contract.js';
import { invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { useExportJobsStore, type ExportRequest } from '../../../src-renderer/src/stores/export-jobs.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const fire = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));

const FILE = '/data/exports/report-revenue.csv';
const request: ExportRequest = { kind: 'report', format: 'csv', filters: { report: 'revenue', from: '2024-06-01', to: '2024-06-30' } };

function finished(overrides: Partial<ExportJobView> = {}): ExportJobView {
  return {
    jobId: 'job-1',
    kind: 'report',
    report: 'revenue',
    format: 'csv',
    file: FILE,
    status: 'succeeded',
    rows: 30,
    totalEstimate: 30,
    includePasswords: false,
    startedAt: 1,
    finishedAt: 2,
    bytes: 2048,
    error: null,
    ...overrides,
  };
}

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
  listeners.clear();
  vi.mocked(onEvent).mockReset();
  vi.mocked(onEvent).mockImplementation(((name: string, cb: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(cb);
    listeners.set(name, set);
    return () => set.delete(cb);
  }) as unknown as typeof onEvent);
});

describe('useExportJobsStore', () => {
  it('starts a job and follows its progress to the finished file', async () => {
    invokeMock.mockResolvedValueOnce({ jobId: 'job-1', file: FILE });
    const store = useExportJobsStore();
    const stop = store.watch();
    const jobId = await store.start(request);
    expect(invokeMock).toHaveBeenCalledWith('export:start', request);
    expect(store.jobs[jobId]).toMatchObject({ status: 'running', file: FILE, report: 'revenue', rows: 0 });
    fire('export:progress', { jobId, rows: 10, totalEstimate: 30, phase: 'writing' });
    expect(store.jobs[jobId]).toMatchObject({ rows: 10, totalEstimate: 30, phase: 'writing' });
    fire('export:finished', finished());
    expect(store.jobs[jobId]).toMatchObject({ status: 'succeeded', rows: 30, bytes: 2048 });
    // A late progress event cannot turn a finished job back into a running one.
    fire('export:progress', { jobId, rows: 20, totalEstimate: 30, phase: 'writing' });
    expect(store.jobs[jobId]?.status).toBe('succeeded');
    stop();
    expect(listeners.get('export:progress')?.size).toBe(0);
  });

  it('applies events that arrive before export:start answers', async () => {
    let answer: (v: unknown) => void = () => undefined;
    invokeMock.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)) as never);
    const store = useExportJobsStore();
    store.watch();
    const started = store.start(request);
    fire('export:progress', { jobId: 'job-1', rows: 30, totalEstimate: 30, phase: 'finishing' });
    fire('export:finished', finished());
    answer({ jobId: 'job-1', file: FILE });
    await started;
    expect(store.jobs['job-1']).toMatchObject({ status: 'succeeded', rows: 30 });
  });

  it('cancels a job', async () => {
    invokeMock.mockResolvedValueOnce({ jobId: 'job-1', file: FILE }).mockResolvedValueOnce(finished({ status: 'cancelled', bytes: null }));
    const store = useExportJobsStore();
    await store.start(request);
    await store.cancel('job-1');
    expect(invokeMock).toHaveBeenLastCalledWith('export:cancel', { jobId: 'job-1' });
    expect(store.jobs['job-1']?.status).toBe('cancelled');
  });

  it('shares one subscription between watchers', () => {
    const store = useExportJobsStore();
    const a = store.watch();
    const b = store.watch();
    expect(vi.mocked(onEvent)).toHaveBeenCalledTimes(2);
    a();
    a();
    expect(listeners.get('export:finished')?.size).toBe(1);
    b();
    expect(listeners.get('export:finished')?.size).toBe(0);
  });
});
