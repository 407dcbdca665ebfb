/** Names for the domain enums as the contract carries them (the renderer imports types from the contract only). */
import type { CardView, CommissionView, MoneyView, OrderListItemView } from '../../../src-main/api/contract.js';

export type OrderStatus = OrderListItemView['status'];
export type ProviderSlug = OrderListItemView['provider'];
export type Currency = MoneyView['currency'];
export type CardShowType = CardView['showType'];
export type CommissionStatus = CommissionView['status'];
