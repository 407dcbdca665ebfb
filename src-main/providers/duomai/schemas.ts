/**
 * Shapes of Duomai responses as they arrive (after lossless JSON parsing). Validation only — no
 * transforms — so the original row can be kept verbatim as `raw`; mapping.ts does the conversions.
 * Rows are loose objects: unknown fields are kept, not stripped.
 */
import { z } from 'zod';

/** A scalar as gateways send it: decimal/ids as strings or numbers (big ones arrive as strings). */
const scalar = z.union([z.string(), z.number(), z.null()]).optional();
const id = z.union([z.string().min(1), z.number()]);

export const duomaiEnvelopeSchema = z.looseObject({
  status: z.union([z.number(), z.string(), z.null()]).optional(),
  message: scalar,
  data: z.unknown().optional(),
});
export type DuomaiEnvelope = z.infer<typeof duomaiEnvelopeSchema>;

export const duomaiOrderDetailSchema = z.looseObject({
  goods_id: scalar,
  goods_name: scalar,
  goods_price: scalar,
  /** Quantity (件数); the C# SDK calls it goods_ta. */
  goods_ta: scalar,
  goods_num: scalar,
  goods_cate: scalar,
  goods_cate_name: scalar,
  orders_price: scalar,
  order_commission: scalar,
  order_status: scalar,
  order_sn: scalar,
  parent_order_sn: scalar,
  goods_img: scalar,
});
export type DuomaiOrderDetail = z.infer<typeof duomaiOrderDetailSchema>;

export const duomaiOrderRowSchema = z.looseObject({
  id: scalar,
  ads_id: scalar,
  ads_name: scalar,
  site_id: scalar,
  link_id: scalar,
  euid: scalar,
  order_sn: id,
  /** Spelled `parentordersn` on the rendered doc page; both spellings are accepted. */
  parent_order_sn: scalar,
  parentordersn: scalar,
  order_time: scalar,
  update_time: scalar,
  orders_price: scalar,
  siter_commission: scalar,
  currency: scalar,
  /** -1 invalid, 0 unconfirmed, 1 confirmed, 2 settled (string enum, numbers tolerated). */
  status: z.union([z.string(), z.number()]),
  confirm_price: scalar,
  confirm_siter_commission: scalar,
  charge_currency: scalar,
  charge_time: scalar,
  details: z.array(duomaiOrderDetailSchema).nullish(),
});
export type DuomaiOrderRow = z.infer<typeof duomaiOrderRowSchema>;

export const duomaiSettlementRowSchema = z.looseObject({
  order_sn: id,
  order_time: scalar,
  euid: scalar,
  confirm_price_old: scalar,
  modify_price: scalar,
  confirm_price: scalar,
  confirm_siter_commission_old: scalar,
  modify_siter_commission: scalar,
  confirm_siter_commission: scalar,
  modify_at: scalar,
  ads_id: scalar,
  ads_name: scalar,
  charge_currency: scalar,
});
export type DuomaiSettlementRow = z.infer<typeof duomaiSettlementRowSchema>;
