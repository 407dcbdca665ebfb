/**
 * Shapes of Kuaimai gateway responses (providers.md §3.4–3.6). Objects are loose: unknown extra fields
 * are accepted and kept in `raw`. Nothing is transformed here, so a validated record is still the
 * provider's own object; mapping.ts does the conversions.
 */
import { z } from 'zod';

/** Ids arrive as strings, as safe JSON numbers, or (beyond 2^53) as strings from the lossless parser. */
const idLike = z.union([z.string(), z.number()]);
/** Money in yuan: decimal strings in most places, a JSON number for `amount`. */
const moneyLike = z.union([z.string(), z.number()]).nullable().optional();
/** Times: epoch milliseconds (Java Date) or `yyyy-MM-dd HH:mm:ss` wall time in GMT+8. */
const timeLike = z.union([z.string(), z.number()]).nullable().optional();
const optText = z.string().nullable().optional();
const countLike = z.union([z.number(), z.string().regex(/^\d+$/)]);

export const envelopeSchema = z.looseObject({
  success: z.boolean().optional(),
  code: z.union([z.string(), z.number()]).nullable().optional(),
  msg: z.string().nullable().optional(),
  traceId: z.union([z.string(), z.number()]).nullable().optional(),
  trace_id: z.union([z.string(), z.number()]).nullable().optional(),
});
export type KuaimaiEnvelope = z.infer<typeof envelopeSchema>;

export const tradeSubOrderSchema = z.looseObject({
  oid: idLike.nullable().optional(),
  id: idLike.nullable().optional(),
  title: optText,
  sysTitle: optText,
  outerSkuId: optText,
  sysOuterId: optText,
  num: countLike.nullable().optional(),
  price: moneyLike,
  payment: moneyLike,
});
export type KuaimaiTradeSubOrder = z.infer<typeof tradeSubOrderSchema>;

export const tradeSchema = z.looseObject({
  sid: idLike,
  tid: idLike.nullable().optional(),
  source: optText,
  sysStatus: optText,
  buyerNick: optText,
  created: timeLike,
  modified: timeLike,
  updTime: timeLike,
  payTime: timeLike,
  consignTime: timeLike,
  payment: moneyLike,
  acPayment: moneyLike,
  postFee: moneyLike,
  orders: z.array(tradeSubOrderSchema).nullable().optional(),
});
export type KuaimaiTrade = z.infer<typeof tradeSchema>;

export const listPageSchema = z.looseObject({
  total: countLike.nullable().optional(),
  list: z.array(z.unknown()).nullable().optional(),
});

export const flowSubOrderSchema = z.looseObject({
  acPayment: moneyLike,
  price: moneyLike,
  num: countLike.nullable().optional(),
  sysOuterId: optText,
  sourceOrderCode: idLike.nullable().optional(),
  subSourceOrderCode: idLike.nullable().optional(),
  platformItemId: idLike.nullable().optional(),
  title: optText,
});
export type KuaimaiFlowSubOrder = z.infer<typeof flowSubOrderSchema>;

export const moneyRecordSchema = z.looseObject({
  amount: z.union([z.number(), z.string()]),
  created: timeLike,
  flowType: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]),
  detail: z
    .looseObject({
      tid: idLike.nullable().optional(),
      acPayment: moneyLike,
      payment: moneyLike,
      postFee: moneyLike,
      orders: z.array(flowSubOrderSchema).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type KuaimaiMoneyRecord = z.infer<typeof moneyRecordSchema>;

export const tokenRefreshSchema = z.looseObject({
  session: z
    .looseObject({
      accessToken: optText,
      refreshToken: optText,
      expiresIn: z.union([z.number(), z.string().regex(/^\d+$/)]).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type KuaimaiTokenRefresh = z.infer<typeof tokenRefreshSchema>;
