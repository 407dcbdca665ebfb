/**
 * The passphrase typed into the window instead of a terminal: used when the OS keyring (safeStorage) is
 * unavailable, and when it is available but the ledger has no keyring slot it can open (a ledger made by
 * the CLI or web mode). The unlocker the vault calls waits for `desktop:unlock:submit`; `wrap` means
 * the ledger is new (the merchant chooses a passphrase), `unwrapOneOf` means it exists (the merchant
 * types it — each try is checked against every passphrase slot — and may retry after a wrong one).
 * A submit resolves only once the whole core is open (or failed), so the renderer can start the app
 * right away.
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

export interface PassphraseGateOptions {
  readonly scrypt?: ScryptParams;
  /** The keyring works and will remember the key after this unlock (the unlock view says so). */
  readonly keyring?: boolean;
  /** Called once, when the vault first waits for a passphrase (the shell then shows the window). */
  readonly onAsk?: () => void;
}

export class PassphraseGate {
  private mode: Mode | null = null;
  private asked = false;
  private open = false;
  private queued: Attempt | null = null;
  /** The attempt being checked or already accepted (settled when the core is open or failed). */
  private current: Attempt | null = null;
  private wake: (() => void) | null = null;
  private readonly modeKnown: Promise<void>;
  private announce!: () => void;

  constructor(private readonly options: PassphraseGateOptions = {}) {
    this.modeKnown = new Promise((resolve) => (this.announce = resolve));
  }

  /** Waits until the vault has said whether it needs a new or an existing passphrase. */
  async state(): Promise<UnlockState> {
    await this.modeKnown;
    if (this.open) return { state: 'open' };
    return { state: 'locked', mode: this.mode ?? 'unlock', minLength: PASSPHRASE_MIN, keyring: this.options.keyring === true };
  }

  /** True once the vault has waited for a passphrase, i.e. the ledger was (or will be) opened by one. */
  get wasAsked(): boolean {
    return this.asked;
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
      unwrap: (slot: KeySlotRecord) => this.unwrapOneOf([slot], cost),
      unwrapOneOf: (slots: KeySlotRecord[]) => this.unwrapOneOf(slots, cost),
    };
  }

  private async unwrapOneOf(slots: readonly KeySlotRecord[], cost: { scrypt?: ScryptParams }): Promise<Buffer> {
    for (;;) {
      const attempt = await this.next('unlock');
      const typed = passphraseUnlocker(attempt.passphrase, cost);
      for (const slot of slots) {
        try {
          return await typed.unwrap(slot);
        } catch (error) {
          if (!(error instanceof VaultLockedError)) throw error;
        }
      }
      this.settleCurrent(fail('locked', WRONG_PASSPHRASE_MESSAGE));
    }
  }

  private async next(mode: Mode): Promise<Attempt> {
    this.mode = mode;
    if (!this.asked) {
      this.asked = true;
      this.options.onAsk?.();
    }
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

/** The unlock channels; without a gate the ledger is always open. */
export function unlockHandlers(gate: PassphraseGate | null): Pick<ShellHandlers, 'desktop:unlock:state' | 'desktop:unlock:submit'> {
  return {
    'desktop:unlock:state': async () => ok(gate ? await gate.state() : { state: 'open' }),
    'desktop:unlock:submit': ({ passphrase }) => (gate ? gate.submit(passphrase) : ok({ state: 'open' })),
  };
}
