import { createPinia, setActivePinia } from 'pinia';
import type * as ClientApi from '../../../src-renderer/src/api/client.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, invoke, onEvent } from '../../../src-renderer/src/api/client.js';
import { useAccountsStore } from '../../../src-renderer/src/stores/accounts.js';
import { PROVIDERS, accountView } from '../support/fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn(() => () => undefined) };
});

const invokeMock = vi.mocked(invoke);
const onEventMock = vi.mocked(onEvent);

beforeEach(() => {
  setActivePinia(createPinia());
  invokeMock.mockReset();
  onEventMock.mockClear();
});

describe('useAccountsStore', () => {
  it('loads the accounts and the provider catalogue', async () => {
    invokeMock.mockImplementation((async (channel: string) => (channel === 'accounts:list' ? [accountView()] : PROVIDERS)) as typeof invoke);
    const store = useAccountsStore();
    await Promise.all([store.load(), store.loadProviders()]);
    expect(invokeMock).toHaveBeenCalledWith('accounts:list', {});
    expect(invokeMock).toHaveBeenCalledWith('providers:list', {});
    expect(store.accounts.map((a) => a.name)).toEqual(['主店']);
    expect(store.loaded).toBe(true);
    expect(store.loading).toBe(false);
    expect(store.error).toBeNull();
    expect(store.providerBySlug.get('kasushou')?.displayName['zh-CN']).toBe('卡速售');
  });

  it('keeps the previous list and records the error when loading fails', async () => {
    const store = useAccountsStore();
    invokeMock.mockResolvedValueOnce([accountView()]);
    await store.load();
    invokeMock.mockRejectedValueOnce(new ApiClientError('locked', '账本已锁定'));
    await store.load();
    expect(store.accounts).toHaveLength(1);
    expect(store.error).toMatchObject({ code: 'locked', message: '账本已锁定' });
    expect(store.loading).toBe(false);
  });

  it('turns an unexpected throw into an ApiClientError', async () => {
    const store = useAccountsStore();
    invokeMock.mockRejectedValueOnce(new TypeError('boom'));
    await store.loadProviders();
    expect(store.providersError).toBeInstanceOf(ApiClientError);
    expect(store.providersError?.code).toBe('transport');
  });

  it('adds an account with the exact arguments and lists the returned view', async () => {
    const store = useAccountsStore();
    const created = accountView({ id: 12, name: '新账户' });
    invokeMock.mockResolvedValueOnce(created);
    const args = { provider: 'kasushou' as const, name: '新账户', baseUrl: 'https://shop.example.com', settings: { userId: '1' }, secrets: { apikey: 'k' } };
    await expect(store.add(args)).resolves.toEqual(created);
    expect(invokeMock).toHaveBeenCalledWith('accounts:add', args);
    expect(store.accounts).toEqual([created]);
  });

  it('rethrows a validation error from add and leaves the list unchanged', async () => {
    const store = useAccountsStore();
    invokeMock.mockRejectedValueOnce(new ApiClientError('validation', '参数无效', { issues: [{ path: 'name', message: 'Required' }] }));
    await expect(store.add({ provider: 'kasushou', name: '' })).rejects.toMatchObject({ code: 'validation' });
    expect(store.accounts).toEqual([]);
  });

  it('replaces an updated account in place', async () => {
    const store = useAccountsStore();
    invokeMock.mockResolvedValueOnce([accountView(), accountView({ id: 8, name: '二店' })]);
    await store.load();
    invokeMock.mockResolvedValueOnce(accountView({ name: '改名' }));
    await store.update({ id: 7, name: '改名' });
    expect(store.accounts.map((a) => a.name)).toEqual(['改名', '二店']);
  });

  it('removes an account only after the core confirms', async () => {
    const store = useAccountsStore();
    invokeMock.mockResolvedValueOnce([accountView(), accountView({ id: 8, name: '二店' })]);
    await store.load();
    invokeMock.mockRejectedValueOnce(new ApiClientError('not_found', '账户不存在'));
    await expect(store.remove(8)).rejects.toMatchObject({ code: 'not_found' });
    expect(store.accounts).toHaveLength(2);
    invokeMock.mockResolvedValueOnce({ removed: true });
    await store.remove(8);
    expect(invokeMock).toHaveBeenLastCalledWith('accounts:remove', { id: 8 });
    expect(store.accounts.map((a) => a.id)).toEqual([7]);
  });

  it('runs the connection test for one account', async () => {
    const store = useAccountsStore();
    invokeMock.mockResolvedValueOnce({ ok: false, message: '签名错误', errorKind: 'auth' });
    await expect(store.test(7)).resolves.toEqual({ ok: false, message: '签名错误', errorKind: 'auth' });
    expect(invokeMock).toHaveBeenCalledWith('accounts:test', { id: 7 });
  });

  it('reloads when the core reports accounts:changed', async () => {
    const store = useAccountsStore();
    let fire: (() => void) | undefined;
    onEventMock.mockImplementationOnce(((_name: string, cb: () => void) => {
      fire = cb;
      return () => undefined;
    }) as unknown as typeof onEvent);
    invokeMock.mockResolvedValue([accountView({ name: '来自事件' })]);
    store.watchChanges();
    expect(onEventMock).toHaveBeenCalledWith('accounts:changed', expect.any(Function));
    fire?.();
    await vi.waitFor(() => expect(store.accounts[0]?.name).toBe('来自事件'));
  });
});
