/**
 * 卡速售 Kasushou 2.0 provider (seed 001, providers.md §2). Read-only: it queries orders, card codes and
 * the balance; it never buys, cancels or complains. Each merchant's site has its own domain.
 */
import { z } from 'zod';
import { formatMoney, parseMoney } from '../../domain/money.js';
import type { ProviderContext, ProviderDefinition } from '../provider.js';
import { KasushouClient, configError } from './client.js';

export { KasushouClient, ADMIN_LIST_MAX_LIMIT, ORDER_INFO_MAX_BATCH, KASUSHOU_PATHS } from './client.js';
export type { KasushouMode, AdminOrderListQuery } from './client.js';
export { mapAdminOrderRow, mapAdminOrderRows, mapOrderInfoItem, mapOrderInfoItems, mapCards, mapStatus } from './mapping.js';
export { adminOrderPages, orderInfoBatched } from './paging.js';
export { verifyCallback, callbackSign, encodeRequestBody, signRequest } from './sign.js';

const nonEmpty = z.string().trim().min(1);

export const kasushouSettingsSchema = z.object({
  userId: nonEmpty,
  mode: z.enum(['admin', 'buyer']).default('buyer'),
});

export const kasushouSecretsSchema = z.object({
  apikey: nonEmpty,
});

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => i.path.join('.')).join(', ');
}

function createKasushouClient(ctx: ProviderContext): KasushouClient {
  const settings = kasushouSettingsSchema.safeParse(ctx.settings);
  if (!settings.success) throw configError(issuesOf(settings.error));
  const secrets = kasushouSecretsSchema.safeParse(ctx.secrets);
  if (!secrets.success) throw configError(issuesOf(secrets.error));
  return new KasushouClient({
    fetch: ctx.fetch,
    baseUrl: ctx.baseUrl,
    userId: settings.data.userId,
    apikey: secrets.data.apikey,
    mode: settings.data.mode,
    timeoutMs: ctx.timeoutMs,
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

export const kasushouProvider: ProviderDefinition<KasushouClient> = {
  slug: 'kasushou',
  displayName: { 'zh-CN': '卡速售', en: 'Kasushou' },
  defaultBaseUrl: null,
  baseUrlHelp: {
    'zh-CN': '卡速售每个站点有自己的域名，请填写站点地址，例如 https://shop.example.com',
    en: 'Every Kasushou site has its own domain; enter the site address, e.g. https://shop.example.com',
  },
  fields: [
    {
      key: 'userId',
      label: { 'zh-CN': '用户编号 (UserId)', en: 'User ID (UserId)' },
      help: {
        'zh-CN': '接口设置中的 appid；后台模式请填写站点管理员登录名',
        en: 'The API appid; in admin mode, the site administrator login name',
      },
      secret: false,
      required: true,
      kind: 'text',
    },
    { key: 'apikey', label: { 'zh-CN': 'API 密钥 (apikey)', en: 'API key' }, secret: true, required: true, kind: 'password' },
    {
      key: 'mode',
      label: { 'zh-CN': '账户类型', en: 'Account type' },
      help: {
        'zh-CN': 'buyer = 用户接口（只能按订单号查询）；admin = 站点后台接口（可分页拉取订单列表）',
        en: 'buyer = user API (lookup by order number only); admin = site admin API (can page the order list)',
      },
      secret: false,
      required: false,
      kind: 'select',
      options: ['buyer', 'admin'],
      defaultValue: 'buyer',
    },
  ],
  settingsSchema: kasushouSettingsSchema,
  secretsSchema: kasushouSecretsSchema,
  createClient: createKasushouClient,
  async testConnection(client) {
    if (client.mode === 'admin') {
      // The admin login name is not a user-API appid, so user/info would not prove the admin key works.
      const rows = await client.adminOrderList({ page: 1, limit: 1 });
      return { message: `连接成功（后台接口），读取到 ${rows.length} 条订单 (connected via admin API: ${rows.length} order read)` };
    }
    const info = await client.userInfo();
    let text = String(info.balance);
    try {
      const balance = parseMoney(info.balance);
      if (balance) text = formatMoney(balance);
    } catch {
      // An unreadable balance still proves the signed call worked; show it as sent.
    }
    return { message: `连接成功，账户余额 ${text} (connected, balance ${text})` };
  },
};
