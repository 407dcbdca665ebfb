/** Picks the current language's text from the core's `{ 'zh-CN', en }` labels. */
import type { LocalizedText } from '../../../src-main/api/contract.js';
import { useI18n } from 'vue-i18n';

export function pickText(text: LocalizedText | undefined, locale: string): string {
  if (!text) return '';
  return locale === 'en' ? text.en : text['zh-CN'];
}

export function useLocalized() {
  const { locale } = useI18n();
  return (text: LocalizedText | undefined): string => pickText(text, String(locale.value));
}
