import { createI18n } from 'vue-i18n';
import en from './en.js';
import zhCN, { type MessageSchema } from './zh-CN.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The i18n instance (composition mode). zh-CN is the default and the fallback. */
export function createAppI18n(locale: AppLocale = 'zh-CN') {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
