/**
 * 多麦 Duomai CPS provider definition: account fields, settings/secrets validation, client factory and
 * a one-page connection test.
 */
import { z } from 'zod';
import type { ProviderContext, ProviderDefinition } from '../provider.js';
import { DuomaiClient } from './client.js';

export { DuomaiClient } from './client.js';
export type { DuomaiOrdersQuery, DuomaiPage, DuomaiSettlementQuery } from './client.js';
export { mapDuomaiOrders, mapDuomaiSettlements } from './mapping.js';

export const DUOMAI_DEFAULT_BASE_URL = 'https://open.duomai.com/apis';

const settingsSchema = z.object({
  appKey: z.string().trim().min(1, '请填写 AppKey (app key is required)'),
});

const secretsSchema = z.object({
  appSecret: z.string().trim().min(1, '请填写密钥 hash (app secret is required)'),
});

/** A client bound to one account; settings/secrets are validated here so a bad account fails early. */
export function createDuomaiClient(ctx: ProviderContext): DuomaiClient {
  const { appKey } = settingsSchema.parse(ctx.settings);
  const { appSecret } = secretsSchema.parse(ctx.secrets);
  return new DuomaiClient({
    fetch: ctx.fetch,
    baseUrl: ctx.baseUrl || DUOMAI_DEFAULT_BASE_URL,
    appKey,
    appSecret,
    timeoutMs: ctx.timeoutMs,
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

export const duomaiProvider: ProviderDefinition<DuomaiClient> = {
  slug: 'duomai',
  displayName: { 'zh-CN': '多麦 CPS', en: 'Duomai CPS' },
  defaultBaseUrl: DUOMAI_DEFAULT_BASE_URL,
  baseUrlHelp: {
    'zh-CN': '一般无需修改，默认 https://open.duomai.com/apis',
    en: 'Usually leave as is: https://open.duomai.com/apis',
  },
  fields: [
    {
      key: 'appKey',
      label: { 'zh-CN': '媒体 AppKey', en: 'Media app key' },
      help: { 'zh-CN': '多麦媒体后台的应用 AppKey（原站点 ID）', en: 'The app key (original site id) from the Duomai media console' },
      secret: false,
      required: true,
      kind: 'text',
    },
    {
      key: 'appSecret',
      label: { 'zh-CN': '密钥 (hash)', en: 'App secret (hash)' },
      help: { 'zh-CN': '媒体后台显示的 hash，仅用于签名，不会显示', en: 'The media "hash", used only for signing; never shown again' },
      secret: true,
      required: true,
      kind: 'password',
    },
  ],
  settingsSchema,
  secretsSchema,
  createClient: createDuomaiClient,
  async testConnection(client) {
    const etime = Math.floor(client.nowMs() / 1000);
    const page = await client.ordersQuery({ stime: etime - 3600, etime, page: 1, page_size: 1 });
    return {
      message:
        page.rows.length > 0
          ? '连接成功，签名校验通过，最近一小时有订单更新 (connected; orders updated in the last hour)'
          : '连接成功，签名校验通过，最近一小时没有订单更新 (connected; no order updates in the last hour)',
    };
  },
};
