/**
 * Domain records built from the provider simulators' ground truth, through the same wire JSON, lossless
 * parser, zod schemas and mappings a real sync uses — without HTTP, so reconciliation tests stay fast.
 */
import { mapDuomaiOrder, mapDuomaiSettlement } from '../../../src-main/providers/duomai/mapping.js';
import { duomaiOrderRowSchema, duomaiSettlementRowSchema } from '../../../src-main/providers/duomai/schemas.js';
import { orderWireRow, settlementWireRow, type DuomaiDatasetConfig } from '../../../src-main/providers/duomai/simulator-data.js';
import { DuomaiDataset } from '../../../src-main/providers/duomai/simulator-dataset.js';
import { mapCommissions, mapOrder } from '../../../src-main/providers/itboye/mapping.js';
import { orderSchema as itboyeOrderSchema, type ItboyeQueryStatus } from '../../../src-main/providers/itboye/schemas.js';
import { parseJsonLossless } from '../../../src-main/providers/json.js';
import { mapAdminOrderRow } from '../../../src-main/providers/kasushou/mapping.js';
import { adminOrderRowSchema } from '../../../src-main/providers/kasushou/schemas.js';
import { encodeValue } from '../../../src-main/providers/kasushou/sign.js';
import { adminRowJson } from '../../../src-main/providers/kasushou/simulator.js';
import { KasushouDataset, type SimOrder as KasushouSimOrder } from '../../../src-main/providers/kasushou/simulator-data.js';
import { mapMoneyRecords, mapTrade } from '../../../src-main/providers/kuaimai/mapping.js';
import { moneyRecordSchema, tradeSchema } from '../../../src-main/providers/kuaimai/schemas.js';
import type { SimTrade } from '../../../src-main/providers/kuaimai/simulator-data.js';
import { moneyRecordWire, tradeWire } from '../../../src-main/providers/kuaimai/simulator-wire.js';
import { simulatorWireJson } from '../../../src-main/providers/simulator-wire-json.js';
import type { RecordBatch } from '../../../src-main/domain/models.js';

/** Serializes like the Duomai and Kuaimai gateways (long ids as bare numbers) and parses like a client. */
function roundTrip(value: unknown): unknown {
  return parseJsonLossless(simulatorWireJson(value));
}

/** Serializes like the Kasushou (PHP) gateway and parses like a client. */
function phpRoundTrip(value: unknown): unknown {
  return parseJsonLossless(encodeValue(value, { escapeSlashes: true }));
}

/** One Kuaimai trade and its money flows, as `erp.trade.list.query` and the money-record API deliver them. */
export function kuaimaiBatch(trades: readonly SimTrade[]): Partial<RecordBatch> {
  return {
    orders: trades.map((t) => mapTrade(tradeSchema.parse(roundTrip(tradeWire(t))))),
    flows: trades.flatMap((t) => mapMoneyRecords(t.tid, t.flows.map((f) => moneyRecordSchema.parse(roundTrip(moneyRecordWire(t, f)))))),
  };
}

export function kasushouDataset(count: number): KasushouDataset {
  return new KasushouDataset({ seed: 4242, count, endMs: Date.UTC(2024, 5, 30, 16), spanDays: 60 });
}

/** Admin `order/list` rows → orders. */
export function kasushouBatch(orders: readonly KasushouSimOrder[]): Partial<RecordBatch> {
  return { orders: orders.map((o) => mapAdminOrderRow(adminOrderRowSchema.parse(phpRoundTrip(adminRowJson(o))))) };
}

export function duomaiDataset(count: number): DuomaiDataset {
  const config: DuomaiDatasetConfig = { seed: 77, count, startSec: 1_714_492_800, periodSec: 30 * 86_400, maxLagSec: 6 * 3600, siteId: '2312521' };
  return new DuomaiDataset(config);
}

/** Orders (with the site's own commission) and their settlement revisions. */
export function duomaiBatch(dataset: DuomaiDataset, indexes: readonly number[]): Partial<RecordBatch> {
  const mapped = indexes.map((i) => dataset.order(i)).map((core) => ({ core, ...mapDuomaiOrder(duomaiOrderRowSchema.parse(roundTrip(orderWireRow(core, '2312521')))) }));
  return {
    orders: mapped.map((m) => m.order),
    commissions: mapped.flatMap((m) => (m.commission ? [m.commission] : [])),
    settlements: mapped.flatMap((m) => m.core.revisions.map((rev) => mapDuomaiSettlement(duomaiSettlementRowSchema.parse(roundTrip(settlementWireRow(m.core, rev)))))),
  };
}

/** itboye `by_KjdsOrder_query` records (fen) → orders with level 0–3 commissions. */
export function itboyeBatch(records: readonly Record<string, string | number>[], status: ItboyeQueryStatus): Partial<RecordBatch> {
  const parsed = records.map((r) => itboyeOrderSchema.parse(roundTrip(r)));
  return { orders: parsed.map((o) => mapOrder(o, status)), commissions: parsed.flatMap((o) => mapCommissions(o, status)) };
}
