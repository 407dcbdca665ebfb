import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duomaiProvider, DUOMAI_DEFAULT_BASE_URL } from '../../../../src-main/providers/duomai/index.js';
import { startDuomaiSimulator, type DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import type { ProviderContext } from '../../../../src-main/providers/provider.js';

function context(sim: DuomaiSimulator, secret: string, now: () => number): ProviderContext {
  return {
    fetch: (input, init) => fetch(input, init),
    baseUrl: sim.baseUrl,
    settings: { appKey: sim.credentials.appKey },
    secrets: { appSecret: secret },
    timeoutMs: 5000,
    now,
  };
}

describe('duomai provider definition', () => {
  let sim: DuomaiSimulator;
  // The simulator's data lives in March 2024; run both clocks there so "the last hour" has orders.
  const now = (): number => Date.UTC(2024, 2, 1, 16, 0, 0);
  beforeAll(async () => {
    sim = await startDuomaiSimulator({ count: 500, periodDays: 3, now });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('describes its account fields with the secret write-only', () => {
    expect(duomaiProvider.slug).toBe('duomai');
    expect(duomaiProvider.defaultBaseUrl).toBe('https://open.duomai.com/apis');
    expect(DUOMAI_DEFAULT_BASE_URL).toBe(duomaiProvider.defaultBaseUrl);
    expect(duomaiProvider.fields.map((f) => [f.key, f.secret, f.required])).toEqual([
      ['appKey', false, true],
      ['appSecret', true, true],
    ]);
    for (const f of duomaiProvider.fields) expect(f.label['zh-CN'].length).toBeGreaterThan(0);
  });

  it('validates settings and secrets', () => {
    expect(duomaiProvider.settingsSchema.parse({ appKey: ' 2312521 ' })).toEqual({ appKey: '2312521' });
    expect(duomaiProvider.settingsSchema.safeParse({ appKey: '' }).success).toBe(false);
    expect(duomaiProvider.secretsSchema.safeParse({}).success).toBe(false);
    expect(duomaiProvider.secretsSchema.parse({ appSecret: 'h' })).toEqual({ appSecret: 'h' });
  });

  it('tests the connection with one signed call for the last hour, page_size 1', async () => {
    const client = duomaiProvider.createClient(context(sim, sim.credentials.appSecret, now));
    const result = await duomaiProvider.testConnection(client);
    expect(result.message).toMatch(/连接成功/);
    const req = sim.requests.at(-1)!;
    const sent = JSON.parse(req.bodyText) as Record<string, number>;
    expect(sent).toEqual({ stime: now() / 1000 - 3600, etime: now() / 1000, page: 1, page_size: 1 });
    expect(req.query.get('service')).toBe('cps-mesh.open.orders.query.get');
  });

  it('fails the connection test with auth on a wrong secret', async () => {
    const client = duomaiProvider.createClient(context(sim, 'wrong', now));
    const error = await duomaiProvider.testConnection(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
  });

  it('refuses to build a client without credentials', () => {
    expect(() => duomaiProvider.createClient({ ...context(sim, '', now) })).toThrow();
  });
});
