import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setTransport, type Transport, type WireResult } from '../../../src-renderer/src/api/client.js';
import { pendingUnlock, type LockedState } from '../../../src-renderer/src/composables/use-unlock.js';
import { createAppI18n } from '../../../src-renderer/src/i18n/index.js';
import UnlockView from '../../../src-renderer/src/views/UnlockView.vue';

const mounted: VueWrapper[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  setTransport(null);
});

function shellTransport(answer: (channel: string, args: unknown) => WireResult) {
  const shell = vi.fn(async (channel: string, args: unknown) => answer(channel, args));
  const transport: Transport = { kind: 'desktop', invoke: vi.fn(), subscribe: () => () => undefined, shell };
  setTransport(transport);
  return { shell, transport };
}

function mountView(lock: LockedState, locale: 'zh-CN' | 'en' = 'en') {
  const wrapper = mount(UnlockView, { props: { lock }, global: { plugins: [createAppI18n(locale)] } });
  mounted.push(wrapper);
  return wrapper;
}

async function type(wrapper: VueWrapper, field: string, value: string) {
  await wrapper.find(`input[data-test=${field}]`).setValue(value);
}

describe('UnlockView (desktop without an OS keyring)', () => {
  it('creates a passphrase: checks length and confirmation, then opens the ledger', async () => {
    const { shell } = shellTransport(() => ({ ok: true, value: { state: 'open' } }));
    const wrapper = mountView({ state: 'locked', mode: 'create', minLength: 8, keyring: false }, 'zh-CN');
    expect(wrapper.text()).toContain('设置账本口令');

    await type(wrapper, 'passphrase', 'short');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-test=unlock-problem]').text()).toContain('口令至少 8 个字符');

    await type(wrapper, 'passphrase', 'long enough one');
    await type(wrapper, 'confirm', 'long enough two');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-test=unlock-problem]').text()).toContain('两次输入的口令不一致');
    expect(shell).not.toHaveBeenCalled();

    await type(wrapper, 'confirm', 'long enough one');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(shell).toHaveBeenCalledWith('desktop:unlock:submit', { passphrase: 'long enough one' });
    expect(wrapper.emitted('unlocked')).toHaveLength(1);
  });

  it('shows a wrong passphrase, clears the field, and opens on the next try', async () => {
    let tries = 0;
    shellTransport(() =>
      ++tries === 1 ? { ok: false, error: { code: 'locked', message: '口令错误，无法解锁密钥库 (wrong passphrase)' } } : { ok: true, value: { state: 'open' } },
    );
    const wrapper = mountView({ state: 'locked', mode: 'unlock', minLength: 8, keyring: false });
    expect(wrapper.find('[data-test=confirm]').exists()).toBe(false);
    await type(wrapper, 'passphrase', 'abc');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=unlock-problem]').text()).toContain('Could not unlock: 口令错误，无法解锁密钥库 (wrong passphrase)');
    expect((wrapper.find('input[data-test=passphrase]').element as HTMLInputElement).value).toBe('');
    expect(wrapper.emitted('unlocked')).toBeUndefined();

    await type(wrapper, 'passphrase', 'the real one');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('unlocked')).toHaveLength(1);
  });

  it('explains that the keyring will remember a ledger it cannot open yet', async () => {
    shellTransport(() => ({ ok: true, value: { state: 'open' } }));
    const withKeyring = mountView({ state: 'locked', mode: 'unlock', minLength: 8, keyring: true }, 'zh-CN');
    expect(withKeyring.find('[data-test=unlock-intro]').text()).toContain('系统密钥环会记住此账本');
    const without = mountView({ state: 'locked', mode: 'unlock', minLength: 8, keyring: false }, 'zh-CN');
    expect(without.find('[data-test=unlock-intro]').text()).toContain('系统密钥环不可用');
  });

  it('asks for the lock before the app mounts only inside the desktop', async () => {
    setTransport({ kind: 'web', invoke: vi.fn(), subscribe: () => () => undefined });
    await expect(pendingUnlock()).resolves.toBeNull();

    shellTransport(() => ({ ok: true, value: { state: 'locked', mode: 'create', minLength: 8, keyring: false } }));
    await expect(pendingUnlock()).resolves.toEqual({ state: 'locked', mode: 'create', minLength: 8, keyring: false });
    shellTransport(() => ({ ok: true, value: { state: 'open' } }));
    await expect(pendingUnlock()).resolves.toBeNull();
    // A shell that cannot answer must not keep the app from starting.
    shellTransport(() => ({ ok: false, error: { code: 'internal', message: 'x' } }));
    await expect(pendingUnlock()).resolves.toBeNull();
  });
});
