/**
 * The itboye "by" gateway provider (seed 000, providers.md §1). Read-only by policy: it logs in and
 * reads order lists for bookkeeping; it never creates, matches or submits tasks or orders.
 */
import { z } from 'zod';
import type { ProviderContext, ProviderDefinition } from '../provider.js';
import { ProviderError } from '../provider-error.js';
import { ItboyeClient } from './client.js';

export { ItboyeClient } from './client.js';
export { withSession, fetchAllOrders } from './session.js';
export { mapOrder, mapCommissions, mapOrdersResult } from './mapping.js';

const nonEmpty = z.string().trim().min(1);

export const itboyeSettingsSchema = z.object({
  clientId: nonEmpty,
  loginUsername: nonEmpty,
  /** Comma-separated usernames whose orders are read; empty = the login user. */
  usernames: z.string().default(''),
});

export const itboyeSecretsSchema = z.object({
  clientSecret: nonEmpty,
  password: z.string().min(1),
});

/** "a, b，c" → ["a","b","c"]: ASCII or full-width commas, blanks dropped, duplicates removed. */
export function parseUsernames(list: string | undefined, fallback: string): string[] {
  const names = (list ?? '')
    .split(/[,，\s]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 ? [...new Set(names)] : [fallback];
}

function configError(detail: string): ProviderError {
  return new ProviderError({ kind: 'auth', provider: 'itboye', message: `账户设置不完整 incomplete account settings: ${detail}` });
}

function createItboyeClient(ctx: ProviderContext): ItboyeClient {
  const settings = itboyeSettingsSchema.safeParse(ctx.settings);
  if (!settings.success) throw configError(settings.error.issues.map((i) => i.path.join('.')).join(', '));
  const secrets = itboyeSecretsSchema.safeParse(ctx.secrets);
  if (!secrets.success) throw configError(secrets.error.issues.map((i) => i.path.join('.')).join(', '));
  return new ItboyeClient({
    fetch: ctx.fetch,
    baseUrl: ctx.baseUrl,
    clientId: settings.data.clientId,
    clientSecret: secrets.data.clientSecret,
    loginUsername: settings.data.loginUsername,
    password: secrets.data.password,
    usernames: parseUsernames(settings.data.usernames, settings.data.loginUsername),
    timeoutMs: ctx.timeoutMs,
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

export const itboyeProvider: ProviderDefinition<ItboyeClient> = {
  slug: 'itboye',
  displayName: { 'zh-CN': '博也 by 网关（任务订单）', en: 'itboye "by" gateway (task orders)' },
  defaultBaseUrl: null,
  baseUrlHelp: {
    'zh-CN': '每个站点有自己的网关地址，例如 https://api.example.cn/ ，请向平台索取',
    en: 'Each site has its own gateway URL, e.g. https://api.example.cn/ — ask the platform for it',
  },
  fields: [
    { key: 'clientId', label: { 'zh-CN': '客户端 ID (client_id)', en: 'Client ID' }, secret: false, required: true, kind: 'text' },
    { key: 'clientSecret', label: { 'zh-CN': '客户端密钥 (client_secret)', en: 'Client secret' }, secret: true, required: true, kind: 'password' },
    { key: 'loginUsername', label: { 'zh-CN': '登录用户名', en: 'Login username' }, secret: false, required: true, kind: 'text' },
    { key: 'password', label: { 'zh-CN': '登录密码', en: 'Login password' }, secret: true, required: true, kind: 'password' },
    {
      key: 'usernames',
      label: { 'zh-CN': '查询的用户名', en: 'Usernames to read' },
      help: {
        'zh-CN': '用逗号分隔；留空则只查询登录用户自己的订单',
        en: 'Comma-separated; empty = only the login user’s own orders',
      },
      secret: false,
      required: false,
      kind: 'list',
    },
  ],
  settingsSchema: itboyeSettingsSchema,
  secretsSchema: itboyeSecretsSchema,
  createClient: createItboyeClient,
  async testConnection(client) {
    await client.login();
    const username = client.usernames[0]!;
    const result = await client.queryOrders(username, 'all');
    const count = result.orders.length;
    return { message: `连接成功，用户 ${username} 共有 ${count} 条订单 (connected: ${count} orders for ${username})` };
  },
};
