/**
 * Duomai pages → deduplicated record batches. Orders: a page may repeat an order (keep its last row)
 * and the shared boundary second of two windows repeats identical rows (dropped). Settlement changes
 * are append-only facts keyed by `changeKey`, so the key alone identifies a repeat, and a page whose
 * keys are exactly those of a page committed before needs no mapping at all.
 */
import { createHash } from 'node:crypto';
import { emptyBatch, type OrderRecord } from '../../domain/models.js';
import { mapDuomaiOrders, mapDuomaiSettlements } from '../../providers/duomai/index.js';
import { settlementChangeKey } from '../../providers/duomai/mapping.js';
import type { DuomaiOrderRow, DuomaiSettlementRow } from '../../providers/duomai/schemas.js';
import { shanghaiDayNo } from './duomai-cursors.js';
import type { PageOutcome, WindowDedupe } from './duomai-walk.js';

/** What the orders stream learns from a page besides the records: the days orders were placed on. */
export interface OrderDays {
  readonly days: Set<number>;
  /** Set when an order has no order time, so no day can be proven empty. */
  blind: boolean;
}

/** The last row of each order number, in page order. */
function lastRowPerOrder(rows: readonly DuomaiOrderRow[]): DuomaiOrderRow[] {
  const last = new Map<string, number>();
  rows.forEach((row, index) => last.set(String(row.order_sn).trim(), index));
  return last.size === rows.length ? [...rows] : rows.filter((row, index) => last.get(String(row.order_sn).trim()) === index);
}

/** One page of orders → a batch without repeats; records the placement days into `days`. */
export function orderPageBatch(rows: readonly DuomaiOrderRow[], dedupe: WindowDedupe, days: OrderDays): PageOutcome {
  const mapped = mapDuomaiOrders(lastRowPerOrder(rows));
  const kept = new Set<string>();
  const orders: OrderRecord[] = [];
  let repeatsInWindow = 0;
  for (const order of mapped.orders) {
    if (order.createdAt === null) days.blind = true;
    else days.days.add(shanghaiDayNo(Math.floor(order.createdAt / 1000)));
    const verdict = dedupe.check(order.orderNo, order.raw);
    if (verdict === 'repeat-window') repeatsInWindow += 1;
    if (verdict !== 'new') continue;
    kept.add(order.orderNo);
    orders.push(order);
  }
  const commissions = mapped.commissions.filter((c) => kept.has(c.orderNo));
  return { batch: { ...emptyBatch(), orders, commissions }, repeatsInWindow };
}

/** The change keys of a settlement page, or null when a row cannot be keyed (mapping then says why). */
export function settlementKeys(rows: readonly DuomaiSettlementRow[]): string[] | null {
  try {
    return rows.map(settlementChangeKey);
  } catch {
    return null;
  }
}

/** A short fingerprint of a page's change keys, in order. */
export function settlementDigest(keys: readonly string[]): string {
  const hash = createHash('sha1');
  for (const key of keys) hash.update(key).update('|');
  return hash.digest('hex').slice(0, 16);
}

/**
 * One page of settlement changes → a batch without repeats. `storedKeys` are given when the page is
 * known to hold only facts committed by an earlier re-walk: it is then not mapped (nor written) again.
 */
export function settlementPageBatch(rows: readonly DuomaiSettlementRow[], dedupe: WindowDedupe, storedKeys: readonly string[] | null): PageOutcome {
  let repeatsInWindow = 0;
  const fresh = (key: string): boolean => {
    const verdict = dedupe.check(key, '');
    if (verdict === 'repeat-window') repeatsInWindow += 1;
    return verdict === 'new';
  };
  if (storedKeys) {
    for (const key of storedKeys) fresh(key);
    return { batch: emptyBatch(), repeatsInWindow };
  }
  const settlements = mapDuomaiSettlements(rows).settlements.filter((s) => fresh(s.changeKey));
  return { batch: { ...emptyBatch(), settlements }, repeatsInWindow };
}
