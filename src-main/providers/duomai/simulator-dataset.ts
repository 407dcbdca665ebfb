/**
 * The simulator's view of one Duomai account over time: deterministic base orders plus the overrides
 * `mutate` has applied (status moves, settlement revisions). Answers the two query services the way
 * the gateway does — orders by update time, settlements by order time, both windows inclusive at
 * both ends — without materializing the dataset.
 */
import { prng, randomInt } from '../simulator-random.js';
import {
  baseOrder,
  firstIndexAtOrAfter,
  nextRevision,
  orderTimeSec,
  type DuomaiDatasetConfig,
  type DuomaiOrderCore,
  type DuomaiOrderState,
  type DuomaiStatus,
} from './simulator-data.js';

export interface OrderFilters {
  readonly status?: DuomaiStatus;
  readonly ads_id?: string;
  readonly euid?: string;
  readonly site_id?: string;
}

export interface SettlementFilters {
  readonly order_sn?: string;
  readonly ads_id?: string;
  readonly euid?: string;
}

/** A settlement revision located by order index and position in that order's revision list. */
export interface RevisionRef {
  readonly index: number;
  readonly revision: number;
}

export interface MutationResult {
  readonly statusChanges: number;
  readonly revisions: number;
  /** Order numbers touched, in the order they were changed. */
  readonly orderSns: string[];
}

const CACHE_LIMIT = 16;

/** Only the mutable fields, so an override does not hold a copy of the whole record. */
function stateOf(s: DuomaiOrderState): DuomaiOrderState {
  return {
    status: s.status,
    updateTimeSec: s.updateTimeSec,
    confirmPrice: s.confirmPrice,
    confirmCommission: s.confirmCommission,
    chargeTimeSec: s.chargeTimeSec,
    revisions: s.revisions,
  };
}

export class DuomaiDataset {
  private readonly overrides = new Map<number, DuomaiOrderState>();
  private readonly cache = new Map<string, readonly number[] | readonly RevisionRef[]>();
  private round = 0;

  constructor(readonly config: DuomaiDatasetConfig) {
    if (!Number.isSafeInteger(config.count) || config.count < 1 || config.count > 1_000_000) {
      throw new RangeError(`dataset count must be 1..1,000,000, got ${config.count}`);
    }
  }

  /** Order i as it is now (base record with any mutation applied). */
  order(index: number): DuomaiOrderCore {
    const base = baseOrder(this.config, index);
    const override = this.overrides.get(index);
    return override ? { ...base, ...override } : base;
  }

  /** Earliest and latest update time any order has now (Unix seconds), for walking windows. */
  updateSpan(): { fromSec: number; toSec: number } {
    let toSec = orderTimeSec(this.config, this.config.count - 1) + this.config.maxLagSec;
    for (const state of this.overrides.values()) toSec = Math.max(toSec, state.updateTimeSec);
    return { fromSec: this.config.startSec, toSec };
  }

  /** Indices of orders whose update time is in [s, e], sorted by (update time, index). */
  ordersByUpdateTime(s: number, e: number, filters: OrderFilters = {}): readonly number[] {
    const key = `o|${s}|${e}|${JSON.stringify(filters)}`;
    const hit = this.cache.get(key) as readonly number[] | undefined;
    if (hit) return hit;
    const found = new Map<number, number>();
    const from = firstIndexAtOrAfter(this.config, s - this.config.maxLagSec);
    const to = firstIndexAtOrAfter(this.config, e + 1);
    const consider = (i: number): void => {
      const o = this.order(i);
      if (o.updateTimeSec >= s && o.updateTimeSec <= e && this.matchesOrder(o, filters)) found.set(i, o.updateTimeSec);
    };
    for (let i = from; i < to; i++) consider(i);
    for (const i of this.overrides.keys()) if ((i < from || i >= to) && !found.has(i)) consider(i);
    const sorted = [...found.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([i]) => i);
    return this.remember(key, sorted);
  }

  /** Settlement revisions of orders placed in [s, e], by order then revision. */
  settlementsByOrderTime(s: number, e: number, filters: SettlementFilters = {}): readonly RevisionRef[] {
    const key = `s|${s}|${e}|${JSON.stringify(filters)}`;
    const hit = this.cache.get(key) as readonly RevisionRef[] | undefined;
    if (hit) return hit;
    const refs: RevisionRef[] = [];
    const to = firstIndexAtOrAfter(this.config, e + 1);
    for (let i = firstIndexAtOrAfter(this.config, s); i < to; i++) {
      const o = this.order(i);
      if (filters.order_sn !== undefined && o.orderSn !== filters.order_sn) continue;
      if (filters.ads_id !== undefined && o.ads.id !== filters.ads_id) continue;
      if (filters.euid !== undefined && o.euid !== filters.euid) continue;
      o.revisions.forEach((_, revision) => refs.push({ index: i, revision }));
    }
    return this.remember(key, refs);
  }

  /**
   * Moves `count` orders on, as time passes upstream: unconfirmed → confirmed → settled (a few become
   * invalid), or a settlement revision up or down on a confirmed/settled order. Changed orders get an
   * update time of `nowSec` (or one second after their previous update, whichever is later).
   */
  mutate(count: number, nowSec: number): MutationResult {
    this.round += 1;
    const rand = prng((Math.imul(this.config.seed, 0x2545f491) ^ Math.imul(this.round, 0x9e3779b9)) >>> 0);
    const orderSns: string[] = [];
    let statusChanges = 0;
    let revisions = 0;
    for (let done = 0; done < count; done++) {
      for (let attempt = 0; attempt < 200; attempt++) {
        const o = this.order(randomInt(rand, 0, this.config.count - 1));
        const at = Math.max(nowSec, o.updateTimeSec + 1);
        const wantStatus = rand() < 0.7;
        const next = wantStatus ? this.moveStatus(o, at, rand) : this.revise(o, at, rand);
        if (!next) continue;
        this.overrides.set(o.index, stateOf(next));
        orderSns.push(o.orderSn);
        if (wantStatus) statusChanges++;
        else revisions++;
        break;
      }
    }
    this.cache.clear();
    return { statusChanges, revisions, orderSns };
  }

  private moveStatus(o: DuomaiOrderCore, at: number, rand: () => number): DuomaiOrderState | null {
    const price = o.confirmPrice ?? o.priceFen * 100;
    const commission = o.confirmCommission ?? o.commissionFen * 100;
    if (o.status === 0) {
      return rand() < 0.9
        ? { ...o, status: 1, updateTimeSec: at, confirmPrice: price, confirmCommission: commission }
        : { ...o, status: -1, updateTimeSec: at, confirmPrice: 0, confirmCommission: 0 };
    }
    if (o.status !== 1) return null;
    if (rand() < 0.9) return { ...o, status: 2, updateTimeSec: at, chargeTimeSec: at };
    // Confirmed then voided: the reversal is a settlement revision down to zero.
    const reversal = { modifyAtSec: at, priceOld: price, priceNew: 0, commissionOld: commission, commissionNew: 0 };
    return { ...o, status: -1, updateTimeSec: at, confirmPrice: 0, confirmCommission: 0, revisions: [...o.revisions, reversal] };
  }

  private revise(o: DuomaiOrderCore, at: number, rand: () => number): DuomaiOrderState | null {
    if (o.status !== 1 && o.status !== 2) return null;
    const rev = nextRevision(rand, at, o.confirmPrice ?? 0, o.confirmCommission ?? 0);
    return {
      ...o,
      updateTimeSec: at,
      confirmPrice: rev.priceNew ?? o.confirmPrice,
      confirmCommission: rev.commissionNew,
      revisions: [...o.revisions, rev],
    };
  }

  private matchesOrder(o: DuomaiOrderCore, f: OrderFilters): boolean {
    return (
      (f.status === undefined || o.status === f.status) &&
      (f.ads_id === undefined || o.ads.id === f.ads_id) &&
      (f.euid === undefined || o.euid === f.euid) &&
      (f.site_id === undefined || f.site_id === this.config.siteId)
    );
  }

  private remember<T extends readonly number[] | readonly RevisionRef[]>(key: string, value: T): T {
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, value);
    return value;
  }
}
