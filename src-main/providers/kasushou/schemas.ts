/**
 * Shapes of Kasushou responses. Typing is loose on purpose: the docs show `"total_price":1` and
 * `"3.05"`, `"status":5` and `"3"` for the same fields, and big order numbers may arrive as digit strings
 * from the lossless parser. Unknown fields are kept (looseObject) so `raw` stays complete.
 */
import { z } from 'zod';

const numberish = z.union([z.number(), z.string()]);
/** Money or status text/number; absent and null both mean "not reported". */
const optionalNumberish = numberish.nullish();

export const envelopeSchema = z.looseObject({
  code: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]),
  msg: z.string().nullish(),
  data: z.unknown(),
});
export type KasushouEnvelope = z.infer<typeof envelopeSchema>;

export const cardSchema = z.looseObject({
  card_no: numberish.nullish(),
  card_password: numberish.nullish(),
  /** 1 text, 2 QR image, 3 barcode; only the older doc has it, so absent means 1. */
  card_show_type: optionalNumberish,
  /** Expiry; seen in callbacks, "" when none. */
  end_time: optionalNumberish,
});
export type KasushouCard = z.infer<typeof cardSchema>;

export const rechargeInfoSchema = z.looseObject({
  n: numberish.nullish(),
  v: numberish.nullish(),
  k: numberish.nullish(),
});

/** One item of `order/info` data (VERIFIED v2api/49 + seed). */
export const orderInfoItemSchema = z.looseObject({
  ordersn: numberish,
  external_orderno: numberish.nullish(),
  recharge_info: z.array(rechargeInfoSchema).nullish(),
  recharge_hints: z.string().nullish(),
  status: numberish,
  total_price: optionalNumberish,
  has_back_money: optionalNumberish,
  card_list: z.array(cardSchema).nullish(),
});
export type KasushouOrderInfoItem = z.infer<typeof orderInfoItemSchema>;

/**
 * One row of the admin `order/list` (v2api/60). The doc names the filters, not every column; the
 * columns below are the ones the buyer APIs share plus goods and create time (INFERRED), all optional
 * except the order number and status.
 */
export const adminOrderRowSchema = z.looseObject({
  ordersn: numberish,
  external_orderno: numberish.nullish(),
  goods_id: numberish.nullish(),
  goods_name: z.string().nullish(),
  quantity: numberish.nullish(),
  goods_price: optionalNumberish,
  total_price: optionalNumberish,
  has_back_money: optionalNumberish,
  status: numberish,
  recharge_info: z.array(rechargeInfoSchema).nullish(),
  create_time: z.string().nullish(),
  update_time: z.string().nullish(),
});
export type KasushouAdminOrderRow = z.infer<typeof adminOrderRowSchema>;

export const userInfoSchema = z.looseObject({
  balance: numberish,
});
export type KasushouUserInfo = z.infer<typeof userInfoSchema>;

export const orderInfoDataSchema = z.array(orderInfoItemSchema);
export const adminOrderListDataSchema = z.array(adminOrderRowSchema);
