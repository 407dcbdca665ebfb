/** Reports on hand-made ledgers: each figure's meaning, currencies kept apart, exact sums, and drill-down. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDrilldownView, ReportView } from '../../../src-main/api/channels/reports.js';
import { parseShanghaiWallTime } from '../../../src-main/domain/time.js';
import { decodeRowKey, encodeRowKey, scaledText } from '../../../src-main/services/report-service.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { addAccount, card, commission, commit, flow, order, settlement, wipe } from './ledger-fixtures.js';

const at = (wall: string) => parseShanghaiWallTime(wall)!;

describe('reports', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore();
  });
  afterAll(async () => {
    await core.cleanup();
  });
  beforeEach(() => wipe(core));

  it('revenue: order totals by Shanghai business day, failed/cancelled left out, refunds and net, one total per currency', async () => {
    const shop = addAccount(core, 'kasushou');
    commit(core, shop, 'kasushou', {
      orders: [
        order({ orderNo: 'A1', total: 123_4500, createdAt: at('2024-03-01 00:00:00') }),
        // 23:59:59 Shanghai is 15:59:59 UTC: still March 1st.
        order({ orderNo: 'A2', total: 10_0000, refunded: 10_0000, status: 'refunded', createdAt: at('2024-03-01 23:59:59') }),
        // 2024-03-01 23:00 UTC is already March 2nd in Shanghai.
        order({ orderNo: 'A3', total: 1, createdAt: Date.UTC(2024, 2, 1, 23, 0, 0) }),
        order({ orderNo: 'A4', total: 999_0000, status: 'failed', createdAt: at('2024-03-01 10:00:00') }),
        order({ orderNo: 'A5', total: 999_0000, status: 'cancelled', refunded: 999_0000, createdAt: at('2024-03-01 10:00:00') }),
        order({ orderNo: 'U1', currency: 'USD', total: 5_0000, createdAt: at('2024-03-01 12:00:00') }),
      ],
    });
    const view = await dispatch<ReportView<'revenue'>>(core, 'report:revenue', { from: '2024-03-01', to: '2024-03-02' });
    expect(view.group).toBe('day');
    expect(view.rows.map((r) => [r.period, r.dims.currency, r.money.revenue.amount, r.money.refunds.amount, r.money.net.amount, r.counts.orders])).toEqual([
      ['2024-03-01', 'CNY', '133.4500', '10.0000', '123.4500', 2],
      ['2024-03-01', 'USD', '5.0000', '0.0000', '5.0000', 1],
      ['2024-03-02', 'CNY', '0.0001', '0.0000', '0.0001', 1],
    ]);
    expect(view.totals).toEqual([
      { currency: 'CNY', money: { revenue: { amount: '133.4501', currency: 'CNY' }, refunds: { amount: '10.0000', currency: 'CNY' }, net: { amount: '123.4501', currency: 'CNY' } }, counts: { orders: 3, refundedOrders: 1 } },
      { currency: 'USD', money: { revenue: { amount: '5.0000', currency: 'USD' }, refunds: { amount: '0.0000', currency: 'USD' }, net: { amount: '5.0000', currency: 'USD' } }, counts: { orders: 1, refundedOrders: 0 } },
    ]);

    const drill = await dispatch<ReportDrilldownView>(core, 'report:drilldown', { key: view.rows[0]!.key, figure: 'refunds' });
    expect(drill.entity).toBe('order');
    expect(drill.items.map((i) => [i.ref, i.money['refunds']?.amount])).toEqual([['A2', '10.0000']]);
    const all = await dispatch<ReportDrilldownView>(core, 'report:drilldown', { key: view.rows[0]!.key });
    expect(all.items.map((i) => i.ref)).toEqual(['A1', 'A2']);
  });

  it('sums beyond 2^53 stay exact', async () => {
    const shop = addAccount(core, 'kuaimai');
    commit(core, shop, 'kuaimai', {
      orders: [
        order({ orderNo: 'B1', total: 2 ** 52 + 1, createdAt: at('2024-03-05 08:00:00') }),
        order({ orderNo: 'B2', total: 2 ** 52, createdAt: at('2024-03-05 09:00:00') }),
      ],
    });
    const view = await dispatch<ReportView<'revenue'>>(core, 'report:revenue', { from: '2024-03-01', to: '2024-03-31', group: 'month' });
    // 2^53 + 1 = 9007199254740993 has no exact double; the report still says it.
    expect(view.rows[0]!.money.revenue.amount).toBe('900719925474.0993');
    expect(view.totals[0]!.money.revenue.amount).toBe('900719925474.0993');
    expect(scaledText(-1n)).toBe('-0.0001');
    expect(scaledText(0n)).toBe('0.0000');
  });

  it('commissions: owed = estimated/pending/confirmed, paid = settled, per beneficiary and level over the period', async () => {
    const boye = addAccount(core, 'itboye');
    const earned = at('2024-04-10 12:00:00');
    commit(core, boye, 'itboye', {
      commissions: [
        commission({ orderNo: 'C1', beneficiary: 'dachui', level: 0, amount: 10_0000, status: 'estimated', earnedAt: earned }),
        commission({ orderNo: 'C2', beneficiary: 'dachui', level: 0, amount: 20_0000, status: 'confirmed', earnedAt: earned + 86_400_000 }),
        commission({ orderNo: 'C3', beneficiary: 'dachui', level: 0, amount: 5_0000, status: 'settled', earnedAt: earned }),
        commission({ orderNo: 'C4', beneficiary: 'dachui', level: 0, amount: 7_0000, status: 'invalid', earnedAt: earned }),
        commission({ orderNo: 'C1', beneficiary: '42|a%b', level: 1, amount: 1_6000, status: 'pending', earnedAt: earned }),
        commission({ orderNo: 'C5', beneficiary: 'dachui', level: 0, amount: 1, status: 'settled', earnedAt: null }),
      ],
    });
    const view = await dispatch<ReportView<'commissions'>>(core, 'report:commissions', { from: '2024-04-01', to: '2024-04-30' });
    expect(view.group).toBe('period');
    expect(view.rows.map((r) => [r.period, r.dims.beneficiary, r.dims.level, r.money.owed.amount, r.money.paid.amount, r.counts.owedCount, r.counts.paidCount])).toEqual([
      ['2024-04-01..2024-04-30', '42|a%b', 1, '1.6000', '0.0000', 1, 0],
      ['2024-04-01..2024-04-30', 'dachui', 0, '30.0000', '5.0000', 2, 1],
    ]);
    expect(decodeRowKey(view.rows[0]!.key).dims).toEqual({ provider: 'itboye', beneficiary: '42|a%b', level: 1, currency: 'CNY' });
    const paid = await dispatch<ReportDrilldownView>(core, 'report:drilldown', { key: view.rows[1]!.key, figure: 'paid' });
    expect(paid.items.map((i) => [i.ref, i.status])).toEqual([['C3', 'settled']]);
    const owed = await dispatch<ReportDrilldownView>(core, 'report:drilldown', { key: view.rows[1]!.key, figure: 'owedCount', limit: 1 });
    expect(owed.items).toHaveLength(1);
    expect(owed.nextAfter).toBe(owed.items[0]!.id);
    const rest = await dispatch<ReportDrilldownView>(core, 'report:drilldown', { key: view.rows[1]!.key, figure: 'owedCount', limit: 1, after: owed.nextAfter });
    expect([owed.items[0]!.ref, rest.items[0]!.ref]).toEqual(['C1', 'C2']);
    expect(rest.nextAfter).toBeNull();
  });

  it('settlements, flows and cards per day', async () => {
    const duomai = addAccount(core, 'duomai');
    const kuaimai = addAccount(core, 'kuaimai');
    const kasushou = addAccount(core, 'kasushou');
    const day = at('2024-05-02 09:00:00');
    commit(core, duomai, 'duomai', {
      settlements: [
        settlement({ changeKey: 's1', orderNo: 'D1', delta: 2_5000, modifiedAt: day }),
        settlement({ changeKey: 's2', orderNo: 'D2', delta: -1_0000, modifiedAt: day }),
        settlement({ changeKey: 's3', orderNo: 'D3', delta: -3, modifiedAt: day, currency: 'USD' }),
      ],
    });
    commit(core, kuaimai, 'kuaimai', {
      flows: [
        flow({ flowKey: 'f1', tid: 'T1', flowType: 1, amount: -44_000, createdAt: day }),
        flow({ flowKey: 'f2', tid: 'T1', flowType: 2, amount: 12_000, createdAt: day }),
      ],
    });
    commit(core, kasushou, 'kasushou', {
      orders: [order({ orderNo: 'K1', createdAt: day })],
      cards: [card({ orderNo: 'K1', cardKey: 'c1' }), card({ orderNo: 'K1', cardKey: 'c2' })],
    });
    const args = { from: '2024-05-02', to: '2024-05-02' };
    const s = await dispatch<ReportView<'settlements'>>(core, 'report:settlements', args);
    expect(s.rows.map((r) => [r.dims.currency, r.counts.revisions, r.money.up.amount, r.money.down.amount, r.money.net.amount])).toEqual([
      ['CNY', 2, '2.5000', '-1.0000', '1.5000'],
      ['USD', 1, '0.0000', '-0.0003', '-0.0003'],
    ]);
    const f = await dispatch<ReportView<'flows'>>(core, 'report:flows', args);
    expect(f.rows.map((r) => [r.money.payments.amount, r.money.refunds.amount, r.money.net.amount, r.counts.flows])).toEqual([['-4.4000', '1.2000', '-3.2000', 2]]);
    const c = await dispatch<ReportView<'cards'>>(core, 'report:cards', args);
    expect(c.rows.map((r) => [r.period, r.dims.provider, r.counts.cards])).toEqual([['2024-05-02', 'kasushou', 2]]);
    expect(c.totals).toEqual([{ currency: null, money: {}, counts: { cards: 2 } }]);
    const onlyKasushou = await dispatch<ReportView<'flows'>>(core, 'report:flows', { ...args, provider: 'kasushou' });
    expect(onlyKasushou.rows).toEqual([]);
    expect(onlyKasushou.totals).toEqual([]);
  });

  it('month rows are clipped to the report range, and their drill-down stays inside it', async () => {
    const shop = addAccount(core, 'kasushou');
    commit(core, shop, 'kasushou', {
      orders: [order({ orderNo: 'M1', createdAt: at('2024-03-10 10:00:00') }), order({ orderNo: 'M2', createdAt: at('2024-03-20 10:00:00') })],
    });
    const view = await dispatch<ReportView<'revenue'>>(core, 'report:revenue', { from: '2024-03-15', to: '2024-04-30', group: 'month', accountId: shop });
    expect(view.rows.map((r) => [r.period, r.from, r.to, r.counts.orders])).toEqual([['2024-03', '2024-03-15', '2024-03-31', 1]]);
    const drill = await dispatch<ReportDrilldownView>(core, 'report:drilldown', { key: view.rows[0]!.key });
    expect(drill.items.map((i) => i.ref)).toEqual(['M2']);
  });

  it('refuses bad arguments and bad keys with validation errors', async () => {
    for (const args of [{ from: '2024-03-02', to: '2024-03-01' }, { from: '2024-02-30', to: '2024-03-01' }, { from: '2024-03-01' }]) {
      const result = await core.dispatch('report:revenue', args);
      expect(result.ok ? 'ok' : result.error.code).toBe('validation');
    }
    const key = encodeRowKey({ kind: 'revenue', from: '2024-03-01', to: '2024-03-01', provider: null, accountId: null, dims: { provider: 'kasushou', currency: 'CNY' } });
    for (const bad of ['nonsense', key.replace('revenue', 'bogus'), `${key}|extra`, key.replace('|*|*|', '|nope|*|'), key.replace('|*|*|', '|*|0|'), key.replace('2024-03-01|2024-03-01', '2024-03-02|2024-03-01'), '%E0%A4%A']) {
      const result = await core.dispatch('report:drilldown', { key: bad });
      expect(result.ok ? 'ok' : result.error.code, bad).toBe('validation');
    }
    const unknownFigure = await core.dispatch('report:drilldown', { key, figure: 'owed' });
    expect(unknownFigure.ok ? 'ok' : unknownFigure.error.code).toBe('validation');
    expect((await core.dispatch('report:drilldown', { key })).ok).toBe(true);
  });
});
