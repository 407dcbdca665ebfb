/**
 * Business days in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a day
 * `yyyy-MM-dd` starts at 00:00 +08:00 and a date range becomes the half-open `[from, to)` in epoch ms.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 Asia/Shanghai on `day`, or null when it is not a `yyyy-MM-dd` date. */
export function shanghaiDayStart(day: string): number | null {
  const match = DAY_RE.exec(day);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - OFFSET_MS;
  return Number.isFinite(ms) ? ms : null;
}

/** `[from, to]` picked days as `{ from, to }` covering both whole days (to is exclusive). */
export function shanghaiDayRange(range: readonly [string, string] | null | undefined): { from: number; to: number } | null {
  if (!range) return null;
  const from = shanghaiDayStart(range[0]);
  const last = shanghaiDayStart(range[1]);
  if (from === null || last === null) return null;
  return { from, to: last + DAY_MS };
}

/** `yyyy-MM-dd` of the Shanghai day containing `ms`. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Days before `day` (`yyyy-MM-dd`), for date-picker shortcuts. */
export function shiftDay(day: string, days: number): string {
  const start = shanghaiDayStart(day);
  return start === null ? day : shanghaiDay(start + days * DAY_MS);
}
