/**
 * Orders and their items: idempotent upsert on (account, order number). A content hash decides whether
 * anything changed; an unchanged order is not written at all, a changed one is rewritten with a
 * history row per changed mutable field. Nothing is deleted when an order stops appearing upstream.
 */
import { formatScaled } from '../../domain/money.js';
import type { OrderItemRecord, OrderRecord, OrderStatus, ProviderSlug } from '../../domain/models.js';
import { FINAL_ORDER_STATUSES } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { diffFields, type HistoryRepository } from './history-repository.js';
import type { WriteOutcome } from './write-outcome.js';

interface StoredOrderState {
  id: number;
  content_hash: string;
  status: string;
  status_raw: string;
  title: string | null;
  currency: string;
  total: number | null;
  paid: number | null;
  refunded: number | null;
  commission: number | null;
  commission_currency: string | null;
}

function amountText(scaled: number | null, currency: string | null): string | null {
  return scaled === null ? null : `${formatScaled(scaled, 4)} ${currency ?? ''}`.trim();
}

/** The mutable fields whose changes are kept as history, rendered as comparable text. */
function trackedFields(s: Omit<StoredOrderState, 'id' | 'content_hash'>): Record<string, string | null> {
  return {
    status: s.status,
    status_raw: s.status_raw,
    title: s.title,
    total: amountText(s.total, s.currency),
    paid: amountText(s.paid, s.currency),
    refunded: amountText(s.refunded, s.currency),
    commission: amountText(s.commission, s.commission_currency),
  };
}

function columnsOf(r: OrderRecord) {
  const currency = r.total?.currency ?? r.paid?.currency ?? r.refunded?.currency ?? r.commission?.currency ?? 'CNY';
  return {
    external_order_no: r.externalOrderNo,
    status: r.status,
    status_raw: r.statusRaw,
    title: r.title,
    buyer: r.buyer,
    currency,
    total: r.total?.scaled ?? null,
    paid: r.paid?.scaled ?? null,
    refunded: r.refunded?.scaled ?? null,
    commission: r.commission?.scaled ?? null,
    commission_currency: r.commission?.currency ?? null,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    paid_at: r.paidAt,
    raw: r.raw,
  };
}

const FINAL_LIST = FINAL_ORDER_STATUSES.map((s) => `'${s}'`).join(',');

export class OrdersRepository {
  private readonly selectState;
  private readonly insertOrder;
  private readonly updateOrder;
  private readonly insertItem;
  private readonly deleteItems;
  private readonly selectId;

  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepository,
  ) {
    this.selectState = db.prepare(
      `SELECT id, content_hash, status, status_raw, title, currency, total, paid, refunded, commission, commission_currency
       FROM orders WHERE account_id = ? AND order_no = ?`,
    );
    this.insertOrder = db.prepare(
      `INSERT INTO orders (account_id, provider, order_no, external_order_no, status, status_raw, title, buyer, currency,
         total, paid, refunded, commission, commission_currency, created_at, updated_at, paid_at, raw, content_hash, first_seen_at, last_seen_at)
       VALUES (@account_id, @provider, @order_no, @external_order_no, @status, @status_raw, @title, @buyer, @currency,
         @total, @paid, @refunded, @commission, @commission_currency, @created_at, @updated_at, @paid_at, @raw, @content_hash, @now, @now)`,
    );
    this.updateOrder = db.prepare(
      `UPDATE orders SET external_order_no = @external_order_no, status = @status, status_raw = @status_raw, title = @title,
         buyer = @buyer, currency = @currency, total = @total, paid = @paid, refunded = @refunded, commission = @commission,
         commission_currency = @commission_currency, created_at = @created_at, updated_at = @updated_at, paid_at = @paid_at,
         raw = @raw, content_hash = @content_hash, last_seen_at = @now, missing_since = NULL
       WHERE id = @id`,
    );
    this.insertItem = db.prepare(
      `INSERT INTO order_items (order_id, item_key, title, sku, quantity, currency, unit_price, amount, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteItems = db.prepare('DELETE FROM order_items WHERE order_id = ?');
    this.selectId = db.prepare('SELECT id FROM orders WHERE account_id = ? AND order_no = ?').pluck();
  }

  /** Call inside a transaction. `hash` is the caller's content hash of the record. */
  upsert(accountId: number, provider: ProviderSlug, record: OrderRecord, hash: string, now: number, runId: number | null): { id: number; outcome: WriteOutcome } {
    const stored = this.selectState.get(accountId, record.orderNo) as StoredOrderState | undefined;
    if (stored && stored.content_hash === hash) return { id: stored.id, outcome: 'unchanged' };
    const cols = columnsOf(record);
    if (!stored) {
      const info = this.insertOrder.run({ ...cols, account_id: accountId, provider, order_no: record.orderNo, content_hash: hash, now });
      const id = Number(info.lastInsertRowid);
      this.writeItems(id, record.items);
      return { id, outcome: 'inserted' };
    }
    this.updateOrder.run({ ...cols, content_hash: hash, now, id: stored.id });
    this.deleteItems.run(stored.id);
    this.writeItems(stored.id, record.items);
    this.history.record(accountId, 'order', stored.id, diffFields(trackedFields(stored), trackedFields(cols)), now, runId);
    return { id: stored.id, outcome: 'updated' };
  }

  idOf(accountId: number, orderNo: string): number | null {
    return (this.selectId.get(accountId, orderNo) as number | undefined) ?? null;
  }

  openOrderNos(accountId: number, limit = 10_000): string[] {
    return this.db
      .prepare(`SELECT order_no FROM orders WHERE account_id = ? AND status NOT IN (${FINAL_LIST}) ORDER BY created_at, id LIMIT ?`)
      .pluck()
      .all(accountId, limit) as string[];
  }

  maxExternalOrderId(accountId: number): number | null {
    const value = this.db
      .prepare("SELECT max(CAST(external_order_no AS INTEGER)) FROM orders WHERE account_id = ? AND external_order_no GLOB '[0-9]*'")
      .pluck()
      .get(accountId) as number | null;
    return value ?? null;
  }

  /** Marks orders of the account not in `seen` as missing upstream (first time only); clears the mark on seen ones. */
  markMissingExcept(accountId: number, seen: ReadonlySet<string>, now: number): number {
    const rows = this.db.prepare('SELECT id, order_no, missing_since FROM orders WHERE account_id = ?').all(accountId) as { id: number; order_no: string; missing_since: number | null }[];
    const setMissing = this.db.prepare('UPDATE orders SET missing_since = ? WHERE id = ?');
    let marked = 0;
    for (const row of rows) {
      const isSeen = seen.has(row.order_no);
      if (!isSeen && row.missing_since === null) {
        setMissing.run(now, row.id);
        marked += 1;
      } else if (isSeen && row.missing_since !== null) {
        setMissing.run(null, row.id);
      }
    }
    return marked;
  }

  statusOf(accountId: number, orderNo: string): OrderStatus | null {
    return (this.db.prepare('SELECT status FROM orders WHERE account_id = ? AND order_no = ?').pluck().get(accountId, orderNo) as OrderStatus | undefined) ?? null;
  }

  private writeItems(orderId: number, items: readonly OrderItemRecord[]): void {
    for (const [item, key] of uniqueItemKeys(items)) {
      const currency = item.amount?.currency ?? item.unitPrice?.currency ?? 'CNY';
      this.insertItem.run(orderId, key, item.title, item.sku, item.quantity, currency, item.unitPrice?.scaled ?? null, item.amount?.scaled ?? null, item.raw);
    }
  }
}

/** Providers may repeat an item key inside one order; suffixes keep each line instead of failing the page. */
export function uniqueItemKeys<T extends { readonly itemKey: string }>(items: readonly T[]): [T, string][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = seen.get(item.itemKey) ?? 0;
    seen.set(item.itemKey, n + 1);
    return [item, n === 0 ? item.itemKey : `${item.itemKey}#${n + 1}`];
  });
}
