/** What the core says about itself (`app:info`) and the ledger's live counts (`app:status`). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, StatusView } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError, invoke } from '../api/client.js';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const status = ref<StatusView | null>(null);
  const infoError = ref<ApiClientError | null>(null);
  const statusError = ref<ApiClientError | null>(null);
  const statusLoading = ref(false);

  async function loadInfo(): Promise<void> {
    try {
      info.value = await invoke('app:info', {});
      infoError.value = null;
    } catch (error) {
      infoError.value = toApiClientError(error);
    }
  }

  async function loadStatus(): Promise<void> {
    statusLoading.value = true;
    try {
      status.value = await invoke('app:status', {});
      statusError.value = null;
    } catch (error) {
      statusError.value = toApiClientError(error);
    } finally {
      statusLoading.value = false;
    }
  }

  return { info, status, infoError, statusError, statusLoading, loadInfo, loadStatus };
});
