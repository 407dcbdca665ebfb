import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CardRevealView,
  CardView,
  CommissionSummaryView,
  CommissionView,
  FlowView,
  OrderDetailView,
  OrderListItemView,
  PageView,
  SettlementView,
} from '../../../src-main/api/channels/records.js';
import { AuditRepository } from '../../../src-main/db/repositories/audit-repository.js';
import { money } from '../../../src-main/domain/money.js';
import type { CommissionRecord, RecordBatch } from '../../../src-main/domain/models.js';
import { scaledToDecimal, toMoneyView } from '../../../src-main/services/money-view.js';
import { dispatch } from '../../support/core-calls.js';
import { insertSeedAccounts, seedOrders, type SeedAccount, type SeededOrder } from '../../support/ledger-seed.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

const COUNT = 360;
const counters = () => ({ windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 });
const empty: RecordBatch = { orders: [], cards: [], commissions: [], settlements: [], flows: [] };

describe('records channels over a real core', () => {
  let core: TempCore;
  let accounts: SeedAccount[];
  let seeded: SeededOrder[];

  const call = <T>(channel: string, args: unknown) => dispatch<T>(core, channel, args);

  async function fail(channel: string, args: unknown): Promise<string> {
    const result = await core.dispatch(channel, args);
    if (result.ok) throw new Error(`${channel} should have failed`);
    return result.error.code;
  }

  async function all<T>(channel: string, args: Record<string, unknown>, limit: number): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page: PageView<T> = await call<PageView<T>>(channel, { ...args, limit, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  beforeAll(async () => {
    core = await openTempCore();
    accounts = insertSeedAccounts(core.db);
    seeded = seedOrders(core.store, accounts, { count: COUNT, pageSize: 120 });
  });
  afterAll(async () => core.cleanup());

  it('pages through every order exactly once with opaque cursors', async () => {
    const first = await call<PageView<OrderListItemView>>('orders:list', {});
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const items = await all<OrderListItemView>('orders:list', { sort: 'total_asc' }, 47);
    expect(items).toHaveLength(COUNT);
    expect(new Set(items.map((o) => o.id)).size).toBe(COUNT);
  });

  it('carries money as exact 4-decimal strings with their currency and names the account', async () => {
    const items = await all<OrderListItemView>('orders:list', {}, 500);
    const byNo = new Map(seeded.map((s) => [s.record.orderNo, s]));
    for (const item of items) {
      const s = byNo.get(item.orderNo)!;
      const total = s.record.total;
      expect(item.total).toEqual(total ? { amount: scaledToDecimal(total.scaled), currency: total.currency } : null);
      if (item.total) expect(item.total.amount).toMatch(/^-?\d+\.\d{4}$/);
      expect(item.accountName).toBe(accounts[s.accountIndex]!.name);
      expect(item.createdAt).toBe(s.record.createdAt);
    }
    expect(toMoneyView(44_000, 'CNY')).toEqual({ amount: '4.4000', currency: 'CNY' });
    expect(scaledToDecimal(-1)).toBe('-0.0001');
    expect(scaledToDecimal(18_000_000_000_000_001n)).toBe('1800000000000.0001');
  });

  it('filters by account, provider, status, period, amount and text', async () => {
    const account = accounts[2]!;
    const page = await call<PageView<OrderListItemView>>('orders:list', {
      accountId: account.id,
      status: ['completed'],
      totalMin: '10.5',
      totalMax: '1500',
      createdFrom: Date.UTC(2023, 0, 1),
      createdTo: Date.UTC(2024, 0, 1),
      limit: 500,
    });
    const want = seeded.filter((s) => {
      const r = s.record;
      return s.accountIndex === 2 && r.status === 'completed' && r.total !== null && r.total.scaled >= 10_5000 && r.total.scaled <= 1500_0000 && r.createdAt! >= Date.UTC(2023, 0, 1) && r.createdAt! < Date.UTC(2024, 0, 1);
    });
    expect(page.items.map((o) => o.orderNo).sort()).toEqual(want.map((s) => s.record.orderNo).sort());
    const byProvider = await call<PageView<OrderListItemView>>('orders:list', { provider: 'kuaimai', q: '话费充值', limit: 500 });
    expect(byProvider.items.length).toBeGreaterThan(0);
    expect(byProvider.items.every((o) => o.provider === 'kuaimai' && o.title!.includes('话费充值'))).toBe(true);
  });

  it('shows one order in full: items, masked cards, commissions, history and raw payload', async () => {
    const withCard = seeded.find((s) => s.batch.cards.length > 0)!;
    const [listed] = (await call<PageView<OrderListItemView>>('orders:list', { q: withCard.record.orderNo })).items;
    // A status change upstream becomes a history row.
    const account = accounts[withCard.accountIndex]!;
    core.store.commitPage({ accountId: account.id, provider: account.provider, runId: null, counters: counters() }, { ...empty, orders: [{ ...withCard.record, status: 'refunded', statusRaw: '5' }] }, undefined, 2);
    const detail = await call<OrderDetailView>('orders:get', { id: listed!.id });
    expect(detail.orderNo).toBe(withCard.record.orderNo);
    expect(detail.status).toBe('refunded');
    expect(detail.raw).toBe(withCard.record.raw);
    expect(detail.items).toHaveLength(1);
    expect(detail.items[0]!.amount).toEqual(withCard.record.total ? toMoneyView(withCard.record.total.scaled, withCard.record.total.currency) : null);
    expect(detail.cards.map((c) => c.cardNo)).toEqual(withCard.batch.cards.map((c) => c.cardNo));
    expect(JSON.stringify(detail)).not.toContain(withCard.batch.cards[0]!.password);
    expect(detail.history).toContainEqual(expect.objectContaining({ field: 'status', oldValue: withCard.record.status, newValue: 'refunded' }));
    expect(await fail('orders:get', { id: 987_654 })).toBe('not_found');
  });

  it('never puts a card password into a list, and audits every reveal', async () => {
    const cards = await all<CardView>('cards:list', {}, 200);
    const seededCards = seeded.flatMap((s) => s.batch.cards);
    expect(cards).toHaveLength(seededCards.length);
    const text = JSON.stringify(cards);
    for (const card of seededCards) expect(text).not.toContain(card.password);
    expect(cards.every((c) => c.passwordMasked === '••••••' && !('password' in c))).toBe(true);

    const target = cards[3]!;
    const audit = new AuditRepository(core.db);
    const before = audit.recent(100, 'card.reveal').length;
    const revealed = await call<CardRevealView>('cards:reveal', { id: target.id });
    expect(revealed.password).toBe(seededCards.find((c) => c.cardNo === target.cardNo)!.password);
    const entries = audit.recent(100, 'card.reveal');
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ action: 'card.reveal', actor: 'web', targetType: 'card', targetId: String(target.id) });
    expect(JSON.stringify(entries[0])).not.toContain(revealed.password);
    expect(await fail('cards:reveal', { id: 999_999 })).toBe('not_found');
    expect(audit.recent(100, 'card.reveal')).toHaveLength(before + 1);
  });

  it('filters cards by provider, order status and expiry', async () => {
    const now = Date.UTC(2024, 0, 1);
    const page = await call<PageView<CardView>>('cards:list', { provider: 'kasushou', orderStatus: ['completed'], expiresAfter: now, limit: 500 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.provider === 'kasushou' && c.orderStatus === 'completed' && c.expiresAt! >= now)).toBe(true);
  });

  it('sums commissions exactly per beneficiary × level × currency, never mixing currencies', async () => {
    const summary = await call<CommissionSummaryView[]>('commissions:summary', {});
    const want = new Map<string, { sum: bigint; count: number }>();
    for (const c of seeded.flatMap((s) => s.batch.commissions)) {
      const key = `${c.beneficiary}|${c.level}|${c.amount.currency}`;
      const cur = want.get(key) ?? { sum: 0n, count: 0 };
      want.set(key, { sum: cur.sum + BigInt(c.amount.scaled), count: cur.count + 1 });
    }
    expect(summary).toHaveLength(want.size);
    for (const row of summary) {
      const w = want.get(`${row.beneficiary}|${row.level}|${row.amount.currency}`)!;
      expect(row.amount.amount).toBe(scaledToDecimal(w.sum));
      expect(row.count).toBe(w.count);
    }
    expect(new Set(summary.map((r) => r.amount.currency))).toEqual(new Set(['CNY', 'USD']));
  });

  it('sums a period (one index range per group) exactly like the plain definition', async () => {
    const from = Date.UTC(2023, 4, 1);
    const to = Date.UTC(2024, 2, 1);
    const extras: { status?: string[]; level?: number; beneficiary?: string; provider?: string }[] = [
      {},
      { status: ['settled', 'pending'] },
      { level: 2 },
      { beneficiary: 'worker_li', provider: 'itboye' },
    ];
    for (const extra of extras) {
      const summary = await call<CommissionSummaryView[]>('commissions:summary', { earnedFrom: from, earnedTo: to, ...extra });
      const want = new Map<string, { sum: bigint; count: number }>();
      for (const s of seeded) {
        const provider = accounts[s.accountIndex]!.provider;
        for (const c of s.batch.commissions) {
          if (c.earnedAt === null || c.earnedAt < from || c.earnedAt >= to) continue;
          if (extra.status && !extra.status.includes(c.status)) continue;
          if (extra.level !== undefined && c.level !== extra.level) continue;
          if (extra.beneficiary !== undefined && (c.beneficiary !== extra.beneficiary || provider !== extra.provider)) continue;
          const key = `${c.beneficiary}|${c.level}|${c.amount.currency}`;
          const cur = want.get(key) ?? { sum: 0n, count: 0 };
          want.set(key, { sum: cur.sum + BigInt(c.amount.scaled), count: cur.count + 1 });
        }
      }
      const got = new Map(summary.map((r) => [`${r.beneficiary}|${r.level}|${r.amount.currency}`, { sum: r.amount.amount, count: r.count }]));
      expect(got, JSON.stringify(extra)).toEqual(new Map([...want].map(([k, v]) => [k, { sum: scaledToDecimal(v.sum), count: v.count }])));
      expect(want.size).toBeGreaterThan(0);
    }
  });

  it('keeps sums exact past 2^53 and for amounts floats cannot hold', async () => {
    const account = accounts.find((a) => a.provider === 'itboye')!;
    const c = (orderNo: string, scaled: number, currency: 'CNY' | 'USD'): CommissionRecord => ({
      orderNo, beneficiary: '精确测试', level: 1, amount: money(scaled, currency), status: 'settled', statusRaw: '1', earnedAt: Date.UTC(2030, 0, 1),
    });
    const batch = { ...empty, commissions: [c('X-1', 1000, 'CNY'), c('X-2', 2000, 'CNY'), c('X-3', 9_000_000_000_000_000, 'USD'), c('X-4', 9_000_000_000_000_001, 'USD')] };
    core.store.commitPage({ accountId: account.id, provider: account.provider, runId: null, counters: counters() }, batch, undefined, 3);
    const summary = await call<CommissionSummaryView[]>('commissions:summary', { beneficiary: '精确测试' });
    expect(summary).toEqual([
      { beneficiary: '精确测试', level: 1, amount: { amount: '0.3000', currency: 'CNY' }, count: 2 },
      { beneficiary: '精确测试', level: 1, amount: { amount: '1800000000000.0001', currency: 'USD' }, count: 2 },
    ]);
    const list = await call<PageView<CommissionView>>('commissions:list', { beneficiary: '精确测试', level: 1, limit: 10 });
    expect(list.items.map((i) => i.amount.amount).sort()).toEqual(['0.1000', '0.2000', '900000000000.0000', '900000000000.0001']);
  });

  it('lists commissions with filters and pages', async () => {
    const items = await all<CommissionView>('commissions:list', { level: 0, status: ['settled', 'confirmed'] }, 13);
    const want = seeded.flatMap((s) => s.batch.commissions).filter((c) => c.level === 0 && (c.status === 'settled' || c.status === 'confirmed'));
    expect(items).toHaveLength(want.length);
    for (let i = 1; i < items.length; i++) expect((items[i - 1]!.earnedAt ?? -1) >= (items[i]!.earnedAt ?? -1)).toBe(true);
  });

  it('lists settlement revisions and one order’s timeline', async () => {
    const items = await all<SettlementView>('settlements:list', {}, 11);
    const want = seeded.flatMap((s) => s.batch.settlements);
    expect(items).toHaveLength(want.length);
    const one = want[0]!;
    const timeline = await call<SettlementView[]>('settlements:timeline', { orderNo: one.orderNo });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ orderNo: one.orderNo, priceDelta: toMoneyView(one.priceDelta!.scaled, one.currency), adsName: one.adsName });
  });

  it('lists money flows with their sub-orders', async () => {
    const items = await all<FlowView>('flows:list', { flowType: 1 }, 25);
    const want = seeded.flatMap((s) => s.batch.flows);
    expect(items).toHaveLength(want.length);
    expect(items.every((f) => f.items.length === 1 && f.amount.amount.startsWith('-'))).toBe(true);
    const tid = want[0]!.tid;
    expect((await call<PageView<FlowView>>('flows:list', { tid })).items.map((f) => f.tid)).toEqual([tid]);
  });

  it('finds everything of one order number, in every list', async () => {
    const s = seeded.find((x) => x.batch.cards.length > 0)!;
    const d = seeded.find((x) => x.batch.settlements.length > 0 && x.batch.commissions.length > 1)!;
    const cards = await call<PageView<CardView>>('cards:list', { orderNo: s.record.orderNo });
    expect(cards.items.map((c) => c.cardNo)).toEqual(s.batch.cards.map((c) => c.cardNo));
    const commissions = await call<PageView<CommissionView>>('commissions:list', { orderNo: d.record.orderNo });
    expect(commissions.items.map((c) => c.beneficiary).sort()).toEqual(d.batch.commissions.map((c) => c.beneficiary).sort());
    const summary = await call<CommissionSummaryView[]>('commissions:summary', { orderNo: d.record.orderNo });
    expect(summary.reduce((n, r) => n + r.count, 0)).toBe(d.batch.commissions.length);
    const settlements = await call<PageView<SettlementView>>('settlements:list', { orderNo: d.record.orderNo });
    expect(settlements.items.map((x) => x.changeKey)).toEqual(d.batch.settlements.map((x) => x.changeKey));
    const prefix = await all<OrderListItemView>('orders:list', { q: 'KS' }, 50);
    expect(prefix.length).toBe(seeded.filter((x) => x.record.orderNo.startsWith('KS')).length);
    const detail = await call<OrderDetailView>('orders:get', { id: (await call<PageView<OrderListItemView>>('orders:list', { q: d.record.orderNo })).items[0]!.id });
    expect(detail.commissions).toHaveLength(d.batch.commissions.length);
  });

  it('refuses invalid arguments with validation errors', async () => {
    const invalid: [string, unknown][] = [
      ['orders:list', { limit: 501 }],
      ['orders:list', { limit: 0 }],
      ['orders:list', { unknown: 1 }],
      ['orders:list', { status: ['shipped'] }],
      ['orders:list', { sort: 'title_asc' }],
      ['orders:list', { createdFrom: 10, createdTo: 5 }],
      ['orders:list', { totalMin: '5.00', totalMax: '4.99' }],
      ['orders:list', { totalMin: '1.23456' }],
      ['orders:list', { totalMax: '!' }],
      ['orders:list', { totalMin: '1e3', totalMax: 5 }],
      ['orders:list', { createdFrom: 'x', createdTo: 5 }],
      ['orders:list', { q: 'x'.repeat(201) }],
      ['orders:list', { cursor: 'not a cursor!' }],
      ['orders:list', { cursor: Buffer.from('{"s":"created_desc","k":1}').toString('base64url') }],
      ['cards:reveal', { id: -1 }],
      ['cards:list', { expiresAfter: 10, expiresBefore: 1 }],
      ['commissions:summary', { level: 4 }],
      ['commissions:list', { status: ['paid'] }],
      ['settlements:timeline', {}],
      ['flows:list', { createdFrom: -1 }],
    ];
    for (const [channel, args] of invalid) expect(await fail(channel, args), `${channel} ${JSON.stringify(args)}`).toBe('validation');
    const page = await call<PageView<OrderListItemView>>('orders:list', { sort: 'total_desc', limit: 2 });
    expect(await fail('orders:list', { sort: 'created_desc', cursor: page.nextCursor })).toBe('validation');
  });
});
