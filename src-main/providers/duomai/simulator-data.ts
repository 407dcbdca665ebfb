/**
 * Deterministic Duomai records for the simulator: order i is a pure function of (seed, i), so a
 * dataset of 1 or 1,000,000 orders costs nothing until a page is asked for. Order times are spread
 * evenly (monotonic in i) over a period so a time window maps to an index range by binary search.
 */
import type { Currency } from '../../domain/money.js';
import { formatScaled } from '../../domain/money.js';
import { CHINESE_TITLES, digits, pick, randomInt, recordRandom, yuanText } from '../simulator-random.js';
import { BareNumber } from '../simulator-wire-json.js';

export interface DuomaiDatasetConfig {
  readonly seed: number;
  /** 1..1,000,000 orders. */
  readonly count: number;
  /** Order times are spread over [startSec, startSec + periodSec). */
  readonly startSec: number;
  readonly periodSec: number;
  /** A base order's update time is at most this long after its order time. */
  readonly maxLagSec: number;
  readonly siteId: string;
}

export interface DuomaiAds {
  readonly id: string;
  readonly name: string;
  readonly currency: Currency;
  /** Commission rate in basis points. */
  readonly rateBp: number;
  readonly snLength: number;
  readonly hasParent: boolean;
}

export const DUOMAI_ADS: readonly DuomaiAds[] = [
  { id: '12731', name: '京东联盟', currency: 'CNY', rateBp: 350, snLength: 19, hasParent: false },
  { id: '12688', name: '天猫商城', currency: 'CNY', rateBp: 500, snLength: 24, hasParent: true },
  { id: '13020', name: '唯品会', currency: 'CNY', rateBp: 600, snLength: 24, hasParent: false },
  { id: '11873', name: '苏宁易购', currency: 'CNY', rateBp: 250, snLength: 19, hasParent: false },
  { id: '15201', name: '亚马逊海外购', currency: 'USD', rateBp: 400, snLength: 24, hasParent: false },
  { id: '15566', name: '速卖通 AliExpress', currency: 'USD', rateBp: 800, snLength: 19, hasParent: false },
];

const EUIDS = ['u1001', 'u1002', 'wx_888', '张伟', '李娜', '', 'app-ios'] as const;
const CATES = [
  ['1001', '数码'],
  ['1002', '虚拟卡券'],
  ['1003', '食品饮料'],
] as const;

export type DuomaiStatus = -1 | 0 | 1 | 2;

export interface DuomaiItem {
  readonly goodsId: string;
  readonly name: string;
  readonly cate: readonly [string, string];
  readonly priceFen: number;
  readonly qty: number;
  readonly amountFen: number;
  readonly commissionFen: number;
}

/** One settlement revision; amounts are scale-4 integers, null price = a commission-only revision. */
export interface DuomaiRevision {
  readonly modifyAtSec: number;
  readonly priceOld: number | null;
  readonly priceNew: number | null;
  readonly commissionOld: number;
  readonly commissionNew: number;
}

/** The mutable part of an order (what `mutate` changes). */
export interface DuomaiOrderState {
  readonly status: DuomaiStatus;
  readonly updateTimeSec: number;
  /** Scale-4; null until confirmed. */
  readonly confirmPrice: number | null;
  readonly confirmCommission: number | null;
  readonly chargeTimeSec: number | null;
  readonly revisions: readonly DuomaiRevision[];
}

export interface DuomaiOrderCore extends DuomaiOrderState {
  readonly index: number;
  readonly id: number;
  readonly orderSn: string;
  /** Emitted as a bare JSON number (too big for a double), as some gateways do. */
  readonly bareNumber: boolean;
  readonly parentOrderSn: string | null;
  readonly orderTimeSec: number;
  readonly ads: DuomaiAds;
  readonly euid: string;
  readonly linkId: string;
  readonly items: readonly DuomaiItem[];
  readonly priceFen: number;
  readonly commissionFen: number;
}

/** Order time of order i: monotonic non-decreasing in i. */
export function orderTimeSec(cfg: DuomaiDatasetConfig, index: number): number {
  return cfg.startSec + Math.floor((index * cfg.periodSec) / cfg.count);
}

/** First index whose order time is ≥ t (cfg.count when none). */
export function firstIndexAtOrAfter(cfg: DuomaiDatasetConfig, t: number): number {
  let lo = 0;
  let hi = cfg.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (orderTimeSec(cfg, mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function makeItems(rand: () => number, ads: DuomaiAds): DuomaiItem[] {
  const n = randomInt(rand, 1, 3);
  const items: DuomaiItem[] = [];
  for (let k = 0; k < n; k++) {
    const priceFen = ads.currency === 'USD' ? randomInt(rand, 199, 19_999) : randomInt(rand, 590, 99_900);
    const qty = randomInt(rand, 1, 3);
    const amountFen = priceFen * qty;
    items.push({
      goodsId: digits(rand, 10),
      name: pick(rand, CHINESE_TITLES),
      cate: pick(rand, CATES),
      priceFen,
      qty,
      amountFen,
      commissionFen: Math.floor((amountFen * ads.rateBp + 5000) / 10_000),
    });
  }
  return items;
}

function pickStatus(rand: () => number): DuomaiStatus {
  const r = rand();
  return r < 0.08 ? -1 : r < 0.28 ? 0 : r < 0.5 ? 1 : 2;
}

/** A commission (and sometimes price) change of `delta` scale-4 units, never below zero. */
export function nextRevision(
  rand: () => number,
  modifyAtSec: number,
  price: number,
  commission: number,
): DuomaiRevision {
  const up = rand() < 0.4;
  const step = randomInt(rand, 1, Math.max(1, Math.floor(commission / 3)));
  const commissionNew = up ? commission + step : Math.max(0, commission - step);
  if (rand() < 0.4) return { modifyAtSec, priceOld: null, priceNew: null, commissionOld: commission, commissionNew };
  const priceStep = randomInt(rand, 1, Math.max(1, Math.floor(price / 5)));
  const priceNew = up ? price + priceStep : Math.max(0, price - priceStep);
  return { modifyAtSec, priceOld: price, priceNew, commissionOld: commission, commissionNew };
}

function baseState(rand: () => number, orderTime: number, cfg: DuomaiDatasetConfig, priceFen: number, commissionFen: number): DuomaiOrderState {
  const status = pickStatus(rand);
  const lag = randomInt(rand, 0, cfg.maxLagSec);
  const updateTimeSec = orderTime + lag;
  if (status === 0) return { status, updateTimeSec, confirmPrice: null, confirmCommission: null, chargeTimeSec: null, revisions: [] };
  if (status === -1) return { status, updateTimeSec, confirmPrice: 0, confirmCommission: 0, chargeTimeSec: null, revisions: [] };
  let price = priceFen * 100;
  let commission = commissionFen * 100;
  const revisions: DuomaiRevision[] = [];
  const n = rand() < 0.25 ? randomInt(rand, 1, 2) : 0;
  for (let k = 0; k < n; k++) {
    const rev = nextRevision(rand, orderTime + Math.floor((lag * (k + 1)) / (n + 1)), price, commission);
    revisions.push(rev);
    price = rev.priceNew ?? price;
    commission = rev.commissionNew;
  }
  return { status, updateTimeSec, confirmPrice: price, confirmCommission: commission, chargeTimeSec: status === 2 ? updateTimeSec : null, revisions };
}

/** Order i as first generated (before any mutation). */
export function baseOrder(cfg: DuomaiDatasetConfig, index: number): DuomaiOrderCore {
  const rand = recordRandom(cfg.seed, index);
  const ads = pick(rand, DUOMAI_ADS);
  const time = orderTimeSec(cfg, index);
  // Prefix digit + 7-digit index keeps order numbers unique; the tail is random.
  const head = `${randomInt(rand, 1, 9)}${String(index).padStart(7, '0')}`;
  const orderSn = head + digits(rand, ads.snLength - head.length);
  const items = makeItems(rand, ads);
  const priceFen = items.reduce((s, it) => s + it.amountFen, 0);
  const commissionFen = items.reduce((s, it) => s + it.commissionFen, 0);
  return {
    index,
    id: 80_000_000 + index,
    orderSn,
    bareNumber: index % 4 === 1,
    parentOrderSn: ads.hasParent ? `${orderSn.slice(0, -3)}000` : null,
    orderTimeSec: time,
    ads,
    euid: pick(rand, EUIDS),
    linkId: String(randomInt(rand, 100_000, 999_999)),
    items,
    priceFen,
    commissionFen,
    ...baseState(rand, time, cfg, priceFen, commissionFen),
  };
}

const SHANGHAI_OFFSET_SEC = 8 * 3600;
/**
 * Unix seconds → Shanghai wall time. Shanghai has been UTC+8 without DST since 1992, so for simulated
 * data a fixed offset gives the same text as domain/time.ts at a fraction of the cost (pages of 1M-row
 * datasets format thousands of these).
 */
export function simWallTime(sec: number): string {
  return new Date((sec + SHANGHAI_OFFSET_SEC) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
const wall = simWallTime;
const dec4 = (scaled: number | null): string | null => (scaled === null ? null : formatScaled(scaled, 4));

/** The order as `cps-mesh.open.orders.query.get` returns it (values as the gateway types them). */
export function orderWireRow(core: DuomaiOrderCore, siteId: string): Record<string, unknown> {
  const sn = core.bareNumber ? new BareNumber(core.orderSn) : core.orderSn;
  return {
    id: core.id,
    ads_id: core.ads.id,
    ads_name: core.ads.name,
    site_id: siteId,
    link_id: core.linkId,
    euid: core.euid,
    order_sn: sn,
    parent_order_sn: core.parentOrderSn ?? '',
    order_time: wall(core.orderTimeSec),
    orders_price: yuanText(core.priceFen),
    siter_commission: yuanText(core.commissionFen),
    currency: core.ads.currency,
    status: String(core.status),
    confirm_price: dec4(core.confirmPrice),
    confirm_siter_commission: dec4(core.confirmCommission),
    charge_currency: core.ads.currency,
    charge_time: core.chargeTimeSec === null ? '0000-00-00 00:00:00' : wall(core.chargeTimeSec),
    details: core.items.map((it) => ({
      goods_cate: it.cate[0],
      goods_cate_name: it.cate[1],
      goods_id: it.goodsId,
      goods_name: it.name,
      goods_price: yuanText(it.priceFen),
      goods_ta: String(it.qty),
      orders_price: yuanText(it.amountFen),
      order_status: core.status === -1 ? '已取消' : core.status === 0 ? '已付款' : '已完成',
      order_commission: yuanText(it.commissionFen),
      order_sn: core.orderSn,
      parent_order_sn: core.parentOrderSn ?? '',
      goods_img: `https://img.duomai.test/goods/${it.goodsId}.jpg`,
    })),
  };
}

/** One revision as `cps-mesh.open.orders.settlement.get` returns it: decimal(16,4) strings or null. */
export function settlementWireRow(core: DuomaiOrderCore, rev: DuomaiRevision): Record<string, unknown> {
  const priceDelta = rev.priceOld === null || rev.priceNew === null ? null : rev.priceNew - rev.priceOld;
  return {
    order_sn: core.orderSn,
    order_time: wall(core.orderTimeSec),
    euid: core.euid,
    confirm_price_old: dec4(rev.priceOld),
    modify_price: dec4(priceDelta),
    confirm_price: dec4(rev.priceNew),
    confirm_siter_commission_old: dec4(rev.commissionOld),
    modify_siter_commission: dec4(rev.commissionNew - rev.commissionOld),
    confirm_siter_commission: dec4(rev.commissionNew),
    modify_at: wall(rev.modifyAtSec),
    ads_id: core.ads.id,
    ads_name: core.ads.name,
    charge_currency: core.ads.currency,
  };
}
