import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { unionhomeProvider } from '../../../../src-main/providers/unionhome/index.js';
import { startUnionhomeSimulator, type UnionhomeSimulator } from '../../../../src-main/providers/unionhome/simulator.js';
import { contextFor } from './support.js';

let sim: UnionhomeSimulator;

beforeAll(async () => {
  sim = await startUnionhomeSimulator({ seed: 7, orders: 10 });
});
afterAll(async () => {
  await sim.close();
});

describe('unionhomeProvider definition', () => {
  it('has no default URL, a help text about the blank doc URL, one secret field', () => {
    expect(unionhomeProvider.slug).toBe('unionhome');
    expect(unionhomeProvider.defaultBaseUrl).toBeNull();
    expect(unionhomeProvider.baseUrlHelp['zh-CN']).toContain('公开文档没有给出请求地址');
    expect(unionhomeProvider.fields.filter((f) => f.secret).map((f) => f.key)).toEqual(['token']);
    expect(unionhomeProvider.fields.find((f) => f.key === 'startOrderId')?.required).toBe(false);
  });

  it('validates settings and secrets', () => {
    expect(unionhomeProvider.settingsSchema.parse({})).toEqual({});
    expect(unionhomeProvider.settingsSchema.parse({ startOrderId: ' 25 ' })).toEqual({ startOrderId: '25' });
    expect(unionhomeProvider.settingsSchema.safeParse({ startOrderId: '0' }).success).toBe(false);
    expect(unionhomeProvider.settingsSchema.safeParse({ startOrderId: 'abc' }).success).toBe(false);
    expect(unionhomeProvider.settingsSchema.parse({ startOrderId: '5', scanMissLimit: ' 40 ' })).toEqual({ startOrderId: '5', scanMissLimit: '40' });
    expect(unionhomeProvider.settingsSchema.safeParse({ scanMissLimit: '0' }).success).toBe(false);
    expect(unionhomeProvider.fields.find((f) => f.key === 'scanMissLimit')).toMatchObject({ secret: false, required: false });
    expect(unionhomeProvider.secretsSchema.parse({ token: ' abc ' })).toEqual({ token: 'abc' });
    expect(unionhomeProvider.secretsSchema.safeParse({ token: '' }).success).toBe(false);
  });
});

describe('testConnection', () => {
  it('reports the first order when it exists', async () => {
    const result = await unionhomeProvider.testConnection(unionhomeProvider.createClient(contextFor(sim)));
    expect(result.message).toContain('连接成功');
    expect(result.message).toContain('202007110940097797825832');
    expect(result.message).toContain('¥33,300.00');
  });

  it('counts "order not found" as a working token', async () => {
    const client = unionhomeProvider.createClient(contextFor(sim, { settings: { startOrderId: '100000' } }));
    const result = await unionhomeProvider.testConnection(client);
    expect(result.message).toContain('token 有效');
    expect(result.message).toContain('订单不存在');
    expect(sim.requests.at(-1)?.query.get('order_id')).toBe('100000');
  });

  it('throws auth for a wrong token', async () => {
    const client = unionhomeProvider.createClient(contextFor(sim, { token: 'wrong' }));
    const error = await unionhomeProvider.testConnection(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
  });
});
