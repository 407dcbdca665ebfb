/**
 * Shapes of the itboye "by" gateway's answers (providers.md §1.3–1.4). Objects are loose so fields the
 * seed does not show survive into `raw`; values are validated only as far as mapping relies on them.
 */
import { z } from 'zod';

/** A JSON integer or its decimal text: fen amounts and ids come both ways (`"50000"` vs `1000`). */
export const intLike = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);

/** `{code, msg, data, notify_id?, _cost?, _start?}`; `code` 0 = success. */
export const envelopeSchema = z.looseObject({
  code: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]),
  msg: z.string().nullish(),
  data: z.unknown(),
});
export type ItboyeEnvelope = z.infer<typeof envelopeSchema>;

/** `by_UserLoginSession_loginByUsername` data: the session id plus the user id (`uid`, some builds `id`). */
export const loginDataSchema = z
  .looseObject({
    sid: z.string().min(1),
    uid: intLike.optional(),
    id: intLike.optional(),
  })
  .refine((d) => d.uid !== undefined || d.id !== undefined, { message: 'login data has neither uid nor id' });

const userIdLike = z.union([z.string(), z.number().int()]).nullish();

/** One `by_KjdsOrder_query` record. Money is fen (price a string, commissions ints); time is Unix seconds. */
export const orderSchema = z.looseObject({
  id: intLike,
  order_no: z.union([z.string().min(1), z.number().int()]),
  username: z.string(),
  user_level: intLike.nullish(),
  price: intLike,
  commission_amount: intLike.nullish(),
  parent_user: userIdLike,
  pp_user: userIdLike,
  ppp_user: userIdLike,
  p_user_commission: intLike.nullish(),
  pp_user_commission: intLike.nullish(),
  ppp_user_commission: intLike.nullish(),
  item_id: intLike.nullish(),
  item_title: z.string().nullish(),
  create_time: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
});
export type ItboyeOrder = z.infer<typeof orderSchema>;

/** The whole list for one username (no paging). PHP answers an empty result with `null` at times. */
export const ordersDataSchema = z.union([z.array(orderSchema), z.null()]);

export const QUERY_STATUSES = ['all', 'success', 'fail', 'wait'] as const;
export type ItboyeQueryStatus = (typeof QUERY_STATUSES)[number];
