/** `sync:*` — start, cancel and watch syncs; the run log; importing ids to track. */
import { z } from 'zod';
import { channel, Empty, Id, PageLimit } from '../channel.js';

export type SyncRunStatusView = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncRunView {
  readonly id: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: string;
  readonly trigger: string;
  readonly status: SyncRunStatusView;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly durationMs: number | null;
  readonly windows: number;
  readonly pages: number;
  readonly fetched: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly errorKind: string | null;
  readonly errorMessage: string | null;
  readonly warnings: readonly string[];
}

export interface SyncProgressEvent {
  readonly runId: number;
  readonly accountId: number;
  readonly accountName: string;
  readonly provider: string;
  readonly phase: string;
  readonly window: string | null;
  readonly page: number | null;
  readonly windows: number;
  readonly pages: number;
  readonly fetched: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records fetched per second so far. */
  readonly ratePerSec: number;
  /** Estimated time left, when the strategy knows its total; null otherwise. */
  readonly etaMs: number | null;
  readonly startedAt: number;
}

export interface SyncStateView {
  readonly running: readonly SyncProgressEvent[];
  readonly online: boolean;
  readonly schedulerActive: boolean;
}

export interface SyncStartView {
  readonly started: readonly { accountId: number; runId: number }[];
  /** Accounts that were skipped (disabled, needs a new token), with the reason. */
  readonly skipped: readonly { accountId: number; reason: string }[];
}

/** Pasted text or a CSV file's contents (the web mode takes request bodies up to 1 MB), and optionally the id column's header. */
const TrackedIdsArgs = z.strictObject({
  accountId: Id,
  text: z.string().min(1).max(1_000_000, '内容超过 1,000,000 个字符，请只保留订单号一列或分批导入 (text over 1,000,000 characters: keep only the id column or import in parts)'),
  column: z.string().trim().min(1).max(64).optional(),
});
export type TrackedIdsArgs = z.infer<typeof TrackedIdsArgs>;

export interface TrackedIdsPreview {
  /** Distinct ids read. */
  readonly count: number;
  /** Header of the table column they came from; null for a plain list. */
  readonly column: string | null;
  /** The table's header row (another column may be chosen from it); null for a plain list. */
  readonly headers: string[] | null;
  /** Cells of the table's id column left out because no id looks like them (a 合计 row). */
  readonly skipped: number;
  readonly sample: string[];
}

export interface TrackedIdsImported {
  readonly count: number;
  readonly column: string | null;
  readonly skipped: number;
  /** Ids not tracked before. */
  readonly added: number;
  /** Ids this account tracks now. */
  readonly total: number;
}

const Since = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 yyyy-MM-dd (expected yyyy-MM-dd)');

export const syncChannels = {
  /** Starts a sync of one account, or of every enabled account when `accountId` is absent; does not wait. */
  'sync:run': channel<SyncStartView>()(z.strictObject({ accountId: Id.optional(), since: Since.optional() })),
  'sync:cancel': channel<{ cancelled: number }>()(z.strictObject({ accountId: Id.optional() })),
  'sync:state': channel<SyncStateView>()(Empty),
  'sync:runs': channel<SyncRunView[]>()(z.strictObject({ accountId: Id.optional(), beforeId: Id.optional(), limit: PageLimit.default(50) })),
  /** What `sync:import-ids` would read from this text (count, column, first ids); writes nothing. */
  'sync:read-ids': channel<TrackedIdsPreview>()(TrackedIdsArgs),
  /**
   * Adds order numbers / tids to track for providers without a list API (Kasushou buyers, Kuaimai tids),
   * read from pasted text or a CSV file's contents: a plain list, or a table whose header names the column.
   */
  'sync:import-ids': channel<TrackedIdsImported>()(TrackedIdsArgs),
} as const;

export interface SyncEvents {
  'sync:progress': SyncProgressEvent;
  'sync:finished': SyncRunView;
}
