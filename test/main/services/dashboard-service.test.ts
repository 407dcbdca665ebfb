/** `dashboard:summary` on a small hand-made ledger: every figure, period edge and filter checked by value. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardFigures, DashboardSummary } from '../../../src-main/api/channels/dashboard.js';
import type { Result } from '../../../src-main/api/result.js';
import { businessDayStart } from '../../../src-main/domain/time.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { addAccount, commission, commit, order, settlement, wipe } from './ledger-fixtures.js';

/** 2024-03-10 09:30 in Shanghai (01:30 UTC): the UTC day is the same, but 23:59 UTC the day before is not. */
const NOW = businessDayStart('2024-03-10') + 9.5 * 3_600_000;
const at = (day: string, hours = 12) => businessDayStart(day) + hours * 3_600_000;
const H = 3_600_000;

const summary = (core: TempCore, args: unknown = {}) => dispatch<DashboardSummary>(core, 'dashboard:summary', args);

const cny = (amount: string) => ({ amount, currency: 'CNY' as const });

describe('dashboard:summary', () => {
  let core: TempCore;
  let shop: number;
  let duomai: number;

  beforeAll(async () => {
    core = await openTempCore({ now: () => NOW });
  });
  afterAll(async () => {
    await core.cleanup();
  });
  beforeEach(() => {
    wipe(core);
    shop = addAccount(core, 'kasushou');
    duomai = addAccount(core, 'duomai');
    commit(core, shop, 'kasushou', {
      orders: [
        // Today (Shanghai) although still "yesterday" in UTC.
        order({ orderNo: 'T1', total: 1_000_000, createdAt: businessDayStart('2024-03-10') }),
        order({ orderNo: 'T2', total: 55_000, refunded: 55_000, status: 'refunded', createdAt: at('2024-03-10', 8) }),
        order({ orderNo: 'T3', total: 99_000, status: 'cancelled', createdAt: at('2024-03-10', 9) }),
        // 23:59:59.999 on the 9th: yesterday.
        order({ orderNo: 'Y1', total: 20_000, createdAt: businessDayStart('2024-03-10') - 1 }),
        order({ orderNo: 'W1', total: 30_000, createdAt: at('2024-03-04') }),
        // Outside the last 7 days, inside this month.
        order({ orderNo: 'M1', total: 40_000, createdAt: at('2024-03-01', 0) }),
        // Last month, inside the last 30 days.
        order({ orderNo: 'F1', total: 70_000, refunded: 10_000, createdAt: at('2024-02-10') }),
        // Older than 30 days, in the future, and without a time: in no period.
        order({ orderNo: 'OLD', total: 1, createdAt: at('2024-02-09') }),
        order({ orderNo: 'FUT', total: 1, createdAt: at('2024-03-11') }),
        order({ orderNo: 'NUL', total: 1, createdAt: null }),
        order({ orderNo: 'U1', total: 12_345, currency: 'USD', createdAt: at('2024-03-10', 1) }),
      ],
    }, NOW);
    commit(core, duomai, 'duomai', {
      orders: [order({ orderNo: 'D1', total: 250_000, createdAt: at('2024-03-09', 20) })],
      commissions: [
        commission({ orderNo: 'D1', beneficiary: 'me', level: 0, amount: 25_000, status: 'settled', earnedAt: at('2024-03-09') }),
        commission({ orderNo: 'D1', beneficiary: 'up', level: 1, amount: 5_000, status: 'pending', earnedAt: at('2024-03-10', 2) }),
        commission({ orderNo: 'D1', beneficiary: 'up2', level: 2, amount: 7_000, status: 'invalid', earnedAt: at('2024-03-10', 2) }),
        commission({ orderNo: 'D1', beneficiary: 'usd', level: 1, amount: 300, currency: 'USD', status: 'confirmed', earnedAt: at('2024-03-10', 3) }),
      ],
      settlements: [
        settlement({ changeKey: 'S1', orderNo: 'D1', delta: -2_500, modifiedAt: at('2024-03-10', 4) }),
        settlement({ changeKey: 'S2', orderNo: 'D1', delta: 1_000, modifiedAt: at('2024-03-08') }),
        // No revision time: placed on the day it was first synced (NOW).
        settlement({ changeKey: 'S3', orderNo: 'D1', delta: 400, modifiedAt: null }),
      ],
    }, NOW);
  });

  it('places records by Shanghai business day and sums each figure per period', async () => {
    const s = await summary(core);
    expect(s.today).toBe('2024-03-10');
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect([s.periods.today, s.periods.last7, s.periods.last30, s.periods.month].map((p) => [p.from, p.to])).toEqual([
      ['2024-03-10', '2024-03-10'],
      ['2024-03-04', '2024-03-10'],
      ['2024-02-10', '2024-03-10'],
      ['2024-03-01', '2024-03-10'],
    ]);
    const today = s.periods.today.total;
    expect(today.map((f) => f.currency)).toEqual(['CNY', 'USD']);
    expect(today[0]).toEqual<DashboardFigures>({
      currency: 'CNY',
      orders: 3,
      voidOrders: 1,
      refundedOrders: 1,
      revenue: cny('105.5000'),
      refunds: cny('5.5000'),
      net: cny('100.0000'),
      commissionCount: 1,
      commissions: cny('0.5000'),
      commissionsOwed: cny('0.5000'),
      commissionsPaid: cny('0.0000'),
      settlementRevisions: 2,
      settlementUp: cny('0.0400'),
      settlementDown: cny('-0.2500'),
      settlementNet: cny('-0.2100'),
    });
    expect(today[1]).toMatchObject({ currency: 'USD', orders: 1, revenue: { amount: '1.2345', currency: 'USD' }, commissionsOwed: { amount: '0.0300', currency: 'USD' } });

    const cnyOf = (p: keyof DashboardSummary['periods']) => s.periods[p].total.find((f) => f.currency === 'CNY')!;
    expect(cnyOf('last7')).toMatchObject({ orders: 6, revenue: cny('135.5000'), commissions: cny('3.0000'), commissionsPaid: cny('2.5000'), settlementRevisions: 3 });
    expect(cnyOf('month')).toMatchObject({ orders: 7, revenue: cny('139.5000') });
    expect(cnyOf('last30')).toMatchObject({ orders: 8, revenue: cny('146.5000'), refunds: cny('6.5000'), net: cny('140.0000') });
  });

  it('splits figures per provider, and commissions by level and currency', async () => {
    const { last7 } = (await summary(core)).periods;
    expect(last7.providers.map((p) => [p.provider, p.figures.map((f) => f.currency)])).toEqual([
      ['kasushou', ['CNY', 'USD']],
      ['duomai', ['CNY', 'USD']],
    ]);
    const duomaiCny = last7.providers[1]!.figures[0]!;
    expect(duomaiCny).toMatchObject({ orders: 1, revenue: cny('25.0000'), commissionCount: 2, settlementUp: cny('0.1400'), settlementDown: cny('-0.2500') });
    expect(last7.providers[1]!.figures[1]).toMatchObject({ currency: 'USD', orders: 0, revenue: { amount: '0.0000', currency: 'USD' }, commissionCount: 1 });
    expect(last7.commissionsByLevel).toEqual([
      { level: 0, currency: 'CNY', count: 1, owed: cny('0.0000'), paid: cny('2.5000'), total: cny('2.5000') },
      { level: 1, currency: 'CNY', count: 1, owed: cny('0.5000'), paid: cny('0.0000'), total: cny('0.5000') },
      { level: 1, currency: 'USD', count: 1, owed: { amount: '0.0300', currency: 'USD' }, paid: { amount: '0.0000', currency: 'USD' }, total: { amount: '0.0300', currency: 'USD' } },
    ]);
  });

  it('gives a zero-filled daily series of the last 30 days per currency', async () => {
    const { daily } = await summary(core);
    expect([daily.from, daily.to]).toEqual(['2024-02-10', '2024-03-10']);
    const [cnySeries, usdSeries] = daily.series;
    expect(cnySeries!.currency).toBe('CNY');
    expect(cnySeries!.points).toHaveLength(30);
    expect(cnySeries!.points[0]).toEqual({ day: '2024-02-10', orders: 1, revenue: cny('7.0000'), refunds: cny('1.0000') });
    expect(cnySeries!.points[1]).toEqual({ day: '2024-02-11', orders: 0, revenue: cny('0.0000'), refunds: cny('0.0000') });
    expect(cnySeries!.points.at(-2)).toEqual({ day: '2024-03-09', orders: 2, revenue: cny('27.0000'), refunds: cny('0.0000') });
    expect(cnySeries!.points.at(-1)).toMatchObject({ day: '2024-03-10', orders: 3, revenue: cny('105.5000') });
    expect(usdSeries!.points.filter((p) => p.orders > 0).map((p) => p.day)).toEqual(['2024-03-10']);
  });

  it('narrows to one provider or one account', async () => {
    const byProvider = await summary(core, { provider: 'duomai' });
    expect(byProvider.provider).toBe('duomai');
    expect(byProvider.periods.last30.providers.map((p) => p.provider)).toEqual(['duomai']);
    expect(byProvider.periods.last30.total[0]).toMatchObject({ orders: 1, revenue: cny('25.0000') });
    const byAccount = await summary(core, { accountId: shop });
    expect(byAccount.accountId).toBe(shop);
    expect(byAccount.periods.last30.providers.map((p) => p.provider)).toEqual(['kasushou']);
    expect(byAccount.periods.last30.commissionsByLevel).toEqual([]);
    const nobody = await summary(core, { accountId: 999_999 });
    expect(nobody.periods.month.total).toEqual([]);
    expect(nobody.daily.series).toEqual([]);
  });

  it('follows a status change, a refund and a removed account at once', async () => {
    commit(core, shop, 'kasushou', { orders: [order({ orderNo: 'T1', total: 1_000_000, refunded: 1_000_000, status: 'refunded', createdAt: businessDayStart('2024-03-10') })] }, NOW + H);
    commit(core, shop, 'kasushou', { orders: [order({ orderNo: 'T3', total: 99_000, status: 'completed', createdAt: at('2024-03-10', 9) })] }, NOW + H);
    let today = (await summary(core)).periods.today.total[0]!;
    expect(today).toMatchObject({ orders: 3, voidOrders: 0, refundedOrders: 2, revenue: cny('115.4000'), refunds: cny('105.5000'), net: cny('9.9000') });
    core.db.prepare('DELETE FROM accounts WHERE id = ?').run(duomai);
    today = (await summary(core)).periods.today.total[0]!;
    expect(today).toMatchObject({ commissionCount: 0, settlementRevisions: 0 });
  });

  it('refuses unknown or malformed arguments', async () => {
    for (const args of [{ provider: 'amazon' }, { accountId: -1 }, { accountId: 1.5 }, { days: 7 }]) {
      const result = (await core.dispatch('dashboard:summary', args)) as Result<unknown>;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('validation');
    }
  });
});
