import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopSettingsView } from '../../../../src-main/api/desktop-channels.js';
import { setTransport, type Transport, type WireResult } from '../../../../src-renderer/src/api/client.js';
import DesktopSettingsPanel from '../../../../src-renderer/src/components/settings/DesktopSettingsPanel.vue';
import { attachedMount } from '../../support/attached-mount.js';

const mountPanel = attachedMount(DesktopSettingsPanel, () => setTransport(null));

const baseView: DesktopSettingsView = { settings: { keepRunningInTray: false, launchAtLogin: false }, launchAtLoginSupported: true, trayAvailable: true };

/** A desktop transport whose shell keeps the settings like the main process does. */
function desktopShell(view: DesktopSettingsView = baseView, refuse: WireResult | null = null) {
  let current = view;
  const shell = vi.fn(async (channel: string, args: unknown): Promise<WireResult> => {
    if (channel === 'desktop:settings:get') return { ok: true, value: current };
    if (channel === 'desktop:settings:set') {
      if (refuse) return refuse;
      current = { ...current, settings: { ...current.settings, ...(args as object) } };
      return { ok: true, value: current };
    }
    return { ok: false, error: { code: 'unknown_channel', message: channel } };
  });
  const transport: Transport = { kind: 'desktop', invoke: vi.fn(), subscribe: () => () => undefined, shell };
  setTransport(transport);
  return shell;
}

describe('DesktopSettingsPanel', () => {
  it('says "only in the desktop app" in the web mode and calls nothing', async () => {
    const invoke = vi.fn();
    setTransport({ kind: 'web', invoke, subscribe: () => () => undefined });
    const wrapper = await mountPanel('en');
    expect(wrapper.find('[data-test=desktop-only]').text()).toContain('Only in the desktop app');
    expect(wrapper.find('[data-test=keep-running]').exists()).toBe(false);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('shows both switches from the shell and changes one through desktop:settings:set', async () => {
    const shell = desktopShell();
    const wrapper = await mountPanel();
    expect(wrapper.text()).toContain('关闭窗口后在托盘中继续运行');
    expect(wrapper.text()).toContain('登录系统时自动启动');
    const launch = wrapper.find('[data-test=launch-at-login]');
    expect(launch.classes()).not.toContain('is-checked');
    await launch.trigger('click');
    await flushPromises();
    expect(shell).toHaveBeenCalledWith('desktop:settings:set', { launchAtLogin: true });
    expect(wrapper.find('[data-test=launch-at-login]').classes()).toContain('is-checked');
    expect(wrapper.find('[data-test=keep-running]').classes()).not.toContain('is-checked');
  });

  it('disables launch at login where the system does not support it, and keep-running without a tray', async () => {
    desktopShell({ ...baseView, launchAtLoginSupported: false, trayAvailable: false });
    const wrapper = await mountPanel('en');
    expect(wrapper.find('[data-test=launch-at-login]').classes()).toContain('is-disabled');
    expect(wrapper.find('[data-test=launch-at-login-hint]').text()).toContain('not available on this system');
    expect(wrapper.find('[data-test=keep-running]').classes()).toContain('is-disabled');
    expect(wrapper.find('[data-test=keep-running-hint]').text()).toContain('no status area');
  });

  it('keeps the switch where it was when the shell refuses, and says why', async () => {
    desktopShell(baseView, { ok: false, error: { code: 'internal', message: 'EACCES autostart' } });
    const wrapper = await mountPanel('en');
    await wrapper.find('[data-test=launch-at-login]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=launch-at-login]').classes()).not.toContain('is-checked');
    expect(document.body.textContent).toContain('Could not save: EACCES autostart');
  });
});
