import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/db/connection.js';
import { keysetResidual, keysetSegments } from '../../../../src-main/db/repositories/keyset.js';
import { prefixRange } from '../../../../src-main/db/repositories/orders-query-plan.js';
import {
  OrdersQueryRepository,
  sortKeyOf,
  type OrderFilter,
  type OrderListRow,
  type OrderSort,
} from '../../../../src-main/db/repositories/orders-query-repository.js';
import { money } from '../../../../src-main/domain/money.js';
import { ORDER_STATUSES, type OrderRecord, type OrderStatus, type ProviderSlug } from '../../../../src-main/domain/models.js';
import type { RecordStore } from '../../../../src-main/sync/record-store.js';
import {
  COMMON_TERM,
  insertSeedAccounts,
  openMemoryLedger,
  RARE_TERM,
  seedOrders,
  SHORT_TERM,
  type SeedAccount,
} from '../../../support/ledger-seed.js';

const SORTS: readonly OrderSort[] = ['created_desc', 'created_asc', 'total_desc', 'total_asc', 'updated_desc'];
const STRATEGIES = ['auto', 'scan', 'candidates'] as const;
const COUNT = 1200;

interface Ref {
  id: number;
  accountId: number;
  provider: ProviderSlug;
  orderNo: string;
  externalOrderNo: string | null;
  status: OrderStatus;
  title: string | null;
  buyer: string | null;
  currency: string;
  total: number | null;
  createdAt: number | null;
  updatedAt: number | null;
}

function allRows(db: Db): Ref[] {
  return db
    .prepare(
      `SELECT id, account_id AS accountId, provider, order_no AS orderNo, external_order_no AS externalOrderNo, status, title, buyer, currency, total,
              created_at AS createdAt, updated_at AS updatedAt FROM orders`,
    )
    .all() as Ref[];
}

function contains(field: string | null, q: string): boolean {
  return field !== null && field.toLowerCase().includes(q.toLowerCase());
}

/** The plain-JS meaning of a filter, to compare the planner's SQL against. */
function matches(r: Ref, f: OrderFilter): boolean {
  if (f.accountId !== undefined && r.accountId !== f.accountId) return false;
  if (f.provider !== undefined && r.provider !== f.provider) return false;
  if (f.statuses && f.statuses.length > 0 && !f.statuses.includes(r.status)) return false;
  if (f.createdFrom !== undefined && (r.createdAt === null || r.createdAt < f.createdFrom)) return false;
  if (f.createdTo !== undefined && (r.createdAt === null || r.createdAt >= f.createdTo)) return false;
  if (f.totalMin !== undefined && (r.total === null || r.total < f.totalMin)) return false;
  if (f.totalMax !== undefined && (r.total === null || r.total > f.totalMax)) return false;
  if (f.currency !== undefined && r.currency !== f.currency) return false;
  const q = f.q;
  if (q !== undefined && q !== '') {
    if ([...q].length >= 3) return [r.orderNo, r.externalOrderNo, r.title, r.buyer].some((v) => contains(v, q));
    const word = /[^\x20-\x7e]/.test(q) && (contains(r.title, q) || contains(r.buyer, q));
    return r.orderNo.startsWith(q) || word;
  }
  return true;
}

function keyOf(r: Ref, sort: OrderSort): number | null {
  return sort.startsWith('created') ? r.createdAt : sort.startsWith('total') ? r.total : r.updatedAt;
}

/** SQLite order: NULL below every number; id breaks ties in the same direction. */
function compare(sort: OrderSort) {
  const dir = sort.endsWith('desc') ? -1 : 1;
  return (a: Ref, b: Ref) => {
    const ka = keyOf(a, sort);
    const kb = keyOf(b, sort);
    if (ka !== kb) {
      if (ka === null) return -dir;
      if (kb === null) return dir;
      return (ka - kb) * dir;
    }
    return (a.id - b.id) * dir;
  };
}

function expected(rows: readonly Ref[], filter: OrderFilter, sort: OrderSort): number[] {
  return rows.filter((r) => matches(r, filter)).sort(compare(sort)).map((r) => r.id);
}

function pageAll(repo: OrdersQueryRepository, filter: OrderFilter, sort: OrderSort, pageSize: number, strategy: (typeof STRATEGIES)[number]): number[] {
  const ids: number[] = [];
  let after: { key: number | null; id: number } | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const { rows } = repo.list(filter, sort, after, pageSize, { strategy });
    ids.push(...rows.map((r) => r.id));
    if (rows.length < pageSize) return ids;
    const last: OrderListRow = rows[rows.length - 1]!;
    after = { key: sortKeyOf(last, sort), id: last.id };
  }
  throw new Error('paging did not end');
}

describe('OrdersQueryRepository on a seeded ledger', () => {
  let ledger: ReturnType<typeof openMemoryLedger>;
  let accounts: SeedAccount[];
  let rows: Ref[];
  let repo: OrdersQueryRepository;
  let sample: Ref;

  beforeAll(() => {
    ledger = openMemoryLedger();
    accounts = insertSeedAccounts(ledger.db);
    seedOrders(ledger.store, accounts, { count: COUNT, keep: false, pageSize: 400 });
    rows = allRows(ledger.db);
    // A small candidate limit makes both execution strategies run on this small dataset.
    repo = new OrdersQueryRepository(ledger.db, { candidateLimit: 60 });
    sample = rows.find((r) => r.provider === 'duomai')!;
  });
  afterAll(() => ledger.close());

  it('seeds nulls and ties the sorts must handle', () => {
    expect(rows).toHaveLength(COUNT);
    expect(rows.some((r) => r.total === null)).toBe(true);
    expect(rows.some((r) => r.updatedAt === null)).toBe(true);
    expect(rows.some((r) => r.currency === 'USD')).toBe(true);
  });

  const day = 86_400_000;
  const cases: [string, () => OrderFilter][] = [
    ['no filter', () => ({})],
    ['provider', () => ({ provider: 'duomai' })],
    ['account', () => ({ accountId: accounts[1]!.id })],
    ['one status', () => ({ statuses: ['refunded'] })],
    ['several statuses', () => ({ statuses: ['pending', 'processing', 'failed'] })],
    ['account + statuses', () => ({ accountId: accounts[0]!.id, statuses: ['completed', 'cancelled'] })],
    ['provider + status', () => ({ provider: 'kasushou', statuses: ['completed'] })],
    ['created range', () => ({ createdFrom: Date.UTC(2023, 5, 1), createdTo: Date.UTC(2023, 5, 1) + 20 * day })],
    ['amount range', () => ({ totalMin: 500_0000, totalMax: 520_0000 })],
    ['amount range + currency', () => ({ totalMin: 100_0000, currency: 'USD' })],
    ['Chinese substring', () => ({ q: COMMON_TERM })],
    ['rare term', () => ({ q: RARE_TERM })],
    ['partial order number', () => ({ q: sample.orderNo.slice(6, 16) })],
    ['short Chinese word', () => ({ q: SHORT_TERM })],
    ['short order-number prefix', () => ({ q: 'KS' })],
    ['buyer name', () => ({ q: '张伟', statuses: ['completed'] })],
    ['everything', () => ({ provider: 'duomai', statuses: ['completed', 'refunded'], createdFrom: Date.UTC(2023, 3, 1), totalMin: 10_0000, q: COMMON_TERM })],
  ];

  for (const [name, filterOf] of cases) {
    it(`lists "${name}" in every sort order, paged, exactly like the plain definition`, () => {
      const filter = filterOf();
      for (const sort of SORTS) {
        const want = expected(rows, filter, sort);
        for (const strategy of STRATEGIES) expect(pageAll(repo, filter, sort, 37, strategy), `${sort} ${strategy}`).toEqual(want);
      }
    });
  }

  it('finds Chinese substrings, partial order numbers and short fallbacks', () => {
    const common = repo.list({ q: COMMON_TERM }, 'created_desc', null, 500).rows;
    expect(common.length).toBe(rows.filter((r) => r.title?.includes(COMMON_TERM)).length);
    expect(common.every((r) => r.title!.includes(COMMON_TERM))).toBe(true);
    const partial = repo.list({ q: sample.orderNo.slice(4, 14) }, 'created_desc', null, 50).rows;
    expect(partial.map((r) => r.id)).toContain(sample.id);
    const short = repo.list({ q: SHORT_TERM }, 'created_desc', null, 500).rows;
    expect(short.length).toBeGreaterThanOrEqual(common.length);
    expect(repo.list({ q: '2' }, 'created_desc', null, 500).rows.every((r) => r.orderNo.startsWith('2'))).toBe(true);
    expect(repo.list({ q: 'zz%_\\"' }, 'created_desc', null, 10).rows).toEqual([]);
  });

  it('answers a selective search from the trigram index and a common one by an ordered scan', () => {
    const big = new OrdersQueryRepository(ledger.db, { candidateLimit: 100 });
    expect(big.list({ q: sample.orderNo.slice(6, 18) }, 'created_desc', null, 20).plan).toBe('candidates:fts');
    expect(big.list({ q: COMMON_TERM }, 'created_desc', null, 20).plan).toBe('scan:orders_by_created');
    expect(big.list({ statuses: ['failed', 'refunded'] }, 'created_desc', null, 20).plan).toBe('scan:orders_by_status_created×2');
    expect(big.list({ accountId: accounts[0]!.id }, 'total_desc', null, 20).plan).toBe('scan:orders_by_account_total');
  });

  it('walks indexes in page order: no sort step in an ordered scan', () => {
    const plans: string[] = [];
    const traced = new OrdersQueryRepository(ledger.db, {
      onQuery: (sql, params) => {
        const steps = ledger.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        plans.push(steps.map((s) => s.detail).join(' | '));
      },
    });
    const filters: OrderFilter[] = [{}, { provider: 'duomai' }, { accountId: accounts[2]!.id, statuses: ['completed'] }, { statuses: ['refunded'] }, { provider: 'kuaimai', statuses: ['completed'] }];
    for (const sort of SORTS) for (const filter of filters) traced.list(filter, sort, { key: 1, id: 1 }, 20, { strategy: 'scan' });
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).not.toMatch(/TEMP B-TREE/);
    // Every piece is a seek, and the rest of a tie group is reached through (key = ? AND id < ?).
    for (const plan of plans) expect(plan).toMatch(/^SEARCH o USING (COVERING )?INDEX orders_by_/);
    expect(plans.filter((p) => /=\? AND id[<>]\?\)$/.test(p)).length).toBe(SORTS.length * filters.length);
  });
});

describe('keyset paging property', () => {
  const statusArb = fc.constantFrom(...ORDER_STATUSES);
  const orderArb = fc.record({
    account: fc.integer({ min: 0, max: 2 }),
    // Few distinct values: many ties and NULLs, the hard cases for a keyset.
    created: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    total: fc.option(fc.integer({ min: -2, max: 4 }), { nil: null }),
    updated: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    status: statusArb,
    title: fc.constantFrom('话费充值', '京东E卡', '会员月卡 VIP', null),
  });
  type GenOrder = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;
  const filterArb = fc.record(
    {
      accountIndex: fc.integer({ min: 0, max: 2 }),
      statuses: fc.uniqueArray(statusArb, { minLength: 1, maxLength: 7 }),
      createdFrom: fc.integer({ min: 0, max: 6 }),
      totalMax: fc.integer({ min: -2, max: 4 }),
      q: fc.constantFrom('话费充', 'VIP', 'P-0', '京东'),
    },
    { requiredKeys: [] },
  );

  function record(i: number, o: GenOrder): OrderRecord {
    return {
      orderNo: `P-${String(i).padStart(4, '0')}`,
      externalOrderNo: null,
      status: o.status,
      statusRaw: o.status,
      title: o.title,
      buyer: null,
      total: o.total === null ? null : money(o.total * 10_000),
      paid: null,
      refunded: null,
      commission: null,
      createdAt: o.created === null ? null : 1_700_000_000_000 + o.created,
      updatedAt: o.updated,
      paidAt: null,
      items: [],
      raw: '{}',
    };
  }

  function seed(store: RecordStore, accounts: readonly SeedAccount[], orders: readonly GenOrder[]): void {
    orders.forEach((o, i) => {
      const account = accounts[o.account]!;
      const counters = { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 };
      store.commitPage({ accountId: account.id, provider: account.provider, runId: null, counters }, { orders: [record(i, o)], cards: [], commissions: [], settlements: [], flows: [] }, undefined, 1);
    });
  }

  it('returns every matching row exactly once, in order, for any data, filter, sort and page size', () => {
    fc.assert(
      fc.property(
        fc.array(orderArb, { maxLength: 60 }),
        filterArb,
        fc.constantFrom(...SORTS),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(...STRATEGIES),
        (orders, f, sort, pageSize, strategy) => {
          const ledger = openMemoryLedger();
          try {
            const accounts = insertSeedAccounts(ledger.db, [
              { provider: 'duomai', name: 'a' },
              { provider: 'duomai', name: 'b' },
              { provider: 'kuaimai', name: 'c' },
            ]);
            seed(ledger.store, accounts, orders);
            const filter: OrderFilter = {
              accountId: f.accountIndex === undefined ? undefined : accounts[f.accountIndex]!.id,
              statuses: f.statuses,
              createdFrom: f.createdFrom === undefined ? undefined : 1_700_000_000_000 + f.createdFrom,
              totalMax: f.totalMax === undefined ? undefined : f.totalMax * 10_000,
              q: f.q,
            };
            const repo = new OrdersQueryRepository(ledger.db, { candidateLimit: 10 });
            const got = pageAll(repo, filter, sort, pageSize, strategy);
            expect(got).toEqual(expected(allRows(ledger.db), filter, sort));
            expect(new Set(got).size).toBe(got.length);
          } finally {
            ledger.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('keyset building blocks', () => {
  it('splits "after" into an index range and the NULL tail', () => {
    const sort = { column: 'k', idColumn: 'id', direction: 'desc' as const };
    expect(keysetSegments(sort, null).map((s) => s.where)).toEqual(['k IS NOT NULL', 'k IS NULL']);
    expect(keysetSegments(sort, { key: 5, id: 9 })).toEqual([
      { where: 'k = ? AND id < ?', params: [5, 9] },
      { where: 'k < ?', params: [5] },
      { where: 'k IS NULL', params: [] },
    ]);
    expect(keysetSegments(sort, { key: null, id: 9 })).toEqual([{ where: 'k IS NULL AND id < ?', params: [9] }]);
    expect(keysetResidual({ ...sort, direction: 'asc' }, { key: null, id: 3 })).toEqual({ where: '((k IS NULL AND id > ?) OR k IS NOT NULL)', params: [3] });
  });

  it('bounds an order-number prefix by code point', () => {
    expect(prefixRange('KS')).toEqual({ lower: 'KS', upper: 'KT' });
    expect(prefixRange('2')).toEqual({ lower: '2', upper: '3' });
    expect(prefixRange('话')).toEqual({ lower: '话', upper: String.fromCodePoint('话'.codePointAt(0)! + 1) });
  });
});
