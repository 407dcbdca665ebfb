/** Backups of the ledger database (`backup:*`): the list, a backup now, restore, and the policy. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BackupCreatedView, BackupSettingsView, BackupView, RestoreView } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError, invoke } from '../api/client.js';

export type BackupPolicyChanges = Partial<BackupSettingsView>;

export const useBackupsStore = defineStore('backups', () => {
  const folder = ref<string | null>(null);
  const backups = ref<BackupView[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiClientError | null>(null);
  const policy = ref<BackupSettingsView | null>(null);
  const policyError = ref<ApiClientError | null>(null);
  const creating = ref(false);
  const restoring = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const list = await invoke('backup:list', {});
      folder.value = list.folder;
      backups.value = [...list.backups];
      error.value = null;
      loaded.value = true;
    } catch (e) {
      error.value = toApiClientError(e);
    } finally {
      loading.value = false;
    }
  }

  async function loadPolicy(): Promise<void> {
    try {
      policy.value = await invoke('backup:settings', {});
      policyError.value = null;
    } catch (e) {
      policyError.value = toApiClientError(e);
    }
  }

  /** Changes the policy fields given; rejects with ApiClientError. */
  async function savePolicy(changes: BackupPolicyChanges): Promise<BackupSettingsView> {
    const saved = await invoke('backup:settings', changes);
    policy.value = saved;
    return saved;
  }

  /** Takes a manual backup into the backups folder, then re-reads the list. */
  async function create(): Promise<BackupCreatedView> {
    creating.value = true;
    try {
      const created = await invoke('backup:create', {});
      await load();
      return created;
    } finally {
      creating.value = false;
    }
  }

  /** Restores a backup by name; the core keeps a pre-restore copy (returned as `undo`). */
  async function restore(name: string): Promise<RestoreView> {
    restoring.value = name;
    try {
      const result = await invoke('backup:restore', { name });
      await load();
      return result;
    } finally {
      restoring.value = null;
    }
  }

  return { folder, backups, loading, loaded, error, policy, policyError, creating, restoring, load, loadPolicy, savePolicy, create, restore };
});
