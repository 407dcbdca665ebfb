/** Shared helpers for the Duomai tests: a client for a simulator and a full walk over its period. */
import { emptyBatch, type CommissionRecord, type OrderRecord, type RecordBatch, type SettlementChangeRecord } from '../../../../src-main/domain/models.js';
import { DuomaiClient, type DuomaiClientConfig } from '../../../../src-main/providers/duomai/client.js';
import { mapDuomaiOrders, mapDuomaiSettlements } from '../../../../src-main/providers/duomai/mapping.js';
import type { DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import { duomaiWindows } from '../../../../src-main/providers/duomai/windows.js';
import { signDuomai } from '../../../../src-main/providers/duomai/sign.js';

export function clientFor(sim: DuomaiSimulator, overrides: Partial<DuomaiClientConfig> = {}): DuomaiClient {
  return new DuomaiClient({
    fetch: (input, init) => fetch(input, init),
    baseUrl: sim.baseUrl,
    appKey: sim.credentials.appKey,
    appSecret: sim.credentials.appSecret,
    timeoutMs: 5000,
    now: Date.now,
    ...overrides,
  });
}

/** Reads every order (by update time) and settlement (by order time) in [fromSec, toSec], one-day windows, deduped. */
export async function fetchAllDuomai(client: DuomaiClient, fromSec: number, toSec: number, pageSize = 200): Promise<RecordBatch> {
  const orders = new Map<string, OrderRecord>();
  const commissions = new Map<string, CommissionRecord>();
  const settlements = new Map<string, SettlementChangeRecord>();
  for (const w of duomaiWindows(fromSec, toSec)) {
    for (let page = 1; ; page++) {
      const res = await client.ordersQuery({ ...w, page, page_size: pageSize });
      const batch = mapDuomaiOrders(res.rows);
      for (const o of batch.orders) orders.set(o.orderNo, o);
      for (const c of batch.commissions) commissions.set(`${c.orderNo}|${c.beneficiary}|${c.level}`, c);
      if (!res.hasMore) break;
    }
    for (let page = 1; ; page++) {
      const res = await client.settlementChanges({ ...w, page, page_size: pageSize });
      for (const s of mapDuomaiSettlements(res.rows).settlements) settlements.set(s.changeKey, s);
      if (!res.hasMore) break;
    }
  }
  return { ...emptyBatch(), orders: [...orders.values()], commissions: [...commissions.values()], settlements: [...settlements.values()] };
}

/** A signed raw request, for probing the simulator's gateway checks directly. */
export async function rawCall(
  sim: DuomaiSimulator,
  service: string,
  body: string,
  opts: { secret?: string; timestamp?: number; sign?: string; contentType?: string } = {},
): Promise<{ http: number; json: { status: number; message: string; data: unknown } }> {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const appKey = sim.credentials.appKey;
  const sign = opts.sign ?? signDuomai(opts.secret ?? sim.credentials.appSecret, { app_key: appKey, service, timestamp }, body);
  const url = `${sim.baseUrl}?app_key=${appKey}&timestamp=${timestamp}&service=${service}&sign=${sign}`;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': opts.contentType ?? 'application/json' }, body });
  return { http: res.status, json: (await res.json()) as { status: number; message: string; data: unknown } };
}
