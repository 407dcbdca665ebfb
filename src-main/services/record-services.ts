/**
 * The read side of the ledger as one unit for the composition root: its query services built over the
 * database, and their channel handlers (`orders:*`, `cards:*`, `commissions:*`, `settlements:*`,
 * `flows:*`). One line per channel.
 */
import type { recordChannels } from '../api/channels/records.js';
import type { Handlers } from '../api/dispatch.js';
import type { Db } from '../db/connection.js';
import { AccountsRepository } from '../db/repositories/accounts-repository.js';
import { AuditRepository } from '../db/repositories/audit-repository.js';
import { CardsQueryRepository } from '../db/repositories/cards-query-repository.js';
import { CommissionsQueryRepository } from '../db/repositories/commissions-query-repository.js';
import { FlowsQueryRepository } from '../db/repositories/flows-query-repository.js';
import { HistoryRepository } from '../db/repositories/history-repository.js';
import { OrdersQueryRepository } from '../db/repositories/orders-query-repository.js';
import { SettlementsQueryRepository } from '../db/repositories/settlements-query-repository.js';
import { CardsQueryService } from './cards-query-service.js';
import { CommissionsQueryService } from './commissions-query-service.js';
import { FlowsQueryService } from './flows-query-service.js';
import { OrdersQueryService } from './orders-query-service.js';
import { SettlementsQueryService } from './settlements-query-service.js';

export interface RecordServices {
  readonly orders: OrdersQueryService;
  readonly cards: CardsQueryService;
  readonly commissions: CommissionsQueryService;
  readonly settlements: SettlementsQueryService;
  readonly flows: FlowsQueryService;
}

export interface RecordServicesDeps {
  readonly db: Db;
  /** The vault's decrypt, for `cards:reveal` only. */
  readonly decrypt: (blob: Buffer) => string;
  readonly now: () => number;
}

export function createRecordServices(deps: RecordServicesDeps): RecordServices {
  const accounts = new AccountsRepository(deps.db);
  const cards = new CardsQueryRepository(deps.db);
  const commissions = new CommissionsQueryRepository(deps.db);
  return {
    orders: new OrdersQueryService({
      orders: new OrdersQueryRepository(deps.db),
      cards,
      commissions,
      history: new HistoryRepository(deps.db),
      accounts,
    }),
    cards: new CardsQueryService({ cards, accounts, audit: new AuditRepository(deps.db), decrypt: deps.decrypt, now: deps.now }),
    commissions: new CommissionsQueryService({ commissions, accounts }),
    settlements: new SettlementsQueryService({ settlements: new SettlementsQueryRepository(deps.db), accounts }),
    flows: new FlowsQueryService({ flows: new FlowsQueryRepository(deps.db), accounts }),
  };
}

export type RecordChannel = keyof typeof recordChannels;

export function recordHandlers(s: RecordServices): Pick<Handlers, RecordChannel> {
  return {
    'orders:list': (args) => s.orders.list(args),
    'orders:get': (args) => s.orders.get(args.id),
    'cards:list': (args) => s.cards.list(args),
    'cards:reveal': (args, ctx) => s.cards.reveal(args.id, ctx.face),
    'commissions:list': (args) => s.commissions.list(args),
    'commissions:summary': (args) => s.commissions.summary(args),
    'settlements:list': (args) => s.settlements.list(args),
    'settlements:timeline': (args) => s.settlements.timeline(args),
    'flows:list': (args) => s.flows.list(args),
  };
}
