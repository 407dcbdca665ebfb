import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toShanghaiWallTime } from '../../../src-main/domain/time.js';
import { excelNumberText, moneyNumberText, moneyText, shanghaiExcelSerial, shanghaiWallMs, shanghaiWallText } from '../../../src-main/services/export-cells.js';
import { scaledToDecimal } from '../../../src-main/services/money-view.js';
import { csvField, csvText } from '../../../src-main/services/export-csv-writer.js';
import { xmlText } from '../../../src-main/services/export-xlsx-writer.js';
import { parseCsv } from '../../support/export-support.js';

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['中文标题', '中文标题'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(csvField(input)).toBe(output));

  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=A1,B1', `"'=A1,B1"`],
    ['a=b', 'a=b'],
  ])('formula guard: %j → %j', (input, output) => expect(csvText(input)).toBe(output));

  it('any text survives a round trip through our field encoding and an independent parser', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
        // A row of one empty field is an empty line, which any CSV reader sees as [""].
        expect(parseCsv(text)).toEqual(rows.map((r) => (r.length === 1 && r[0] === '' ? [''] : r)));
      }),
    );
  });
});

describe('money as Excel number text', () => {
  it.each([
    ['1234.5000', '1234.5'],
    ['-0.0100', '-0.01'],
    ['2.0000', '2'],
    ['0.0000', '0'],
    ['-0.0000', '0'],
    ['0.0001', '0.0001'],
    ['-1.0001', '-1.0001'],
    ['99999999999.9999', '99999999999.9999'],
    ['100000000000.0000', '100000000000'],
    ['123456789012.3456', null],
    ['-123456789012.3456', null],
  ])('%s → %s', (input, output) => expect(excelNumberText(input)).toBe(output));

  it('is the exact decimal whenever it fits 15 significant digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (scaled) => {
        const negative = scaled < 0n;
        const digits = (negative ? -scaled : scaled).toString().padStart(5, '0');
        const decimal = `${negative ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
        const text = excelNumberText(decimal);
        expect(text).not.toBeNull();
        // Same value, no rounding: scale back to an integer by string arithmetic.
        const [int, frac = ''] = text!.replace('-', '').split('.');
        expect(BigInt(`${int}${frac.padEnd(4, '0')}`) * (text!.startsWith('-') ? -1n : 1n)).toBe(scaled);
      }),
    );
  });
});

describe('money cells from stored scale-4 integers', () => {
  it.each([
    [44_000, '4.4000', '4.4'],
    [-1, '-0.0001', '-0.0001'],
    [0, '0.0000', '0'],
    [-100, '-0.0100', '-0.01'],
    [20_000, '2.0000', '2'],
    [999_999_999_999_999, '99999999999.9999', '99999999999.9999'],
    [1_000_000_000_000_000, '100000000000.0000', '100000000000'],
    [1_234_567_890_123_456, '123456789012.3456', null],
    [Number.MAX_SAFE_INTEGER, '900719925474.0991', null],
  ])('%d → %s / %s', (scaled, text, number) => {
    expect(moneyText(scaled)).toBe(text);
    expect(moneyNumberText(scaled)).toBe(number);
  });

  it('agree with the BigInt formatting and with the text path for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (scaled) => {
        const text = moneyText(scaled);
        expect(text).toBe(scaledToDecimal(scaled));
        expect(moneyNumberText(scaled)).toBe(excelNumberText(text));
        expect(moneyText(text)).toBe(text);
      }),
    );
  });

  it('refuses what is not a scale-4 integer', () => {
    expect(() => moneyText(1.5)).toThrow(RangeError);
    expect(() => moneyNumberText(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('Asia/Shanghai wall time', () => {
  it('equals the time-zone database at every instant from 1970 to 2100 (incl. the DST years)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiWallText(ms)).toBe(toShanghaiWallTime(ms));
      }),
      { numRuns: 2000 },
    );
    for (const ms of [Date.UTC(1991, 8, 14, 16, 59, 59), Date.UTC(1991, 8, 14, 17, 0, 0), Date.UTC(1991, 11, 31, 16, 0, 0), Date.UTC(1992, 0, 1)]) {
      expect(shanghaiWallText(ms)).toBe(toShanghaiWallTime(ms));
    }
  });

  it('as an Excel serial: the wall time, milliseconds kept', () => {
    const ms = Date.UTC(2024, 1, 29, 16, 30, 15, 250);
    expect(new Date(shanghaiWallMs(ms)).toISOString()).toBe('2024-03-01T00:30:15.250Z');
    expect(shanghaiExcelSerial(ms)).toBeCloseTo(45352 + (30 * 60 + 15.25) / 86_400, 9);
    expect(new Date(shanghaiWallMs(Date.UTC(1988, 6, 1, 4, 30, 0, 5))).toISOString()).toBe('1988-07-01T13:30:00.005Z');
  });
});

describe('XML text', () => {
  it('escapes markup and CR, replaces characters XML cannot carry', () => {
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlText('x\r\ny')).toBe('x&#13;\ny');
    expect(xmlText('\u0001\u0008\u000B\uFFFE')).toBe('\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(xmlText('中文 "quotes" \'ok\'\t')).toBe('中文 "quotes" \'ok\'\t');
  });
});
