/**
 * Deterministic data for simulators: record i of a dataset is a pure function of (seed, i), so a
 * simulator can serve 1 or 1,000,000 orders without holding them, and tests can compute ground truth.
 */

/** mulberry32: tiny, fast, good enough for test data (not for secrets). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for record `index` of dataset `seed`. */
export function recordRandom(seed: number, index: number): () => number {
  return prng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

export function randomInt(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** A digit string of `length` digits with no leading zero (24-digit order numbers and the like). */
export function digits(rand: () => number, length: number): string {
  let out = String(randomInt(rand, 1, 9));
  while (out.length < length) out += String(randomInt(rand, 0, 9));
  return out;
}

export const CHINESE_TITLES = [
  '腾讯视频VIP会员月卡',
  '爱奇艺黄金会员季卡',
  '京东E卡100元',
  '网易云音乐黑胶VIP年卡',
  '中国移动话费充值50元',
  '索尼 WH-1000XM4 无线降噪耳机',
  '星巴克中杯咖啡兑换券',
  '美团外卖红包15元',
  '优酷VIP会员周卡',
  '喜马拉雅巅峰会员',
  '哔哩哔哩大会员年卡',
  '百度网盘超级会员SVIP',
] as const;

export const CHINESE_NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞'] as const;

/** Scale-2 yuan text ("12.90") from an integer number of fen; simulators emit money as text, like the gateways. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
