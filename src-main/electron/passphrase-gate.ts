/**
 * The passphrase fallback when the OS keyring (safeStorage) is unavailable: the core is opened with a
 * passphrase key slot whose passphrase comes from the window, not from a terminal. The unlocker the
 * vault calls waits for `desktop:unlock:submit`; `wrap` means the ledger is new (the merchant chooses a
 * passphrase), `unwrap` means it exists (the merchant types it, and may retry after a wrong one).
 * A submit resolves only once the whole core is open (or failed), so the renderer can start the app
 * right away.
 *
 * Limitation: with several passphrase slots only the first one is tried (the vault asks per slot).
 */
import type { UnlockState } from '../api/desktop-channels.js';
import { PASSPHRASE_MIN } from '../api/desktop-channels.js';
import { fail, ok, type Result } from '../api/result.js';
import { passphraseUnlocker, type ScryptParams } from '../secrets/passphrase-slot.js';
import type { KeySlotRecord, KeyUnlocker } from '../secrets/vault.js';
import type { ShellHandlers } from './shell-ipc.js';
import { VaultLockedError, WRONG_PASSPHRASE_MESSAGE } from '../secrets/vault-errors.js';

type Mode = 'create' | 'unlock';

interface Attempt {
  readonly passphrase: string;
  settle(result: Result<UnlockState>): void;
}

export const TOO_SHORT_MESSAGE = `口令至少 ${PASSPHRASE_MIN} 个字符 (the passphrase needs at least ${PASSPHRASE_MIN} characters)`;
const BUSY_MESSAGE = '正在解锁，请稍候 (unlocking, please wait)';

export class PassphraseGate {
  private mode: Mode | null = null;
  private open = false;
  private queued: Attempt | null = null;
  /** The attempt being checked or already accepted (settled when the core is open or failed). */
  private current: Attempt | null = null;
  private wake: (() => void) | null = null;
  private readonly modeKnown: Promise<void>;
  private announce!: () => void;

  constructor(private readonly options: { readonly scrypt?: ScryptParams } = {}) {
    this.modeKnown = new Promise((resolve) => (this.announce = resolve));
  }

  /** Waits until the vault has said whether it needs a new or an existing passphrase. */
  async state(): Promise<UnlockState> {
    await this.modeKnown;
    return this.open ? { state: 'open' } : { state: 'locked', mode: this.mode ?? 'unlock', minLength: PASSPHRASE_MIN };
  }

  submit(passphrase: string): Promise<Result<UnlockState>> {
    if (this.open) return Promise.resolve(ok({ state: 'open' }));
    if (this.queued || this.current) return Promise.resolve(fail('conflict', BUSY_MESSAGE));
    return new Promise((resolve) => {
      this.queued = { passphrase, settle: resolve };
      this.wake?.();
    });
  }

  /** The core is open: the accepted attempt succeeds. */
  opened(): void {
    this.open = true;
    this.announce();
    this.settleCurrent(ok({ state: 'open' }));
  }

  /** The core could not open after the key was accepted (e.g. a database newer than this app). */
  failed(message: string): void {
    this.announce();
    this.settleCurrent(fail('internal', message));
  }

  unlocker(): KeyUnlocker {
    const cost = this.options.scrypt ? { scrypt: this.options.scrypt } : {};
    return {
      kind: 'passphrase',
      wrap: async (dataKey) => {
        for (;;) {
          const attempt = await this.next('create');
          if (attempt.passphrase.length < PASSPHRASE_MIN) {
            this.settleCurrent(fail('validation', TOO_SHORT_MESSAGE));
            continue;
          }
          return passphraseUnlocker(attempt.passphrase, cost).wrap(dataKey);
        }
      },
      unwrap: async (slot: KeySlotRecord) => {
        for (;;) {
          const attempt = await this.next('unlock');
          try {
            return await passphraseUnlocker(attempt.passphrase, cost).unwrap(slot);
          } catch (error) {
            if (!(error instanceof VaultLockedError)) throw error;
            this.settleCurrent(fail('locked', WRONG_PASSPHRASE_MESSAGE));
          }
        }
      },
    };
  }

  private async next(mode: Mode): Promise<Attempt> {
    this.mode = mode;
    this.announce();
    while (!this.queued) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    const attempt = this.queued;
    this.queued = null;
    this.current = attempt;
    return attempt;
  }

  private settleCurrent(result: Result<UnlockState>): void {
    const attempt = this.current;
    this.current = null;
    attempt?.settle(result);
  }
}

/** The unlock channels; without a gate (the keyring works) the ledger is always open. */
export function unlockHandlers(gate: PassphraseGate | null): Pick<ShellHandlers, 'desktop:unlock:state' | 'desktop:unlock:submit'> {
  return {
    'desktop:unlock:state': async () => ok(gate ? await gate.state() : { state: 'open' }),
    'desktop:unlock:submit': ({ passphrase }) => (gate ? gate.submit(passphrase) : ok({ state: 'open' })),
  };
}
