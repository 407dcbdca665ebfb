/**
 * Each reconciliation check on a dataset built to trigger it (mostly the simulators' own deliberate
 * cases, mapped exactly as sync maps them) and on one where it must stay silent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FindingPageView, FindingView, ReconcileRunView } from '../../../src-main/api/channels/reports.js';
import { KuaimaiDataset } from '../../../src-main/providers/kuaimai/simulator-dataset.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { addAccount, commit, flow, order, wipe } from './ledger-fixtures.js';
import { duomaiBatch, duomaiDataset, itboyeBatch, kasushouBatch, kasushouDataset, kuaimaiBatch } from './simulator-records.js';

async function findings(core: TempCore, check: FindingView['check']): Promise<readonly FindingView[]> {
  return (await dispatch<FindingPageView>(core, 'reconcile:findings', { check, state: 'all', limit: 500 })).items;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Fen → the exact scale-4 decimal text a finding reports. */
function fenText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}00`;
}

/** An itboye record as the gateway sends it (fen). */
function boyeRecord(orderNo: string, price: number, uplines: [number, number, number]): Record<string, string | number> {
  return {
    id: Number(orderNo.replace(/\D/g, '')) || 1,
    order_no: orderNo,
    username: 'dachui0',
    commission_amount: 100,
    parent_user: '11',
    pp_user: '12',
    ppp_user: '13',
    p_user_commission: uplines[0],
    pp_user_commission: uplines[1],
    ppp_user_commission: uplines[2],
    price: String(price),
    create_time: '1606780800',
  };
}

describe('reconciliation checks', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore();
  });
  afterAll(async () => {
    await core.cleanup();
  });
  beforeEach(() => wipe(core));

  it('kuaimai: flags exactly the simulator trades whose payment flow debits less than the trade', async () => {
    const dataset = new KuaimaiDataset({ seed: 11, count: 200 });
    const trades = range(dataset.count).map((i) => dataset.trade(i));
    const account = addAccount(core, 'kuaimai');
    commit(core, account, 'kuaimai', kuaimaiBatch(trades));
    const run = await dispatch<ReconcileRunView>(core, 'reconcile:run');

    const expected = trades.filter((t) => t.flows.length > 0 && t.flowShortfallFen > 0);
    expect(expected.length).toBeGreaterThan(3);
    const found = await findings(core, 'kuaimai_flow_mismatch');
    expect(run.found.kuaimai_flow_mismatch).toBe(expected.length);
    expect(found.map((f) => f.subject).sort()).toEqual(expected.map((t) => t.tid).sort());
    for (const t of expected) {
      const f = found.find((x) => x.subject === t.tid)!;
      expect(f.reasons).toContain('debit_mismatch');
      expect(f.expected).toEqual({ amount: fenText(t.paymentFen), currency: 'CNY' });
      expect(f.difference?.amount).toBe(fenText(-t.flowShortfallFen));
      expect(f.links.orderNos).toEqual([t.sid]);
      expect(f.links.flowIds).toHaveLength(t.flows.length);
      expect(f.message).toContain(t.tid);
    }
  });

  it('kuaimai: silent when every tid is paid exactly, also for a tid split into several system orders', async () => {
    const dataset = new KuaimaiDataset({ seed: 11, count: 200 });
    const trades = range(dataset.count).map((i) => dataset.trade(i)).filter((t) => t.flowShortfallFen === 0);
    const account = addAccount(core, 'kuaimai');
    commit(core, account, 'kuaimai', kuaimaiBatch(trades));
    commit(core, account, 'kuaimai', {
      orders: [order({ orderNo: 'SID-1', externalOrderNo: 'PDD-SPLIT', total: 30_0000 }), order({ orderNo: 'SID-2', externalOrderNo: 'PDD-SPLIT', total: 14_0000 })],
      flows: [flow({ flowKey: 'split-pay', tid: 'PDD-SPLIT', flowType: 1, amount: -44_0000 }), flow({ flowKey: 'split-refund', tid: 'PDD-SPLIT', flowType: 2, amount: 14_0000 })],
    });
    const run = await dispatch<ReconcileRunView>(core, 'reconcile:run');
    expect(run.found.kuaimai_flow_mismatch).toBe(0);
    expect(await findings(core, 'kuaimai_flow_mismatch')).toEqual([]);
  });

  it('kuaimai: flows without a synced trade and refunds beyond the payment are findings too', async () => {
    const account = addAccount(core, 'kuaimai');
    commit(core, account, 'kuaimai', {
      orders: [order({ orderNo: 'SID-9', externalOrderNo: 'JD-9', total: 10_0000 })],
      flows: [
        flow({ flowKey: 'a', tid: 'JD-ORPHAN', flowType: 1, amount: -4_4000 }),
        flow({ flowKey: 'b', tid: 'JD-9', flowType: 1, amount: -10_0000 }),
        flow({ flowKey: 'c', tid: 'JD-9', flowType: 2, amount: 12_0000 }),
      ],
    });
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    const found = await findings(core, 'kuaimai_flow_mismatch');
    expect(found.map((f) => [f.subject, f.reasons])).toEqual([
      ['JD-9', ['refund_exceeds_payment']],
      ['JD-ORPHAN', ['no_trade']],
    ]);
  });

  it('kasushou: flags refunded orders whose has_back_money is 0, and only those', async () => {
    const dataset = kasushouDataset(300);
    const orders = range(dataset.count).map((i) => dataset.order(i));
    const account = addAccount(core, 'kasushou');
    commit(core, account, 'kasushou', kasushouBatch(orders));
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    const expected = orders.filter((o) => o.status === 5 && o.hasBackMoneyFen === 0);
    expect(expected.length).toBeGreaterThan(2);
    // Refunded orders with the money reported, and cancelled ones, exist and stay silent.
    expect(orders.some((o) => o.status === 5 && o.hasBackMoneyFen > 0)).toBe(true);
    const found = await findings(core, 'kasushou_refund_missing');
    expect(found.map((f) => f.subject).sort()).toEqual(expected.map((o) => o.ordersn).sort());
    expect(found.every((f) => f.reasons[0] === 'refund_amount_zero' && f.actual?.amount === '0.0000' && f.links.orderIds.length === 1)).toBe(true);
  });

  it('kasushou: silent when every refund reports its money', async () => {
    const dataset = kasushouDataset(300);
    const orders = range(dataset.count).map((i) => dataset.order(i)).filter((o) => !(o.status === 5 && o.hasBackMoneyFen === 0));
    const account = addAccount(core, 'kasushou');
    commit(core, account, 'kasushou', kasushouBatch(orders));
    expect((await dispatch<ReconcileRunView>(core, 'reconcile:run')).found.kasushou_refund_missing).toBe(0);
  });

  it('duomai: flags orders with a downward commission revision, with the revisions linked', async () => {
    const dataset = duomaiDataset(200);
    const indexes = range(200);
    const account = addAccount(core, 'duomai');
    commit(core, account, 'duomai', duomaiBatch(dataset, indexes));
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    const cores = indexes.map((i) => dataset.order(i));
    const expected = cores.filter((o) => o.revisions.some((r) => r.commissionNew < r.commissionOld));
    expect(expected.length).toBeGreaterThan(2);
    const found = await findings(core, 'duomai_commission_cut');
    expect(found.map((f) => f.subject).sort()).toEqual(expected.map((o) => o.orderSn).sort());
    for (const o of expected) {
      const f = found.find((x) => x.subject === o.orderSn)!;
      const cut = o.revisions.reduce((s, r) => s + Math.min(0, r.commissionNew - r.commissionOld), 0);
      expect(BigInt(f.difference!.amount.replace('.', ''))).toBe(BigInt(cut));
      expect(f.difference!.currency).toBe(o.ads.currency);
      expect(f.links.settlementIds).toHaveLength(o.revisions.filter((r) => r.commissionNew < r.commissionOld).length);
      expect(f.links.orderIds).toHaveLength(1);
    }
  });

  it('duomai: silent when revisions only go up', async () => {
    const dataset = duomaiDataset(200);
    const indexes = range(200).filter((i) => dataset.order(i).revisions.every((r) => r.commissionNew >= r.commissionOld));
    expect(indexes.some((i) => dataset.order(i).revisions.length > 0)).toBe(true);
    const account = addAccount(core, 'duomai');
    commit(core, account, 'duomai', duomaiBatch(dataset, indexes));
    expect((await dispatch<ReconcileRunView>(core, 'reconcile:run')).found.duomai_commission_cut).toBe(0);
  });

  it('upline commissions: over 30 % of the order total is flagged, exactly 30 % or invalid ones are not; the cap is a setting', async () => {
    const account = addAccount(core, 'itboye');
    commit(core, account, 'itboye', itboyeBatch([boyeRecord('N1', 10_000, [2000, 800, 300]), boyeRecord('N2', 10_000, [2000, 700, 300])], 'success'));
    commit(core, account, 'itboye', itboyeBatch([boyeRecord('N3', 10_000, [5000, 0, 0])], 'fail'));
    const run = await dispatch<ReconcileRunView>(core, 'reconcile:run');
    expect(run.uplineCapBps).toBe(3000);
    let found = await findings(core, 'commission_upline_excess');
    expect(found.map((f) => [f.subject, f.expected?.amount, f.actual?.amount, f.difference?.amount])).toEqual([['N1', '30.0000', '31.0000', '1.0000']]);
    expect(found[0]!.links.commissionIds).toHaveLength(3);

    expect(await dispatch(core, 'reconcile:settings', { uplineCapBps: 2500 })).toEqual({ uplineCapBps: 2500 });
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    found = await findings(core, 'commission_upline_excess');
    expect(found.filter((f) => f.state === 'open').map((f) => [f.subject, f.expected?.amount])).toEqual([['N1', '25.0000'], ['N2', '25.0000']]);
    const audit = core.db.prepare("SELECT details_json FROM audit_log WHERE action = 'reconcile.settings'").all() as { details_json: string }[];
    expect(audit.map((a) => JSON.parse(a.details_json) as unknown)).toEqual([{ before: 3000, after: 2500 }]);
  });

  it('upline commissions: silent on the itboye simulator, whose uplines share 30 % of the commission, not of the order', async () => {
    const { createItboyeDataset } = await import('../../../src-main/providers/itboye/simulator-data.js');
    const dataset = createItboyeDataset({ seed: 5, orderCount: 120 });
    const account = addAccount(core, 'itboye');
    for (const status of ['success', 'wait', 'fail'] as const) {
      const records = range(dataset.size()).map((i) => dataset.order(i)).filter((o) => o.status === status).map((o) => o.record);
      commit(core, account, 'itboye', itboyeBatch(records, status));
    }
    const uplines = core.db.prepare('SELECT count(*) AS n FROM commissions WHERE level > 0').get() as { n: number };
    expect(uplines.n).toBeGreaterThan(20);
    expect((await dispatch<ReconcileRunView>(core, 'reconcile:run')).found.commission_upline_excess).toBe(0);
  });
});
