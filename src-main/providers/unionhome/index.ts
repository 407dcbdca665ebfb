/**
 * union-home shop provider (seed 003, providers.md §4): order detail by `order_id` with a `token` header.
 * The public doc leaves the request URL blank and documents no login or list API, so the merchant
 * pastes the full order-detail URL and a token; sync discovers orders by scanning ids upward.
 */
import { z } from 'zod';
import { formatMoney } from '../../domain/money.js';
import type { ProviderContext, ProviderDefinition } from '../provider.js';
import { createUnionhomeClient, type UnionhomeClient } from './client.js';
import { mapUnionhomeOrder } from './mapping.js';

export { createUnionhomeClient, interpretOrderResponse, isAuthMessage } from './client.js';
export type { UnionhomeClient, UnionhomeLookup } from './client.js';
export { mapUnionhomeOrder, mapOrderStatus, ORDER_STATUS_MAP } from './mapping.js';
export type { UnionhomeMappedOrder, UnionhomeMaskedView, UnionhomeOrder } from './mapping.js';

export const unionhomeSettingsSchema = z
  .object({
    startOrderId: z
      .string()
      .trim()
      .regex(/^(|[1-9]\d{0,14})$/, { message: '起始订单 id 必须是正整数 startOrderId must be a positive integer' })
      .optional(),
    scanMissLimit: z
      .string()
      .trim()
      .regex(/^(|[1-9]\d{0,3})$/, { message: '连续未找到上限必须是 1–9999 的整数 scanMissLimit must be an integer 1–9999' })
      .optional(),
  })
  .transform(
    (s): Record<string, string> => ({
      ...(s.startOrderId ? { startOrderId: s.startOrderId } : {}),
      ...(s.scanMissLimit ? { scanMissLimit: s.scanMissLimit } : {}),
    }),
  );

export const unionhomeSecretsSchema = z
  .object({ token: z.string().trim().min(1, { message: '请填写 token (token is required)' }) })
  .transform((s): Record<string, string> => ({ token: s.token }));

export const unionhomeProvider: ProviderDefinition<UnionhomeClient> = {
  slug: 'unionhome',
  displayName: { 'zh-CN': '联盟之都商城', en: 'union-home shop' },
  defaultBaseUrl: null,
  baseUrlHelp: {
    'zh-CN':
      '公开文档没有给出请求地址，请填写商城“订单详情”接口的完整地址（不含 order_id 参数），例如 https://unionshop.union-home.cn/api/order/detail',
    en: 'The public doc leaves the request URL blank: enter the full URL of the shop’s order-detail API (without order_id), e.g. https://unionshop.union-home.cn/api/order/detail',
  },
  fields: [
    {
      key: 'token',
      label: { 'zh-CN': '登录 token', en: 'Login token' },
      help: {
        'zh-CN': '商城登录后请求头中的 token；过期后请重新登录并粘贴新的 token',
        en: 'The `token` header of a logged-in shop session; paste a new one when it expires',
      },
      secret: true,
      required: true,
      kind: 'password',
    },
    {
      key: 'startOrderId',
      label: { 'zh-CN': '起始订单 id', en: 'First order id' },
      help: {
        'zh-CN': '从这个订单 id 开始向上扫描（默认 1）',
        en: 'Order ids are scanned upward from this one (default 1)',
      },
      secret: false,
      required: false,
      kind: 'text',
      defaultValue: '1',
    },
    {
      key: 'scanMissLimit',
      label: { 'zh-CN': '连续未找到多少个订单 id 后停止扫描', en: 'Stop scanning after this many missing ids in a row' },
      help: {
        'zh-CN': '订单 id 中间可能有被删除的空号；连续这么多个 id 都查不到时，认为已扫到最新订单（默认 20）',
        en: 'Deleted orders leave gaps in the ids; after this many consecutive misses the scan assumes it reached the newest order (default 20)',
      },
      secret: false,
      required: false,
      kind: 'text',
      defaultValue: '20',
    },
  ],
  settingsSchema: unionhomeSettingsSchema,
  secretsSchema: unionhomeSecretsSchema,
  createClient: (ctx: ProviderContext) => createUnionhomeClient(ctx),
  /** One lookup of the first order id: found or "not found" both prove the token is accepted. */
  async testConnection(client) {
    const id = client.startOrderId;
    const result = await client.lookupOrder(id);
    if (!result.found) {
      return {
        message: `连接成功，token 有效；订单 #${id} 不存在（服务器：${result.message}） connected, token accepted; order #${id} not found`,
      };
    }
    const { record } = mapUnionhomeOrder(result.order);
    const total = record.total ? `，金额 ${formatMoney(record.total)}` : '';
    return {
      message: `连接成功，读取到订单 #${id}（${record.orderNo}${total}） connected, read order #${id}`,
    };
  },
};
