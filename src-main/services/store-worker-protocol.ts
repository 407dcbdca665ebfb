/** What the main thread and the store worker (store-worker.ts) say to each other. */
import type { CardSeal } from '../db/repositories/cards-repository.js';
import type { SyncRunCounters } from '../db/repositories/sync-runs-repository.js';
import type { RecordBatch } from '../domain/models.js';
import type { PageTarget } from '../sync/record-store.js';
import type { CommitStats, CursorUpdate } from '../sync/strategy.js';

export interface StoreWorkerInput {
  readonly databaseFile: string;
  readonly nativeBinding?: string | undefined;
}

export type StoreWorkerRequest =
  | {
      readonly type: 'write';
      readonly id: number;
      readonly target: PageTarget;
      readonly batch: RecordBatch;
      readonly cursor: CursorUpdate | undefined;
      readonly now: number;
      /** One per card of the batch, sealed by the vault in the main thread. */
      readonly seals: readonly CardSeal[];
    }
  | { readonly type: 'close' };

export type StoreWorkerReply =
  | { readonly id: number; readonly ok: true; readonly stats: CommitStats; readonly counters: SyncRunCounters }
  | { readonly id: number; readonly ok: false; readonly message: string };
