import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderContext } from '../../../../src-main/providers/provider.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { kasushouProvider, kasushouSettingsSchema } from '../../../../src-main/providers/kasushou/index.js';
import { startKasushouSimulator, type KasushouSimulator } from '../../../../src-main/providers/kasushou/simulator.js';

describe('kasushou provider definition', () => {
  let sim: KasushouSimulator;
  beforeAll(async () => {
    sim = await startKasushouSimulator({ seed: 2, count: 12 });
  });
  afterAll(async () => {
    await sim.close();
  });

  const ctx = (settings: Record<string, string>, secrets: Record<string, string>): ProviderContext => ({
    fetch: globalThis.fetch,
    baseUrl: sim.url,
    settings,
    secrets,
    timeoutMs: 3000,
    now: Date.now,
  });

  it('describes its fields: site URL without default, apikey secret, mode defaulting to buyer', () => {
    expect(kasushouProvider.slug).toBe('kasushou');
    expect(kasushouProvider.defaultBaseUrl).toBeNull();
    expect(kasushouProvider.fields.find((f) => f.key === 'apikey')?.secret).toBe(true);
    expect(kasushouProvider.fields.find((f) => f.key === 'userId')?.secret).toBe(false);
    expect(kasushouSettingsSchema.parse({ userId: '10086' })).toEqual({ userId: '10086', mode: 'buyer' });
    expect(kasushouSettingsSchema.safeParse({ userId: '1', mode: 'root' }).success).toBe(false);
    expect(kasushouProvider.secretsSchema.safeParse({}).success).toBe(false);
  });

  it('testConnection (buyer) calls user/info and reports the balance', async () => {
    const client = kasushouProvider.createClient(ctx({ userId: sim.credentials.userId }, { apikey: sim.credentials.apikey }));
    const result = await kasushouProvider.testConnection(client);
    expect(result.message).toContain('¥8,888.88');
    expect(sim.requests.at(-1)?.path).toBe('/api/v1/user/info');
  });

  it('testConnection (admin) reads one row of the admin list', async () => {
    const client = kasushouProvider.createClient(ctx({ userId: sim.adminCredentials.userId, mode: 'admin' }, { apikey: sim.adminCredentials.apikey }));
    expect((await kasushouProvider.testConnection(client)).message).toContain('1');
    expect(sim.requests.at(-1)?.path).toBe('/api/admin/v1/order/list');
  });

  it('a wrong key fails testConnection with auth; missing settings fail before any call', async () => {
    const client = kasushouProvider.createClient(ctx({ userId: sim.credentials.userId }, { apikey: 'wrong' }));
    await expect(kasushouProvider.testConnection(client)).rejects.toMatchObject({ kind: 'auth' });
    expect(() => kasushouProvider.createClient(ctx({}, { apikey: 'k' }))).toThrow(ProviderError);
    expect(() => kasushouProvider.createClient(ctx({ userId: '1' }, {}))).toThrow(ProviderError);
  });
});
