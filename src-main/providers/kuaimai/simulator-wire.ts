/**
 * How the simulated gateway writes its data: trades as erp.trade.list.query rows (19-digit `sid` and
 * `oid` as bare JSON numbers, Java dates as epoch ms), money records as in the seed document (`amount`
 * a JSON number in yuan, detail money as decimal strings, `created` GMT+8 wall time).
 */
import { toShanghaiWallTime } from '../../domain/time.js';
import { yuanText } from '../simulator-random.js';
import { BareNumber } from '../simulator-wire-json.js';
import type { SimFlow, SimTrade } from './simulator-data.js';

/** Shortest yuan text of a fen amount, as a double prints: -440 → "-4.4", 1200 → "12". */
export function yuanShort(fen: number): string {
  return yuanText(fen).replace(/\.?0+$/, '');
}

export function tradeWire(t: SimTrade): Record<string, unknown> {
  return {
    sid: new BareNumber(t.sid),
    tid: t.tid,
    source: t.source,
    sysStatus: t.sysStatus,
    buyerNick: t.buyerNick,
    created: t.createdMs,
    modified: t.modifiedMs,
    ...(t.payTimeMs === null ? {} : { payTime: t.payTimeMs }),
    ...(t.consignTimeMs === null ? {} : { consignTime: t.consignTimeMs }),
    payment: yuanText(t.paymentFen),
    postFee: yuanText(t.postFeeFen),
    orders: t.orders.map((o) => ({
      oid: new BareNumber(o.oid),
      title: o.title,
      sysOuterId: o.sysOuterId,
      outerSkuId: o.sysOuterId,
      num: o.num,
      price: yuanShort(o.priceFen),
      payment: yuanText(o.paymentFen),
    })),
  };
}

export function moneyRecordWire(t: SimTrade, flow: SimFlow): Record<string, unknown> {
  const sourceOrderCode = t.tid.replace(/^[A-Z]+-/, '');
  return {
    amount: new BareNumber(yuanShort(flow.amountFen)),
    created: toShanghaiWallTime(flow.createdMs),
    detail: {
      acPayment: yuanText(t.acPaymentFen),
      payment: yuanText(t.paymentFen),
      postFee: yuanText(t.postFeeFen),
      orders: t.orders.map((o) => ({
        acPayment: yuanText(o.paymentFen),
        price: yuanShort(o.priceFen),
        sourceOrderCode,
        num: o.num,
        sysOuterId: o.sysOuterId,
        subSourceOrderCode: o.subSourceOrderCode,
        platformItemId: o.platformItemId,
        title: o.title,
      })),
      tid: t.tid,
    },
    flowType: flow.flowType,
  };
}
