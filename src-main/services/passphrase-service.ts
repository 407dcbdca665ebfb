/**
 * Changing the ledger's passphrase: the data key is wrapped under the new passphrase and every older
 * passphrase slot is removed, so the old passphrase no longer opens this ledger. Keyring slots stay, and
 * no secret is re-encrypted. Backups made before keep their own key slots: they still open with the
 * passphrase they were made under.
 */
import { PASSPHRASE_MAX, PASSPHRASE_MIN } from '../api/desktop-channels.js';
import type { AuditRepository } from '../db/repositories/audit-repository.js';
import type { AppLogger } from '../logging/logger.js';
import { passphraseUnlocker, type ScryptParams } from '../secrets/passphrase-slot.js';
import { VaultError, type Vault } from '../secrets/vault.js';

export interface PassphraseServiceDeps {
  readonly vault: Vault;
  readonly audit: AuditRepository;
  readonly logger: AppLogger;
  readonly actor: string;
  readonly now: () => number;
  /** Cost of the new slot (tests use a cheap one); the vault's default otherwise. */
  readonly scrypt?: ScryptParams | undefined;
}

export class PassphraseService {
  constructor(private readonly deps: PassphraseServiceDeps) {}

  /** Throws `VaultError` for a passphrase outside the accepted length; the ledger is then unchanged. */
  async change(passphrase: string): Promise<{ removedSlots: number }> {
    const length = [...passphrase].length;
    if (length < PASSPHRASE_MIN || length > PASSPHRASE_MAX) {
      throw new VaultError(`新口令须为 ${PASSPHRASE_MIN}–${PASSPHRASE_MAX} 个字符 (the new passphrase must be ${PASSPHRASE_MIN} to ${PASSPHRASE_MAX} characters)`);
    }
    const { vault, audit, logger, actor, now, scrypt } = this.deps;
    const { removed } = await vault.replaceSlots(passphraseUnlocker(passphrase, scrypt ? { scrypt } : {}));
    audit.record({ at: now(), actor, action: 'vault.passphrase-change', targetType: 'vault', targetId: null, details: { removedSlots: removed } });
    logger.info({ removedSlots: removed }, 'ledger passphrase changed');
    return { removedSlots: removed };
  }
}
