/** A normalized order with every optional field empty, for tests that need only a few fields set. */
import type { OrderRecord } from '../../src-main/domain/models.js';

export function orderRecord(fields: Pick<OrderRecord, 'orderNo'> & Partial<OrderRecord>): OrderRecord {
  return {
    externalOrderNo: null,
    status: 'pending',
    statusRaw: 'pending',
    title: null,
    buyer: null,
    total: null,
    paid: null,
    refunded: null,
    commission: null,
    createdAt: null,
    updatedAt: null,
    paidAt: null,
    items: [],
    raw: '{}',
    ...fields,
  };
}
