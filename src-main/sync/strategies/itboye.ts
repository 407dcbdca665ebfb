/**
 * itboye (博也) sync — bookkeeping only: the strategy logs in and reads order lists; it never calls
 * anything that creates, matches or submits tasks. The gateway has no paging or time filter, so every
 * run reads, for every configured username, the full list of each status separately (the records
 * carry no status of their own, and the 'all' list would leave every order's status unknown). Each
 * list is committed in pages of ITBOYE_PAGE_RECORDS orders with their commission rows (the user and up
 * to three uplines). A run that covered every list marks stored orders no list returned as missing.
 *
 * Statuses are read wait → success → fail: orders only move out of "wait", so an order that settles
 * between two queries is seen twice (the later, settled status wins) rather than not at all.
 *
 * Cursor `lists`: `{ userIndex, statusIndex, username }` — the list to read next. A page in the middle
 * of a list keeps pointing at that list (it is read again, unchanged rows are not rewritten); the last
 * page of a list points at the next one, and the last page of the pass clears the cursor.
 */
import type { RecordBatch } from '../../domain/models.js';
import type { ItboyeClient, ItboyeOrdersResult } from '../../providers/itboye/client.js';
import { mapOrdersResult } from '../../providers/itboye/mapping.js';
import type { ItboyeQueryStatus } from '../../providers/itboye/schemas.js';
import { withSession } from '../../providers/itboye/session.js';
import type { StrategyContext, SyncStrategy } from '../strategy.js';

export const ITBOYE_LISTS_STREAM = 'lists';
/** Orders per committed page when a list is long (the gateway returns a whole list at once). */
export const ITBOYE_PAGE_RECORDS = 500;
export const ITBOYE_SYNC_STATUSES: readonly ItboyeQueryStatus[] = ['wait', 'success', 'fail'];

const STATUS_LABEL: Readonly<Record<ItboyeQueryStatus, string>> = {
  wait: '待审核 wait',
  success: '成功 success',
  fail: '失败 fail',
  all: '全部 all',
};

export interface ItboyeListCursor {
  readonly userIndex: number;
  readonly statusIndex: number;
  readonly username: string;
}

/** The list position (userIndex × statuses + statusIndex) to resume at; 0 when the cursor no longer fits. */
export function resumePosition(saved: unknown, usernames: readonly string[]): number {
  const c = saved as Partial<ItboyeListCursor> | null;
  if (!c || !Number.isSafeInteger(c.userIndex) || !Number.isSafeInteger(c.statusIndex)) return 0;
  const userIndex = c.userIndex!;
  const statusIndex = c.statusIndex!;
  if (statusIndex < 0 || statusIndex >= ITBOYE_SYNC_STATUSES.length) return 0;
  if (usernames[userIndex] === undefined || usernames[userIndex] !== c.username) return 0;
  return userIndex * ITBOYE_SYNC_STATUSES.length + statusIndex;
}

function cursorAt(position: number, usernames: readonly string[]): ItboyeListCursor | null {
  const userIndex = Math.floor(position / ITBOYE_SYNC_STATUSES.length);
  const username = usernames[userIndex];
  if (username === undefined) return null;
  return { userIndex, statusIndex: position % ITBOYE_SYNC_STATUSES.length, username };
}

/** One list as pages of at most `size` orders, each with the commissions of its orders. */
export function listPages(result: ItboyeOrdersResult, size = ITBOYE_PAGE_RECORDS): RecordBatch[] {
  const pages: RecordBatch[] = [];
  for (let offset = 0; offset < result.orders.length; offset += size) {
    pages.push(mapOrdersResult({ ...result, orders: result.orders.slice(offset, offset + size) }));
  }
  return pages;
}

/** Reads one list (re-login once on 1111, inside withSession) and commits it page by page. */
async function syncList(ctx: StrategyContext<ItboyeClient>, position: number, seen: Set<string>): Promise<void> {
  const usernames = ctx.client.usernames;
  const here = cursorAt(position, usernames)!;
  const username = here.username;
  const status = ITBOYE_SYNC_STATUSES[here.statusIndex]!;
  const result = await ctx.call(`订单 ${username} ${status}`, () => withSession(ctx.client, (c) => c.queryOrders(username, status)));
  const after = { stream: ITBOYE_LISTS_STREAM, value: cursorAt(position + 1, usernames) };
  const pages = listPages(result);
  if (pages.length === 0) {
    ctx.saveCursor(after);
    return;
  }
  for (const [index, page] of pages.entries()) {
    ctx.signal.throwIfAborted();
    const isLast = index === pages.length - 1;
    await ctx.commit(page, isLast ? after : { stream: ITBOYE_LISTS_STREAM, value: here });
    for (const order of page.orders) seen.add(order.orderNo);
  }
}

export const itboyeStrategy: SyncStrategy<ItboyeClient> = {
  provider: 'itboye',
  async run(ctx) {
    const { client } = ctx;
    const usernames = client.usernames;
    const lists = usernames.length * ITBOYE_SYNC_STATUSES.length;
    const first = resumePosition(ctx.cursor<unknown>(ITBOYE_LISTS_STREAM), usernames);
    const seen = new Set<string>();
    ctx.progress({ phase: '登录 login', done: 0, total: lists - first });
    await ctx.call('登录 login', () => client.login());
    for (let position = first; position < lists; position++) {
      ctx.signal.throwIfAborted();
      const label = `${usernames[Math.floor(position / ITBOYE_SYNC_STATUSES.length)]} ${STATUS_LABEL[ITBOYE_SYNC_STATUSES[position % ITBOYE_SYNC_STATUSES.length]!]}`;
      ctx.progress({ phase: `订单 orders ${label}`, window: label, done: position - first, total: lists - first });
      await syncList(ctx, position, seen);
    }
    // Only a pass that read every list in this run knows what is no longer upstream.
    if (first === 0) ctx.markMissingExcept(seen);
  },
};
