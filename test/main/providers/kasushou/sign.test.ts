import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PhpJsonError,
  callbackSign,
  callbackSignedString,
  encodeRequestBody,
  encodeValue,
  sha1Hex,
  signRequest,
  verifyCallback,
} from '../../../../src-main/providers/kasushou/sign.js';

describe('kasushou request signing (providers.md §2.2 vectors)', () => {
  it('reproduces the official doc vector (v2api/39)', () => {
    const body = encodeRequestBody({ ordersn: 'D100759082558859640832', day: 10, external_orderno: '' });
    expect(body).toBe('{"day":10,"external_orderno":"","ordersn":"D100759082558859640832"}');
    expect(signRequest('1696645385740', body, 'H0YnuPpcVtx7rQdMTbjN6932s5oDOqFa')).toBe('15b8f541eb10e3fbb33efd92c8d52d50ddca0784');
  });

  it('own vector: order/info with day 0', () => {
    const body = encodeRequestBody({ ordersn: 'D100759274105949519872', external_orderno: '', day: 0 });
    expect(body).toBe('{"day":0,"external_orderno":"","ordersn":"D100759274105949519872"}');
    expect(signRequest('1700000000123', body, 'test_apikey_123')).toBe('caff88673e9d72707291b922d669e30b6b921c72');
  });

  it('own vector: order/buy with a nested attach kept in insertion order and an unescaped URL', () => {
    const body = encodeRequestBody({
      url: 'https://example.test/notify',
      safe_price: '2.20',
      quantity: 1,
      mark: '',
      id: 1,
      external_orderno: 'EXT-0001',
      attach: { recharge_account: '13800000000', lblName1: '备注' },
    });
    expect(body).toBe(
      '{"attach":{"recharge_account":"13800000000","lblName1":"备注"},"external_orderno":"EXT-0001","id":1,"mark":"","quantity":1,"safe_price":"2.20","url":"https://example.test/notify"}',
    );
    expect(signRequest('1700000000123', body, 'test_apikey_123')).toBe('7179ebf38d24656e91871f1aea6ec955696464f9');
  });

  it('own vector: an empty body is sent and signed as {}', () => {
    expect(encodeRequestBody({})).toBe('{}');
    expect(encodeRequestBody({ skipped: undefined })).toBe('{}');
    expect(signRequest('1700000000123', '{}', 'test_apikey_123')).toBe('901715fbaeb04feb7e393125d364475bd3824b3b');
  });

  it('is type-sensitive: "day":10 and "day":"10" sign differently', () => {
    const asNumber = encodeRequestBody({ day: 10 });
    const asString = encodeRequestBody({ day: '10' });
    expect(asNumber).toBe('{"day":10}');
    expect(asString).toBe('{"day":"10"}');
    expect(signRequest('1', asNumber, 'k')).not.toBe(signRequest('1', asString, 'k'));
  });

  it('sorts top-level keys in ASCII order (uppercase and _ before lowercase), not locale order', () => {
    expect(encodeRequestBody({ b: 1, a_b: 2, A: 3, ab: 4, _x: 5 })).toBe('{"A":3,"_x":5,"a_b":2,"ab":4,"b":1}');
  });

  it('escapes like PHP: U+2028/2029 and control characters, raw unicode, optional \\/', () => {
    expect(encodeValue('a/b\u2028c\u2029d\u0001\n"\\中', { escapeSlashes: false })).toBe('"a/b\\u2028c\\u2029d\\u0001\\n\\"\\\\中"');
    expect(encodeValue('a/b', { escapeSlashes: true })).toBe('"a\\/b"');
    expect(encodeValue('😀', { escapeSlashes: false })).toBe('"😀"');
  });

  it('encodes nested empty objects as [] (PHP empty array), big integers exactly, and refuses what PHP would not', () => {
    expect(encodeValue({ a: {}, b: [], c: null, d: true }, { escapeSlashes: false })).toBe('{"a":[],"b":[],"c":null,"d":true}');
    expect(encodeValue(123456789012345678901234n, { escapeSlashes: false })).toBe('123456789012345678901234');
    expect(() => encodeValue('\ud800', { escapeSlashes: false })).toThrow(PhpJsonError);
    expect(() => encodeValue('a\udc00b', { escapeSlashes: false })).toThrow(PhpJsonError);
    expect(() => encodeValue(1e21, { escapeSlashes: false })).toThrow(PhpJsonError);
    expect(() => encodeValue(Number.NaN, { escapeSlashes: false })).toThrow(PhpJsonError);
    expect(() => encodeValue(new Date(0), { escapeSlashes: false })).toThrow(PhpJsonError);
  });

  it('matches JSON.stringify (plus the U+2028/2029 rule) for any sorted flat object of strings and ints', () => {
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !/^\d+$/.test(k) && k !== '__proto__');
    const value = fc.oneof(fc.string(), fc.integer());
    fc.assert(
      fc.property(fc.dictionary(key, value), (params) => {
        const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
        const expected = Object.keys(sorted).length === 0 ? '{}' : JSON.stringify(sorted).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
        // fc.string() yields well-formed strings only, so no lone surrogates here.
        expect(encodeRequestBody(params)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('sha1Hex hashes UTF-8 bytes', () => {
    expect(sha1Hex('中')).toBe('0869071c92c0c11170ac87036bebedb52ea0c993'); // python3 hashlib.sha1('中'.encode())
  });
});

describe('kasushou callback verification (providers.md §2.6 vector)', () => {
  const apikey = 'test_apikey_123';
  const params = {
    external_orderno: 'EXT-0001',
    ordersn: 'API091952628603547942912',
    status: '3',
    has_back_money: '0.00',
    total_price: '3.05',
    recharge_hints: '订单处理完成/ok',
    time: '1695072521534',
  };

  it('builds the signed string with escaped slashes and reproduces the vector', () => {
    expect(callbackSignedString(params)).toBe(
      '{"external_orderno":"EXT-0001","has_back_money":"0.00","ordersn":"API091952628603547942912","recharge_hints":"订单处理完成\\/ok","status":"3","time":"1695072521534","total_price":"3.05"}',
    );
    expect(callbackSign(params, apikey)).toBe('759e19564fd21bfbdd40e497dd4d62c07d1a8714');
  });

  it('accepts a genuine callback whatever card_list / express_list carry (they are unsigned)', () => {
    const sign = '759e19564fd21bfbdd40e497dd4d62c07d1a8714';
    expect(verifyCallback({ ...params, sign }, apikey)).toBe(true);
    expect(verifyCallback({ ...params, sign: sign.toUpperCase() }, apikey)).toBe(true);
    expect(verifyCallback({ ...params, sign, card_list: '[{"card_no":"x"}]', express_list: '[]' }, apikey)).toBe(true);
  });

  it('rejects a tampered field, a wrong key, a missing or malformed sign', () => {
    const sign = '759e19564fd21bfbdd40e497dd4d62c07d1a8714';
    expect(verifyCallback({ ...params, status: '5', sign }, apikey)).toBe(false);
    expect(verifyCallback({ ...params, sign }, 'other_key')).toBe(false);
    expect(verifyCallback(params, apikey)).toBe(false);
    expect(verifyCallback({ ...params, sign: 'not-hex' }, apikey)).toBe(false);
    expect(verifyCallback({ ...params, status: 3, sign }, apikey)).toBe(false);
  });
});
