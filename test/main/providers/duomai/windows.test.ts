import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duomaiWindows } from '../../../../src-main/providers/duomai/windows.js';
import { startDuomaiSimulator, type DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import { clientFor, fetchAllDuomai } from './helpers.js';

describe('duomai one-day windows', () => {
  it('covers a range with inclusive windows of at most one day that share their boundaries', () => {
    expect([...duomaiWindows(0, 200_000)]).toEqual([
      { stime: 0, etime: 86_400 },
      { stime: 86_400, etime: 172_800 },
      { stime: 172_800, etime: 200_000 },
    ]);
    expect([...duomaiWindows(5, 5)]).toEqual([{ stime: 5, etime: 5 }]);
    expect([...duomaiWindows(0, 86_400)]).toEqual([{ stime: 0, etime: 86_400 }]);
    expect([...duomaiWindows(10, 9)]).toEqual([]);
    expect(() => [...duomaiWindows(0, 10, 86_401)]).toThrow(RangeError);
  });

  describe('against the simulator', () => {
    let sim: DuomaiSimulator;
    beforeAll(async () => {
      sim = await startDuomaiSimulator({ count: 100, periodDays: 1 });
    });
    afterAll(async () => {
      await sim.close();
    });

    it('reads an order stamped on a shared boundary twice and keeps it once', async () => {
      const o = sim.dataset.order(40);
      const u = o.updateTimeSec;
      const first = sim.expectedOrders(u - 86_400, u).map((r) => String(r.order_sn));
      const second = sim.expectedOrders(u, u + 86_400).map((r) => String(r.order_sn));
      expect(first).toContain(o.orderSn);
      expect(second).toContain(o.orderSn);
      const batch = await fetchAllDuomai(clientFor(sim), u - 86_400, u + 86_400, 20);
      expect(batch.orders.filter((x) => x.orderNo === o.orderSn)).toHaveLength(1);
      expect(batch.orders).toHaveLength(100);
    });
  });
});
