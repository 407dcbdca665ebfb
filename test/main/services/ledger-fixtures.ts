/** Seeding helpers for report and reconciliation tests: accounts and records written the way sync writes them. */
import { AccountsRepository } from '../../../src-main/db/repositories/accounts-repository.js';
import { money, type Currency } from '../../../src-main/domain/money.js';
import {
  emptyBatch,
  type CardCodeRecord,
  type CommissionRecord,
  type CommissionStatus,
  type MoneyFlowRecord,
  type OrderRecord,
  type OrderStatus,
  type ProviderSlug,
  type RecordBatch,
  type SettlementChangeRecord,
} from '../../../src-main/domain/models.js';
import type { AppCore } from '../../../src-main/services/app-core.js';

let accountSeq = 0;

export function addAccount(core: AppCore, provider: ProviderSlug, name = `${provider}-${++accountSeq}`): number {
  return new AccountsRepository(core.db).insert(
    { provider, name, baseUrl: 'https://provider.example.test', settings: {}, secretsEnc: null, secretHints: {} },
    Date.now(),
  ).id;
}

/** Writes records through the record store, exactly as a sync page commit does. */
export function commit(core: AppCore, accountId: number, provider: ProviderSlug, batch: Partial<RecordBatch>, now = Date.now()): void {
  core.store.commitPage(
    { accountId, provider, runId: null, counters: { windows: 0, pages: 0, fetched: 0, inserted: 0, updated: 0, unchanged: 0 } },
    { ...emptyBatch(), ...batch },
    undefined,
    now,
  );
}

/** Removes every account and with it (ON DELETE CASCADE) every record and finding. */
export function wipe(core: AppCore): void {
  core.db.exec('DELETE FROM accounts');
}

const m = (scaled: number | null, currency: Currency = 'CNY') => (scaled === null ? null : money(scaled, currency));

export function order(p: {
  orderNo: string;
  status?: OrderStatus;
  currency?: Currency;
  total?: number | null;
  paid?: number | null;
  refunded?: number | null;
  createdAt?: number | null;
  externalOrderNo?: string | null;
}): OrderRecord {
  const currency = p.currency ?? 'CNY';
  return {
    orderNo: p.orderNo,
    externalOrderNo: p.externalOrderNo ?? null,
    status: p.status ?? 'completed',
    statusRaw: p.status ?? 'completed',
    title: null,
    buyer: null,
    total: m(p.total === undefined ? 10_000 : p.total, currency),
    paid: m(p.paid ?? null, currency),
    refunded: m(p.refunded ?? null, currency),
    commission: null,
    createdAt: p.createdAt === undefined ? Date.now() : p.createdAt,
    updatedAt: null,
    paidAt: null,
    items: [],
    raw: JSON.stringify({ orderNo: p.orderNo }),
  };
}

export function commission(p: {
  orderNo: string;
  beneficiary: string;
  level: 0 | 1 | 2 | 3;
  amount: number;
  currency?: Currency;
  status?: CommissionStatus;
  earnedAt?: number | null;
}): CommissionRecord {
  return {
    orderNo: p.orderNo,
    beneficiary: p.beneficiary,
    level: p.level,
    amount: money(p.amount, p.currency ?? 'CNY'),
    status: p.status ?? 'confirmed',
    statusRaw: p.status ?? 'confirmed',
    earnedAt: p.earnedAt === undefined ? Date.now() : p.earnedAt,
  };
}

export function settlement(p: { changeKey: string; orderNo: string; delta: number | null; currency?: Currency; modifiedAt?: number | null; old?: number | null }): SettlementChangeRecord {
  const currency = p.currency ?? 'CNY';
  const old = p.old ?? 100_000;
  return {
    changeKey: p.changeKey,
    orderNo: p.orderNo,
    orderTime: null,
    modifiedAt: p.modifiedAt === undefined ? Date.now() : p.modifiedAt,
    priceOld: null,
    priceDelta: null,
    priceNew: null,
    commissionOld: m(old, currency),
    commissionDelta: m(p.delta, currency),
    commissionNew: p.delta === null ? null : m(old + p.delta, currency),
    adsId: null,
    adsName: null,
    euid: null,
    currency,
    raw: '{}',
  };
}

export function flow(p: { flowKey: string; tid: string; flowType: number; amount: number; currency?: Currency; createdAt?: number | null }): MoneyFlowRecord {
  return {
    flowKey: p.flowKey,
    tid: p.tid,
    flowType: p.flowType,
    amount: money(p.amount, p.currency ?? 'CNY'),
    createdAt: p.createdAt === undefined ? Date.now() : p.createdAt,
    payment: null,
    paid: null,
    postFee: null,
    items: [],
    raw: '{}',
  };
}

export function card(p: { orderNo: string; cardKey: string }): CardCodeRecord {
  return { orderNo: p.orderNo, cardKey: p.cardKey, cardNo: p.cardKey, password: `pw-${p.cardKey}`, showType: 1, expiresAt: null };
}
