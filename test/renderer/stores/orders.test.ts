import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderDetailView, OrderListItemView, PageView } from '../../../src-main/api/contract.js';
import { ApiClientError, invoke } from '../../../src-renderer/src/api/client.js';
import { isGapRow } from '../../../src-renderer/src/stores/page-window.js';
import {
  amountProblem,
  emptyOrderFilters,
  orderListArgs,
  ORDERS_MAX_LOADED_PAGES,
  ORDERS_PAGE_SIZE,
  useOrdersStore,
} from '../../../src-renderer/src/stores/orders.js';
import { orderDetail, orderPage } from '../support/record-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
type Args = Record<string, unknown>;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Serves `pages` of `orders:list` in order of the cursor: null → page 0, "c1" → page 1, … */
function serveList(pages: PageView<OrderListItemView>[]): Args[] {
  const calls: Args[] = [];
  invokeMock.mockImplementation((async (channel: string, args: Args) => {
    if (channel !== 'orders:list') throw new Error(`unexpected ${channel}`);
    calls.push(args);
    const index = args['cursor'] === undefined ? 0 : Number(String(args['cursor']).slice(1));
    const page = pages[index];
    if (!page) throw new Error(`no page ${index}`);
    return page;
  }) as typeof invoke);
  return calls;
}

function pagesOf(count: number): PageView<OrderListItemView>[] {
  return Array.from({ length: count }, (_, p) => orderPage(p * ORDERS_PAGE_SIZE + 1, ORDERS_PAGE_SIZE, p + 1 < count ? `c${p + 1}` : null));
}

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

describe('orderListArgs', () => {
  it('sends only the sort and the page size for empty filters', () => {
    expect(orderListArgs(emptyOrderFilters(), 'created_desc', null, 200)).toEqual({ sort: 'created_desc', limit: 200 });
  });

  it('maps every filter, with Shanghai business days as a half-open epoch range', () => {
    const args = orderListArgs(
      {
        provider: 'duomai',
        accountId: 3,
        statuses: ['completed', 'refunded'],
        createdDays: ['2024-06-01', '2024-06-30'],
        totalMin: ' 10.5 ',
        totalMax: '200',
        currency: 'USD',
        q: '  腾讯视频 ',
      },
      'total_desc',
      'abc_123',
      100,
    );
    expect(args).toEqual({
      sort: 'total_desc',
      limit: 100,
      provider: 'duomai',
      accountId: 3,
      status: ['completed', 'refunded'],
      createdFrom: Date.UTC(2024, 4, 31, 16, 0, 0), // 2024-06-01 00:00 +08:00
      createdTo: Date.UTC(2024, 5, 30, 16, 0, 0), // 2024-07-01 00:00 +08:00, exclusive
      totalMin: '10.5',
      totalMax: '200',
      currency: 'USD',
      q: '腾讯视频',
      cursor: 'abc_123',
    });
  });

  it('leaves out an amount bound that is not a decimal, and both when min is above max', () => {
    const base = emptyOrderFilters();
    expect(orderListArgs({ ...base, totalMin: '1.23456', totalMax: '9' }, 'created_desc', null, 1)).toEqual({ sort: 'created_desc', limit: 1, totalMax: '9' });
    expect(orderListArgs({ ...base, totalMin: '10', totalMax: '9.9999' }, 'created_desc', null, 1)).toEqual({ sort: 'created_desc', limit: 1 });
    expect(amountProblem({ totalMin: '1e3', totalMax: '' })).toBe('minInvalid');
    expect(amountProblem({ totalMin: '', totalMax: '¥5' })).toBe('maxInvalid');
    expect(amountProblem({ totalMin: '10', totalMax: '9.9999' })).toBe('order');
    // Compared exactly, not as floats: 0.1 + 0.2 style rounding cannot make these equal.
    expect(amountProblem({ totalMin: '0.3000', totalMax: '0.3' })).toBeNull();
    expect(amountProblem({ totalMin: '-5', totalMax: '-4.9999' })).toBeNull();
  });
});

describe('useOrdersStore', () => {
  it('loads the first page, then appends the next one (keyset cursor) as the viewport nears the end', async () => {
    const calls = serveList(pagesOf(2));
    const store = useOrdersStore();
    await store.ensureLoaded();
    expect(calls).toEqual([{ sort: 'created_desc', limit: ORDERS_PAGE_SIZE }]);
    expect(store.rows).toHaveLength(ORDERS_PAGE_SIZE);
    expect(store.ended).toBe(false);

    store.ensureVisible(40, 60); // far from the end: nothing to fetch
    expect(calls).toHaveLength(1);
    store.ensureVisible(150, 180);
    await vi.waitFor(() => expect(store.rows).toHaveLength(2 * ORDERS_PAGE_SIZE));
    expect(calls[1]).toEqual({ sort: 'created_desc', limit: ORDERS_PAGE_SIZE, cursor: 'c1' });
    expect(store.ended).toBe(true);
    expect(store.total).toBe(400);
    const ids = store.rows.map((r) => (isGapRow(r) ? r.id : r.id));
    expect(new Set(ids).size).toBe(400);

    store.ensureVisible(380, 399); // at the end: no more requests
    expect(calls).toHaveLength(2);
  });

  it('starts over from the first page when a filter changes, and not when nothing changed', async () => {
    const calls = serveList(pagesOf(3));
    const store = useOrdersStore();
    await store.ensureLoaded();
    store.ensureVisible(150, 190);
    await vi.waitFor(() => expect(store.rows).toHaveLength(400));
    const generation = store.generation;

    await store.setFilters({ provider: 'duomai', statuses: ['completed'] });
    expect(store.generation).toBe(generation + 1);
    expect(calls.at(-1)).toEqual({ sort: 'created_desc', limit: ORDERS_PAGE_SIZE, provider: 'duomai', status: ['completed'] });
    expect(store.rows).toHaveLength(ORDERS_PAGE_SIZE);

    const count = calls.length;
    await store.setFilters({ provider: 'duomai', totalMin: 'abc' }); // an invalid bound is not sent: same query
    expect(calls).toHaveLength(count);
    await store.setSort('total_asc');
    expect(calls.at(-1)).toMatchObject({ sort: 'total_asc', provider: 'duomai' });
    expect(calls.at(-1)).not.toHaveProperty('cursor');
  });

  it('ignores a response that arrives after the filters changed', async () => {
    const slow = deferred<PageView<OrderListItemView>>();
    invokeMock.mockImplementation((async (_channel: string, args: Args) => {
      if (args['q'] === '旧') return slow.promise;
      return orderPage(900, 3, null);
    }) as typeof invoke);
    const store = useOrdersStore();
    const first = store.setFilters({ q: '旧' });
    await store.setFilters({ q: '新' });
    expect(store.rows.map((r) => r.id)).toEqual([900, 901, 902]);
    slow.resolve(orderPage(1, 5, 'c1'));
    await first;
    expect(store.rows.map((r) => r.id)).toEqual([900, 901, 902]);
    expect(store.ended).toBe(true);
    expect(store.loadingFirst).toBe(false);
  });

  it('keeps at most ORDERS_MAX_LOADED_PAGES pages in memory and fetches a dropped page again with its cursor', async () => {
    const pages = pagesOf(ORDERS_MAX_LOADED_PAGES + 3);
    const calls = serveList(pages);
    const store = useOrdersStore();
    await store.ensureLoaded();
    for (let p = 1; p < pages.length; p++) {
      store.ensureVisible(p * ORDERS_PAGE_SIZE - 30, p * ORDERS_PAGE_SIZE - 5);
      await vi.waitFor(() => expect(store.total).toBe((p + 1) * ORDERS_PAGE_SIZE));
    }
    expect(store.ended).toBe(true);
    expect(store.inMemory).toBe(ORDERS_MAX_LOADED_PAGES * ORDERS_PAGE_SIZE);
    expect(store.hasGaps).toBe(true);
    expect(isGapRow(store.rows[0]!)).toBe(true);
    expect(isGapRow(store.rows.at(-1)!)).toBe(false);

    const before = calls.length;
    store.ensureVisible(0, 20);
    await vi.waitFor(() => expect(isGapRow(store.rows[0]!)).toBe(false));
    expect(calls.slice(before)[0]).toEqual({ sort: 'created_desc', limit: ORDERS_PAGE_SIZE });
    expect(store.rows[0]).toMatchObject({ id: 1 });
    expect(store.inMemory).toBeLessThanOrEqual(ORDERS_MAX_LOADED_PAGES * ORDERS_PAGE_SIZE);
    expect(store.total).toBe(pages.length * ORDERS_PAGE_SIZE);
  });

  it('keeps an error and retries from where it stopped', async () => {
    let fail = true;
    invokeMock.mockImplementation((async (_channel: string, args: Args) => {
      if (args['cursor'] === 'c1' && fail) throw new ApiClientError('internal', '数据库忙');
      return args['cursor'] === 'c1' ? orderPage(201, 10, null) : orderPage(1, 200, 'c1');
    }) as typeof invoke);
    const store = useOrdersStore();
    await store.ensureLoaded();
    store.ensureVisible(180, 199);
    await vi.waitFor(() => expect(store.error?.message).toBe('数据库忙'));
    expect(store.rows).toHaveLength(200);
    fail = false;
    await store.retry();
    expect(store.error).toBeNull();
    expect(store.rows).toHaveLength(210);
    expect(store.ended).toBe(true);
  });

  it('opens an order in the drawer, ignoring a slower earlier request', async () => {
    const slow = deferred<OrderDetailView>();
    invokeMock.mockImplementation((async (channel: string, args: Args) => {
      if (channel !== 'orders:get') throw new Error(channel);
      return args['id'] === 1 ? slow.promise : orderDetail({ id: 2 });
    }) as typeof invoke);
    const store = useOrdersStore();
    const first = store.openDetail(1);
    await store.openDetail(2);
    slow.resolve(orderDetail({ id: 1 }));
    await first;
    expect(store.detailId).toBe(2);
    expect(store.detail?.id).toBe(2);
    expect(store.detailLoading).toBe(false);
    store.closeDetail();
    expect(store.detail).toBeNull();
  });
});
