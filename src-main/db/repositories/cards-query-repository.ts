/**
 * The read side of card codes (卡密). Lists never select the password column; the encrypted password
 * of one card is handed out by `passwordOf`, which only decrypts through the function it is given
 * (the service passes the vault and writes the audit row).
 */
import type { CardShowType, OrderStatus, ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { collectSegments, keysetSegments, orderByOf, type KeysetPosition, type KeysetSort } from './keyset.js';
import { placeholders, StatementCache } from './statement-cache.js';

export interface CardFilter {
  readonly accountId?: number | undefined;
  readonly provider?: ProviderSlug | undefined;
  readonly orderNo?: string | undefined;
  /** Status of the order the card belongs to. */
  readonly orderStatuses?: readonly OrderStatus[] | undefined;
  /** Expires strictly before this instant (epoch ms); cards without expiry are left out. */
  readonly expiresBefore?: number | undefined;
  /** Expires at or after this instant (epoch ms); cards without expiry are left out. */
  readonly expiresAfter?: number | undefined;
}

/** A card without its password. */
export interface CardRow {
  readonly id: number;
  readonly accountId: number;
  readonly orderId: number | null;
  readonly orderNo: string;
  readonly orderStatus: OrderStatus | null;
  readonly cardKey: string;
  readonly cardNo: string;
  readonly showType: CardShowType;
  readonly expiresAt: number | null;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
}

/** Newest first: the order cards arrived in. */
export const CARD_SORT: KeysetSort = { column: 'c.first_seen_at', idColumn: 'c.id', direction: 'desc' };

const COLUMNS = `c.id AS id, c.account_id AS accountId, c.order_id AS orderId, c.order_no AS orderNo, o.status AS orderStatus,
  c.card_key AS cardKey, c.card_no AS cardNo, c.show_type AS showType, c.expires_at AS expiresAt,
  c.first_seen_at AS firstSeenAt, c.last_seen_at AS lastSeenAt`;

interface Condition {
  readonly sql: string;
  readonly params: readonly (string | number | null)[];
}

export class CardsQueryRepository {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  list(filter: CardFilter, after: KeysetPosition | null, limit: number): CardRow[] {
    // An order number is unique per account: the v1 key (account_id, order_no, card_key), one seek per account.
    const index = filter.orderNo !== undefined ? 'sqlite_autoindex_card_codes_1' : filter.accountId !== undefined ? 'card_codes_by_account_seen' : 'card_codes_by_seen';
    const conditions = this.conditions(filter);
    return collectSegments(keysetSegments(CARD_SORT, after), limit, (segment, need) => {
      const all = [...conditions, { sql: segment.where, params: segment.params }];
      const sql = `SELECT ${COLUMNS} FROM card_codes AS c INDEXED BY ${index} LEFT JOIN orders AS o ON o.id = c.order_id
        WHERE ${all.map((c) => c.sql).join(' AND ')} ORDER BY ${orderByOf(CARD_SORT)} LIMIT ?`;
      return this.statements.get(sql).all(...all.flatMap((c) => c.params), need) as CardRow[];
    });
  }

  get(id: number): CardRow | null {
    const row = this.statements.get(`SELECT ${COLUMNS} FROM card_codes AS c LEFT JOIN orders AS o ON o.id = c.order_id WHERE c.id = ?`).get(id);
    return (row as CardRow | undefined) ?? null;
  }

  forOrder(orderId: number): CardRow[] {
    return this.statements
      .get(`SELECT ${COLUMNS} FROM card_codes AS c LEFT JOIN orders AS o ON o.id = c.order_id WHERE c.order_id = ? ORDER BY c.id`)
      .all(orderId) as CardRow[];
  }

  /** The card and its decrypted password, or null when there is no such card. `decrypt` is the vault's. */
  passwordOf(id: number, decrypt: (blob: Buffer) => string): { card: CardRow; password: string } | null {
    const card = this.get(id);
    if (!card) return null;
    const blob = this.statements.get('SELECT password_enc FROM card_codes WHERE id = ?').pluck().get(id) as Buffer;
    return { card, password: decrypt(blob) };
  }

  private conditions(filter: CardFilter): Condition[] {
    const out: Condition[] = [];
    if (filter.accountId !== undefined) out.push({ sql: 'c.account_id = ?', params: [filter.accountId] });
    if (filter.provider !== undefined) out.push({ sql: 'c.account_id IN (SELECT id FROM accounts WHERE provider = ?)', params: [filter.provider] });
    if (filter.orderNo !== undefined) out.push({ sql: 'c.account_id IN (SELECT id FROM accounts) AND c.order_no = ?', params: [filter.orderNo] });
    const statuses = [...new Set(filter.orderStatuses ?? [])];
    if (statuses.length > 0) out.push({ sql: `o.status IN (${placeholders(statuses)})`, params: statuses });
    if (filter.expiresBefore !== undefined) out.push({ sql: 'c.expires_at < ?', params: [filter.expiresBefore] });
    if (filter.expiresAfter !== undefined) out.push({ sql: 'c.expires_at >= ?', params: [filter.expiresAfter] });
    return out;
  }
}
