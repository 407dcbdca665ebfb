/**
 * Stored findings: stable keys (re-running never duplicates), review marks that survive re-runs and
 * resolution, "changed since review" when the evidence moves, audit rows, paging and filters.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FindingPageView, FindingView, ReconcileRunView } from '../../../src-main/api/channels/reports.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';
import { addAccount, commit, flow, order, wipe } from './ledger-fixtures.js';

async function list(core: TempCore, args: Record<string, unknown> = {}): Promise<readonly FindingView[]> {
  return (await dispatch<FindingPageView>(core, 'reconcile:findings', { limit: 500, ...args })).items;
}

describe('reconciliation findings', () => {
  let core: TempCore;
  let kasushou: number;
  let kuaimai: number;
  beforeAll(async () => {
    core = await openTempCore();
  });
  afterAll(async () => {
    await core.cleanup();
  });
  beforeEach(() => {
    wipe(core);
    kasushou = addAccount(core, 'kasushou');
    kuaimai = addAccount(core, 'kuaimai');
    commit(core, kasushou, 'kasushou', {
      orders: [
        order({ orderNo: 'R1', status: 'refunded', total: 25_0000, refunded: 0 }),
        order({ orderNo: 'R2', status: 'refunded', total: 58_0000, refunded: null }),
        order({ orderNo: 'R3', status: 'refunded', total: 9_0000, refunded: 9_0000 }),
      ],
    });
    commit(core, kuaimai, 'kuaimai', {
      orders: [order({ orderNo: 'S1', externalOrderNo: 'FXG-1', total: 20_0000 })],
      flows: [flow({ flowKey: 'p1', tid: 'FXG-1', flowType: 1, amount: -19_0000 })],
    });
  });

  it('re-running keeps one finding per key with the same id', async () => {
    const first = await dispatch<ReconcileRunView>(core, 'reconcile:run');
    expect(first).toMatchObject({ added: 3, reopened: 0, resolved: 0, unreviewed: 3 });
    const before = await list(core);
    const second = await dispatch<ReconcileRunView>(core, 'reconcile:run');
    expect(second).toMatchObject({ added: 0, reopened: 0, resolved: 0, unreviewed: 3 });
    const after = await list(core);
    expect(after.map((f) => [f.id, f.key])).toEqual(before.map((f) => [f.id, f.key]));
    expect(after.map((f) => f.key).sort()).toEqual([`kasushou_refund_missing:${kasushou}:R1`, `kasushou_refund_missing:${kasushou}:R2`, `kuaimai_flow_mismatch:${kuaimai}:FXG-1:CNY`]);
    expect(after.find((f) => f.subject === 'R2')!.reasons).toEqual(['refund_amount_missing']);
    expect(core.db.prepare('SELECT count(*) AS n FROM reconciliation_findings').get()).toEqual({ n: 3 });
  });

  it('a review survives re-runs, resolution and re-opening, and notices when the evidence changes', async () => {
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    const target = (await list(core)).find((f) => f.subject === 'FXG-1')!;
    const reviewed = await dispatch<FindingView>(core, 'reconcile:review', { id: target.id, note: '平台少扣了 1 元，已联系客服' });
    expect(reviewed).toMatchObject({ reviewed: true, reviewedBy: 'web', reviewNote: '平台少扣了 1 元，已联系客服', changedSinceReview: false });
    const audit = core.db.prepare("SELECT actor, target_type, target_id, details_json FROM audit_log WHERE action = 'reconcile.review'").all() as { actor: string; target_id: string; details_json: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'web', target_type: 'reconciliation_finding', target_id: String(target.id) });
    expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ key: target.key, subject: 'FXG-1' });

    expect((await dispatch<ReconcileRunView>(core, 'reconcile:run')).unreviewed).toBe(2);
    expect((await list(core, { reviewed: true })).map((f) => [f.id, f.changedSinceReview])).toEqual([[target.id, false]]);

    // New evidence (another flow for the tid): still the same finding, still reviewed, but flagged.
    commit(core, kuaimai, 'kuaimai', { flows: [flow({ flowKey: 'p2', tid: 'FXG-1', flowType: 1, amount: -5000 })] });
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    const changed = (await list(core)).find((f) => f.id === target.id)!;
    expect(changed).toMatchObject({ reviewed: true, changedSinceReview: true, difference: { amount: '-0.5000', currency: 'CNY' } });

    // Fixed upstream → resolved; broken again → the same row re-opens, review kept.
    commit(core, kuaimai, 'kuaimai', { flows: [flow({ flowKey: 'p3', tid: 'FXG-1', flowType: 1, amount: -5000 })] });
    expect(await dispatch<ReconcileRunView>(core, 'reconcile:run')).toMatchObject({ resolved: 1, added: 0 });
    expect((await list(core)).map((f) => f.id)).not.toContain(target.id);
    const resolved = (await list(core, { state: 'resolved' }))[0]!;
    expect(resolved).toMatchObject({ id: target.id, state: 'resolved', reviewed: true });
    expect(resolved.resolvedAt).not.toBeNull();
    commit(core, kuaimai, 'kuaimai', { flows: [flow({ flowKey: 'p4', tid: 'FXG-1', flowType: 1, amount: -1 })] });
    expect(await dispatch<ReconcileRunView>(core, 'reconcile:run')).toMatchObject({ reopened: 1, added: 0 });
    expect((await list(core)).find((f) => f.id === target.id)).toMatchObject({ state: 'open', reviewed: true, resolvedAt: null });

    const cleared = await dispatch<FindingView>(core, 'reconcile:review', { id: target.id, reviewed: false });
    expect(cleared).toMatchObject({ reviewed: false, reviewedAt: null, reviewNote: null, changedSinceReview: false });
    expect(core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'reconcile.unreview'").get()).toEqual({ n: 1 });
  });

  it('pages by id, filters by check and account, and reports unknown ids as not found', async () => {
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    const first = await dispatch<FindingPageView>(core, 'reconcile:findings', { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextAfter).toBe(first.items[1]!.id);
    const second = await dispatch<FindingPageView>(core, 'reconcile:findings', { limit: 2, after: first.nextAfter });
    expect(second.items).toHaveLength(1);
    expect(second.nextAfter).toBeNull();
    expect((await list(core, { check: 'kuaimai_flow_mismatch' })).map((f) => f.subject)).toEqual(['FXG-1']);
    expect((await list(core, { accountId: kasushou })).map((f) => f.subject)).toEqual(['R1', 'R2']);
    const missing = await core.dispatch('reconcile:review', { id: 999_999 });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found');
    const bad = await core.dispatch('reconcile:settings', { uplineCapBps: 10_001 });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('validation');
  });

  it('removing an account removes its findings', async () => {
    await dispatch<ReconcileRunView>(core, 'reconcile:run');
    core.db.prepare('DELETE FROM accounts WHERE id = ?').run(kasushou);
    expect((await list(core, { state: 'all' })).map((f) => f.subject)).toEqual(['FXG-1']);
  });
});
