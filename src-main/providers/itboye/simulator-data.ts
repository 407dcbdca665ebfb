/**
 * The itboye simulator's deterministic dataset: users with upline chains and orders where order i is a
 * pure function of (seed, i), so 1 or 1,000,000 orders cost nothing until one user's list is asked for.
 * Mutations (wait → success/fail, new orders) are kept as small overlays.
 */
import { CHINESE_TITLES, pick, randomInt, recordRandom } from '../simulator-random.js';

export type SimOrderStatus = 'success' | 'fail' | 'wait';
export type SimQueryStatus = SimOrderStatus | 'all';

export const MAX_SIM_ORDERS = 1_000_000;
/** 2020-12-01T00:00:00Z; order i is created about i minutes later. */
const BASE_CREATE_TIME = 1_606_780_800;
const USERNAME_PREFIXES = ['dachui', 'dbh', 'yaonana', 'xiaomei', 'lilei', 'hanmeimei', 'zhangsan', 'wangfang'] as const;
const PRICES_FEN = [50000, 60000, 9900, 19900, 3999, 12345, 128800, 29900] as const;
/** Percent of the price paid to the worker; uplines get 16/10/4 % of that (seed: 1000 → 160/100/40). */
const COMMISSION_PERCENT = [2, 1, 5] as const;
const UPLINE_PERCENT = [16, 10, 4] as const;

export interface ItboyeDatasetOptions {
  readonly seed?: number;
  /** Number of worker accounts the orders are spread over (default 6). */
  readonly userCount?: number;
  /** Initial number of orders over all users, 0..1,000,000 (default 60). */
  readonly orderCount?: number;
}

export interface SimUser {
  readonly index: number;
  readonly id: string;
  readonly username: string;
  /** parent_user, pp_user, ppp_user ids; "0" where there is none. */
  readonly upline: readonly [string, string, string];
}

/** One simulated order: its JSON record exactly as served (key order included) and its status. */
export interface SimOrder {
  readonly index: number;
  readonly status: SimOrderStatus;
  readonly user: SimUser;
  readonly record: Readonly<Record<string, string | number>>;
}

export interface MutationResult {
  readonly moved: number;
  readonly added: number;
}

export interface ItboyeDataset {
  readonly seed: number;
  readonly users: readonly SimUser[];
  /** Current number of orders (initial + added by mutations). */
  size(): number;
  order(index: number): SimOrder;
  userByName(username: string): SimUser | undefined;
  /** The list the gateway returns for this user and status: newest (highest id) first. */
  ordersOf(username: string, status: SimQueryStatus): SimOrder[];
  /** Moves up to `count` waiting orders to success/fail (oldest first) and appends `count` new waiting orders. */
  mutate(count: number): MutationResult;
}

function makeUser(seed: number, index: number): SimUser {
  const rand = recordRandom(seed ^ 0x5eed, index);
  const prefix = USERNAME_PREFIXES[index % USERNAME_PREFIXES.length]!;
  const id = String(100 + index * 3 + randomInt(rand, 0, 2));
  const ids = [String(randomInt(rand, 2, 99)), String(randomInt(rand, 2, 99)), String(randomInt(rand, 2, 99))] as const;
  // Cycle through chain depths so every small dataset has full chains and users without any upline.
  const depth = [3, 3, 0, 1, 2][index % 5]!;
  const upline = [depth > 0 ? ids[0] : '0', depth > 1 ? ids[1] : '0', depth > 2 ? ids[2] : '0'] as const;
  return { index, id, username: `${prefix}${index}`, upline };
}

function utcStamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function baseStatus(rand: () => number): SimOrderStatus {
  const r = rand();
  return r < 0.55 ? 'success' : r < 0.75 ? 'fail' : 'wait';
}

function makeRecord(seed: number, index: number, user: SimUser): { record: Record<string, string | number>; status: SimOrderStatus } {
  const rand = recordRandom(seed, index);
  const status = baseStatus(rand);
  const createTime = BASE_CREATE_TIME + index * 60 + randomInt(rand, 0, 59);
  const price = pick(rand, PRICES_FEN);
  const commission = Math.floor((price * pick(rand, COMMISSION_PERCENT)) / 100);
  const itemId = randomInt(rand, 1, CHINESE_TITLES.length);
  const uplineCommission = user.upline.map((id, level) => (id === '0' ? 0 : Math.floor((commission * UPLINE_PERCENT[level]!) / 100)));
  const orderNo = `${utcStamp(createTime)}0${pick(rand, ['N', 'K', 'M'])}${randomInt(rand, 1000, 9999)}${randomInt(rand, 0, 0xffffff).toString(16).toUpperCase().padStart(6, '0')}`;
  const entries: [string, string | number][] = [
    ['id', index + 1],
    ['order_no', orderNo],
    ['username', user.username],
    ['user_level', randomInt(rand, 1, 5)],
    ['commission_amount', commission],
    ['parent_user', user.upline[0]],
    ['pp_user', user.upline[1]],
    ['ppp_user', user.upline[2]],
    ['p_user_commission', uplineCommission[0]!],
    ['pp_user_commission', uplineCommission[1]!],
    ['ppp_user_commission', uplineCommission[2]!],
    ['price', String(price)],
    ['item_id', itemId],
    ['item_title', CHINESE_TITLES[itemId - 1]!],
    ['create_time', String(createTime)],
  ];
  // Like the seed, records do not share one key order.
  const ordered = rand() < 0.5 ? entries : shuffled(rand, entries);
  return { record: Object.fromEntries(ordered), status };
}

/** Builds the lazy dataset; nothing per order is held until it is mutated. */
export function createItboyeDataset(options: ItboyeDatasetOptions = {}): ItboyeDataset {
  const seed = options.seed ?? 2020;
  const userCount = options.userCount ?? 6;
  const initial = options.orderCount ?? 60;
  if (!Number.isInteger(userCount) || userCount < 1) throw new RangeError('userCount must be a positive integer');
  if (!Number.isInteger(initial) || initial < 0 || initial > MAX_SIM_ORDERS) {
    throw new RangeError(`orderCount must be 0..${MAX_SIM_ORDERS}`);
  }
  const users = Array.from({ length: userCount }, (_, i) => makeUser(seed, i));
  const byName = new Map(users.map((u) => [u.username, u]));
  const overrides = new Map<number, SimOrderStatus>();
  let added = 0;
  let waitCursor = 0;

  const size = (): number => initial + added;
  const order = (index: number): SimOrder => {
    if (!Number.isInteger(index) || index < 0 || index >= size()) throw new RangeError(`no order ${index}`);
    const user = users[index % userCount]!;
    const { record, status } = makeRecord(seed, index, user);
    const base = index >= initial ? 'wait' : status;
    return { index, user, record, status: overrides.get(index) ?? base };
  };

  function ordersOf(username: string, status: SimQueryStatus): SimOrder[] {
    const user = byName.get(username);
    if (!user) return [];
    const out: SimOrder[] = [];
    const last = size() - 1;
    for (let i = last - ((last - user.index + userCount) % userCount); i >= 0; i -= userCount) {
      const o = order(i);
      if (status === 'all' || o.status === status) out.push(o);
    }
    return out;
  }

  function mutate(count: number): MutationResult {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    let moved = 0;
    while (moved < count && waitCursor < size()) {
      const o = order(waitCursor);
      if (o.status === 'wait') {
        overrides.set(waitCursor, recordRandom(seed ^ 0xa11, waitCursor)() < 0.8 ? 'success' : 'fail');
        moved++;
      }
      waitCursor++;
    }
    const room = Math.max(0, MAX_SIM_ORDERS - size());
    const adding = Math.min(count, room);
    added += adding;
    return { moved, added: adding };
  }

  return { seed, users, size, order, userByName: (name) => byName.get(name), ordersOf, mutate };
}
