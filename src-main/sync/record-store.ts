/**
 * Writes one page of records — orders with items, card codes, commissions, settlement revisions and
 * money flows — together with the cursor that produced it and the run's counters, in ONE transaction:
 * a crash at any instant leaves either the whole page and its cursor, or neither.
 */
import type { Db } from '../db/connection.js';
import { CardsRepository, type CardCrypto, type CardSeal } from '../db/repositories/cards-repository.js';
import { CommissionsRepository } from '../db/repositories/commissions-repository.js';
import { FactsRepository } from '../db/repositories/facts-repository.js';
import { HistoryRepository } from '../db/repositories/history-repository.js';
import { OrdersRepository } from '../db/repositories/orders-repository.js';
import { SyncRunsRepository, type SyncRunCounters } from '../db/repositories/sync-runs-repository.js';
import { SyncStateRepository } from '../db/repositories/sync-state-repository.js';
import { countOutcome, emptyCounts } from '../db/repositories/write-outcome.js';
import type { ProviderSlug, RecordBatch } from '../domain/models.js';
import { contentHash } from './content-hash.js';
import type { CommitStats, CursorUpdate } from './strategy.js';

export interface PageTarget {
  readonly accountId: number;
  readonly provider: ProviderSlug;
  readonly runId: number | null;
  /**
   * Identifies this run among every run a writer ever sees (run ids repeat: a restore brings back an
   * older sync_runs table). Writers that keep per-run state key it on this; absent = no such state.
   */
  readonly runKey?: string | undefined;
  /** The run's running totals; updated in place and saved in the same transaction. */
  readonly counters: SyncRunCounters;
}

/** One page to write: its records, the cursor that produced it and the run it belongs to. */
export interface PageWrite {
  readonly target: PageTarget;
  readonly batch: RecordBatch;
  readonly cursor: CursorUpdate | undefined;
  readonly now: number;
  readonly seals?: readonly CardSeal[] | undefined;
}

export class RecordStore {
  readonly orders: OrdersRepository;
  readonly state: SyncStateRepository;
  readonly runs: SyncRunsRepository;
  private readonly cards: CardsRepository;
  private readonly commissions: CommissionsRepository;
  private readonly facts: FactsRepository;
  private readonly commitTx;

  constructor(
    private readonly db: Db,
    crypto: CardCrypto,
  ) {
    const history = new HistoryRepository(db);
    this.orders = new OrdersRepository(db, history);
    this.cards = new CardsRepository(db, history, crypto);
    this.commissions = new CommissionsRepository(db, history);
    this.facts = new FactsRepository(db);
    this.state = new SyncStateRepository(db);
    this.runs = new SyncRunsRepository(db);
    this.commitTx = db.transaction((pages: readonly PageWrite[]) => pages.map((p) => this.writePage(p.target, p.batch, p.cursor, p.now, p.seals)));
  }

  /** `seals` (one per card, from sealCard) are given by a writer that holds no vault key. */
  commitPage(target: PageTarget, batch: RecordBatch, cursor: CursorUpdate | undefined, now: number, seals?: readonly CardSeal[]): CommitStats {
    return this.commitPages([{ target, batch, cursor, now, seals }])[0]!;
  }

  /**
   * Several pages, each with its cursor, in ONE transaction (a writer that found them queued): a crash
   * keeps all of them or none, so every cursor still points exactly past what is stored.
   */
  commitPages(pages: readonly PageWrite[]): CommitStats[] {
    // IMMEDIATE takes the write lock up front (waiting out busy_timeout), so a read snapshot is never
    // upgraded to a write after another process (the CLI beside the app) committed: no SQLITE_BUSY.
    return this.commitTx.immediate(pages);
  }

  saveCursor(accountId: number, update: CursorUpdate, now: number): void {
    this.state.saveCursor(accountId, update.stream, update.value, now);
  }

  markMissingExcept(accountId: number, seen: ReadonlySet<string>, now: number): number {
    return this.db.transaction(() => this.orders.markMissingExcept(accountId, seen, now))();
  }

  private writePage(target: PageTarget, batch: RecordBatch, cursor: CursorUpdate | undefined, now: number, seals: readonly CardSeal[] | undefined): CommitStats {
    const { accountId, provider, runId } = target;
    const counts = emptyCounts();
    const orderIds = new Map<string, number>();
    for (const order of batch.orders) {
      const { id, outcome } = this.orders.upsert(accountId, provider, order, contentHash(order), now, runId);
      orderIds.set(order.orderNo, id);
      countOutcome(counts, outcome);
    }
    const orderIdOf = (orderNo: string) => orderIds.get(orderNo) ?? this.orders.idOf(accountId, orderNo);
    batch.cards.forEach((card, i) => countOutcome(counts, this.cards.upsert(accountId, orderIdOf(card.orderNo), card, now, runId, seals?.[i])));
    for (const c of batch.commissions) countOutcome(counts, this.commissions.upsert(accountId, orderIdOf(c.orderNo), c, contentHash(c), now, runId));
    for (const s of batch.settlements) countOutcome(counts, this.facts.addSettlement(accountId, s, now));
    for (const f of batch.flows) countOutcome(counts, this.facts.addFlow(accountId, f, now));
    if (cursor) this.state.saveCursor(accountId, cursor.stream, cursor.value, now);
    const c = target.counters;
    c.pages += 1;
    c.fetched += batch.orders.length + batch.cards.length + batch.commissions.length + batch.settlements.length + batch.flows.length;
    c.inserted += counts.inserted;
    c.updated += counts.updated;
    c.unchanged += counts.unchanged;
    if (runId !== null) this.runs.saveCounters(runId, c);
    return counts;
  }
}
