/**
 * Changing the ledger's passphrase: the data key is wrapped under the new passphrase and every older
 * passphrase slot is removed, so the old passphrase no longer opens this ledger. The backups in the
 * backups folder get the new slot in place of their passphrase slots too: they hold the same data key.
 * Keyring slots stay, and no secret is re-encrypted. Copies kept elsewhere (`backup --out`) are out of
 * reach and still open with the passphrase they were made under.
 */
import { PASSPHRASE_MAX, PASSPHRASE_MIN } from '../api/desktop-channels.js';
import type { AuditRepository } from '../db/repositories/audit-repository.js';
import { passphraseUnlocker, type ScryptParams } from '../secrets/passphrase-slot.js';
import { VaultError, type Vault } from '../secrets/vault.js';
import type { BackupRekeyReport, BackupService } from './backup-service.js';

export interface PassphraseServiceDeps {
  readonly vault: Vault;
  readonly backups: Pick<BackupService, 'changePassphrase'>;
  readonly audit: Pick<AuditRepository, 'record'>;
  readonly logger: { info(fields: Record<string, unknown>, message: string): void };
  readonly actor: string;
  readonly now: () => number;
  /** Cost of the new slot (tests use a cheap one); the vault's default otherwise. */
  readonly scrypt?: ScryptParams | undefined;
}

export const CHANGE_UNDER_WAY_MESSAGE = '口令正在更改中，请稍候 (a passphrase change is already under way)';

/** A second change while one runs; the ledger is unchanged by it. */
export class ChangeUnderWayError extends VaultError {
  override name = 'ChangeUnderWayError';
}

export class PassphraseService {
  // scrypt takes a moment: two changes at once would each remove the other's new slot, leaving none.
  private changing = false;

  constructor(private readonly deps: PassphraseServiceDeps) {}

  /** Throws `VaultError` for a passphrase outside the accepted length, `ChangeUnderWayError` while another change runs. */
  async change(passphrase: string): Promise<{ removedSlots: number; backups: BackupRekeyReport }> {
    if (passphrase.length < PASSPHRASE_MIN || passphrase.length > PASSPHRASE_MAX) {
      throw new VaultError(`新口令须为 ${PASSPHRASE_MIN}–${PASSPHRASE_MAX} 个字符 (the new passphrase must be ${PASSPHRASE_MIN} to ${PASSPHRASE_MAX} characters)`);
    }
    if (this.changing) throw new ChangeUnderWayError(CHANGE_UNDER_WAY_MESSAGE);
    this.changing = true;
    try {
      const { vault, audit, logger, actor, now, scrypt } = this.deps;
      const { replacedSlots, backups } = await this.deps.backups.changePassphrase(async () => {
        const { slot, replaced } = await vault.replaceSlots(passphraseUnlocker(passphrase, scrypt ? { scrypt } : {}));
        return { newSlot: slot, replacedSlots: replaced };
      });
      const removedSlots = replacedSlots.length;
      const details = { removedSlots, backupsRekeyed: backups.rekeyed.length, backupsSkipped: backups.skipped.map((b) => b.name) };
      audit.record({ at: now(), actor, action: 'vault.passphrase-change', targetType: 'vault', targetId: null, details });
      logger.info(details, 'ledger passphrase changed');
      return { removedSlots, backups };
    } finally {
      this.changing = false;
    }
  }
}
