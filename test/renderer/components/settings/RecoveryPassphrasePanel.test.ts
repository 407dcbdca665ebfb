import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { RecoveryState } from '../../../../src-main/api/desktop-channels.js';
import { setTransport, type Transport, type WireResult } from '../../../../src-renderer/src/api/client.js';
import RecoveryPassphrasePanel from '../../../../src-renderer/src/components/settings/RecoveryPassphrasePanel.vue';
import { attachedMount } from '../../support/attached-mount.js';

const mountPanel = attachedMount(RecoveryPassphrasePanel, () => setTransport(null));

const keyringOnly: RecoveryState = { keyring: true, passphrase: false, minLength: 8 };

/** A desktop shell that keeps the slot kinds like the main process does. */
function desktopShell(initial: RecoveryState = keyringOnly, refuse: WireResult | null = null, backupsSkipped: string[] = []) {
  let current = initial;
  const shell = vi.fn(async (channel: string): Promise<WireResult> => {
    if (channel === 'desktop:recovery:state') return { ok: true, value: current };
    if (channel === 'desktop:recovery:set' || channel === 'desktop:recovery:change') {
      if (refuse) return refuse;
      current = { ...current, passphrase: true };
      return { ok: true, value: channel === 'desktop:recovery:set' ? current : { ...current, backupsRekeyed: 3, backupsSkipped } };
    }
    return { ok: false, error: { code: 'unknown_channel', message: channel } };
  });
  const transport: Transport = { kind: 'desktop', invoke: vi.fn(), subscribe: () => () => undefined, shell };
  setTransport(transport);
  return shell;
}

const input = (wrapper: VueWrapper, test: string) => wrapper.find(`input[data-test=${test}]`);

describe('RecoveryPassphrasePanel', () => {
  it('renders nothing and calls nothing in the web mode', async () => {
    const invoke = vi.fn();
    setTransport({ kind: 'web', invoke, subscribe: () => () => undefined });
    const wrapper = await mountPanel();
    expect(wrapper.find('[data-test=recovery-passphrase]').exists()).toBe(false);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('warns about a keyring-only ledger, checks length and confirmation, then sets the passphrase once', async () => {
    const shell = desktopShell();
    const wrapper = await mountPanel();
    expect(wrapper.find('[data-test=recovery-keyring-only]').text()).toContain('只能由本机的系统密钥环打开');

    await input(wrapper, 'recovery-passphrase-input').setValue('short');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-test=recovery-problem]').text()).toContain('口令至少 8 个字符');
    await input(wrapper, 'recovery-passphrase-input').setValue('long enough one');
    await input(wrapper, 'recovery-confirm').setValue('long enough two');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-test=recovery-problem]').text()).toContain('两次输入的口令不一致');
    expect(shell).not.toHaveBeenCalledWith('desktop:recovery:set', expect.anything());

    await input(wrapper, 'recovery-confirm').setValue('long enough one');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(shell).toHaveBeenCalledWith('desktop:recovery:set', { passphrase: 'long enough one' });
    expect(wrapper.find('[data-test=recovery-form]').exists()).toBe(false);
    expect(wrapper.find('[data-test=recovery-set]').text()).toContain('已设置口令');
  });

  it('shows the shell’s refusal and clears what was typed', async () => {
    desktopShell(keyringOnly, { ok: false, error: { code: 'conflict', message: '此账本已有口令 (this ledger already has a passphrase)' } });
    const wrapper = await mountPanel('en');
    await input(wrapper, 'recovery-passphrase-input').setValue('long enough one');
    await input(wrapper, 'recovery-confirm').setValue('long enough one');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=recovery-problem]').text()).toContain('Could not set the recovery passphrase: 此账本已有口令');
    expect((input(wrapper, 'recovery-passphrase-input').element as HTMLInputElement).value).toBe('');
    expect((input(wrapper, 'recovery-confirm').element as HTMLInputElement).value).toBe('');
  });

  it('says when a passphrase already exists (a ledger from the CLI), with no form until asked to change it', async () => {
    desktopShell({ keyring: true, passphrase: true, minLength: 8 });
    const wrapper = await mountPanel('en');
    expect(wrapper.find('[data-test=recovery-set]').text()).toContain('A passphrase is set');
    expect(wrapper.find('[data-test=recovery-form]').exists()).toBe(false);
    expect(wrapper.find('[data-test=recovery-change]').exists()).toBe(true);
  });

  it('changes an existing passphrase after a warning, and cancelling forgets what was typed', async () => {
    const shell = desktopShell({ keyring: true, passphrase: true, minLength: 8 });
    const wrapper = await mountPanel();
    await wrapper.find('[data-test=recovery-change]').trigger('click');
    expect(wrapper.find('[data-test=recovery-change-warning]').text()).toContain('旧口令立即失效');
    expect(wrapper.find('[data-test=recovery-keyring-only]').exists()).toBe(false);
    await input(wrapper, 'recovery-passphrase-input').setValue('typed then cancelled');
    await wrapper.find('[data-test=recovery-cancel]').trigger('click');
    expect(wrapper.find('[data-test=recovery-form]').exists()).toBe(false);

    await wrapper.find('[data-test=recovery-change]').trigger('click');
    expect((input(wrapper, 'recovery-passphrase-input').element as HTMLInputElement).value).toBe('');
    await input(wrapper, 'recovery-passphrase-input').setValue('the new words');
    await input(wrapper, 'recovery-confirm').setValue('the new words');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(shell).toHaveBeenCalledWith('desktop:recovery:change', { passphrase: 'the new words' });
    expect(shell).not.toHaveBeenCalledWith('desktop:recovery:set', expect.anything());
    expect(wrapper.find('[data-test=recovery-form]').exists()).toBe(false);
    expect(wrapper.find('[data-test=recovery-set]').exists()).toBe(true);
    expect(document.body.textContent).toContain('备份文件夹中的 3 个备份也已改用新口令');
    expect(wrapper.find('[data-test=recovery-backups-skipped]').exists()).toBe(false);
  });

  it('lists the backups that still open with the old passphrase after a change', async () => {
    desktopShell({ keyring: true, passphrase: true, minLength: 8 }, null, ['manual-2026-01-02T03-04-05-006Z.sqlite3']);
    const wrapper = await mountPanel();
    await wrapper.find('[data-test=recovery-change]').trigger('click');
    await input(wrapper, 'recovery-passphrase-input').setValue('the new words');
    await input(wrapper, 'recovery-confirm').setValue('the new words');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const skipped = wrapper.find('[data-test=recovery-backups-skipped]');
    expect(skipped.text()).toContain('以下 1 个备份未能改用新口令');
    expect(skipped.findAll('li').map((li) => li.text())).toEqual(['manual-2026-01-02T03-04-05-006Z.sqlite3']);
  });

  it('shows a refused change as a change failure and keeps the form open', async () => {
    desktopShell({ keyring: true, passphrase: true, minLength: 8 }, { ok: false, error: { code: 'conflict', message: '口令正在更改中' } });
    const wrapper = await mountPanel('en');
    await wrapper.find('[data-test=recovery-change]').trigger('click');
    await input(wrapper, 'recovery-passphrase-input').setValue('the new words');
    await input(wrapper, 'recovery-confirm').setValue('the new words');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=recovery-problem]').text()).toContain('Could not change the passphrase: 口令正在更改中');
    expect(wrapper.find('[data-test=recovery-form]').exists()).toBe(true);
  });
});
