/**
 * The recovery passphrase of a keyring-only desktop ledger (Settings): which key slots it has, adding a
 * passphrase slot through the shell, or replacing the one it has (`changing`). The typed passphrase is
 * cleared once sent, whatever the answer; the shell never sends it or the key back. The web mode has no
 * shell: `available` is false.
 */
import { ref } from 'vue';
import type { RecoveryChangeView, RecoveryState } from '../../../src-main/api/desktop-channels.js';
import { hasDesktopShell, invokeShell, toApiClientError, type ApiClientError } from '../api/client.js';
import { newPassphraseProblem } from './new-passphrase.js';

export type RecoveryProblem = { readonly kind: 'too-short' } | { readonly kind: 'mismatch' } | { readonly kind: 'failed'; readonly message: string };

export function useRecoveryPassphrase() {
  const available = hasDesktopShell();
  const state = ref<RecoveryState | null>(null);
  const loadError = ref<ApiClientError | null>(null);
  const passphrase = ref('');
  const confirm = ref('');
  const busy = ref(false);
  const problem = ref<RecoveryProblem | null>(null);
  /** The merchant asked to replace the existing passphrase. */
  const changing = ref(false);
  /** What the last change did to the backups folder. */
  const backups = ref<Pick<RecoveryChangeView, 'backupsRekeyed' | 'backupsSkipped'> | null>(null);

  function clearTyped(): void {
    passphrase.value = '';
    confirm.value = '';
  }

  function startChange(): void {
    changing.value = true;
    problem.value = null;
  }

  function cancelChange(): void {
    changing.value = false;
    problem.value = null;
    clearTyped();
  }

  async function load(): Promise<void> {
    if (!available) return;
    try {
      state.value = await invokeShell('desktop:recovery:state', {});
      loadError.value = null;
    } catch (error) {
      loadError.value = toApiClientError(error);
    }
  }

  /** Resolves true once the passphrase slot exists (or, when changing, has been replaced). */
  async function submit(): Promise<boolean> {
    const current = state.value;
    if (busy.value || !current) return false;
    const invalid = newPassphraseProblem(passphrase.value, confirm.value, current.minLength);
    if (invalid) {
      problem.value = { kind: invalid };
      return false;
    }
    busy.value = true;
    problem.value = null;
    try {
      if (changing.value) {
        const { backupsRekeyed, backupsSkipped, ...next } = await invokeShell('desktop:recovery:change', { passphrase: passphrase.value });
        state.value = next;
        backups.value = { backupsRekeyed, backupsSkipped };
      } else {
        state.value = await invokeShell('desktop:recovery:set', { passphrase: passphrase.value });
      }
      changing.value = false;
      return true;
    } catch (error) {
      problem.value = { kind: 'failed', message: toApiClientError(error).message };
      return false;
    } finally {
      clearTyped();
      busy.value = false;
    }
  }

  return { available, state, loadError, passphrase, confirm, busy, problem, changing, backups, load, submit, startChange, cancelChange };
}
