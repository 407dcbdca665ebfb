/**
 * Card codes read use-cases. Lists are masked (the password column is never read); `reveal` decrypts
 * one password with the vault and writes an audit-log row `card.reveal` — the password itself never
 * goes into the log.
 */
import type { CardRevealView, CardsListArgs, CardView, PageView } from '../api/channels/records.js';
import { NotFoundError } from '../api/errors.js';
import type { AccountsRepository } from '../db/repositories/accounts-repository.js';
import type { AuditRepository } from '../db/repositories/audit-repository.js';
import type { CardRow, CardsQueryRepository } from '../db/repositories/cards-query-repository.js';
import { accountLookup, type AccountLookup } from './account-directory.js';
import { decodeCursor, pageOf } from './query-cursor.js';

/** What lists show instead of a password: fixed, so it leaks nothing (not even the length). */
export const PASSWORD_MASK = '••••••';
const CARD_CURSOR_SORT = 'cards:first_seen_desc';

export interface CardsQueryDeps {
  readonly cards: CardsQueryRepository;
  readonly accounts: AccountsRepository;
  readonly audit: AuditRepository;
  /** The vault's decrypt. */
  readonly decrypt: (blob: Buffer) => string;
  readonly now: () => number;
}

export function toCardView(row: CardRow, accounts: AccountLookup): CardView {
  const account = accounts(row.accountId);
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: account.name,
    provider: account.provider,
    orderId: row.orderId,
    orderNo: row.orderNo,
    orderStatus: row.orderStatus,
    cardNo: row.cardNo,
    showType: row.showType,
    expiresAt: row.expiresAt,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    passwordMasked: PASSWORD_MASK,
  };
}

export class CardsQueryService {
  constructor(private readonly deps: CardsQueryDeps) {}

  list(args: CardsListArgs): PageView<CardView> {
    const after = decodeCursor(CARD_CURSOR_SORT, args.cursor);
    const filter = {
      accountId: args.accountId,
      provider: args.provider,
      orderNo: args.orderNo,
      orderStatuses: args.orderStatus,
      expiresBefore: args.expiresBefore,
      expiresAfter: args.expiresAfter,
    };
    const rows = this.deps.cards.list(filter, after, args.limit + 1);
    const accounts = accountLookup(this.deps.accounts);
    return pageOf(rows, args.limit, CARD_CURSOR_SORT, (r) => ({ key: r.firstSeenAt, id: r.id }), (r) => toCardView(r, accounts));
  }

  /** Decrypts one card's password for `actor` (the face that asked) and records that it did. */
  reveal(id: number, actor: string): CardRevealView {
    const found = this.deps.cards.passwordOf(id, this.deps.decrypt);
    if (!found) throw new NotFoundError(`卡密不存在 card ${id} not found`);
    const { card, password } = found;
    this.deps.audit.record({
      at: this.deps.now(),
      actor,
      action: 'card.reveal',
      targetType: 'card',
      targetId: String(id),
      details: { accountId: card.accountId, orderNo: card.orderNo, cardNo: card.cardNo },
    });
    return { ...toCardView(card, accountLookup(this.deps.accounts)), password };
  }
}
