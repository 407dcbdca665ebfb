/** Normalized order statuses as the UI lists and colours them (the core's ORDER_STATUSES, in order). */
import type { OrderStatus } from '../api/record-types.js';

export const ORDER_STATUS_LIST = ['pending', 'processing', 'completed', 'cancelled', 'refunded', 'failed', 'unknown'] as const satisfies readonly OrderStatus[];

// Fails to compile when the core adds a status this list lacks.
type MissingStatus = Exclude<OrderStatus, (typeof ORDER_STATUS_LIST)[number]>;
const exhaustive: MissingStatus extends never ? true : false = true;
void exhaustive;

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

const TAG_TYPES: Readonly<Record<OrderStatus, TagType>> = {
  pending: 'warning',
  processing: 'primary',
  completed: 'success',
  cancelled: 'info',
  refunded: 'danger',
  failed: 'danger',
  unknown: 'info',
};

export function orderStatusTag(status: OrderStatus): TagType {
  return TAG_TYPES[status];
}
