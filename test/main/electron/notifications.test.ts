import { describe, expect, it, vi } from 'vitest';
import type { AccountStatus } from '../../../src-main/electron/account-status.js';
import { SyncNotifier, problemOf, type NotificationLike } from '../../../src-main/electron/notifications.js';

const status = (id: number, state: AccountStatus['state'], extra: Partial<AccountStatus> = {}): AccountStatus => ({
  id,
  name: `店铺${id}`,
  state,
  errorKind: null,
  errorMessage: null,
  needsAttention: null,
  ...extra,
});

function setup(supported = true) {
  const shown: { title: string; body: string; notification: NotificationLike & { handlers: Map<string, () => void> } }[] = [];
  const openAccount = vi.fn();
  const notifier = new SyncNotifier({
    isSupported: () => supported,
    create: (options) => {
      const handlers = new Map<string, () => void>();
      const notification = {
        handlers,
        show: vi.fn(() => shown.push({ ...options, notification })),
        on: (event: string, listener: () => void) => handlers.set(event, listener),
      };
      return notification;
    },
    openAccount,
  });
  notifier.update([]); // the start-up snapshot
  return { notifier, shown, openAccount };
}

const netError = (id: number, message = 'timeout at 10:00') => status(id, 'error', { errorKind: 'network', errorMessage: message });

describe('sync notifications', () => {
  it('announces a failure once per account and reason', () => {
    const { notifier, shown } = setup();
    notifier.update([netError(1)]);
    notifier.update([netError(1, 'timeout at 10:05')]);
    notifier.update([status(1, 'syncing')]);
    notifier.update([netError(1, 'timeout at 10:10')]);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toContain('Sync failed');
    expect(shown[0]?.body).toContain('店铺1');
  });

  it('announces a new reason for the same account, and the same reason for another account', () => {
    const { notifier, shown } = setup();
    notifier.update([netError(1)]);
    notifier.update([status(1, 'error', { errorKind: 'rate_limit', errorMessage: 'slow down' })]);
    notifier.update([status(1, 'error', { errorKind: 'rate_limit', errorMessage: 'slow down' }), netError(2)]);
    expect(shown.map((s) => s.body)).toEqual(['店铺1：timeout at 10:00', '店铺1：slow down', '店铺2：timeout at 10:00']);
  });

  it('announces the same failure again after the account recovered', () => {
    const { notifier, shown } = setup();
    notifier.update([netError(1)]);
    notifier.update([status(1, 'ok')]);
    notifier.update([netError(1)]);
    expect(shown).toHaveLength(2);
  });

  it('says when an account needs a new token (needs attention or an auth failure)', () => {
    const { notifier, shown } = setup();
    notifier.update([status(1, 'needs_attention', { needsAttention: '令牌已过期 token expired' })]);
    notifier.update([status(1, 'needs_attention', { needsAttention: '令牌已过期 token expired' }), status(2, 'error', { errorKind: 'auth', errorMessage: 'bad key' })]);
    expect(shown).toHaveLength(2);
    expect(shown.every((s) => s.title.includes('new token'))).toBe(true);
    expect(problemOf(status(3, 'error', { errorKind: 'network' }))?.needsToken).toBe(false);
  });

  it('does not announce problems that already existed when the app started', () => {
    const shown: unknown[] = [];
    const notifier = new SyncNotifier({ isSupported: () => true, create: () => ({ show: () => shown.push(1), on: () => undefined }), openAccount: vi.fn() });
    notifier.update([netError(1)]);
    notifier.update([netError(1)]);
    expect(shown).toHaveLength(0);
    notifier.update([netError(1), netError(2)]);
    expect(shown).toHaveLength(1);
  });

  it('clicking a notification opens its account', () => {
    const { notifier, shown, openAccount } = setup();
    notifier.update([netError(7)]);
    shown[0]?.notification.handlers.get('click')?.();
    expect(openAccount).toHaveBeenCalledWith(7);
  });

  it('stays silent where notifications are not supported', () => {
    const { notifier, shown } = setup(false);
    notifier.update([netError(1)]);
    expect(shown).toHaveLength(0);
  });
});
