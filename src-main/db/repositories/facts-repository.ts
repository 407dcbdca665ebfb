/** Append-only facts: Duomai settlement revisions and Kuaimai money flows. Re-reading one writes nothing. */
import type { MoneyFlowRecord, SettlementChangeRecord } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { uniqueItemKeys } from './orders-repository.js';
import type { WriteOutcome } from './write-outcome.js';

export class FactsRepository {
  private readonly insertSettlement;
  private readonly insertFlow;
  private readonly insertFlowItem;

  constructor(db: Db) {
    this.insertSettlement = db.prepare(
      `INSERT INTO settlement_changes (account_id, change_key, order_no, order_time, modified_at, currency, price_old, price_delta, price_new,
         commission_old, commission_delta, commission_new, ads_id, ads_name, euid, raw, first_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, change_key) DO NOTHING`,
    );
    this.insertFlow = db.prepare(
      `INSERT INTO money_flows (account_id, flow_key, tid, flow_type, currency, amount, payment, paid, post_fee, created_at, raw, first_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, flow_key) DO NOTHING`,
    );
    this.insertFlowItem = db.prepare(
      `INSERT INTO money_flow_items (flow_id, item_key, title, sku, quantity, currency, unit_price, amount, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  addSettlement(accountId: number, s: SettlementChangeRecord, now: number): WriteOutcome {
    const info = this.insertSettlement.run(
      accountId, s.changeKey, s.orderNo, s.orderTime, s.modifiedAt, s.currency,
      s.priceOld?.scaled ?? null, s.priceDelta?.scaled ?? null, s.priceNew?.scaled ?? null,
      s.commissionOld?.scaled ?? null, s.commissionDelta?.scaled ?? null, s.commissionNew?.scaled ?? null,
      s.adsId, s.adsName, s.euid, s.raw, now,
    );
    return info.changes > 0 ? 'inserted' : 'unchanged';
  }

  addFlow(accountId: number, f: MoneyFlowRecord, now: number): WriteOutcome {
    const info = this.insertFlow.run(
      accountId, f.flowKey, f.tid, f.flowType, f.amount.currency, f.amount.scaled,
      f.payment?.scaled ?? null, f.paid?.scaled ?? null, f.postFee?.scaled ?? null, f.createdAt, f.raw, now,
    );
    if (info.changes === 0) return 'unchanged';
    const flowId = Number(info.lastInsertRowid);
    for (const [item, key] of uniqueItemKeys(f.items)) {
      const currency = item.amount?.currency ?? item.unitPrice?.currency ?? f.amount.currency;
      this.insertFlowItem.run(flowId, key, item.title, item.sku, item.quantity, currency, item.unitPrice?.scaled ?? null, item.amount?.scaled ?? null, item.raw);
    }
    return 'inserted';
  }
}
