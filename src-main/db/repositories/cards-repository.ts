/**
 * Card codes (卡密). The password is stored only encrypted; change detection uses a keyed fingerprint
 * so the stored hash says nothing about a short password. A changed password is recorded in history
 * without its values.
 */
import type { CardCodeRecord } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { diffFields, type HistoryRepository } from './history-repository.js';
import type { WriteOutcome } from './write-outcome.js';

export interface CardCrypto {
  encrypt(plain: string): Buffer;
  fingerprint(text: string): string;
}

/** What is stored for a card's secret: change-detecting fingerprints and the encrypted password. */
export interface CardSeal {
  /** fingerprint(all fields) ‖ ':' ‖ fingerprint(password), so a password change is detectable alone. */
  readonly hash: string;
  readonly passwordFp: string;
  readonly encrypted: Uint8Array;
}

/** Computed where the vault is (the main thread), so a writer elsewhere needs no key. */
export function sealCard(card: CardCodeRecord, crypto: CardCrypto): CardSeal {
  const passwordFp = crypto.fingerprint(`pw:${card.password}`);
  const hash = `${crypto.fingerprint(JSON.stringify([card.cardNo, card.password, card.showType, card.expiresAt]))}:${passwordFp}`;
  return { hash, passwordFp, encrypted: crypto.encrypt(card.password) };
}

interface StoredCard {
  id: number;
  content_hash: string;
  card_no: string;
  show_type: number;
  expires_at: number | null;
  password_fp: string;
}

export class CardsRepository {
  private readonly selectState;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(
    db: Db,
    private readonly history: HistoryRepository,
    private readonly crypto: CardCrypto,
  ) {
    this.selectState = db.prepare(
      `SELECT id, content_hash, card_no, show_type, expires_at, substr(content_hash, 66) AS password_fp
       FROM card_codes WHERE account_id = ? AND order_no = ? AND card_key = ?`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO card_codes (account_id, order_id, order_no, card_key, card_no, password_enc, show_type, expires_at, content_hash, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      'UPDATE card_codes SET order_id = ?, card_no = ?, password_enc = ?, show_type = ?, expires_at = ?, content_hash = ?, last_seen_at = ? WHERE id = ?',
    );
  }

  /** `seal` comes from sealCard(); without it the repository's own crypto seals the card. */
  upsert(accountId: number, orderId: number | null, card: CardCodeRecord, now: number, runId: number | null, seal?: CardSeal): WriteOutcome {
    const { hash, passwordFp, encrypted: sealed } = seal ?? sealCard(card, this.crypto);
    const stored = this.selectState.get(accountId, card.orderNo, card.cardKey) as StoredCard | undefined;
    if (stored && stored.content_hash === hash) return 'unchanged';
    // A seal that crossed a thread arrives as a plain Uint8Array, which SQLite would not bind as a blob.
    const encrypted = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (!stored) {
      this.insertStmt.run(accountId, orderId, card.orderNo, card.cardKey, card.cardNo, encrypted, card.showType, card.expiresAt, hash, now, now);
      return 'inserted';
    }
    this.updateStmt.run(orderId, card.cardNo, encrypted, card.showType, card.expiresAt, hash, now, stored.id);
    const changes = diffFields(
      { card_no: stored.card_no, show_type: String(stored.show_type), expires_at: stored.expires_at === null ? null : String(stored.expires_at) },
      { card_no: card.cardNo, show_type: String(card.showType), expires_at: card.expiresAt === null ? null : String(card.expiresAt) },
    );
    if (stored.password_fp !== passwordFp) changes.push({ field: 'password', oldValue: null, newValue: '(changed)' });
    this.history.record(accountId, 'card', stored.id, changes, now, runId);
    return 'updated';
  }
}
