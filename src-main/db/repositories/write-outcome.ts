/** What an idempotent upsert did with one record. */
export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export function emptyCounts(): WriteCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

export function countOutcome(counts: WriteCounts, outcome: WriteOutcome): void {
  counts[outcome] += 1;
}
