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

  it('matches the JavaScript lossless parser on documents whose strings imitate bare numbers', () => {
    // Strings that look like a value position followed by a long number (": 1234…", "[1234…", ",1234…"),
    // escaped quotes and backslashes before them, long numbers as bare values in every position.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const bigInt = () => `${1 + next(9)}${'0123456789'.repeat(3).slice(0, 15 + next(10))}`;
    const number = () => [bigInt(), `-${bigInt()}`, `${next(1000)}.${'9'.repeat(14 + next(6))}`, `${next(10)}e${next(400)}`, String(next(1e6)), '0.5'][next(6)]!;
    const piece = () => [': ', '[', ',', ' , ', '\\', '"', '\\"', 'x'][next(8)]!;
    const stringy = () => JSON.stringify(piece() + piece() + bigInt() + ['', '"', '\\', ' ,'][next(4)]!);
    const space = () => [' ', '', '\n ', '\t'][next(4)]!;
    const value = (depth: number): string => {
      const kind = next(depth > 2 ? 2 : 4);
      if (kind === 0) return number();
      if (kind === 1) return stringy();
      if (kind === 2) return `[${space()}${Array.from({ length: 1 + next(4) }, () => value(depth + 1)).join(`${space()},${space()}`)}${space()}]`;
      return `{${Array.from({ length: 1 + next(4) }, (_, i) => `${stringy().slice(0, -1)}${i}"${space()}:${space()}${value(depth + 1)}`).join(',')}}`;
    };
    for (let i = 0; i < 300; i++) {
      const text = value(0);
      expect(parseJsonLossless(text), text).toEqual(reference(text));
    }
  });

  it('rejects malformed input, including what quoting could have repaired', () => {
    for (const bad of ['{"a":01}', '{12345678901234567890123: 1}', '{"a":1,}', '[1 2]', '{"a":', '<html>502</html>', '{"a":123456789012345678901234 "b":1}', '']) {
      expect(() => parseJsonLossless(bad), bad).toThrow(SyntaxError);
    }
  });
});
