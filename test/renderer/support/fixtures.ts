/** Provider descriptions and account views shaped like the core's (no values are real secrets). */
import type { AccountView, ProviderInfo } from '../../../src-main/api/contract.js';

export const kasushouInfo: ProviderInfo = {
  slug: 'kasushou',
  displayName: { 'zh-CN': '卡速售', en: 'Kasushou' },
  defaultBaseUrl: null,
  baseUrlHelp: { 'zh-CN': '请填写站点地址，例如 https://shop.example.com', en: 'Enter the site address, e.g. https://shop.example.com' },
  fields: [
    { key: 'userId', label: { 'zh-CN': '用户编号 (UserId)', en: 'User ID' }, secret: false, required: true, kind: 'text' },
    { key: 'apikey', label: { 'zh-CN': 'API 密钥 (apikey)', en: 'API key' }, secret: true, required: true, kind: 'password' },
    {
      key: 'mode',
      label: { 'zh-CN': '账户类型', en: 'Account type' },
      secret: false,
      required: false,
      kind: 'select',
      options: ['buyer', 'admin'],
      defaultValue: 'buyer',
    },
  ],
};

export const itboyeInfo: ProviderInfo = {
  slug: 'itboye',
  displayName: { 'zh-CN': '博也网关', en: 'itboye gateway' },
  defaultBaseUrl: null,
  baseUrlHelp: { 'zh-CN': '每个站点有自己的网关地址', en: 'Each site has its own gateway URL' },
  fields: [
    { key: 'clientId', label: { 'zh-CN': '客户端 ID', en: 'Client ID' }, secret: false, required: true, kind: 'text' },
    { key: 'clientSecret', label: { 'zh-CN': '客户端密钥', en: 'Client secret' }, secret: true, required: true, kind: 'password' },
    { key: 'password', label: { 'zh-CN': '登录密码', en: 'Login password' }, secret: true, required: true, kind: 'password' },
    {
      key: 'usernames',
      label: { 'zh-CN': '查询的用户名', en: 'Usernames to read' },
      help: { 'zh-CN': '用逗号分隔', en: 'Comma-separated' },
      secret: false,
      required: false,
      kind: 'list',
    },
  ],
};

export const duomaiInfo: ProviderInfo = {
  slug: 'duomai',
  displayName: { 'zh-CN': '多麦', en: 'Duomai' },
  defaultBaseUrl: 'https://open.duomai.com/apis',
  baseUrlHelp: { 'zh-CN': '一般无需修改', en: 'Usually unchanged' },
  fields: [
    { key: 'appKey', label: { 'zh-CN': 'AppKey', en: 'App key' }, secret: false, required: true, kind: 'text', defaultValue: 'ak-default' },
    { key: 'appSecret', label: { 'zh-CN': 'AppSecret', en: 'App secret' }, secret: true, required: true, kind: 'password' },
  ],
};

export const PROVIDERS: ProviderInfo[] = [kasushouInfo, itboyeInfo, duomaiInfo];

export function accountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 7,
    provider: 'kasushou',
    name: '主店',
    baseUrl: 'https://shop.example.com',
    settings: { userId: '10086', mode: 'buyer' },
    secrets: { apikey: { configured: true, hint: '••••abcd' } },
    enabled: true,
    syncIntervalMinutes: 30,
    lookbackDays: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    health: {
      state: 'never',
      lastSuccessAt: null,
      lastErrorAt: null,
      lastErrorKind: null,
      lastErrorMessage: null,
      needsAttention: null,
      nextRunAt: null,
    },
    ...overrides,
  };
}
