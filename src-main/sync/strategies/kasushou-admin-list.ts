/**
 * Kasushou admin mode, part 1: walking the admin order list (newest first, 100 rows a page, no total).
 *
 * Incremental rule: new orders only ever appear at the top of the list, and a pass that walked from
 * page 1 down to already-stored orders leaves every order created before its first row stored. So each
 * completed pass remembers the first rows of its page 1 as "anchors", and the next pass stops after the
 * page on which it meets one of them. What changes further down (status moves of open orders) is
 * re-polled separately (kasushou-admin-open.ts). Passes:
 * - full: the first sync walks the whole list (and marks stored orders no longer listed as missing);
 * - top: every sync, down to the anchors — usually one page;
 * - recheck: once a day, or for `sync --since`, down to the anchors AND past the lookback bound, so
 *   late changes of final orders (refunds) are picked up too.
 * A pass is resumable: its page, anchors and bound live in the cursor committed with every page. New
 * orders arriving meanwhile only push rows down, so a resumed pass may see rows twice, never skip one.
 */
import { emptyBatch, type CardCodeRecord, type OrderRecord } from '../../domain/models.js';
import { DAY_MS } from '../../domain/time.js';
import { mapAdminOrderRows, mapOrderInfoItems } from '../../providers/kasushou/mapping.js';
import { adminPageCall, orderInfoCall, type KasushouContext, type OpenOrders } from './kasushou-common.js';

export const LIST_STREAM = 'admin-list';
/** How many of a pass's newest rows are remembered, so one deleted order cannot hide the stop point. */
export const ANCHOR_COUNT = 5;
/** How often the lookback period is re-walked (final orders can still be refunded). */
export const RECHECK_INTERVAL_MS = DAY_MS;

export type ListPassKind = 'full' | 'top' | 'recheck';

export interface ListPass {
  readonly kind: ListPassKind;
  /** Next page to fetch (1-based). */
  readonly page: number;
  /** Anchors of the previous completed pass: the walk may stop once it has seen one. */
  readonly stopAt: readonly string[];
  readonly anchorSeen: boolean;
  /** recheck: keep walking until rows are created before this (epoch ms). */
  readonly bound: number | null;
  /** The first rows of this pass's page 1, the anchors of the next pass. */
  readonly anchors: readonly string[];
}

export interface ListCursor {
  readonly anchors: readonly string[];
  /** When a pass last completed (null = never: the next pass is a full one). */
  readonly completedAt: number | null;
  /** When the lookback period (or the whole list) was last re-walked. */
  readonly recheckedAt: number | null;
  /** A pass a previous run left unfinished. */
  readonly pass: ListPass | null;
}

const EMPTY_CURSOR: ListCursor = { anchors: [], completedAt: null, recheckedAt: null, pass: null };

const PHASE: Record<ListPassKind, string> = {
  full: '订单列表（全部） order list (full)',
  top: '订单列表（新订单） order list (new orders)',
  recheck: '订单列表（复查） order list (re-check)',
};

/** Which pass this run makes when no pass is left unfinished. */
export function choosePass(cursor: ListCursor, ctx: Pick<KasushouContext, 'since' | 'now' | 'lookbackDays'>): ListPass {
  const base = { page: 1, anchorSeen: false, anchors: [] };
  if (ctx.since !== null) return { ...base, kind: 'recheck', stopAt: cursor.anchors, bound: ctx.since };
  if (cursor.completedAt === null) return { ...base, kind: 'full', stopAt: [], bound: null };
  const now = ctx.now();
  if (cursor.recheckedAt === null || now - cursor.recheckedAt >= RECHECK_INTERVAL_MS) {
    return { ...base, kind: 'recheck', stopAt: cursor.anchors, bound: now - ctx.lookbackDays * DAY_MS };
  }
  return { ...base, kind: 'top', stopAt: cursor.anchors, bound: null };
}

/** Whether the pass may stop after a page (the end of the list always stops it). */
export function passCanStop(pass: ListPass, oldestOnPage: number | null): boolean {
  if (pass.kind === 'full') return false;
  // Without anchors (nothing was listed last time) a top pass has no stop point but the end.
  const anchorOk = pass.stopAt.length === 0 ? pass.kind === 'recheck' : pass.anchorSeen;
  const boundOk = pass.bound === null || (oldestOnPage !== null && oldestOnPage < pass.bound);
  return anchorOk && boundOk;
}

function oldestCreated(orders: readonly OrderRecord[]): number | null {
  let oldest: number | null = null;
  for (const o of orders) if (o.createdAt !== null && (oldest === null || o.createdAt < oldest)) oldest = o.createdAt;
  return oldest;
}

/**
 * Card codes of the page's completed orders that were not stored as completed yet (new, or stored while
 * still open): the list carries no cards, `order/info` does. One call per page (≤ 100 numbers).
 */
export async function cardsFor(ctx: KasushouContext, orders: readonly OrderRecord[], open: OpenOrders): Promise<readonly CardCodeRecord[]> {
  const wanted = orders.filter((o) => o.statusRaw === '3' && (open.isOpen(o.orderNo) || !ctx.store.hasOrder(o.orderNo))).map((o) => o.orderNo);
  if (wanted.length === 0) return [];
  const items = await orderInfoCall(ctx, wanted);
  return mapOrderInfoItems(items.filter((item) => String(item.status).trim() === '3')).cards;
}

/**
 * Walks the admin list: first the pass a stopped run left unfinished, if any — then, when there was
 * none or `--since` asks for a period, the pass the schedule chooses.
 */
export async function walkAdminList(ctx: KasushouContext, open: OpenOrders): Promise<void> {
  const saved = ctx.cursor<ListCursor>(LIST_STREAM) ?? EMPTY_CURSOR;
  if (saved.pass) {
    await walkPass(ctx, open, saved, saved.pass);
    if (ctx.since === null) return;
  }
  const current = ctx.cursor<ListCursor>(LIST_STREAM) ?? EMPTY_CURSOR;
  await walkPass(ctx, open, current, choosePass(current, ctx));
}

/** Walks one pass to its stop point, committing every page with the cursor that resumes it. */
async function walkPass(ctx: KasushouContext, open: OpenOrders, saved: ListCursor, start: ListPass): Promise<void> {
  let pass = start;
  const seen = new Set<string>();
  for (;;) {
    ctx.progress({ phase: PHASE[pass.kind], window: PHASE[pass.kind], page: pass.page });
    const page = await adminPageCall(ctx, pass.page);
    const orders = mapAdminOrderRows(page.rows).orders;
    const cards = await cardsFor(ctx, orders, open);
    for (const o of orders) seen.add(o.orderNo);
    pass = {
      ...pass,
      page: pass.page + 1,
      anchorSeen: pass.anchorSeen || orders.some((o) => pass.stopAt.includes(o.orderNo)),
      anchors: pass.page === 1 ? orders.slice(0, ANCHOR_COUNT).map((o) => o.orderNo) : pass.anchors,
    };
    const finished = page.last || passCanStop(pass, oldestCreated(orders));
    const now = ctx.now();
    const cursor: ListCursor = finished
      ? { anchors: pass.anchors, completedAt: now, recheckedAt: pass.kind === 'recheck' || page.last ? now : saved.recheckedAt, pass: null }
      : { ...saved, pass };
    await ctx.commit({ ...emptyBatch(), orders, cards }, { stream: LIST_STREAM, value: cursor });
    for (const o of orders) open.note(o);
    if (!finished) continue;
    // Only a walk of the whole list made within this run may say what is gone upstream.
    if (page.last && start.page === 1) ctx.markMissingExcept(seen);
    return;
  }
}
