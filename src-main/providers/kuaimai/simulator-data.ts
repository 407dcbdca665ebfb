/**
 * The Kuaimai simulator's dataset: trade i is a pure function of (seed, i), so 1 or 1,000,000 trades
 * cost nothing until a page asks for them. Times are spread over [startMs, startMs + spanMs) in index
 * order, which lets a time-window query find its candidates by arithmetic. Amounts are integer fen.
 * Mutations (modified time advanced, refunds appended) are kept as a small override map.
 */
import { DAY_MS } from '../../domain/time.js';
import { CHINESE_NAMES, CHINESE_TITLES, digits, pick, prng, randomInt, recordRandom } from '../simulator-random.js';

export type SimTimeType = 'created' | 'pay_time' | 'consign_time' | 'audit_time' | 'upd_time';

export interface DatasetOptions {
  readonly seed: number;
  readonly count: number;
  /** Epoch ms of the first trade's creation. */
  readonly startMs: number;
  /** Creation times spread over this many ms. */
  readonly spanMs: number;
}

/** 2024-03-01 00:00:00 in Shanghai. */
export const DEFAULT_START_MS = Date.UTC(2024, 1, 29, 16, 0, 0);
export const DEFAULT_DATASET: DatasetOptions = { seed: 1, count: 1000, startMs: DEFAULT_START_MS, spanMs: 30 * DAY_MS };

/** Upper bound of (any trade time − created) in the generated data, used to bound window candidates. */
export const MAX_TIME_LAG_MS = 3 * DAY_MS;

export const FLOW_PAYMENT = 1;
export const FLOW_REFUND = 2;

export interface SimSubOrder {
  readonly oid: string;
  readonly subSourceOrderCode: string;
  readonly title: string;
  readonly sysOuterId: string;
  readonly platformItemId: string;
  readonly num: number;
  readonly priceFen: number;
  /** Paid for this line after discount (子单实付). */
  readonly paymentFen: number;
}

export interface SimFlow {
  readonly flowType: 1 | 2;
  /** Signed fen: payments negative, refunds positive. */
  readonly amountFen: number;
  readonly createdMs: number;
  /** Indexes into the trade's orders that the flow covers. */
  readonly orderIndexes: readonly number[];
}

export interface SimTimes {
  readonly sysStatus: string;
  readonly createdMs: number;
  readonly payTimeMs: number | null;
  readonly auditTimeMs: number | null;
  readonly consignTimeMs: number | null;
  readonly modifiedMs: number;
}

export interface SimTrade extends SimTimes {
  readonly index: number;
  readonly sid: string;
  readonly tid: string;
  readonly source: string;
  readonly buyerNick: string;
  readonly orders: readonly SimSubOrder[];
  readonly postFeeFen: number;
  /** Sum of the lines (订单实付, without postage). */
  readonly acPaymentFen: number;
  /** acPayment + postFee (订单金额). */
  readonly paymentFen: number;
  readonly flows: readonly SimFlow[];
  /** > 0 when the payment flow debits less than the trade's payment: a reconciliation mismatch. */
  readonly flowShortfallFen: number;
}

const SOURCES = [
  { source: 'fxg', prefix: 'FXG' },
  { source: 'pdd', prefix: 'PDD' },
  { source: 'jd', prefix: 'JD' },
  { source: 'kuaishou', prefix: 'KS' },
] as const;

const PRICES_FEN = [1990, 4500, 10000, 1500, 5000, 199900, 3300, 1500, 600, 1290, 14800, 2990] as const;
const CATALOG = CHINESE_TITLES.map((title, k) => ({
  title,
  sysOuterId: `SBBPC-${String(k + 1).padStart(3, '0')}`,
  platformItemId: digits(prng(0x6b75 + k), 19),
  priceFen: PRICES_FEN[k % PRICES_FEN.length]!,
}));

// tid digits = (i * A + B) mod 10^10, a bijection because A is a unit mod 10^10 (A_INV is its inverse).
const TID_MOD = 10_000_000_000n;
const TID_A = 7_394_610_527n;
const TID_A_INV = 8_523_938_463n;
const TID_B = 1_461_914_536n;

const STATUS_CUTS: readonly (readonly [number, string])[] = [
  [0.03, 'WAIT_BUYER_PAY'],
  [0.08, 'WAIT_AUDIT'],
  [0.18, 'WAIT_SEND_GOODS'],
  [0.43, 'SELLER_SEND_GOODS'],
  [0.9, 'FINISHED'],
  [1, 'CLOSED'],
];

function seconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function tidDigits(index: number): string {
  return ((BigInt(index) * TID_A + TID_B) % TID_MOD).toString().padStart(10, '0');
}

/** The lightweight part of trade i (status and times), drawn first from the record's stream. */
function timesFrom(options: DatasetOptions, index: number, rand: () => number): SimTimes {
  const step = options.spanMs / options.count;
  const statusRoll = rand();
  const createdMs = seconds(options.startMs + (index + rand()) * step);
  const payDelay = randomInt(rand, 5, 1800) * 1000;
  const auditDelay = randomInt(rand, 60, 3600) * 1000;
  const consignDelay = randomInt(rand, 3600, 47 * 3600) * 1000;
  const modifyDelay = randomInt(rand, 0, 24 * 3600) * 1000;
  const sysStatus = STATUS_CUTS.find(([cut]) => statusRoll < cut)?.[1] ?? 'FINISHED';
  const paid = sysStatus !== 'WAIT_BUYER_PAY';
  const payTimeMs = paid ? createdMs + payDelay : null;
  const auditTimeMs = payTimeMs !== null && sysStatus !== 'WAIT_AUDIT' ? payTimeMs + auditDelay : null;
  const shipped = sysStatus === 'SELLER_SEND_GOODS' || sysStatus === 'FINISHED';
  const consignTimeMs = shipped && auditTimeMs !== null ? auditTimeMs + consignDelay : null;
  const modifiedMs = (consignTimeMs ?? auditTimeMs ?? payTimeMs ?? createdMs) + modifyDelay;
  return { sysStatus, createdMs, payTimeMs, auditTimeMs, consignTimeMs, modifiedMs };
}

function subOrdersFrom(index: number, rand: () => number): SimSubOrder[] {
  const lines = randomInt(rand, 1, 3);
  const orders: SimSubOrder[] = [];
  for (let k = 0; k < lines; k++) {
    const item = pick(rand, CATALOG);
    const num = randomInt(rand, 1, 3);
    const gross = item.priceFen * num;
    const discount = rand() < 0.3 ? randomInt(rand, 1, Math.min(500, Math.floor(gross / 10))) : 0;
    orders.push({
      oid: (5_000_000_000_000_000_000n + BigInt(index) * 4n + BigInt(k)).toString(),
      subSourceOrderCode: (6_900_000_000_000_000_000n + BigInt(index) * 4n + BigInt(k)).toString(),
      title: item.title,
      sysOuterId: item.sysOuterId,
      platformItemId: item.platformItemId,
      num,
      priceFen: item.priceFen,
      paymentFen: gross - discount,
    });
  }
  return orders;
}

function refundTime(times: SimTimes, fraction: number): number {
  const from = times.payTimeMs ?? times.createdMs;
  return seconds(from + (times.modifiedMs - from) * fraction);
}

/** Payment flow plus 0–2 refunds; all random draws happen unconditionally so streams stay stable. */
function flowsFrom(times: SimTimes, orders: readonly SimSubOrder[], paymentFen: number, rand: () => number): { flows: SimFlow[]; shortfall: number } {
  const mismatchRoll = rand();
  const shortfallDraw = randomInt(rand, 1, 300);
  const refundRoll = rand();
  const secondRefundRoll = rand();
  const when = rand();
  if (times.payTimeMs === null) return { flows: [], shortfall: 0 };
  const shortfall = mismatchRoll < 0.05 && paymentFen > 1 ? Math.min(shortfallDraw, paymentFen - 1) : 0;
  const debit = paymentFen - shortfall;
  const all = orders.map((_, k) => k);
  const flows: SimFlow[] = [{ flowType: FLOW_PAYMENT, amountFen: -debit, createdMs: times.payTimeMs, orderIndexes: all }];
  if (times.sysStatus === 'CLOSED') {
    flows.push({ flowType: FLOW_REFUND, amountFen: debit, createdMs: times.modifiedMs, orderIndexes: all });
  } else if (times.consignTimeMs !== null && refundRoll < 0.2) {
    flows.push({ flowType: FLOW_REFUND, amountFen: orders[0]!.paymentFen, createdMs: refundTime(times, 0.5 + when / 4), orderIndexes: [0] });
    if (orders.length > 1 && secondRefundRoll < 0.4) {
      flows.push({ flowType: FLOW_REFUND, amountFen: orders[1]!.paymentFen, createdMs: times.modifiedMs, orderIndexes: [1] });
    }
  }
  return { flows, shortfall };
}

/** Trade i of the dataset before any mutation. */
export function baseTrade(options: DatasetOptions, index: number): SimTrade {
  const rand = recordRandom(options.seed, index);
  const times = timesFrom(options, index, rand);
  const sid = (3_000_000_000_000_000_000n + BigInt(index) * 1_000_003n + BigInt(randomInt(rand, 0, 999_999))).toString();
  const { source, prefix } = pick(rand, SOURCES);
  const buyerNick = `${pick(rand, CHINESE_NAMES).slice(0, 1)}**${randomInt(rand, 10, 99)}`;
  const orders = subOrdersFrom(index, rand);
  const postFeeFen = rand() < 0.7 ? 0 : randomInt(rand, 5, 12) * 100;
  const acPaymentFen = orders.reduce((sum, o) => sum + o.paymentFen, 0);
  const paymentFen = acPaymentFen + postFeeFen;
  const { flows, shortfall } = flowsFrom(times, orders, paymentFen, rand);
  return { ...times, index, sid, tid: `${prefix}-${tidDigits(index)}`, source, buyerNick, orders, postFeeFen, acPaymentFen, paymentFen, flows, flowShortfallFen: shortfall };
}

export function baseTimes(options: DatasetOptions, index: number): SimTimes {
  return timesFrom(options, index, recordRandom(options.seed, index));
}

/** The index whose tid this is, or null (any prefix is checked against the generated tid). */
export function indexOfTid(options: DatasetOptions, tid: string): number | null {
  const match = /^[A-Z]+-(\d{10})$/.exec(tid);
  if (!match) return null;
  const n = BigInt(match[1]!);
  const index = Number((((n - TID_B) % TID_MOD) + TID_MOD) % TID_MOD * TID_A_INV % TID_MOD);
  if (index >= options.count) return null;
  return baseTrade(options, index).tid === tid ? index : null;
}

/** The value of trade time `timeType`, or null when the trade has not reached it. */
export function timeOf(times: SimTimes, timeType: SimTimeType): number | null {
  switch (timeType) {
    case 'created':
      return times.createdMs;
    case 'pay_time':
      return times.payTimeMs;
    case 'audit_time':
      return times.auditTimeMs;
    case 'consign_time':
      return times.consignTimeMs;
    case 'upd_time':
      return times.modifiedMs;
  }
}

/** Index range whose creation time may fall in [fromMs, toMs] (a superset, filtered by the caller). */
export function createdIndexRange(options: DatasetOptions, fromMs: number, toMs: number): { first: number; last: number } {
  const step = options.spanMs / options.count;
  const first = Math.max(0, Math.floor((fromMs - options.startMs) / step) - 1);
  const last = Math.min(options.count - 1, Math.ceil((toMs + 1000 - options.startMs) / step));
  return { first, last };
}
