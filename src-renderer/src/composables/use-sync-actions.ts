/** Starting and cancelling syncs from any view, with the merchant-facing messages. */
import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { SyncStartView } from '../../../src-main/api/contract.js';
import { toApiClientError } from '../api/client.js';
import { useAccountsStore } from '../stores/accounts.js';
import { useSyncStore } from '../stores/sync.js';

export function useSyncActions() {
  const { t } = useI18n();
  const sync = useSyncStore();
  const accounts = useAccountsStore();
  const startingAll = ref(false);
  const cancelling = ref<Set<number | 'all'>>(new Set());

  function nameOf(accountId: number): string {
    return accounts.accounts.find((a) => a.id === accountId)?.name ?? `#${accountId}`;
  }

  function reportSkipped(result: SyncStartView): void {
    for (const s of result.skipped) {
      ElMessage.warning({ message: t('sync.skipped', { name: nameOf(s.accountId), reason: s.reason }), duration: 8000 });
    }
  }

  /** Starts every enabled account (the “全部同步” button and Ctrl/⌘+R). */
  async function syncAll(): Promise<void> {
    if (startingAll.value) return;
    startingAll.value = true;
    try {
      const result = await sync.runAll();
      if (result.started.length > 0) ElMessage.success(t('sync.startedAll', { n: result.started.length }));
      else if (result.skipped.length === 0) ElMessage.info(t('sync.nothingStarted'));
      reportSkipped(result);
    } catch (error) {
      ElMessage.error({ message: t('sync.startFailed', { message: toApiClientError(error).message }), duration: 8000 });
    } finally {
      startingAll.value = false;
    }
  }

  async function syncAccount(accountId: number, name: string): Promise<void> {
    try {
      const result = await sync.runAccount(accountId);
      if (result.started.length > 0) ElMessage.success(t('accounts.syncStarted', { name }));
      for (const s of result.skipped) {
        ElMessage.warning({ message: t('accounts.syncSkipped', { name, reason: s.reason }), duration: 8000 });
      }
    } catch (error) {
      ElMessage.error({ message: t('sync.startFailed', { message: toApiClientError(error).message }), duration: 8000 });
    }
  }

  /** Cancels one account's run, or all runs when `accountId` is undefined. */
  async function cancel(accountId?: number): Promise<void> {
    const key = accountId ?? 'all';
    cancelling.value = new Set([...cancelling.value, key]);
    try {
      await sync.cancel(accountId);
      ElMessage.info(t('sync.cancelRequested'));
    } catch (error) {
      ElMessage.error({ message: t('sync.cancelFailed', { message: toApiClientError(error).message }), duration: 8000 });
    } finally {
      const next = new Set(cancelling.value);
      next.delete(key);
      cancelling.value = next;
    }
  }

  return { startingAll, cancelling, syncAll, syncAccount, cancel, nameOf };
}
