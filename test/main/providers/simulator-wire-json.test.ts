/** The simulators' wire JSON: what the JavaScript lossless stringify wrote, at native speed. */
import { LosslessNumber, stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { baseOrder, orderWireRow, settlementWireRow, type DuomaiDatasetConfig } from '../../../src-main/providers/duomai/simulator-data.js';
import { baseTrade, DEFAULT_DATASET } from '../../../src-main/providers/kuaimai/simulator-data.js';
import { moneyRecordWire, tradeWire } from '../../../src-main/providers/kuaimai/simulator-wire.js';
import { BareNumber, simulatorWireJson } from '../../../src-main/providers/simulator-wire-json.js';

/** The same value with each BareNumber as the lossless-json number the simulators used before. */
function asLossless(value: unknown): unknown {
  if (value instanceof BareNumber) return new LosslessNumber(value.text);
  if (Array.isArray(value)) return value.map(asLossless);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asLossless(v)]));
  return value;
}

const duomai: DuomaiDatasetConfig = { count: 400, seed: 3, startSec: Date.UTC(2024, 0, 1) / 1000, periodSec: 30 * 86_400, maxLagSec: 3600, siteId: '1001' };

describe('simulatorWireJson', () => {
  it('writes BareNumber values as bare numbers and strings that look like them as strings', () => {
    const text = simulatorWireJson({ sid: new BareNumber('1234567890123456789012'), sn: new BareNumber('-98765432109876543210.5'), s: '12345678901234567890', n: 1.5 });
    expect(text).toBe('{"sid":1234567890123456789012,"sn":-98765432109876543210.5,"s":"12345678901234567890","n":1.5}');
  });

  it('writes the same text as the lossless-json stringify for Duomai and Kuaimai pages', () => {
    const cores = Array.from({ length: duomai.count }, (_, i) => baseOrder(duomai, i));
    const duomaiPage = { status: 0, message: 'ok', data: { list: cores.map((c) => orderWireRow(c, '1001')), total: cores.length } };
    const settlements = { status: 0, data: { list: cores.flatMap((c) => c.revisions.map((r) => settlementWireRow(c, r))) } };
    const trades = Array.from({ length: 200 }, (_, i) => baseTrade(DEFAULT_DATASET, i));
    const kuaimaiPage = { success: true, list: trades.map(tradeWire), flows: trades.flatMap((t) => t.flows.map((f) => moneyRecordWire(t, f))) };
    for (const body of [duomaiPage, settlements, kuaimaiPage]) expect(simulatorWireJson(body)).toBe(stringify(asLossless(body)));
    expect(simulatorWireJson(duomaiPage)).toMatch(/"order_sn":\d{19,}/);
    expect(simulatorWireJson(kuaimaiPage)).toMatch(/"sid":\d{19}/);
  });
});
