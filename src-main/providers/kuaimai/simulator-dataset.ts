/**
 * The simulator's live view of the dataset: generated trades plus mutations, window queries answered
 * lazily (only the candidate index range is examined, results cached per window), and the ground
 * truth tests compare against.
 */
import { prng, randomInt } from '../simulator-random.js';
import {
  DEFAULT_DATASET,
  FLOW_REFUND,
  MAX_TIME_LAG_MS,
  baseTimes,
  baseTrade,
  createdIndexRange,
  indexOfTid,
  timeOf,
  type DatasetOptions,
  type SimFlow,
  type SimTimeType,
  type SimTimes,
  type SimTrade,
} from './simulator-data.js';

interface TradeOverride {
  readonly modifiedMs: number;
  readonly sysStatus: string;
  readonly extraFlows: readonly SimFlow[];
}

const MAX_CACHED_QUERIES = 16;

export class KuaimaiDataset {
  readonly options: DatasetOptions;
  readonly #overrides = new Map<number, TradeOverride>();
  readonly #queries = new Map<string, readonly number[]>();
  #mutationRounds = 0;

  constructor(options: Partial<DatasetOptions> = {}) {
    this.options = { ...DEFAULT_DATASET, ...options };
    if (!Number.isInteger(this.options.count) || this.options.count < 1 || this.options.count > 1_000_000) {
      throw new RangeError(`dataset count must be 1..1000000, got ${this.options.count}`);
    }
  }

  get count(): number {
    return this.options.count;
  }

  /** Trade i as the gateway currently serves it (mutations applied). */
  trade(index: number): SimTrade {
    this.#check(index);
    const base = baseTrade(this.options, index);
    const override = this.#overrides.get(index);
    if (!override) return base;
    return { ...base, modifiedMs: override.modifiedMs, sysStatus: override.sysStatus, flows: [...base.flows, ...override.extraFlows] };
  }

  times(index: number): SimTimes {
    const base = baseTimes(this.options, index);
    const override = this.#overrides.get(index);
    return override ? { ...base, modifiedMs: override.modifiedMs, sysStatus: override.sysStatus } : base;
  }

  indexOfTid(tid: string): number | null {
    return indexOfTid(this.options, tid);
  }

  /** Indexes of trades whose `timeType` time is in [fromMs, toMs] (inclusive), ordered by that time then index. */
  query(timeType: SimTimeType, fromMs: number, toMs: number): readonly number[] {
    const key = `${timeType}|${fromMs}|${toMs}`;
    const cached = this.#queries.get(key);
    if (cached) return cached;
    const lag = timeType === 'created' ? 0 : MAX_TIME_LAG_MS;
    const { first, last } = createdIndexRange(this.options, fromMs - lag, toMs);
    const hits: { index: number; at: number }[] = [];
    const consider = (index: number): void => {
      const at = timeOf(this.times(index), timeType);
      if (at !== null && at >= fromMs && at <= toMs) hits.push({ index, at });
    };
    for (let index = first; index <= last; index++) consider(index);
    // Mutated trades may have moved far beyond the lag bound; they are few, so check them directly.
    for (const index of this.#overrides.keys()) if (index < first || index > last) consider(index);
    hits.sort((a, b) => a.at - b.at || a.index - b.index);
    const result = hits.map((h) => h.index);
    if (this.#queries.size >= MAX_CACHED_QUERIES) this.#queries.delete(this.#queries.keys().next().value!);
    this.#queries.set(key, result);
    return result;
  }

  /** Ground truth: the trades a window query should return, in gateway order. */
  tradesInWindow(timeType: SimTimeType, fromMs: number, toMs: number): SimTrade[] {
    return this.query(timeType, fromMs, toMs).map((index) => this.trade(index));
  }

  /** Indexes changed by mutate(), in no particular order. */
  mutatedIndexes(): number[] {
    return [...this.#overrides.keys()];
  }

  /**
   * Changes `count` paid trades: modified time moves to `nowMs` (at least one second past the old
   * value) and a refund flow is appended for a line not yet refunded; a trade with every line
   * refunded becomes CLOSED. Deterministic per call sequence. Returns the changed trades.
   */
  mutate(count: number, nowMs: number): SimTrade[] {
    const rand = prng((Math.imul(this.options.seed, 0x5bd1e995) ^ Math.imul(++this.#mutationRounds, 0x27d4eb2d)) >>> 0);
    const chosen = new Set<number>();
    const wanted = Math.min(Math.max(0, Math.floor(count)), this.count);
    for (let attempts = 0; chosen.size < wanted && attempts < wanted * 50 + 100; attempts++) {
      const index = randomInt(rand, 0, this.count - 1);
      if (!chosen.has(index) && this.times(index).payTimeMs !== null) chosen.add(index);
    }
    for (const index of chosen) this.#mutateOne(index, nowMs);
    this.#queries.clear();
    return [...chosen].map((index) => this.trade(index));
  }

  #mutateOne(index: number, nowMs: number): void {
    const current = this.trade(index);
    const modifiedMs = Math.max(Math.floor(nowMs / 1000) * 1000, current.modifiedMs + 1000);
    const refunded = new Set(current.flows.filter((f) => f.flowType === FLOW_REFUND).flatMap((f) => f.orderIndexes));
    const line = current.orders.findIndex((_, k) => !refunded.has(k));
    const previous = this.#overrides.get(index);
    const extraFlows = [...(previous?.extraFlows ?? [])];
    let sysStatus = current.sysStatus;
    if (line >= 0) {
      extraFlows.push({ flowType: FLOW_REFUND, amountFen: current.orders[line]!.paymentFen, createdMs: modifiedMs, orderIndexes: [line] });
      if (refunded.size + 1 === current.orders.length) sysStatus = 'CLOSED';
    }
    this.#overrides.set(index, { modifiedMs, sysStatus, extraFlows });
  }

  #check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`no trade ${index}`);
  }
}
