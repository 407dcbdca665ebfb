/** Sync progress events and run views shaped like the core's. */
import type { SyncProgressEvent, SyncRunView } from '../../../src-main/api/contract.js';

export function progressEvent(overrides: Partial<SyncProgressEvent> = {}): SyncProgressEvent {
  return {
    runId: 41,
    accountId: 7,
    accountName: '主店',
    provider: 'kasushou',
    phase: '订单 orders',
    window: '2024-06-01 ~ 2024-06-08',
    page: 3,
    windows: 1,
    pages: 3,
    fetched: 300,
    inserted: 280,
    updated: 15,
    unchanged: 5,
    ratePerSec: 120,
    etaMs: 30_000,
    startedAt: Date.now() - 30_000,
    ...overrides,
  };
}

export function runView(overrides: Partial<SyncRunView> = {}): SyncRunView {
  return {
    id: 41,
    accountId: 7,
    accountName: '主店',
    provider: 'kasushou',
    trigger: 'manual',
    status: 'succeeded',
    startedAt: Date.UTC(2024, 5, 1, 2, 0, 0),
    finishedAt: Date.UTC(2024, 5, 1, 2, 1, 5),
    durationMs: 65_000,
    windows: 2,
    pages: 6,
    fetched: 600,
    inserted: 550,
    updated: 30,
    unchanged: 20,
    errorKind: null,
    errorMessage: null,
    warnings: [],
    ...overrides,
  };
}
