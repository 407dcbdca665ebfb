/**
 * Property tests of the reports over random ledgers: every row equals an independent model computed in
 * JS (business days from domain/time.ts, BigInt sums), every total equals the sum of its rows exactly,
 * and drilling into a row's figures (keyset-paged) finds records that add up to the figure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportGroup, ReportKind, ReportMoney, ReportView } from '../../../src-main/api/channels/reports.js';
import type { Currency } from '../../../src-main/domain/money.js';
import { COMMISSION_STATUSES, ORDER_STATUSES, PROVIDER_SLUGS, type ProviderSlug } from '../../../src-main/domain/models.js';
import { addBusinessDays, businessDay, businessDayStart, DAY_MS } from '../../../src-main/domain/time.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { addAccount, card, commission, commit, flow, order, settlement, wipe } from './ledger-fixtures.js';

const FIRST_DAY = '2024-01-25';
const WINDOW_START = businessDayStart(FIRST_DAY);
const SPAN_DAYS = 70;
/** The sync time of every record: what flows/settlements/cards without their own time fall back to. */
const NOW = WINDOW_START + 10 * DAY_MS + 12_345;

const timeArb = fc.oneof(
  fc.integer({ min: 0, max: SPAN_DAYS * DAY_MS - 1 }).map((o) => WINDOW_START + o),
  // Around Shanghai midnights, where a UTC-based day would be wrong.
  fc.tuple(fc.integer({ min: 0, max: SPAN_DAYS - 1 }), fc.constantFrom(-1, 0, 1)).map(([d, e]) => WINDOW_START + d * DAY_MS + e),
  fc.constant(null),
);
const amountArb = fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000_000 }), fc.constantFrom(0, 1, -1, 2 ** 52, 2 ** 52 - 1));
const currencyArb = fc.constantFrom<Currency>('CNY', 'USD');

const datasetArb = fc.record({
  providers: fc.array(fc.constantFrom(...PROVIDER_SLUGS), { minLength: 1, maxLength: 3 }),
  orders: fc.array(
    fc.record({ acct: fc.nat(2), status: fc.constantFrom(...ORDER_STATUSES), currency: currencyArb, total: fc.option(amountArb), refunded: fc.option(amountArb), createdAt: timeArb }),
    { maxLength: 30 },
  ),
  commissions: fc.uniqueArray(
    fc.record({
      acct: fc.nat(2),
      order: fc.nat(8),
      beneficiary: fc.constantFrom('u1', 'u2', 'site:9|x'),
      level: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
      amount: amountArb,
      currency: currencyArb,
      status: fc.constantFrom(...COMMISSION_STATUSES),
      earnedAt: timeArb,
    }),
    { maxLength: 30, selector: (c) => `${c.acct}|${c.order}|${c.beneficiary}|${c.level}` },
  ),
  settlements: fc.array(fc.record({ acct: fc.nat(2), delta: fc.option(amountArb), currency: currencyArb, modifiedAt: timeArb }), { maxLength: 20 }),
  flows: fc.array(fc.record({ acct: fc.nat(2), flowType: fc.constantFrom(1, 2, 3), amount: amountArb, currency: currencyArb, createdAt: timeArb }), { maxLength: 20 }),
  cards: fc.array(fc.record({ acct: fc.nat(2), order: fc.nat(35) }), { maxLength: 20 }),
});
type Dataset = typeof datasetArb extends fc.Arbitrary<infer T> ? T : never;

const queryArb = fc.record({
  fromOffset: fc.integer({ min: -5, max: SPAN_DAYS + 5 }),
  length: fc.integer({ min: 0, max: 60 }),
  group: fc.constantFrom<ReportGroup>('day', 'month', 'period'),
  provider: fc.option(fc.constantFrom(...PROVIDER_SLUGS), { freq: 3 }),
  acct: fc.option(fc.nat(2), { freq: 3 }),
});
type Query = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

/** One record as the model sees it: where it counts and what it adds. */
interface ModelRecord {
  readonly kind: ReportKind;
  readonly acct: number;
  readonly provider: ProviderSlug;
  readonly time: number | null;
  readonly dims: Record<string, string | number>;
  readonly money: Record<string, bigint>;
  readonly counts: Record<string, number>;
}

function modelRecords(d: Dataset): ModelRecord[] {
  const prov = (acct: number) => d.providers[acct % d.providers.length]!;
  const acctOf = (acct: number) => acct % d.providers.length;
  const out: ModelRecord[] = [];
  d.orders.forEach((o) => {
    if (o.status === 'failed' || o.status === 'cancelled') return;
    const total = BigInt(o.total ?? 0);
    const refunded = BigInt(o.refunded ?? 0);
    // An order without any amount carries no currency of its own; the store books it as CNY.
    const currency = o.total === null && o.refunded === null ? 'CNY' : o.currency;
    out.push({
      kind: 'revenue', acct: acctOf(o.acct), provider: prov(o.acct), time: o.createdAt,
      dims: { provider: prov(o.acct), currency },
      money: { revenue: total, refunds: refunded, net: total - refunded },
      counts: { orders: 1, refundedOrders: refunded !== 0n ? 1 : 0 },
    });
  });
  // The store keeps one commission per (account, order, beneficiary, level): the last one written.
  const lastCommissions = new Map(d.commissions.map((c) => [`${acctOf(c.acct)}|${c.order}|${c.beneficiary}|${c.level}`, c]));
  [...lastCommissions.values()].forEach((c) => {
    if (c.status === 'invalid' || c.status === 'unknown') return;
    const settled = c.status === 'settled';
    out.push({
      kind: 'commissions', acct: acctOf(c.acct), provider: prov(c.acct), time: c.earnedAt,
      dims: { provider: prov(c.acct), beneficiary: c.beneficiary, level: c.level, currency: c.currency },
      money: { owed: settled ? 0n : BigInt(c.amount), paid: settled ? BigInt(c.amount) : 0n },
      counts: { owedCount: settled ? 0 : 1, paidCount: settled ? 1 : 0 },
    });
  });
  d.settlements.forEach((s) => {
    const delta = BigInt(s.delta ?? 0);
    out.push({
      kind: 'settlements', acct: acctOf(s.acct), provider: prov(s.acct), time: s.modifiedAt ?? NOW,
      dims: { currency: s.currency },
      money: { up: delta > 0n ? delta : 0n, down: delta < 0n ? delta : 0n, net: delta },
      counts: { revisions: 1, upCount: delta > 0n ? 1 : 0, downCount: delta < 0n ? 1 : 0 },
    });
  });
  d.flows.forEach((f) => {
    const amount = BigInt(f.amount);
    out.push({
      kind: 'flows', acct: acctOf(f.acct), provider: prov(f.acct), time: f.createdAt ?? NOW,
      dims: { currency: f.currency },
      money: { payments: f.flowType === 1 ? amount : 0n, refunds: f.flowType === 2 ? amount : 0n, other: f.flowType === 3 ? amount : 0n, net: amount },
      counts: { flows: 1, paymentCount: f.flowType === 1 ? 1 : 0, refundCount: f.flowType === 2 ? 1 : 0 },
    });
  });
  d.cards.forEach((k) => {
    const linked = d.orders.find((o, i) => i === k.order && acctOf(o.acct) === acctOf(k.acct));
    out.push({
      kind: 'cards', acct: acctOf(k.acct), provider: prov(k.acct), time: linked ? (linked.createdAt ?? NOW) : NOW,
      dims: { provider: prov(k.acct) }, money: {}, counts: { cards: 1 },
    });
  });
  return out;
}

function seed(core: TempCore, d: Dataset): number[] {
  const ids = d.providers.map((p) => addAccount(core, p));
  d.providers.forEach((provider, acct) => {
    const mine = <T extends { acct: number }>(items: readonly T[]) => items.map((item, i) => ({ item, i })).filter(({ item }) => item.acct % d.providers.length === acct);
    commit(core, ids[acct]!, provider, {
      orders: mine(d.orders).map(({ item: o, i }) => order({ orderNo: `O${i}`, status: o.status, currency: o.currency, total: o.total, refunded: o.refunded, createdAt: o.createdAt })),
      commissions: mine(d.commissions).map(({ item: c }) => commission({ orderNo: `O${c.order}`, beneficiary: c.beneficiary, level: c.level, amount: c.amount, currency: c.currency, status: c.status, earnedAt: c.earnedAt })),
      settlements: mine(d.settlements).map(({ item: s, i }) => settlement({ changeKey: `S${i}`, orderNo: `O${i}`, delta: s.delta, currency: s.currency, modifiedAt: s.modifiedAt })),
      flows: mine(d.flows).map(({ item: f, i }) => flow({ flowKey: `F${i}`, tid: `T${i % 4}`, flowType: f.flowType, amount: f.amount, currency: f.currency, createdAt: f.createdAt })),
      cards: mine(d.cards).map(({ item: k, i }) => card({ orderNo: `O${k.order}`, cardKey: `K${i}` })),
    }, NOW);
  });
  return ids;
}

const toScaled = (m: ReportMoney) => BigInt(m.amount.replace('.', ''));

type Figures = { money: Record<string, bigint>; counts: Record<string, number> };

function addInto(target: Map<string, Figures>, key: string, money: Record<string, bigint>, counts: Record<string, number>): void {
  const cur = target.get(key) ?? { money: Object.fromEntries(Object.keys(money).map((k) => [k, 0n])), counts: Object.fromEntries(Object.keys(counts).map((k) => [k, 0])) };
  for (const [k, v] of Object.entries(money)) cur.money[k] = cur.money[k]! + v;
  for (const [k, v] of Object.entries(counts)) cur.counts[k] = cur.counts[k]! + v;
  target.set(key, cur);
}

describe('reports over random ledgers', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore();
  });
  afterAll(async () => {
    await core.cleanup();
  });

  async function checkKind(kind: ReportKind, d: Dataset, q: Query, ids: number[], drillPick: number): Promise<void> {
    const from = addBusinessDays(FIRST_DAY, q.fromOffset);
    const to = addBusinessDays(from, q.length);
    const accountIndex = q.acct === null ? null : q.acct % d.providers.length;
    const args = { from, to, group: q.group, ...(q.provider ? { provider: q.provider } : {}), ...(accountIndex === null ? {} : { accountId: ids[accountIndex] }) };
    const view = await dispatch<ReportView>(core, `report:${kind}`, args);

    const start = businessDayStart(from);
    const end = businessDayStart(addBusinessDays(to, 1));
    const expectedRows = new Map<string, Figures>();
    for (const r of modelRecords(d)) {
      if (r.kind !== kind || r.time === null || r.time < start || r.time >= end) continue;
      if (q.provider && r.provider !== q.provider) continue;
      if (accountIndex !== null && r.acct !== accountIndex) continue;
      const period = q.group === 'day' ? businessDay(r.time) : q.group === 'month' ? businessDay(r.time).slice(0, 7) : `${from}..${to}`;
      addInto(expectedRows, JSON.stringify([period, r.dims]), r.money, r.counts);
    }
    const actualRows = new Map<string, Figures>();
    const rowTotals = new Map<string, Figures>();
    for (const row of view.rows) {
      const money = Object.fromEntries(Object.entries(row.money as Record<string, ReportMoney>).map(([k, v]) => [k, toScaled(v)]));
      const counts = row.counts as Record<string, number>;
      const dims = row.dims as Record<string, string | number>;
      expect(actualRows.has(JSON.stringify([row.period, dims])), 'a row appears twice').toBe(false);
      addInto(actualRows, JSON.stringify([row.period, dims]), money, counts);
      addInto(rowTotals, String(dims['currency'] ?? null), money, counts);
      for (const v of Object.values(row.money as Record<string, ReportMoney>)) expect(v.currency).toBe(dims['currency']);
    }
    expect(actualRows).toEqual(expectedRows);

    // Every total equals the sum of its rows, exactly, one per currency.
    const totals = new Map(view.totals.map((t) => [String(t.currency), { money: Object.fromEntries(Object.entries(t.money as Record<string, ReportMoney>).map(([k, v]) => [k, toScaled(v)])), counts: t.counts as Record<string, number> }]));
    expect(totals).toEqual(rowTotals);

    // Drill into one row: each figure's records add up to it, across keyset pages.
    const row = view.rows[drillPick % Math.max(1, view.rows.length)];
    if (!row) return;
    const figures = [...Object.keys(row.money), ...Object.keys(row.counts)];
    for (const figure of figures) {
      const items = [];
      let after: number | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await dispatch<{ items: { id: number; money: Record<string, ReportMoney> }[]; nextAfter: number | null }>(core, 'report:drilldown', { key: row.key, figure, limit: 3, ...(after ? { after } : {}) });
        items.push(...page.items);
        if (page.nextAfter === null) break;
        after = page.nextAfter;
      }
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      const money = (row.money as Record<string, ReportMoney>)[figure];
      if (money) expect(items.reduce((s, i) => s + toScaled(i.money[figure]!), 0n)).toBe(toScaled(money));
      else expect(items.length).toBe((row.counts as Record<string, number>)[figure]);
    }
  }

  it('rows match the model, totals equal the sum of rows, drill-downs add up', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, queryArb, fc.nat(50), async (d, q, drillPick) => {
        wipe(core);
        const ids = seed(core, d);
        for (const kind of ['revenue', 'commissions', 'settlements', 'flows', 'cards'] as const) await checkKind(kind, d, q, ids, drillPick);
      }),
      { numRuns: 40 },
    );
  });
});
