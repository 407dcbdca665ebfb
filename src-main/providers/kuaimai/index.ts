/**
 * 快麦 Kuaimai provider definition: account fields, settings/secrets validation, client factory and
 * the connection test (one signed erp.trade.list.query over the last hour).
 */
import { z } from 'zod';
import type { ProviderDefinition } from '../provider.js';
import { KUAIMAI_DEFAULT_BASE_URL, KuaimaiClient } from './client.js';
import { KUAIMAI_SIGN_METHODS } from './sign.js';

export { KuaimaiClient } from './client.js';

const HOUR_MS = 3_600_000;

const settingsSchema = z.object({
  appKey: z.string().trim().min(1, '请填写 AppKey (appKey is required)'),
  signMethod: z.enum(KUAIMAI_SIGN_METHODS).default('hmac'),
  /** Written by the client after a token refresh; epoch ms as text. */
  sessionExpiresAt: z.string().regex(/^\d+$/, 'sessionExpiresAt 必须是毫秒时间戳 (epoch ms)').optional(),
});

const secretsSchema = z.object({
  appSecret: z.string().min(1, '请填写 App Secret (appSecret is required)'),
  session: z.string().trim().min(1, '请填写 session / access_token (session is required)'),
  refreshToken: z.string().trim().optional(),
});

export const kuaimaiProvider: ProviderDefinition<KuaimaiClient> = {
  slug: 'kuaimai',
  displayName: { 'zh-CN': '快麦', en: 'Kuaimai' },
  defaultBaseUrl: KUAIMAI_DEFAULT_BASE_URL,
  baseUrlHelp: {
    'zh-CN': '快麦开放平台网关，默认 https://gw.superboss.cc/router（测试环境 https://gw3.superboss.cc/router）',
    en: 'Kuaimai open-platform router; default https://gw.superboss.cc/router (test: https://gw3.superboss.cc/router)',
  },
  fields: [
    { key: 'appKey', label: { 'zh-CN': 'AppKey', en: 'App key' }, secret: false, required: true, kind: 'text' },
    {
      key: 'signMethod',
      label: { 'zh-CN': '签名方式', en: 'Sign method' },
      help: { 'zh-CN': '默认 hmac；须与应用设置一致', en: 'Default hmac; must match the app settings' },
      secret: false,
      required: false,
      kind: 'select',
      options: KUAIMAI_SIGN_METHODS,
      defaultValue: 'hmac',
    },
    { key: 'appSecret', label: { 'zh-CN': 'App Secret', en: 'App secret' }, secret: true, required: true, kind: 'password' },
    {
      key: 'session',
      label: { 'zh-CN': '授权会话 session（access_token）', en: 'Session (access token)' },
      help: { 'zh-CN': '在快麦应用授权后获得', en: 'Issued when the app is authorized in Kuaimai' },
      secret: true,
      required: true,
      kind: 'password',
    },
    {
      key: 'refreshToken',
      label: { 'zh-CN': '刷新令牌 refreshToken', en: 'Refresh token' },
      help: { 'zh-CN': '用于在会话到期前自动续期 30 天', en: 'Used to extend the session by 30 days before it expires' },
      secret: true,
      required: false,
      kind: 'password',
    },
  ],
  settingsSchema: settingsSchema,
  secretsSchema: secretsSchema,
  createClient: (ctx) => new KuaimaiClient(ctx),
  async testConnection(client) {
    const now = client.now();
    const page = await client.tradeList({ timeType: 'upd_time', startTime: now - HOUR_MS, endTime: now, pageNo: 1, pageSize: 2 });
    return {
      message: `连接成功，最近一小时有 ${page.total} 条订单更新 (connected; ${page.total} trades updated in the last hour)`,
    };
  },
};
