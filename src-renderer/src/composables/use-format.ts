/** Display formatting: times in Asia/Shanghai (the merchant's business day), counts grouped, exact money. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { MoneyView } from '../../../src-main/api/contract.js';
import { dateTimeFormat, numberFormat } from './intl-cache.js';

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(ms: number | null, locale: string): string | null {
  if (ms === null) return null;
  return dateTimeFormat(locale, {
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
  return numberFormat(locale).format(value);
}

/** The day only ("2024/06/01" / "06/01/2024"), in Asia/Shanghai. */
export function formatDate(ms: number | null, locale: string): string | null {
  if (ms === null) return null;
  return dateTimeFormat(locale, { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', USD: 'US$' };
const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * An exact amount from the core's decimal string, never through a float: "¥1,234.50", "-US$0.1234".
 * Two decimals, four when the value has digits there ("4.4000" → ¥4.40, "0.1234" → ¥0.1234).
 */
export function formatMoney(money: MoneyView | null, locale: string): string | null {
  if (!money) return null;
  const match = DECIMAL_RE.exec(money.amount.trim());
  const symbol = CURRENCY_SYMBOLS[money.currency] ?? `${money.currency} `;
  if (!match) return `${symbol}${money.amount}`;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const four = fraction.padEnd(4, '0').slice(0, 4);
  const shown = four.slice(2) === '00' ? four.slice(0, 2) : four;
  const grouped = numberFormat(locale, { useGrouping: true }).format(BigInt(whole));
  const negative = sign === '-' && /[1-9]/.test(whole + four);
  return `${negative ? '-' : ''}${symbol}${grouped}.${shown}`;
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
    date: (ms: number | null) => formatDate(ms, current.value),
    money: (value: MoneyView | null) => formatMoney(value, current.value),
    count: (value: number) => formatCount(value, current.value),
    relative: (ms: number | null, now: number) => formatRelative(ms, now, current.value),
    duration: (ms: number | null) => formatDuration(ms, current.value),
  };
}
