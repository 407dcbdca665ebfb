/**
 * A large orders CSV export can be split into contiguous runs written by several workers and appended
 * in order. Whatever the split, the file must be the one a single worker writes, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChannels } from '../../../src-main/api/channels/export.js';
import type { ExportJobView } from '../../../src-main/api/contract.js';
import { createExportService, type ExportService } from '../../../src-main/services/export-service.js';
import { seedOrdersOnly } from '../../support/export-support.js';
import { insertSeedAccounts } from '../../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

const COUNT = 3_000;

describe('orders CSV export split across workers', () => {
  let core: TempCore;
  let split: ExportService;

  beforeAll(async () => {
    core = await openTempCore({ face: 'cli' });
    const accounts = insertSeedAccounts(core.db);
    seedOrdersOnly(core.db, core.store, accounts, { count: COUNT, startMs: Date.UTC(2024, 0, 1), spanDays: 60 });
    split = createExportService({ db: core.db, dataDir: core.dataDir, decrypt: () => '', events: core.events, now: Date.now, split: { parts: 3, minRows: 100 } });
  });
  afterAll(async () => {
    await core?.cleanup();
  });

  async function exportWith(service: ExportService, filters: Record<string, unknown>): Promise<ExportJobView> {
    const started = service.start(exportChannels['export:start'].args.parse({ kind: 'orders', format: 'csv', filters }), 'cli');
    const job = await service.wait(started.jobId);
    expect(job.status, job.error ?? '').toBe('succeeded');
    return job;
  }

  it.each([
    ['newest first', { sort: 'created_desc' }],
    ['oldest first', { sort: 'created_asc' }],
    ['largest amount first (ties and null amounts across cuts)', { sort: 'total_desc' }],
    ['one provider only (uneven runs)', { sort: 'created_desc', provider: 'duomai' }],
  ])('%s: equals the single-worker file byte for byte', async (_name, filters) => {
    const whole = await exportWith(core.services.exports, filters);
    const parts = await exportWith(split, filters);
    expect(parts.rows).toBe(whole.rows);
    expect(readFileSync(parts.file).equals(readFileSync(whole.file))).toBe(true);
  });
});
