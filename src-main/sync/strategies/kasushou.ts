/**
 * Kasushou (卡速售) sync strategy. The account's `mode` decides how orders are discovered:
 * - admin (site owner): the admin order list — new orders from the top down to what is stored,
 *   open orders re-polled wherever they are, card codes through `order/info`
 *   (kasushou-admin-list.ts, kasushou-admin-open.ts);
 * - buyer (API user): the order numbers the merchant imported, polled through `order/info` until final
 *   (kasushou-buyer.ts).
 * Card passwords only travel in CardCodeRecords, which the store encrypts.
 */
import type { KasushouClient } from '../../providers/kasushou/client.js';
import type { SyncStrategy } from '../strategy.js';
import { walkAdminList } from './kasushou-admin-list.js';
import { repollOpenOrders, savedUnpaid } from './kasushou-admin-open.js';
import { syncBuyer } from './kasushou-buyer.js';
import { ALL_ROWS, OpenOrders, type KasushouContext } from './kasushou-common.js';

async function syncAdmin(ctx: KasushouContext): Promise<void> {
  const open = new OpenOrders(ctx.store.openOrderNos(ALL_ROWS), savedUnpaid(ctx));
  await walkAdminList(ctx, open);
  await repollOpenOrders(ctx, open);
}

export const kasushouStrategy: SyncStrategy<KasushouClient> = {
  provider: 'kasushou',
  async run(ctx) {
    if (ctx.client.mode === 'admin') await syncAdmin(ctx);
    else await syncBuyer(ctx);
  },
};
