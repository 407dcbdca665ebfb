/**
 * The desktop shell's own preferences (keep running in the tray, launch at login), read and changed
 * through the shell's channels. The web mode has no shell: `available` is false there and nothing is
 * called.
 */
import { ref } from 'vue';
import type { DesktopSettings, DesktopSettingsView } from '../../../src-main/api/desktop-channels.js';
import { hasDesktopShell, invokeShell, toApiClientError, type ApiClientError } from '../api/client.js';

export function useDesktopSettings() {
  const available = hasDesktopShell();
  const view = ref<DesktopSettingsView | null>(null);
  const loadError = ref<ApiClientError | null>(null);
  const saving = ref(false);

  async function load(): Promise<void> {
    if (!available) return;
    try {
      view.value = await invokeShell('desktop:settings:get', {});
      loadError.value = null;
    } catch (error) {
      loadError.value = toApiClientError(error);
    }
  }

  /** Resolves with the error when the shell refused (the shown state is then unchanged). */
  async function update(patch: Partial<DesktopSettings>): Promise<ApiClientError | null> {
    saving.value = true;
    try {
      view.value = await invokeShell('desktop:settings:set', patch);
      return null;
    } catch (error) {
      return toApiClientError(error);
    } finally {
      saving.value = false;
    }
  }

  return { available, view, loadError, saving, load, update };
}
