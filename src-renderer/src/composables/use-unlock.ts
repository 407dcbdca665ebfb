/**
 * The desktop's passphrase unlock (when the OS keyring is unavailable or cannot open this ledger): before the app mounts, main.ts
 * asks whether the ledger waits for its passphrase; UnlockView submits it. The shell checks the length
 * again and answers only once the ledger is open.
 */
import { computed, ref } from 'vue';
import type { UnlockState } from '../../../src-main/api/desktop-channels.js';
import { hasDesktopShell, invokeShell, toApiClientError } from '../api/client.js';
import { newPassphraseProblem } from './new-passphrase.js';

export type LockedState = Extract<UnlockState, { state: 'locked' }>;
export type UnlockProblem = { readonly kind: 'too-short' } | { readonly kind: 'mismatch' } | { readonly kind: 'failed'; readonly message: string };

/** The lock to show before the app, or null (open, web mode, or a shell that cannot say). */
export async function pendingUnlock(): Promise<LockedState | null> {
  if (!hasDesktopShell()) return null;
  try {
    const state = await invokeShell('desktop:unlock:state', {});
    return state.state === 'locked' ? state : null;
  } catch {
    return null;
  }
}

export function useUnlock(lock: LockedState) {
  const passphrase = ref('');
  const confirm = ref('');
  const busy = ref(false);
  const problem = ref<UnlockProblem | null>(null);
  const creating = computed(() => lock.mode === 'create');

  /** Resolves true once the ledger is open. */
  async function submit(): Promise<boolean> {
    if (busy.value) return false;
    const invalid = creating.value ? newPassphraseProblem(passphrase.value, confirm.value, lock.minLength) : null;
    if (invalid) return fail({ kind: invalid });
    busy.value = true;
    problem.value = null;
    try {
      const state = await invokeShell('desktop:unlock:submit', { passphrase: passphrase.value });
      return state.state === 'open';
    } catch (error) {
      passphrase.value = '';
      confirm.value = '';
      return fail({ kind: 'failed', message: toApiClientError(error).message });
    } finally {
      busy.value = false;
    }
  }

  function fail(next: UnlockProblem): false {
    problem.value = next;
    return false;
  }

  return { passphrase, confirm, busy, problem, creating, submit };
}
