/**
 * Cursor shapes of the Duomai strategy and the business-day arithmetic they rely on. Cursors are read
 * back through zod: an unreadable (or older-format) cursor is treated as absent, which only costs a
 * longer walk, never lost data.
 */
import { z } from 'zod';

export const ORDERS_STREAM = 'orders';
export const SETTLEMENTS_STREAM = 'settlements';

export const DAY_SECONDS = 86_400;
/** Asia/Shanghai has been UTC+8 without DST since 1992: business days are fixed 86 400 s slices. */
const SHANGHAI_OFFSET_SECONDS = 8 * 3600;

/** The Shanghai business day of a Unix second, as a day number (days since 1970-01-01 Shanghai). */
export function shanghaiDayNo(sec: number): number {
  return Math.floor((sec + SHANGHAI_OFFSET_SECONDS) / DAY_SECONDS);
}

/** Unix second at which Shanghai day number `dayNo` starts. */
export function shanghaiDayStartOfNo(dayNo: number): number {
  return dayNo * DAY_SECONDS - SHANGHAI_OFFSET_SECONDS;
}

/** Start (00:00:00 Shanghai) of the business day holding `sec`. */
export function shanghaiDayStart(sec: number): number {
  return shanghaiDayStartOfNo(shanghaiDayNo(sec));
}

const positionSchema = z.object({
  /** Where the pass began (Unix s): decides whether the pass extends the covered period. */
  start: z.number().int(),
  stime: z.number().int(),
  etime: z.number().int(),
  /** The next page to read in [stime, etime]. */
  page: z.number().int().min(1),
});
/** An unfinished pass: the window and page to read next. */
export type PassPosition = z.infer<typeof positionSchema>;

const ordersCursorSchema = z.object({
  v: z.literal(1),
  /** Every order updated in [from, watermark] has been read (Unix s); null before the first full pass. */
  watermark: z.number().int().nullable(),
  from: z.number().int().nullable(),
  /**
   * Shanghai day numbers on which an order seen by the orders stream was placed (sorted). For days that
   * lie wholly inside [from, watermark] the list is complete: a day not listed had no orders.
   */
  days: z.array(z.number().int()),
  /** Set once an order without an order time was seen: no day can then be proven empty. */
  blind: z.boolean(),
  pass: positionSchema.nullable(),
});
export type OrdersCursor = z.infer<typeof ordersCursorSchema>;

const settlementsCursorSchema = z.object({
  v: z.literal(1),
  pass: positionSchema.nullable(),
  /** End (Unix s) of the last complete re-walk, for the merchant's information. */
  completedTo: z.number().int().nullable(),
  /**
   * Per order-time day (Shanghai day number), the digest of each page's change keys as committed. A
   * page read again with the same digest holds only stored facts and is not mapped again.
   */
  pages: z.record(z.string(), z.array(z.string())),
});
export type SettlementsCursor = z.infer<typeof settlementsCursorSchema>;

export const EMPTY_ORDERS_CURSOR: OrdersCursor = { v: 1, watermark: null, from: null, days: [], blind: false, pass: null };
export const EMPTY_SETTLEMENTS_CURSOR: SettlementsCursor = { v: 1, pass: null, completedTo: null, pages: {} };

export function readOrdersCursor(value: unknown): OrdersCursor {
  const parsed = ordersCursorSchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_ORDERS_CURSOR;
}

export function readSettlementsCursor(value: unknown): SettlementsCursor {
  const parsed = settlementsCursorSchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_SETTLEMENTS_CURSOR;
}

/**
 * The covered period after a complete orders pass over [passStart, passEnd]. The period only grows
 * when the pass joins it (starts at or before the old watermark); a `--since` later than the
 * watermark leaves a gap, so the old watermark is kept and the next sync fills the gap.
 */
export function coverageAfterPass(
  old: { readonly watermark: number | null; readonly from: number | null },
  passStart: number,
  passEnd: number,
): { watermark: number | null; from: number | null } {
  if (old.watermark !== null && passStart > old.watermark) return { watermark: old.watermark, from: old.from };
  const from = old.from === null || old.watermark === null ? passStart : Math.min(old.from, passStart);
  return { watermark: Math.max(passEnd, old.watermark ?? passEnd), from };
}

/** Keeps the day list small: drops days before `keepFromDay` and raises `from` so the list stays complete. */
export function pruneDays(cursor: OrdersCursor, keepFromDay: number): OrdersCursor {
  if (cursor.days.length === 0 || cursor.days[0]! >= keepFromDay) return cursor;
  const from = cursor.from === null ? null : Math.max(cursor.from, shanghaiDayStartOfNo(keepFromDay));
  return { ...cursor, days: cursor.days.filter((d) => d >= keepFromDay), from };
}

/**
 * Whether an order-time window [stime, etime] provably holds no order, so its settlement changes need
 * not be read: it lies inside the covered period and neither day it touches had an order.
 */
export function provablyEmpty(orders: OrdersCursor, days: ReadonlySet<number>, stime: number, etime: number): boolean {
  if (orders.blind || orders.from === null || orders.watermark === null) return false;
  if (stime < orders.from || etime > orders.watermark) return false;
  for (let day = shanghaiDayNo(stime); day <= shanghaiDayNo(etime); day++) if (days.has(day)) return false;
  return true;
}

/** The page digests of the days in [fromDay, toDay] only. */
export function digestsWithin(pages: Readonly<Record<string, readonly string[]>>, fromDay: number, toDay: number): Record<string, string[]> {
  const kept: Record<string, string[]> = {};
  for (const [day, list] of Object.entries(pages)) if (Number(day) >= fromDay && Number(day) <= toDay) kept[day] = [...list];
  return kept;
}

/** `list` with `digest` at `index`; holes before it stay empty strings (never a match). */
export function withDigest(list: readonly string[], index: number, digest: string): string[] {
  const next = [...list];
  while (next.length < index) next.push('');
  next[index] = digest;
  return next;
}
