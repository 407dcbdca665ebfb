import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../../../src-renderer/src/api/client.js';
import { createKeysetList, type KeysetCursor, type KeysetPage } from '../../../src-renderer/src/composables/keyset-list.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createKeysetList', () => {
  it('appends pages with the cursor of the previous page until the last one', async () => {
    const seen: KeysetCursor[] = [];
    const pages: Record<string, KeysetPage<number>> = { first: { items: [1, 2], next: 'c2' }, c2: { items: [3], next: null } };
    const list = createKeysetList<number>();
    await list.reset(async (cursor) => {
      seen.push(cursor);
      return pages[cursor ?? 'first']!;
    });
    expect(list.items.value).toEqual([1, 2]);
    expect(list.hasMore.value).toBe(true);
    await list.loadMore();
    expect(list.items.value).toEqual([1, 2, 3]);
    expect(list.hasMore.value).toBe(false);
    await list.loadMore();
    expect(seen).toEqual([null, 'c2']);
  });

  it('drops a page that arrives after the list was reset', async () => {
    const slow = deferred<KeysetPage<string>>();
    const list = createKeysetList<string>();
    const old = list.reset(() => slow.promise);
    await list.reset(async () => ({ items: ['new'], next: null }));
    slow.resolve({ items: ['old'], next: 'x' });
    await old;
    expect(list.items.value).toEqual(['new']);
    expect(list.hasMore.value).toBe(false);
  });

  it('keeps the error and retries the same page', async () => {
    let fail = true;
    const cursors: KeysetCursor[] = [];
    const list = createKeysetList<number>();
    await list.reset(async (cursor) => {
      cursors.push(cursor);
      if (cursor === 5 && fail) throw new ApiClientError('transport', 'offline');
      return cursor === null ? { items: [1], next: 5 } : { items: [2], next: null };
    });
    await list.loadMore();
    expect(list.error.value?.message).toBe('offline');
    expect(list.items.value).toEqual([1]);
    fail = false;
    await list.loadMore();
    expect(list.error.value).toBeNull();
    expect(list.items.value).toEqual([1, 2]);
    expect(cursors).toEqual([null, 5, 5]);
  });
});
