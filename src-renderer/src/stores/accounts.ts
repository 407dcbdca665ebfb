/** Provider accounts: the list, the provider catalogue, and the add/update/remove/test use-cases. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AccountView, ArgsOf, ConnectionTestView, ProviderInfo } from '../../../src-main/api/contract.js';
import { toApiClientError, type ApiClientError, invoke, onEvent } from '../api/client.js';

export type NewAccount = ArgsOf<'accounts:add'>;
export type AccountChanges = ArgsOf<'accounts:update'>;

export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<AccountView[]>([]);
  const providers = ref<ProviderInfo[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiClientError | null>(null);
  const providersError = ref<ApiClientError | null>(null);

  const providerBySlug = computed(() => new Map(providers.value.map((p) => [p.slug, p] as const)));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      accounts.value = await invoke('accounts:list', {});
      error.value = null;
      loaded.value = true;
    } catch (e) {
      error.value = toApiClientError(e);
    } finally {
      loading.value = false;
    }
  }

  async function loadProviders(): Promise<void> {
    try {
      providers.value = await invoke('providers:list', {});
      providersError.value = null;
    } catch (e) {
      providersError.value = toApiClientError(e);
    }
  }

  function upsert(view: AccountView): void {
    const index = accounts.value.findIndex((a) => a.id === view.id);
    if (index === -1) accounts.value = [...accounts.value, view];
    else accounts.value = accounts.value.map((a) => (a.id === view.id ? view : a));
  }

  /** Adds an account; rejects with ApiClientError (e.g. `validation` with details.issues). */
  async function add(input: NewAccount): Promise<AccountView> {
    const view = await invoke('accounts:add', input);
    upsert(view);
    return view;
  }

  async function update(changes: AccountChanges): Promise<AccountView> {
    const view = await invoke('accounts:update', changes);
    upsert(view);
    return view;
  }

  async function remove(id: number): Promise<void> {
    await invoke('accounts:remove', { id });
    accounts.value = accounts.value.filter((a) => a.id !== id);
  }

  function test(id: number): Promise<ConnectionTestView> {
    return invoke('accounts:test', { id });
  }

  /** Reloads the list whenever the core reports a change; returns the unsubscribe function. */
  function watchChanges(): () => void {
    return onEvent('accounts:changed', () => {
      void load();
    });
  }

  return { accounts, providers, loading, loaded, error, providersError, providerBySlug, load, loadProviders, add, update, remove, test, watchChanges };
});
