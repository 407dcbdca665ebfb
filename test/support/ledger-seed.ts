/**
 * Deterministic ledger data for query tests and the query benchmark: order i (and its cards,
 * commissions, settlement revisions and money flows) is a pure function of (seed, i), written through
 * the real RecordStore.commitPage so every row, FTS entry and history row is what sync would write.
 *
 * Distribution knobs the tests and the bench rely on:
 * - exactly the orders with i % 6 === 0 have a title containing COMMON_TERM ("话费充值") or SHORT_TERM;
 * - orders with i % RARE_EVERY === 7 have a title containing RARE_TERM;
 * - about 1% of totals are null, about 2% of orders are in USD; created_at spreads over `spanDays`
 *   roughly in index order with a few days of jitter (sync does not insert in time order).
 */
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from '../../src-main/db/connection.js';
import { migrate } from '../../src-main/db/migrate.js';
import { money, type Currency } from '../../src-main/domain/money.js';
import type {
  CardCodeRecord,
  CommissionRecord,
  CommissionStatus,
  MoneyFlowRecord,
  OrderRecord,
  OrderStatus,
  ProviderSlug,
  RecordBatch,
  SettlementChangeRecord,
} from '../../src-main/domain/models.js';
import { recordRandom, randomInt, pick, digits } from '../../src-main/providers/simulator-random.js';
import { RecordStore } from '../../src-main/sync/record-store.js';

export const COMMON_TERM = '话费充值';
/** Two characters: below the trigram length, answered by a row-by-row substring check. */
export const SHORT_TERM = '话费';
export const RARE_TERM = '故宫文创';
export const RARE_EVERY = 10_007;
const DAY = 86_400_000;

export interface SeedAccount {
  readonly id: number;
  readonly provider: ProviderSlug;
  readonly name: string;
}

export const DEFAULT_SEED_ACCOUNTS: readonly { provider: ProviderSlug; name: string }[] = [
  { provider: 'kasushou', name: '卡速售-主店' },
  { provider: 'kuaimai', name: '快麦-分销' },
  { provider: 'duomai', name: '多麦-A' },
  { provider: 'duomai', name: '多麦-B' },
  { provider: 'unionhome', name: '联盟之都' },
  { provider: 'itboye', name: '博也-工作室' },
];

export interface SeedOptions {
  readonly seed?: number;
  /** Start of the period the orders are spread over (epoch ms). */
  readonly startMs?: number;
  readonly spanDays?: number;
  /** Total number of orders of the dataset (spreads created_at). */
  readonly count: number;
}

const COMMON_TITLES = ['中国移动话费充值50元', '中国联通话费充值100元（快充）', '中国电信话费充值30元', '话费充值200元（72小时到账）'];
const OTHER_TITLES = [
  '腾讯视频VIP会员月卡',
  '爱奇艺黄金会员季卡',
  '京东E卡100元',
  '网易云音乐黑胶VIP年卡',
  '索尼 WH-1000XM4 无线降噪耳机',
  '星巴克中杯咖啡兑换券',
  '美团外卖红包15元',
  '优酷VIP会员周卡',
  '喜马拉雅巅峰会员',
  '哔哩哔哩大会员年卡',
  '百度网盘超级会员SVIP',
  '肯德基早餐兑换码',
  'Apple Store 充值卡 200元',
  '中石化加油卡500元',
];
const BENEFICIARIES = ['张伟', '王芳', 'site-8801', 'worker_li', 'worker_zhao'];

const STATUS_WEIGHTS: readonly [OrderStatus, number][] = [
  ['completed', 70],
  ['pending', 5],
  ['processing', 5],
  ['cancelled', 8],
  ['refunded', 6],
  ['failed', 3],
  ['unknown', 3],
];
const STATUS_RAW: Record<OrderStatus, string> = {
  completed: '3',
  pending: '0',
  processing: '1',
  cancelled: '4',
  refunded: '5',
  failed: '6',
  unknown: '99',
};
const COMMISSION_STATUSES: readonly CommissionStatus[] = ['estimated', 'pending', 'confirmed', 'settled', 'invalid'];

function weighted(rand: () => number): OrderStatus {
  let r = rand() * 100;
  for (const [status, w] of STATUS_WEIGHTS) {
    if (r < w) return status;
    r -= w;
  }
  return 'completed';
}

function orderNoFor(provider: ProviderSlug, i: number, rand: () => number): string {
  const serial = String(i).padStart(8, '0');
  switch (provider) {
    case 'duomai':
      return `2024${digits(rand, 12)}${serial}`;
    case 'kasushou':
      return `KS${digits(rand, 8)}${serial}`;
    case 'kuaimai':
      return `${digits(rand, 10)}${serial}`;
    case 'unionhome':
      return `U${serial}`;
    case 'itboye':
      return `IB-${digits(rand, 6)}-${serial}`;
  }
}

/** Which account order i belongs to (skewed: the first accounts hold more orders). */
export function accountIndexOf(i: number, accounts: number, seed = 1): number {
  const r = recordRandom(seed ^ 0x5bd1e995, i)();
  return Math.min(accounts - 1, Math.floor(r * r * accounts * 1.3));
}

export interface SeededOrder {
  readonly accountIndex: number;
  readonly record: OrderRecord;
  readonly batch: RecordBatch;
}

function titleOf(i: number, rand: () => number): string {
  if (i % 6 === 0) return pick(rand, COMMON_TITLES);
  const base = pick(rand, OTHER_TITLES);
  return i % RARE_EVERY === 7 ? `${RARE_TERM}·${base}` : base;
}

/** Order i with the facts that hang off it, as one provider page would carry them. */
export function seededOrder(i: number, accounts: readonly SeedAccount[], options: SeedOptions): SeededOrder {
  const seed = options.seed ?? 1;
  const rand = recordRandom(seed, i);
  const accountIndex = accountIndexOf(i, accounts.length, seed);
  const account = accounts[accountIndex]!;
  const start = options.startMs ?? Date.UTC(2023, 0, 1);
  const span = (options.spanDays ?? 730) * DAY;
  const createdAt = Math.max(0, start + Math.floor((i / Math.max(1, options.count)) * span) + randomInt(rand, -3 * DAY, 3 * DAY));
  const currency: Currency = rand() < 0.02 ? 'USD' : 'CNY';
  const status = weighted(rand);
  // Amounts at scale 4: mostly whole fen, some with 4 decimals (Duomai decimal(16,4)).
  const totalScaled = account.provider === 'duomai' ? randomInt(rand, 1_0000, 2000_0000) : randomInt(rand, 100, 200_000) * 100;
  const total = rand() < 0.01 ? null : money(totalScaled, currency);
  const orderNo = orderNoFor(account.provider, i, rand);
  const title = titleOf(i, rand);
  const updatedAt = rand() < 0.05 ? null : createdAt + randomInt(rand, 0, 10 * DAY);
  const record: OrderRecord = {
    orderNo,
    externalOrderNo: account.provider === 'unionhome' ? String(100_000 + i) : null,
    status,
    statusRaw: STATUS_RAW[status],
    title,
    buyer: pick(rand, BENEFICIARIES),
    total,
    paid: total,
    refunded: status === 'refunded' ? total : null,
    commission: account.provider === 'duomai' && total ? money(Math.floor(total.scaled / 10), currency) : null,
    createdAt,
    updatedAt,
    paidAt: status === 'pending' ? null : createdAt + 60_000,
    items: [
      {
        itemKey: '1',
        title,
        sku: `SKU-${i % 97}`,
        quantity: 1,
        unitPrice: total,
        amount: total,
        raw: JSON.stringify({ goods_name: title, num: 1 }),
      },
    ],
    raw: JSON.stringify({ order_sn: orderNo, goods_name: title, status: STATUS_RAW[status], amount: total?.scaled ?? null, seed_index: i }),
  };
  return { accountIndex, record, batch: factsOf(i, account.provider, record, rand) };
}

function factsOf(i: number, provider: ProviderSlug, order: OrderRecord, rand: () => number): RecordBatch {
  const cards: CardCodeRecord[] = [];
  const commissions: CommissionRecord[] = [];
  const settlements: SettlementChangeRecord[] = [];
  const flows: MoneyFlowRecord[] = [];
  const currency = order.total?.currency ?? 'CNY';
  if (provider === 'kasushou' || provider === 'kuaimai') {
    cards.push({
      orderNo: order.orderNo,
      cardKey: `C${i}`,
      cardNo: `CARD${String(i).padStart(10, '0')}`,
      password: `pw-${i}-${digits(rand, 6)}`,
      showType: i % 5 === 0 ? 2 : 1,
      expiresAt: rand() < 0.2 ? null : (order.createdAt ?? 0) + randomInt(rand, 30, 400) * DAY,
    });
  }
  if (provider === 'itboye' || provider === 'duomai') {
    const levels = randomInt(rand, 1, 4);
    for (let level = 0; level < levels; level++) {
      commissions.push({
        orderNo: order.orderNo,
        beneficiary: BENEFICIARIES[(i + level) % BENEFICIARIES.length]!,
        level: level as 0 | 1 | 2 | 3,
        amount: money(randomInt(rand, 1, 50_000) * (level === 0 ? 3 : 1), currency),
        status: pick(rand, COMMISSION_STATUSES),
        statusRaw: String(level),
        earnedAt: order.createdAt,
      });
    }
  }
  if (provider === 'duomai' && i % 4 === 0) {
    const oldPrice = order.total?.scaled ?? 0;
    const delta = -randomInt(rand, 0, Math.floor(oldPrice / 2));
    settlements.push({
      changeKey: `chg-${i}`,
      orderNo: order.orderNo,
      orderTime: order.createdAt,
      modifiedAt: (order.createdAt ?? 0) + 5 * DAY,
      priceOld: money(oldPrice, currency),
      priceDelta: money(delta, currency),
      priceNew: money(oldPrice + delta, currency),
      commissionOld: money(Math.floor(oldPrice / 10), currency),
      commissionDelta: money(Math.trunc(delta / 10), currency),
      commissionNew: money(Math.floor(oldPrice / 10) + Math.trunc(delta / 10), currency),
      adsId: String(1000 + (i % 13)),
      adsName: `活动${i % 13}`,
      euid: `euid-${i % 7}`,
      currency,
      raw: JSON.stringify({ order_sn: order.orderNo, change: i }),
    });
  }
  if (provider === 'kuaimai') {
    const amount = order.total ? money(-order.total.scaled, currency) : money(0, currency);
    flows.push({
      flowKey: `flow-${i}-1`,
      tid: order.orderNo,
      flowType: 1,
      amount,
      createdAt: order.createdAt,
      payment: order.total,
      paid: order.total,
      postFee: money(0, currency),
      items: order.items,
      raw: JSON.stringify({ tid: order.orderNo, type: 1 }),
    });
  }
  return { orders: [order], cards, commissions, settlements, flows };
}

/** Creates the seed accounts directly in the accounts table (no provider validation needed for reads). */
export function insertSeedAccounts(db: Db, specs = DEFAULT_SEED_ACCOUNTS, now = Date.UTC(2025, 0, 1)): SeedAccount[] {
  const insert = db.prepare(
    "INSERT INTO accounts (provider, name, base_url, settings_json, secret_hints_json, created_at, updated_at) VALUES (?, ?, 'https://example.invalid', '{}', '{}', ?, ?)",
  );
  return specs.map((s) => ({ id: Number(insert.run(s.provider, s.name, now, now).lastInsertRowid), provider: s.provider, name: s.name }));
}

/**
 * Writes orders [from, to) through RecordStore.commitPage, one page per account and `pageSize` chunk,
 * exactly as sync would. Returns the generated records so tests can compute ground truth.
 */
export function seedOrders(store: RecordStore, accounts: readonly SeedAccount[], options: SeedOptions & { from?: number; to?: number; pageSize?: number; keep?: boolean }): SeededOrder[] {
  const from = options.from ?? 0;
  const to = options.to ?? options.count;
  const pageSize = options.pageSize ?? 1000;
  const kept: SeededOrder[] = [];
  for (let chunk = from; chunk < to; chunk += pageSize) {
    const perAccount = new Map<number, SeededOrder[]>();
    for (let i = chunk; i < Math.min(to, chunk + pageSize); i++) {
      const s = seededOrder(i, accounts, options);
      const list = perAccount.get(s.accountIndex) ?? [];
      list.push(s);
      perAccount.set(s.accountIndex, list);
      if (options.keep !== false) kept.push(s);
    }
    for (const [index, list] of perAccount) {
      const account = accounts[index]!;
      const batch: RecordBatch = {
        orders: list.flatMap((s) => s.batch.orders),
        cards: list.flatMap((s) => s.batch.cards),
        commissions: list.flatMap((s) => s.batch.commissions),
        settlements: list.flatMap((s) => s.batch.settlements),
        flows: list.flatMap((s) => s.batch.flows),
      };
      store.commitPage({ accountId: account.id, provider: account.provider, runId: null, counters: { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 } }, batch, undefined, Date.UTC(2025, 0, 1));
    }
  }
  return kept;
}

/** A migrated in-memory ledger with a RecordStore whose "encryption" is reversible test text. */
export function openMemoryLedger(): { db: Db; store: RecordStore; close(): void } {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = new RecordStore(db, {
    encrypt: (plain) => Buffer.from(`test-enc:${plain}`, 'utf8'),
    fingerprint: (text) => createHash('sha256').update(text).digest('hex'),
  });
  return { db, store, close: () => db.close() };
}

export const TEST_DECRYPT = (blob: Buffer): string => blob.toString('utf8').replace(/^test-enc:/, '');
