/**
 * The dashboard's rollups stay exact under any sequence of writes. Random pages of orders, commissions
 * and settlement revisions go through core.store.commitPage (inserts, and updates of status, amounts,
 * currency and day of the same natural keys), mixed with direct deletes, direct edits and account
 * removals; afterwards every rollup row equals a GROUP BY over its base table, and `dashboard:summary`
 * (from the rollups) equals the figures computed by GROUP BY over the base tables, for the whole ledger,
 * one provider and one account.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../src-main/api/channels/dashboard.js';
import { money, type Currency } from '../../../src-main/domain/money.js';
import {
  COMMISSION_STATUSES,
  ORDER_STATUSES,
  PROVIDER_SLUGS,
  type CommissionRecord,
  type OrderRecord,
  type ProviderSlug,
  type SettlementChangeRecord,
} from '../../../src-main/domain/models.js';
import { businessDayStart, DAY_MS } from '../../../src-main/domain/time.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { directSummary, rollupAndReference } from './dashboard-direct.js';
import { addAccount, commission, commit, order, wipe } from './ledger-fixtures.js';

/** 2024-03-31 15:00 in Shanghai: last day of a 31-day month, so `month` reaches past `last30`. */
const NOW = businessDayStart('2024-03-31') + 15 * 3_600_000;
const WINDOW_START = businessDayStart('2024-02-20');
const SPAN_DAYS = 45;

const timeArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: SPAN_DAYS * DAY_MS - 1 }).map((o) => WINDOW_START + o) },
  // Shanghai midnights (where a UTC day would be wrong), and the first instants of the month and of today.
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: SPAN_DAYS }), fc.constantFrom(-1, 0, 1)).map(([d, e]) => WINDOW_START + d * DAY_MS + e) },
  { weight: 1, arbitrary: fc.constantFrom(businessDayStart('2024-03-01'), businessDayStart('2024-03-31'), NOW, businessDayStart('2024-03-02') - 1) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const amountArb = fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000_000 }), fc.constantFrom(0, 1, -1, 2 ** 52));
const currencyArb = fc.constantFrom<Currency>('CNY', 'USD');
const slotArb = fc.nat(2);

const orderOp = fc.record({
  kind: fc.constant('order' as const),
  no: fc.nat(5),
  status: fc.constantFrom(...ORDER_STATUSES),
  currency: currencyArb,
  total: fc.option(amountArb),
  refunded: fc.option(amountArb),
  createdAt: timeArb,
});
const commissionOp = fc.record({
  kind: fc.constant('commission' as const),
  no: fc.nat(5),
  beneficiary: fc.constantFrom('u1', 'u2'),
  level: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
  amount: amountArb,
  currency: currencyArb,
  status: fc.constantFrom(...COMMISSION_STATUSES),
  earnedAt: timeArb,
});
const settlementOp = fc.record({
  kind: fc.constant('settlement' as const),
  key: fc.nat(4),
  delta: fc.option(amountArb),
  old: fc.option(amountArb),
  next: fc.option(amountArb),
  currency: currencyArb,
  modifiedAt: timeArb,
});
/** The same order or commission again with new amounts (and maybe a new status) on the same day. */
const repriceOp = fc.record({
  kind: fc.constant('reprice' as const),
  no: fc.nat(5),
  total: fc.option(amountArb),
  refunded: fc.option(amountArb),
  amount: amountArb,
  status: fc.option(fc.constantFrom(...ORDER_STATUSES)),
  commissionStatus: fc.option(fc.constantFrom(...COMMISSION_STATUSES)),
});
/** Writes that do not come from sync: they must keep the rollups exact too. */
const directOp = fc.oneof(
  fc.record({ kind: fc.constant('deleteOrder' as const), no: fc.nat(5) }),
  fc.record({ kind: fc.constant('deleteCommission' as const), no: fc.nat(5) }),
  fc.record({ kind: fc.constant('editSettlement' as const), key: fc.nat(4), delta: fc.option(amountArb), modifiedAt: timeArb }),
  fc.record({ kind: fc.constant('touchOrders' as const) }),
  fc.record({ kind: fc.constant('removeAccount' as const) }),
);

const pageArb = fc.record({
  slot: slotArb,
  ops: fc.array(fc.oneof({ weight: 4, arbitrary: orderOp }, { weight: 3, arbitrary: commissionOp }, { weight: 2, arbitrary: settlementOp }, { weight: 3, arbitrary: repriceOp }), { maxLength: 6 }),
  direct: fc.option(directOp, { freq: 3 }),
  syncedAt: timeArb.map((t) => t ?? NOW),
});

const runArb = fc.record({
  providers: fc.tuple(fc.constantFrom(...PROVIDER_SLUGS), fc.constantFrom(...PROVIDER_SLUGS), fc.constantFrom(...PROVIDER_SLUGS)),
  pages: fc.array(pageArb, { minLength: 1, maxLength: 12 }),
  scopeProvider: fc.constantFrom(...PROVIDER_SLUGS),
  scopeSlot: slotArb,
});
type Run = typeof runArb extends fc.Arbitrary<infer T> ? T : never;
type Page = Run['pages'][number];

const m = (v: number | null, currency: Currency) => (v === null ? null : money(v, currency));

function settlementRecord(op: typeof settlementOp extends fc.Arbitrary<infer T> ? T : never): SettlementChangeRecord {
  return {
    changeKey: `S${op.key}`,
    orderNo: `O${op.key}`,
    orderTime: null,
    modifiedAt: op.modifiedAt,
    priceOld: null,
    priceDelta: null,
    priceNew: null,
    commissionOld: m(op.old, op.currency),
    commissionDelta: m(op.delta, op.currency),
    commissionNew: m(op.next, op.currency),
    adsId: null,
    adsName: null,
    euid: null,
    currency: op.currency,
    raw: '{}',
  };
}

const summary = (core: TempCore, args: Record<string, unknown>) => dispatch<DashboardSummary>(core, 'dashboard:summary', args);

describe('dashboard rollups under random writes', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore({ now: () => NOW });
  });
  afterAll(async () => {
    await core.cleanup();
  });

  function applyDirect(page: Page, accounts: number[], providers: readonly ProviderSlug[]): void {
    const op = page.direct;
    const accountId = accounts[page.slot]!;
    if (!op) return;
    if (op.kind === 'deleteOrder') core.db.prepare('DELETE FROM orders WHERE account_id = ? AND order_no = ?').run(accountId, `O${op.no}`);
    if (op.kind === 'deleteCommission') core.db.prepare('DELETE FROM commissions WHERE account_id = ? AND order_no = ?').run(accountId, `O${op.no}`);
    if (op.kind === 'editSettlement') {
      core.db.prepare('UPDATE settlement_changes SET commission_delta = ?, modified_at = ? WHERE account_id = ? AND change_key = ?').run(op.delta, op.modifiedAt, accountId, `S${op.key}`);
    }
    // Columns the rollups do not read: must not disturb them.
    if (op.kind === 'touchOrders') core.db.prepare("UPDATE orders SET missing_since = 1, title = 'x', last_seen_at = last_seen_at + 1 WHERE account_id = ?").run(accountId);
    if (op.kind === 'removeAccount') {
      core.db.prepare('DELETE FROM accounts WHERE id = ?').run(accountId);
      accounts[page.slot] = addAccount(core, providers[page.slot]!);
    }
  }

  /** The last order / commission records written per account and order number (for reprice). */
  const written = new Map<string, { order?: OrderRecord; commissions: Map<string, CommissionRecord> }>();
  const entry = (accountId: number, no: number) => {
    const key = `${accountId}|${no}`;
    if (!written.has(key)) written.set(key, { commissions: new Map() });
    return written.get(key)!;
  };

  function recordsOf(page: Page, accountId: number): { orders: OrderRecord[]; commissions: CommissionRecord[]; settlements: SettlementChangeRecord[] } {
    const out = { orders: [] as OrderRecord[], commissions: [] as CommissionRecord[], settlements: [] as SettlementChangeRecord[] };
    for (const op of page.ops) {
      if (op.kind === 'order') {
        const o = order({ orderNo: `O${op.no}`, status: op.status, currency: op.currency, total: op.total, refunded: op.refunded, createdAt: op.createdAt });
        entry(accountId, op.no).order = o;
        out.orders.push(o);
      } else if (op.kind === 'commission') {
        const c = commission({ orderNo: `O${op.no}`, beneficiary: op.beneficiary, level: op.level, amount: op.amount, currency: op.currency, status: op.status, earnedAt: op.earnedAt });
        entry(accountId, op.no).commissions.set(`${op.beneficiary}|${op.level}`, c);
        out.commissions.push(c);
      } else if (op.kind === 'settlement') {
        out.settlements.push(settlementRecord(op));
      } else {
        const known = entry(accountId, op.no);
        if (known.order) {
          const currency = known.order.total?.currency ?? known.order.refunded?.currency ?? 'CNY';
          known.order = { ...known.order, total: m(op.total, currency), refunded: m(op.refunded, currency), ...(op.status ? { status: op.status, statusRaw: op.status } : {}) };
          out.orders.push(known.order);
        }
        for (const [key, c] of known.commissions) {
          const next = { ...c, amount: money(op.amount, c.amount.currency), ...(op.commissionStatus ? { status: op.commissionStatus, statusRaw: op.commissionStatus } : {}) };
          known.commissions.set(key, next);
          out.commissions.push(next);
        }
      }
    }
    return out;
  }

  function applyPage(page: Page, accounts: number[], providers: readonly ProviderSlug[]): void {
    applyDirect(page, accounts, providers);
    commit(core, accounts[page.slot]!, providers[page.slot]!, recordsOf(page, accounts[page.slot]!), page.syncedAt);
  }

  it('keeps every rollup row equal to a GROUP BY over the base tables, and the summary equal to the direct figures', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async (run) => {
        wipe(core);
        written.clear();
        const accounts = run.providers.map((p) => addAccount(core, p));
        for (const page of run.pages) applyPage(page, accounts, run.providers);

        for (const name of ['orders', 'commissions', 'settlements'] as const) {
          const { rollup, direct } = rollupAndReference(core.db, name);
          expect(rollup, name).toEqual(direct);
        }
        expect(await summary(core, {})).toEqual(directSummary(core.db, NOW));
        expect(await summary(core, { provider: run.scopeProvider })).toEqual(directSummary(core.db, NOW, { provider: run.scopeProvider }));
        const accountId = accounts[run.scopeSlot]!;
        expect(await summary(core, { accountId })).toEqual(directSummary(core.db, NOW, { accountId }));
      }),
      { numRuns: 60 },
    );
  });

  it('leaves no rollup rows behind when every account is removed', async () => {
    const id = addAccount(core, 'duomai');
    commit(core, id, 'duomai', { orders: [order({ orderNo: 'A', createdAt: NOW })], commissions: [commission({ orderNo: 'A', beneficiary: 'u', level: 0, amount: 5, earnedAt: NOW })] }, NOW);
    wipe(core);
    const count = core.db.prepare('SELECT (SELECT count(*) FROM rollup_orders_daily) + (SELECT count(*) FROM rollup_commissions_daily) + (SELECT count(*) FROM rollup_settlements_daily)').pluck().get();
    expect(count).toBe(0);
  });
});
