/**
 * The recovery passphrase of a keyring-only desktop ledger (Settings): which key slots it has, and
 * adding a passphrase slot through the shell. The typed passphrase is cleared once sent, whatever the
 * answer; the shell never sends it or the key back. The web mode has no shell: `available` is false.
 */
import { ref } from 'vue';
import type { RecoveryState } from '../../../src-main/api/desktop-channels.js';
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

  async function load(): Promise<void> {
    if (!available) return;
    try {
      state.value = await invokeShell('desktop:recovery:state', {});
      loadError.value = null;
    } catch (error) {
      loadError.value = toApiClientError(error);
    }
  }

  /** Resolves true once the passphrase slot exists. */
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
      state.value = await invokeShell('desktop:recovery:set', { passphrase: passphrase.value });
      return true;
    } catch (error) {
      problem.value = { kind: 'failed', message: toApiClientError(error).message };
      return false;
    } finally {
      passphrase.value = '';
      confirm.value = '';
      busy.value = false;
    }
  }

  return { available, state, loadError, passphrase, confirm, busy, problem, load, submit };
}
