import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import type { ProviderContext } from '../../../../src-main/providers/provider.js';
import { itboyeProvider, parseUsernames } from '../../../../src-main/providers/itboye/index.js';
import { startItboyeSimulator, type ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';

describe('itboye provider definition', () => {
  let sim: ItboyeSimulator;
  beforeAll(async () => {
    sim = await startItboyeSimulator({ seed: 9, userCount: 3, orderCount: 30 });
  });
  afterAll(async () => {
    await sim.close();
  });

  function context(settings: Record<string, string> = {}, secrets: Record<string, string> = {}): ProviderContext {
    return {
      fetch: globalThis.fetch,
      baseUrl: `${sim.url}/`,
      settings: { clientId: sim.credentials.clientId, loginUsername: sim.credentials.loginUsername, ...settings },
      secrets: { clientSecret: sim.credentials.clientSecret, password: sim.credentials.password, ...secrets },
      timeoutMs: 3000,
      now: Date.now,
    };
  }

  it('describes its account fields: no default URL, secrets marked secret', () => {
    expect(itboyeProvider.slug).toBe('itboye');
    expect(itboyeProvider.defaultBaseUrl).toBeNull();
    const fields = Object.fromEntries(itboyeProvider.fields.map((f) => [f.key, f]));
    expect(Object.keys(fields).sort()).toEqual(['clientId', 'clientSecret', 'loginUsername', 'password', 'usernames']);
    expect(fields.clientSecret).toMatchObject({ secret: true, required: true });
    expect(fields.password).toMatchObject({ secret: true, required: true });
    expect(fields.clientId).toMatchObject({ secret: false, required: true });
    expect(fields.loginUsername).toMatchObject({ secret: false, required: true });
    expect(fields.usernames).toMatchObject({ secret: false, required: false, kind: 'list' });
    for (const f of itboyeProvider.fields) expect(f.label['zh-CN'] && f.label.en).toBeTruthy();
  });

  it('validates settings and secrets', () => {
    expect(itboyeProvider.settingsSchema.safeParse({ clientId: 'c', loginUsername: 'u' }).success).toBe(true);
    expect(itboyeProvider.settingsSchema.safeParse({ clientId: '', loginUsername: 'u' }).success).toBe(false);
    expect(itboyeProvider.settingsSchema.safeParse({ clientId: 'c' }).success).toBe(false);
    expect(itboyeProvider.secretsSchema.safeParse({ clientSecret: 's', password: 'p' }).success).toBe(true);
    expect(itboyeProvider.secretsSchema.safeParse({ clientSecret: 's' }).success).toBe(false);
  });

  it('splits the username list on ASCII and full-width commas, defaulting to the login user', () => {
    expect(parseUsernames(' a, b，c ,,a ', 'me')).toEqual(['a', 'b', 'c']);
    expect(parseUsernames('', 'me')).toEqual(['me']);
    expect(parseUsernames(undefined, 'me')).toEqual(['me']);
  });

  it('creates a client for the configured usernames', () => {
    expect(itboyeProvider.createClient(context()).usernames).toEqual([sim.credentials.loginUsername]);
    expect(itboyeProvider.createClient(context({ usernames: 'dbh1, yaonana2' })).usernames).toEqual(['dbh1', 'yaonana2']);
    expect(() => itboyeProvider.createClient(context({ clientId: '' }))).toThrow(ProviderError);
  });

  it('tests the connection with one login and one query, reporting the count', async () => {
    const from = sim.requests.length;
    const result = await itboyeProvider.testConnection(itboyeProvider.createClient(context({ usernames: 'dbh1' })));
    expect(result.message).toContain('10 条订单');
    expect(result.message).toContain('dbh1');
    expect(sim.requests.length - from).toBe(2);
  });

  it('fails the connection test with auth on a wrong password', async () => {
    const client = itboyeProvider.createClient(context({}, { password: 'wrong' }));
    await expect(itboyeProvider.testConnection(client)).rejects.toMatchObject({ kind: 'auth', providerCode: '-1' });
  });
});
