/**
 * Time rules: store UTC epoch milliseconds; providers speak Asia/Shanghai wall time, Unix seconds or
 * 13-digit milliseconds; display and "business day" use Asia/Shanghai.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const BUSINESS_TZ = 'Asia/Shanghai';
const DAY_MS = 86_400_000;

export class TimeParseError extends Error {
  override readonly name = 'TimeParseError';
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** "2020-12-04 10:33:02" (Asia/Shanghai wall time) → epoch ms. Empty values are null. */
export function parseShanghaiWallTime(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new TimeParseError(`时间必须是字符串 wall time must be a string: ${JSON.stringify(value)}`);
  const m = WALL_RE.exec(value.trim());
  if (!m) throw new TimeParseError(`无法解析时间 not a 'yyyy-MM-dd HH:mm:ss' time: ${JSON.stringify(value)}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = fields[0] >= FIXED_OFFSET_FROM_YEAR ? fixedOffsetWallTime(...fields) : zonedWallTime(...fields);
  if (ms === null) throw new TimeParseError(`无效日期 invalid date: ${value}`);
  return ms;
}

/**
 * Shanghai has been UTC+8 without daylight saving since its last DST period ended in September 1991,
 * so wall times from 1992 on are a fixed offset away from UTC: plain arithmetic, no time-zone rules
 * (the rule look-up dominated mapping time in large syncs). Earlier times go through the zone database.
 */
const FIXED_OFFSET_FROM_YEAR = 1992;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Like the zoned path: hours/minutes/seconds out of range roll over, a day that does not exist is refused (null). */
function fixedOffsetWallTime(y: number, month: number, d: number, h: number, mi: number, s: number): number | null {
  const wall = Date.UTC(y, month, d, h, mi, s);
  const check = new Date(wall);
  if (Number.isNaN(wall) || check.getUTCMonth() !== month || check.getUTCDate() !== d) return null;
  return wall - SHANGHAI_OFFSET_MS;
}

function zonedWallTime(y: number, month: number, d: number, h: number, mi: number, s: number): number | null {
  const date = new TZDate(y, month, d, h, mi, s, BUSINESS_TZ);
  const ms = date.getTime();
  return Number.isNaN(ms) || date.getMonth() !== month || date.getDate() !== d ? null : ms;
}

function integerText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'bigint' ? String(value) : null;
  if (text === null || !/^\d+$/.test(text)) throw new TimeParseError(`时间戳必须是整数 timestamp must be an integer: ${JSON.stringify(value)}`);
  return text;
}

/** Unix seconds as number or string ("1607049182") → epoch ms. "0" and 0 mean "not set" → null. */
export function parseUnixSeconds(value: unknown): number | null {
  const text = integerText(value);
  if (text === null || Number(text) === 0) return null;
  return Number(text) * 1000;
}

/** 13-digit epoch milliseconds as number or string → epoch ms. */
export function parseEpochMillis(value: unknown): number | null {
  const text = integerText(value);
  if (text === null || Number(text) === 0) return null;
  return Number(text);
}

/** Epoch ms → "2020-12-04T10:33:02+08:00" (ISO 8601 with the Shanghai offset). */
export function toShanghaiIso(ms: number): string {
  return format(new TZDate(ms, BUSINESS_TZ), "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** Epoch ms → "2020-12-04 10:33:02" wall time in Shanghai (what the providers send and merchants read). */
export function toShanghaiWallTime(ms: number): string {
  return format(new TZDate(ms, BUSINESS_TZ), 'yyyy-MM-dd HH:mm:ss');
}

/** The Shanghai business day of an instant: "2020-12-04". */
export function businessDay(ms: number): string {
  return format(new TZDate(ms, BUSINESS_TZ), 'yyyy-MM-dd');
}

/** Start of a Shanghai business day ("2020-12-04") in epoch ms. */
export function businessDayStart(day: string): number {
  const ms = parseShanghaiWallTime(`${day} 00:00:00`);
  if (ms === null) throw new TimeParseError(`无效日期 invalid day: ${day}`);
  return ms;
}

/** Half-open [start, end) range of a business day in epoch ms. */
export function businessDayRange(day: string): { start: number; end: number } {
  const start = businessDayStart(day);
  return { start, end: start + DAY_MS };
}

/** The business day `n` days after `day` (negative n goes back). Shanghai has no DST, but we ask the calendar anyway. */
export function addBusinessDays(day: string, n: number): string {
  const d = new TZDate(businessDayStart(day), BUSINESS_TZ);
  d.setDate(d.getDate() + n);
  return format(d, 'yyyy-MM-dd');
}

export { DAY_MS };
