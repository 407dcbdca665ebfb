/**
 * Cell formatting shared by the CSV and XLSX export writers: the column model, Asia/Shanghai wall time
 * (fast enough for millions of cells) and money as exact decimal text.
 */
import { toShanghaiWallTime } from '../domain/time.js';

/**
 * `money` = exact decimal text ("4.4000", as views carry it) or the scale-4 integer itself (44000, as
 * the database holds it); `date` = epoch ms; `int` = a safe integer; `text` = a string.
 */
export type ColumnType = 'text' | 'int' | 'money' | 'date';
export type CellValue = string | number | null;

export interface ColumnLayout {
  readonly header: string;
  readonly type: ColumnType;
  /** Width in characters (XLSX). */
  readonly width: number;
}

/** One page of rows, cells in column order. */
export type RowBatch = readonly (readonly CellValue[])[];

/** What both file writers do; `abort` removes the partial file. */
export interface ExportWriter {
  writeRows(rows: RowBatch): Promise<void>;
  /** Closes the file; resolves with its size in bytes. */
  finish(): Promise<number>;
  abort(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
/**
 * From here on Asia/Shanghai is UTC+8 without daylight saving (China's last DST ended in September
 * 1991). Earlier instants go through the time-zone database; later ones are plain arithmetic, ~50×
 * faster than formatting a TZDate — the difference between seconds and a minute for a million rows.
 */
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
/** Excel's serial day number of 1970-01-01 (1900 date system). */
const EXCEL_EPOCH_DAYS = 25_569;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The instant's Asia/Shanghai wall time as if it were UTC (epoch ms), e.g. for Excel dates. */
export function shanghaiWallMs(ms: number): number {
  if (ms >= FIXED_OFFSET_FROM) return ms + SHANGHAI_OFFSET_MS;
  const wall = toShanghaiWallTime(ms);
  const [y, mo, d, h, mi, s] = wall.split(/[- :]/).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) + (((ms % 1000) + 1000) % 1000);
}

/** "yyyy-MM-dd " per day number: a ledger spans a few thousand days, a million rows reuse them. */
const dayTexts = new Map<number, string>();
const DAY_CACHE_MAX = 100_000;

function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    const d = new Date(day * DAY_MS);
    text = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} `;
    if (dayTexts.size >= DAY_CACHE_MAX) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/** "2024-03-01 08:00:00" in Asia/Shanghai. */
export function shanghaiWallText(ms: number): string {
  if (ms < FIXED_OFFSET_FROM) return toShanghaiWallTime(ms);
  const wall = ms + SHANGHAI_OFFSET_MS;
  const inDay = wall % DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${dayText((wall - inDay) / DAY_MS)}${two(h)}:${two(m)}:${two(seconds % 60)}`;
}

/** Excel serial date-time (days since 1899-12-30) of the instant's Shanghai wall time. */
export function shanghaiExcelSerial(ms: number): number {
  return EXCEL_EPOCH_DAYS + shanghaiWallMs(ms) / DAY_MS;
}

/** Excel keeps 15 significant digits; a longer amount would be rounded silently. */
export const EXCEL_MAX_DIGITS = 15;
/** Every scale-4 integer below this has at most 15 digits. */
const FIFTEEN_DIGITS = 1_000_000_000_000_000;

/** "0000".."9999" and the same without trailing zeros ("", "0001", "5", …): money without division. */
const FRACTION = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
const FRACTION_TRIMMED = FRACTION.map((f) => f.replace(/0+$/, ''));

function splitScaled(scaled: number): { sign: string; int: number; frac: number; abs: number } {
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`not a scale-4 amount: ${scaled}`);
  const abs = Math.abs(scaled);
  const frac = abs % 10_000;
  return { sign: scaled < 0 ? '-' : '', int: (abs - frac) / 10_000, frac, abs };
}

/** A money cell as exact decimal text with 4 places ("4.4000", "-0.0001"). */
export function moneyText(value: string | number): string {
  if (typeof value === 'string') return value;
  const { sign, int, frac } = splitScaled(value);
  return `${sign}${int}.${FRACTION[frac]}`;
}

/** A money cell as XML number text ("4.4"), or null when Excel could not hold it exactly. */
export function moneyNumberText(value: string | number): string | null {
  if (typeof value === 'string') return excelNumberText(value);
  const { sign, int, frac, abs } = splitScaled(value);
  if (abs >= FIFTEEN_DIGITS) return excelNumberText(moneyText(value));
  const fraction = FRACTION_TRIMMED[frac]!;
  return `${abs === 0 ? '' : sign}${int}${fraction === '' ? '' : `.${fraction}`}`;
}

/**
 * The exact decimal as XML number text ("1234.5000" → "1234.5", "-0.0100" → "-0.01", "2.0000" → "2"),
 * or null when it has more significant digits than Excel keeps (the writer then stores text instead).
 */
export function excelNumberText(decimal: string): string | null {
  const negative = decimal.startsWith('-');
  const unsigned = negative ? decimal.slice(1) : decimal;
  const point = unsigned.indexOf('.');
  let int = point < 0 ? unsigned : unsigned.slice(0, point);
  let frac = point < 0 ? '' : unsigned.slice(point + 1);
  frac = frac.replace(/0+$/, '');
  int = int.replace(/^0+(?=\d)/, '');
  const digits = (int === '0' ? '' : int) + frac;
  const significant = digits.replace(/^0+/, '').length;
  if (significant > EXCEL_MAX_DIGITS) return null;
  const text = frac === '' ? int : `${int}.${frac}`;
  return negative && text !== '0' ? `-${text}` : text;
}
