import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kuaimaiProvider } from '../../../../src-main/providers/kuaimai/index.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { SIM_NOW, clientFor, contextFor, sentFields, startTestSimulator, type TestSim } from './fixtures.js';

describe('kuaimaiProvider definition', () => {
  it('describes its fields, secrets and default gateway', () => {
    expect(kuaimaiProvider.slug).toBe('kuaimai');
    expect(kuaimaiProvider.defaultBaseUrl).toBe('https://gw.superboss.cc/router');
    const secret = kuaimaiProvider.fields.filter((f) => f.secret).map((f) => f.key);
    expect(secret.sort()).toEqual(['appSecret', 'refreshToken', 'session']);
    expect(kuaimaiProvider.fields.find((f) => f.key === 'signMethod')?.options).toEqual(['hmac', 'md5', 'hmac-sha256']);
    for (const field of kuaimaiProvider.fields) expect(field.label['zh-CN']).not.toBe('');
  });

  it('validates settings (default sign method hmac) and secrets', () => {
    expect(kuaimaiProvider.settingsSchema.parse({ appKey: ' 123 ' })).toEqual({ appKey: '123', signMethod: 'hmac' });
    expect(kuaimaiProvider.settingsSchema.safeParse({ appKey: '1', signMethod: 'sha1' }).success).toBe(false);
    expect(kuaimaiProvider.settingsSchema.safeParse({}).success).toBe(false);
    expect(kuaimaiProvider.settingsSchema.safeParse({ appKey: '1', sessionExpiresAt: 'soon' }).success).toBe(false);
    expect(kuaimaiProvider.secretsSchema.safeParse({ appSecret: 's', session: 't' }).success).toBe(true);
    expect(kuaimaiProvider.secretsSchema.safeParse({ appSecret: 's' }).success).toBe(false);
  });
});

describe('kuaimaiProvider.testConnection', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(async () => {
    await t.sim.close();
  });

  it('lists the last hour with pageSize 2 and says how many trades changed', async () => {
    t.clock.now = SIM_NOW;
    t.sim.mutate(3);
    const result = await kuaimaiProvider.testConnection(clientFor(t.sim));
    expect(result.message).toContain('最近一小时有 3 条订单更新');
    const fields = sentFields(t.sim.requests.at(-1)!.bodyText);
    expect(fields).toMatchObject({ method: 'erp.trade.list.query', timeType: 'upd_time', pageSize: '2', pageNo: '1', startTime: '2024-03-08 11:00:00', endTime: '2024-03-08 12:00:00' });
  });

  it('fails with auth on a wrong secret', async () => {
    const error = await kuaimaiProvider.testConnection(clientFor(t.sim, { appSecret: 'x' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
  });

  it('uses the default gateway when no base URL is set', () => {
    const ctx = { ...contextFor(t.sim), baseUrl: '' };
    expect(() => kuaimaiProvider.createClient(ctx)).not.toThrow();
  });
});
