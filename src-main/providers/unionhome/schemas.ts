/**
 * Shapes of the union-home order-detail API (providers.md §4, seed 003). The published doc's types are
 * wrong in several places, so these schemas accept what the example actually shows plus the variants
 * the doc describes: goods_json/goods_form/goods_address are objects (doc: string — a JSON string is
 * accepted too, and PHP's empty `[]` means "empty"), exp_time is an int (doc: string), show_save_img_btn
 * is a boolean (doc: "true"/"false"), pay_at is Unix seconds as a string while create_at is Asia/Shanghai
 * wall time (each time field accepts either format), goods_order_num is a 24-digit string (doc: int —
 * a bare number is kept exact by the lossless parser and normalized to its digits).
 * Money and time values are checked here so mapping can convert them without failing.
 */
import { z } from 'zod';
import { parseScaled } from '../../domain/money.js';
import { parseEpochMillis, parseShanghaiWallTime, parseUnixSeconds } from '../../domain/time.js';
import { parseJsonLossless } from '../json.js';

/** Values meaning "no time" in PHP back ends: empty, zero, MySQL's zero date. */
const EMPTY_TIMES = new Set(['', '0', '0000-00-00 00:00:00', '0000-00-00']);

/**
 * One of the API's mixed time formats → epoch ms UTC: Unix seconds (number or digit string, e.g.
 * pay_at "1594432311"), 13-digit epoch ms, or Asia/Shanghai wall time ("2020-07-11 09:40:09").
 * Empty values and zero → null. Throws TimeParseError on anything else.
 */
export function parseUnionhomeTime(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string') {
    const trimmed = text.trim();
    if (EMPTY_TIMES.has(trimmed)) return null;
    if (/^\d{13}$/.test(trimmed)) return parseEpochMillis(trimmed);
    if (/^\d{1,11}$/.test(trimmed)) return parseUnixSeconds(trimmed);
  }
  return parseShanghaiWallTime(text);
}

function succeeds(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

/** An integer sent as a number or a digit string (`7` or `"7"`). */
const intLike = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number)
    .pipe(z.number().int().refine(Number.isSafeInteger)),
]);

/** Free text; numbers (a bare transaction id) become their text. */
const looseText = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((v) => v ?? null);

/** A yuan amount as text ("33300.00") or number; validated here, converted in mapping. */
const moneyValue = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => v ?? null)
  .refine((v) => succeeds(() => parseScaled(v)), { message: 'not a decimal amount' });

/** A time in any of the mixed formats; validated here, converted in mapping. */
const timeValue = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => v ?? null)
  .refine((v) => succeeds(() => parseUnionhomeTime(v)), { message: 'not a time (wall time or Unix seconds)' });

/** 24-digit order number: a string of digits, or a bare integer kept exact by the lossless parser. */
const orderNumber = z.union([
  z.string().trim().regex(/^\d{1,40}$/),
  z
    .number()
    .int()
    .nonnegative()
    .refine(Number.isSafeInteger)
    .transform(String),
]);

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, '': false };

const booleanLike = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return v;
    const parsed = BOOLEAN_TEXT[String(v).trim().toLowerCase()];
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a boolean: ${String(v)}` });
      return z.NEVER;
    }
    return parsed;
  });

export type JsonObject = Record<string, unknown>;

/** An object field the doc calls a string: object, JSON text of an object, PHP's empty `[]`, "" or null. */
const objectField = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown()).length(0), z.string(), z.null(), z.undefined()])
  .transform((v, ctx): JsonObject => {
    if (v === null || v === undefined || Array.isArray(v)) return {};
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return {};
    try {
      const parsed = parseJsonLossless(v);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonObject;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'expected an object or the JSON text of one' });
    return z.NEVER;
  });

/** `data` of a successful order-detail answer. Unknown extra fields are kept. */
export const orderDetailSchema = z.looseObject({
  order_id: intLike.refine((n) => n > 0, { message: 'order_id must be positive' }),
  goods_order_num: orderNumber,
  uid: z
    .union([z.number().int(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined || v === '' ? null : String(v))),
  paid_pay: moneyValue,
  deposit_price: moneyValue,
  goods_pay_price: moneyValue,
  goods_img: looseText,
  goods_title: looseText,
  goods_json: objectField,
  goods_form: objectField,
  goods_address: objectField,
  pay_method: looseText,
  order_remark: looseText,
  cancel_remark: looseText,
  create_at: timeValue,
  pay_at: timeValue,
  closing_at: timeValue,
  pay_order_num: looseText,
  exp_time: intLike.nullish().transform((v) => v ?? null),
  order_status: intLike,
  show_save_img_btn: booleanLike,
});

export type UnionhomeOrderDetail = z.output<typeof orderDetailSchema>;

/**
 * The envelope: success `{status:200,msg:"成功",data:{…},other:[]}`, error `{status:0,msg:"token过期",data:[]}`
 * (`data` is an empty array on errors). `status` may come as text.
 */
export const envelopeSchema = z.looseObject({
  status: intLike,
  msg: looseText,
  data: z.unknown(),
  other: z.unknown().optional(),
});

export type UnionhomeEnvelope = z.output<typeof envelopeSchema>;
