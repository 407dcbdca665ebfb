/** Display formatting: times in Asia/Shanghai (the merchant's business day), counts grouped. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

export function formatDateTime(ms: number | null, locale: string): string | null {
  if (ms === null) return null;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function useFormat() {
  const { locale } = useI18n();
  const current = computed(() => String(locale.value));
  return {
    dateTime: (ms: number | null) => formatDateTime(ms, current.value),
    count: (value: number) => formatCount(value, current.value),
  };
}
