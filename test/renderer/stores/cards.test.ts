import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../../src-renderer/src/api/client.js';
import { cardListArgs, CARDS_PAGE_SIZE, emptyCardFilters, useCardsStore } from '../../../src-renderer/src/stores/cards.js';
import { cardView } from '../support/record-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const invokeMock = vi.mocked(invoke);
type Args = Record<string, unknown>;

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
});

function cards(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => cardView(from + i));
}

describe('cardListArgs', () => {
  it('sends only the page size for empty filters', () => {
    expect(cardListArgs(emptyCardFilters(), null, 200)).toEqual({ limit: 200 });
  });

  it('maps the order number, provider, account, order status and expiry days (Asia/Shanghai, half-open)', () => {
    expect(
      cardListArgs({ orderNo: ' D1007 ', provider: 'kasushou', accountId: 4, orderStatuses: ['completed'], expiryDays: ['2025-01-01', '2025-01-31'] }, 'k_1', 50),
    ).toEqual({
      limit: 50,
      orderNo: 'D1007',
      provider: 'kasushou',
      accountId: 4,
      orderStatus: ['completed'],
      expiresAfter: Date.UTC(2024, 11, 31, 16),
      expiresBefore: Date.UTC(2025, 0, 31, 16),
      cursor: 'k_1',
    });
  });
});

describe('useCardsStore', () => {
  it('pages the masked list with the keyset cursor and starts over on a filter change', async () => {
    const calls: Args[] = [];
    invokeMock.mockImplementation((async (channel: string, args: Args) => {
      expect(channel).toBe('cards:list');
      calls.push(args);
      return args['cursor'] === 'n1' ? { items: cards(201, 5), nextCursor: null } : { items: cards(1, CARDS_PAGE_SIZE), nextCursor: 'n1' };
    }) as typeof invoke);
    const store = useCardsStore();
    await store.ensureLoaded();
    store.ensureVisible(170, 199);
    await vi.waitFor(() => expect(store.total).toBe(205));
    expect(calls[1]).toEqual({ limit: CARDS_PAGE_SIZE, cursor: 'n1' });
    expect(store.ended).toBe(true);

    await store.setFilters({ orderNo: 'D1007000005' });
    expect(calls.at(-1)).toEqual({ limit: CARDS_PAGE_SIZE, orderNo: 'D1007000005' });
    expect(store.total).toBe(CARDS_PAGE_SIZE);
  });

  it('reveals through cards:reveal and keeps no password in the store', async () => {
    invokeMock.mockImplementation((async (channel: string, args: Args) => {
      if (channel === 'cards:list') return { items: cards(1, 3), nextCursor: null };
      if (channel === 'cards:reveal') return { ...cardView(Number(args['id'])), password: 'SECRET-PASSWORD-123' };
      throw new Error(channel);
    }) as typeof invoke);
    const store = useCardsStore();
    await store.ensureLoaded();
    const revealed = await store.reveal(2);
    expect(invokeMock).toHaveBeenLastCalledWith('cards:reveal', { id: 2 });
    expect(revealed.password).toBe('SECRET-PASSWORD-123');
    expect(JSON.stringify(store.$state)).not.toContain('SECRET-PASSWORD-123');
    expect(JSON.stringify(store.rows)).not.toContain('SECRET-PASSWORD-123');
  });
});
