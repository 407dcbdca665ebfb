/** Display formatting: times in Asia/Shanghai (the merchant's business day), counts grouped. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(ms: number | null, locale: string): string | null {
  if (ms === null) return null;
  return new Intl.DateTimeFormat(locale, {
    timeZone: DISPLAY_TIME_ZONE,
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

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 分钟前" / "2 小时后" / "in 5 minutes": the largest whole unit, seconds under a minute. */
export function formatRelative(ms: number | null, now: number, locale: string): string | null {
  if (ms === null) return null;
  const diff = ms - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 10_000) return rtf.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') return rtf.format(Math.round(diff / size), unit);
  }
  return null;
}

/** A run's length: "1小时2分3秒" / "1h 2m 3s"; under a second "<1 秒" / "<1s". */
export function formatDuration(ms: number | null, locale: string): string | null {
  if (ms === null) return null;
  const zh = !locale.startsWith('en');
  if (ms < 1000) return zh ? '<1 秒' : '<1s';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = zh
    ? [h ? `${h}小时` : '', h || m ? `${m}分` : '', `${s}秒`]
    : [h ? `${h}h` : '', h || m ? `${m}m` : '', `${s}s`];
  return parts.filter(Boolean).join(zh ? '' : ' ');
}

export function useFormat() {
  const { locale } = useI18n();
  const current = computed(() => String(locale.value));
  return {
    dateTime: (ms: number | null) => formatDateTime(ms, current.value),
    count: (value: number) => formatCount(value, current.value),
    relative: (ms: number | null, now: number) => formatRelative(ms, now, current.value),
    duration: (ms: number | null) => formatDuration(ms, current.value),
  };
}
