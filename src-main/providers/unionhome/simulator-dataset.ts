/**
 * The simulator's mutable view over the pure dataset: which ids exist in the current generation and
 * where each order stands on its status path. Only a list of generation tops is stored; every order
 * is computed when asked.
 */
import { recordRandom } from '../simulator-random.js';
import { detailData, isDeletedId, orderFacts, truthOf, type JsonObject, type UnionhomeTruth } from './simulator-data.js';

const MOVE_PROBABILITY = 0.5;

export interface MutationResult {
  readonly generation: number;
  readonly maxId: number;
  /** Ids of the orders that appeared. */
  readonly added: readonly number[];
}

export class UnionhomeDataset {
  /** tops[g] = highest id after generation g; generation 0 is the initial dataset. */
  private readonly tops: number[];
  private countCache: { maxId: number; count: number } | null = null;

  constructor(
    readonly seed: number,
    initialMaxId: number,
  ) {
    if (!Number.isSafeInteger(initialMaxId) || initialMaxId < 1) throw new RangeError('initialMaxId must be ≥ 1');
    this.tops = [initialMaxId];
  }

  get generation(): number {
    return this.tops.length - 1;
  }

  get maxId(): number {
    return this.tops[this.tops.length - 1]!;
  }

  exists(id: number): boolean {
    return Number.isSafeInteger(id) && id >= 1 && id <= this.maxId && !isDeletedId(this.seed, id);
  }

  /** The generation in which an id first appeared. */
  private bornAt(id: number): number {
    let lo = 0;
    let hi = this.tops.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (id <= this.tops[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private moves(id: number, generation: number): boolean {
    return recordRandom((this.seed ^ Math.imul(generation, 0x27d4eb2d)) >>> 0, id)() < MOVE_PROBABILITY;
  }

  /** order_status of an existing id now, or null. */
  statusOf(id: number): number | null {
    if (!this.exists(id)) return null;
    const facts = orderFacts(this.seed, id);
    const born = this.bornAt(id);
    let step = born === 0 ? facts.initialStep : 0;
    for (let g = born + 1; g <= this.generation && step < facts.path.length - 1; g++) {
      if (this.moves(id, g)) step++;
    }
    return facts.path[step]!;
  }

  /** The `data` object served for an id now, or null when it does not exist. */
  detail(id: number): JsonObject | null {
    const status = this.statusOf(id);
    return status === null ? null : detailData(orderFacts(this.seed, id), status);
  }

  /** Exact expected values of an id now, or null when it does not exist. */
  truth(id: number): UnionhomeTruth | null {
    const status = this.statusOf(id);
    return status === null ? null : truthOf(orderFacts(this.seed, id), status);
  }

  /** Existing ids, ascending (O(maxId); for tests and benchmarks). */
  orderIds(): number[] {
    const ids: number[] = [];
    for (let id = 1; id <= this.maxId; id++) if (!isDeletedId(this.seed, id)) ids.push(id);
    return ids;
  }

  orderCount(): number {
    if (this.countCache?.maxId !== this.maxId) {
      let count = 0;
      for (let id = 1; id <= this.maxId; id++) if (!isDeletedId(this.seed, id)) count++;
      this.countCache = { maxId: this.maxId, count };
    }
    return this.countCache.count;
  }

  /** New generation: `count` new orders above maxId (deleted ids are skipped over), statuses move. */
  mutate(count: number): MutationResult {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    const added: number[] = [];
    let id = this.maxId;
    while (added.length < count) {
      id++;
      if (!isDeletedId(this.seed, id)) added.push(id);
    }
    this.tops.push(id);
    return { generation: this.generation, maxId: this.maxId, added };
  }
}
