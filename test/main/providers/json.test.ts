/** Lossless provider JSON: big numbers as exact strings, everything else as JSON.parse gives it. */
import { parse as losslessParse, isSafeNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../src-main/providers/json.js';

const reference = (text: string) => losslessParse(text, null, (n: string) => (isSafeNumber(n) ? Number(n) : n));

describe('parseJsonLossless', () => {
  it('keeps integers beyond 2^53 and over-long decimals as their exact text', () => {
    expect(parseJsonLossless('{"sid":123456789012345678901234,"small":42,"amt":12.345678901234567891,"p":"0.10","n":-9007199254740993}')).toEqual({
      sid: '123456789012345678901234',
      small: 42,
      amt: '12.345678901234567891',
      p: '0.10',
      n: '-9007199254740993',
    });
  });

  it('never touches digits inside strings, escaped quotes included', () => {
    const text = '{"a":"x\\"123456789012345678901\\"","b":["\\\\",12345678901234567890123],"c":"\\u0031"}';
    expect(parseJsonLossless(text)).toEqual({ a: 'x"123456789012345678901"', b: ['\\', '12345678901234567890123'], c: '1' });
  });

  it('gives what the JavaScript lossless parser gives on a provider-shaped page', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: i, order_sn: `${'9'.repeat(20)}${i}`, price: `${i}.${String(i % 100).padStart(2, '0')}`, title: `商品 "${i}" \\ ${i * 3}` }));
    const text = JSON.stringify({ status: 0, data: { list: rows, total: 50 } }).replace(/"order_sn":"(\d+)"/g, '"order_sn":$1').replace(/"price":"([\d.]+)"/g, '"price":$1');
    expect(parseJsonLossless(text)).toEqual(reference(text));
  });

  it('rejects malformed input, including what quoting could have repaired', () => {
    for (const bad of ['{"a":01}', '{12345678901234567890123: 1}', '{"a":1,}', '[1 2]', '{"a":', '<html>502</html>', '{"a":123456789012345678901234 "b":1}', '']) {
      expect(() => parseJsonLossless(bad), bad).toThrow(SyntaxError);
    }
  });
});
