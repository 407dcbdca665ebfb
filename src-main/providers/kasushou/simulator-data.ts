/**
 * Deterministic Kasushou dataset for the simulator: order i is a pure function of (seed, i) plus an
 * overlay of mutations, so any size up to 1,000,000 is served without materializing it. Orders are
 * created evenly over `spanDays` ending at the dataset's start clock; index 0 is the oldest.
 */
import { DAY_MS, toShanghaiWallTime } from '../../domain/time.js';
import { digits, pick, prng, randomInt, recordRandom, yuanText } from '../simulator-random.js';

export const MAX_DATASET_SIZE = 1_000_000;

export type GoodsKind = 'card' | 'recharge';

export interface SimGoods {
  readonly id: number;
  readonly name: string;
  readonly priceFen: number;
  readonly kind: GoodsKind;
  /** How this goods' card codes are shown (1 text, 2 QR, 3 barcode). */
  readonly showType: 1 | 2 | 3;
}

export const SIM_GOODS: readonly SimGoods[] = [
  { id: 1001, name: '腾讯视频VIP会员月卡', priceFen: 2500, kind: 'card', showType: 1 },
  { id: 1002, name: '爱奇艺黄金会员季卡', priceFen: 5800, kind: 'card', showType: 1 },
  { id: 1003, name: '京东E卡100元', priceFen: 9850, kind: 'card', showType: 3 },
  { id: 1004, name: '网易云音乐黑胶VIP年卡', priceFen: 13800, kind: 'card', showType: 1 },
  { id: 1005, name: '星巴克中杯咖啡兑换券', priceFen: 2790, kind: 'card', showType: 2 },
  { id: 1006, name: '美团外卖红包15元', priceFen: 1200, kind: 'card', showType: 2 },
  { id: 1007, name: '优酷VIP会员周卡', priceFen: 305, kind: 'card', showType: 1 },
  { id: 2001, name: '中国移动话费充值50元', priceFen: 4980, kind: 'recharge', showType: 1 },
  { id: 2002, name: '中国联通话费充值100元', priceFen: 9960, kind: 'recharge', showType: 1 },
  { id: 2003, name: '哔哩哔哩大会员年卡（直充）', priceFen: 14800, kind: 'recharge', showType: 1 },
  { id: 2004, name: '百度网盘超级会员SVIP月卡（直充）', priceFen: 3000, kind: 'recharge', showType: 1 },
];

export type SimStatus = -1 | 1 | 2 | 3 | 4 | 5;

export interface SimCard {
  readonly cardNo: string;
  readonly password: string;
  readonly showType: 1 | 2 | 3;
  /** Whether the JSON carries `card_show_type` (the newer doc drops it; only for type 1). */
  readonly showTypePresent: boolean;
  /** `end_time` as sent: wall time text, "" or absent (undefined). */
  readonly endTime: string | undefined;
  /** Ground truth of the expiry in epoch ms (null when "" or absent). */
  readonly expiresAt: number | null;
}

/** Ground truth of one order in its current (possibly mutated) state. */
export interface SimOrder {
  readonly index: number;
  readonly ordersn: string;
  /** Emit `ordersn` as a bare 24-digit JSON number (exercises lossless parsing). */
  readonly ordersnNumeric: boolean;
  readonly externalOrderno: string;
  readonly goods: SimGoods;
  readonly quantity: number;
  readonly totalFen: number;
  /** Emit `total_price` as a JSON number (only whole yuan, so no float ever appears). */
  readonly totalNumeric: boolean;
  readonly status: SimStatus;
  readonly hasBackMoneyFen: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly rechargeAccount: string | null;
  /** Card codes of a 卡密 order; only sent while status is 3. */
  readonly cards: readonly SimCard[];
}

interface Overlay {
  readonly status: SimStatus;
  readonly hasBackMoneyFen: number;
  readonly updatedAt: number;
  readonly generation: number;
}

export interface DatasetOptions {
  readonly seed: number;
  readonly count: number;
  /** Creation time of the newest order region's end (epoch ms, whole seconds). */
  readonly endMs: number;
  readonly spanDays: number;
}

function initialStatus(r: number): SimStatus {
  if (r < 0.03) return -1;
  if (r < 0.1) return 1;
  if (r < 0.18) return 2;
  if (r < 0.83) return 3;
  if (r < 0.9) return 4;
  return 5;
}

/** Refunds: mostly full, but about one in five reports "0.00" (a reconciliation case to flag later). */
function refundFen(rand: () => number, totalFen: number): number {
  return rand() < 0.2 ? 0 : totalFen;
}

function makeCards(seed: number, index: number, goods: SimGoods, quantity: number, createdAt: number): SimCard[] {
  const rand = recordRandom(seed ^ 0x5eed_ca7d, index);
  return Array.from({ length: quantity }, (_, n) => {
    const showType = goods.showType;
    const cardNo = showType === 1 && rand() < 0.85 ? `KS${digits(rand, 12)}` : '';
    const password =
      showType === 2 ? `https://img.kasushou.test/qr/${index}-${n}-${digits(rand, 8)}.png` : showType === 3 ? digits(rand, 18) : digits(rand, 16);
    const e = rand();
    const expiresAt = e < 0.4 ? createdAt + 365 * DAY_MS : null;
    const endTime = expiresAt !== null ? toShanghaiWallTime(expiresAt) : e < 0.6 ? '' : undefined;
    return { cardNo, password, showType, showTypePresent: showType !== 1 || rand() < 0.7, endTime, expiresAt };
  });
}

export class KasushouDataset {
  readonly seed: number;
  readonly count: number;
  readonly startMs: number;
  readonly endMs: number;
  private readonly overlay = new Map<number, Overlay>();
  private mutateCursor: number;

  constructor(options: DatasetOptions) {
    if (!Number.isSafeInteger(options.count) || options.count < 0 || options.count > MAX_DATASET_SIZE) {
      throw new RangeError(`dataset size must be 0..${MAX_DATASET_SIZE}`);
    }
    this.seed = options.seed >>> 0;
    this.count = options.count;
    this.endMs = Math.floor(options.endMs / 1000) * 1000;
    this.startMs = this.endMs - options.spanDays * DAY_MS;
    this.mutateCursor = options.count - 1;
  }

  createdAtOf(index: number): number {
    const spanSeconds = (this.endMs - this.startMs) / 1000;
    return this.startMs + Math.floor((index * spanSeconds) / Math.max(1, this.count)) * 1000;
  }

  /** Order numbers embed the index (7 digits after the 1007 prefix), so lookups need no table. */
  ordersnOf(index: number): string {
    const rand = recordRandom(this.seed ^ 0x0dd5, index);
    const numeric = index % 7 === 3;
    const tail = digits(rand, numeric ? 13 : 10);
    return `${numeric ? '' : 'D'}1007${String(index).padStart(7, '0')}${tail}`;
  }

  externalOf(index: number): string {
    return recordRandom(this.seed ^ 0xe7e7, index)() < 0.6 ? `EXT-${this.seed.toString(16)}-${index}` : '';
  }

  indexOfOrdersn(ordersn: string): number | null {
    const m = /^D?1007(\d{7})\d+$/.exec(ordersn);
    const index = m ? Number(m[1]) : -1;
    return index >= 0 && index < this.count && this.ordersnOf(index) === ordersn ? index : null;
  }

  indexOfExternal(externalNo: string): number | null {
    const m = /^EXT-[0-9a-f]+-(\d+)$/.exec(externalNo);
    const index = m ? Number(m[1]) : -1;
    return index >= 0 && index < this.count && this.externalOf(index) === externalNo ? index : null;
  }

  /** The current state of order `index` (base record plus any mutation). */
  order(index: number): SimOrder {
    const { rand, goods, quantity, totalFen, baseStatus } = this.core(index);
    const createdAt = this.createdAtOf(index);
    const baseRefund = baseStatus === 5 ? refundFen(rand, totalFen) : baseStatus === 4 ? totalFen : 0;
    const phone = `1${pick(rand, ['38', '39', '58', '86', '35'])}${digits(rand, 8)}`;
    const totalNumeric = totalFen % 100 === 0 && rand() < 0.5;
    const over = this.overlay.get(index);
    return {
      index,
      ordersn: this.ordersnOf(index),
      ordersnNumeric: index % 7 === 3,
      externalOrderno: this.externalOf(index),
      goods,
      quantity,
      totalFen,
      totalNumeric,
      status: over?.status ?? baseStatus,
      hasBackMoneyFen: over?.hasBackMoneyFen ?? baseRefund,
      createdAt,
      updatedAt: over?.updatedAt ?? createdAt + randomInt(rand, 5, 600) * 1000,
      rechargeAccount: goods.kind === 'recharge' ? phone : null,
      cards: goods.kind === 'card' ? makeCards(this.seed, index, goods, quantity, createdAt) : [],
    };
  }

  /** The cheap part of order i (goods, amount, base status); `rand` continues where it stopped. */
  private core(index: number): { rand: () => number; goods: SimGoods; quantity: number; totalFen: number; baseStatus: SimStatus } {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.count) throw new RangeError(`no order ${index}`);
    const rand = recordRandom(this.seed, index);
    const goods = pick(rand, SIM_GOODS);
    const quantity = goods.kind === 'card' && rand() < 0.15 ? randomInt(rand, 2, 3) : 1;
    return { rand, goods, quantity, totalFen: goods.priceFen * quantity, baseStatus: initialStatus(rand()) };
  }

  /** Current status without building the whole record (mutate scans many orders). */
  statusAt(index: number): SimStatus {
    return this.overlay.get(index)?.status ?? this.core(index).baseStatus;
  }

  /**
   * Moves up to `count` non-final orders (status 1 or 2) one step: 1 → 2, 2 → 3 (or → 5 refunded for
   * about one in six, sometimes with has_back_money "0.00"). Scans newest first, resuming where the
   * last call stopped. Returns the order numbers that changed.
   */
  mutate(count: number, nowMs: number): string[] {
    const changed: string[] = [];
    for (let inspected = 0; inspected < this.count && changed.length < count; inspected++) {
      const index = this.mutateCursor;
      this.mutateCursor = index === 0 ? this.count - 1 : index - 1;
      const before = this.statusAt(index);
      if (before !== 1 && before !== 2) continue;
      const current = this.order(index);
      const generation = (this.overlay.get(index)?.generation ?? 0) + 1;
      const rand = prng((this.seed ^ Math.imul(index + 1, 0x27d4eb2d) ^ generation) >>> 0);
      let status: SimStatus = current.status === 1 ? 2 : 3;
      let hasBackMoneyFen = 0;
      if (status === 3 && rand() < 1 / 6) {
        status = 5;
        hasBackMoneyFen = refundFen(rand, current.totalFen);
      }
      // update_time is sent as wall time in whole seconds, so the ground truth is kept in whole seconds too.
      const updatedAt = Math.max(Math.floor(nowMs / 1000) * 1000, current.updatedAt);
      this.overlay.set(index, { status, hasBackMoneyFen, updatedAt, generation });
      changed.push(current.ordersn);
    }
    return changed;
  }
}

const HINTS: Record<string, string> = {
  '-1': '站点余额不足,订单未支付',
  '1': '订单等待处理',
  '2': '订单正在处理中',
  '3': '订单处理完成/ok',
  '4': '订单已取消,资金已退回商城余额!',
  '5': '订单已退款,资金已退回商城余额!',
};

export function hintOf(status: SimStatus): string {
  return HINTS[String(status)] ?? '';
}

export { yuanText };
