/**
 * `desktop:recovery:state` / `set` / `change`: the recovery passphrase of a ledger whose only key slot
 * is the OS keyring, which a new computer, a broken keyring, the CLI and the web mode cannot open.
 * Setting it only wraps the data key once more under the passphrase (a new vault slot); changing it
 * replaces that slot, in the ledger and in the backups folder. Neither the key nor a passphrase is
 * ever sent back. Changing does not ask for the old passphrase: whoever has the open ledger on this
 * computer could set one anyway, and a forgotten recovery passphrase is exactly when it needs replacing.
 */
import { PASSPHRASE_MIN, type RecoveryState } from '../api/desktop-channels.js';
import { fail, ok, type Result } from '../api/result.js';
import { passphraseUnlocker, type ScryptParams } from '../secrets/passphrase-slot.js';
import type { Vault } from '../secrets/vault.js';
import { ChangeUnderWayError, type PassphraseService } from '../services/passphrase-service.js';
import type { ShellHandlers } from './shell-ipc.js';
import type { ShellLogger } from './shell-types.js';

export interface RecoveryHandlerDeps {
  /** The open ledger's vault; null while it is still locked. */
  readonly vault: () => Vault | null;
  /** The open ledger's passphrase service (audited change); null while it is still locked. */
  readonly passphrase: () => PassphraseService | null;
  readonly logger: ShellLogger;
  /** Cost of the new slot (tests use a cheap one); the vault's default otherwise. */
  readonly scrypt?: ScryptParams;
}

export const NOT_OPEN_MESSAGE = '账本尚未打开 (the ledger is not open yet)';
export const ALREADY_SET_MESSAGE = '此账本已有口令，可用它在命令行、浏览器模式或其他电脑上打开 (this ledger already has a passphrase)';
export const NONE_YET_MESSAGE = '此账本还没有口令，请先设置 (this ledger has no passphrase yet: set one first)';

function recoveryState(vault: Vault): RecoveryState {
  const kinds = new Set(vault.info().slots.map((slot) => slot.kind));
  return { keyring: kinds.has('safe-storage'), passphrase: kinds.has('passphrase'), minLength: PASSPHRASE_MIN };
}

export function recoveryHandlers(deps: RecoveryHandlerDeps): Pick<ShellHandlers, 'desktop:recovery:state' | 'desktop:recovery:set' | 'desktop:recovery:change'> {
  const withVault = <T>(run: (vault: Vault) => Promise<Result<T>> | Result<T>): Promise<Result<T>> | Result<T> => {
    const vault = deps.vault();
    return vault ? run(vault) : fail('locked', NOT_OPEN_MESSAGE);
  };
  // scrypt takes a moment: a second call meanwhile would pass the check below and add a second slot.
  let adding = false;
  return {
    'desktop:recovery:state': () => withVault((vault) => ok(recoveryState(vault))),
    'desktop:recovery:set': ({ passphrase }) =>
      withVault(async (vault) => {
        // Another passphrase next to the first would be one more way in that the merchant may not know of.
        if (adding || recoveryState(vault).passphrase) return fail('conflict', ALREADY_SET_MESSAGE);
        adding = true;
        try {
          await vault.addSlot(passphraseUnlocker(passphrase, deps.scrypt ? { scrypt: deps.scrypt } : {}));
        } finally {
          adding = false;
        }
        deps.logger.info({}, 'recovery passphrase slot added');
        return ok(recoveryState(vault));
      }),
    'desktop:recovery:change': ({ passphrase }) =>
      withVault(async (vault) => {
        const service = deps.passphrase();
        if (!service) return fail('locked', NOT_OPEN_MESSAGE);
        if (!recoveryState(vault).passphrase) return fail('conflict', NONE_YET_MESSAGE);
        try {
          const { backups } = await service.change(passphrase);
          return ok({ ...recoveryState(vault), backupsRekeyed: backups.rekeyed.length, backupsSkipped: backups.skipped.map((b) => b.name) });
        } catch (error) {
          if (error instanceof ChangeUnderWayError) return fail('conflict', error.message);
          throw error;
        }
      }),
  };
}
