import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src-main/api/contract.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

let core: TempCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

describe('account service', () => {
  it('re-plans the next run when the interval changes', async () => {
    let now = 1_700_000_000_000;
    core = await openTempCore({ now: () => now, strategies: {} });
    const account = await dispatch<AccountView>(core, 'accounts:add', { provider: 'duomai', name: 'd', settings: { appKey: '1' }, secrets: { appSecret: 'abcdefgh' } });
    core.services.accounts.row(account.id);
    const lastSuccessAt = now;
    core.db.prepare('UPDATE accounts SET last_success_at = ?, next_run_at = ? WHERE id = ?').run(lastSuccessAt, lastSuccessAt + 15 * 60_000, account.id);
    now += 60_000;
    const updated = await dispatch<AccountView>(core, 'accounts:update', { id: account.id, syncIntervalMinutes: 60 });
    expect(updated.health.nextRunAt).toBe(lastSuccessAt + 60 * 60_000);
  });

  it('rejects fields a provider does not have and keeps secrets write-only', async () => {
    core = await openTempCore({ strategies: {} });
    const bad = await core.dispatch('accounts:add', { provider: 'duomai', name: 'd', settings: { appKey: '1', color: 'red' }, secrets: { appSecret: 'abcdefgh' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    const account = await dispatch<AccountView>(core, 'accounts:add', { provider: 'duomai', name: 'd', settings: { appKey: '1' }, secrets: { appSecret: 'abcdefgh-secret' } });
    expect(JSON.stringify(account)).not.toContain('abcdefgh-secret');
    expect(account.secrets.appSecret).toEqual({ configured: true, hint: '••••cret' });
  });
});
