import { describe, expect, it } from 'vitest';
import {
  compactParams,
  compareAscii,
  kuaimaiTimestamp,
  signBase,
  signBaseString,
  signParams,
  type KuaimaiSignMethod,
} from '../../../../src-main/providers/kuaimai/sign.js';

// providers.md §3.2 test vector.
const SECRET = 'test_secret_xyz';
function vectorParams(signMethod: KuaimaiSignMethod): Record<string, string> {
  return {
    method: 'kmt.api.dms.query.distributor.money.record.detail.page',
    appKey: '12345678',
    timestamp: '2024-01-02 03:04:05',
    format: 'json',
    version: '1.0',
    sign_method: signMethod,
    session: 'test_session_abc',
    tid: 'FXG-1461914536',
  };
}

describe('kuaimai TOP signature vectors (providers.md §3.2)', () => {
  it('builds the exact base string', () => {
    expect(signBaseString(vectorParams('hmac'))).toBe(
      'appKey12345678formatjsonmethodkmt.api.dms.query.distributor.money.record.detail.pagesessiontest_session_abcsign_methodhmactidFXG-1461914536timestamp2024-01-02 03:04:05version1.0',
    );
  });

  it('hmac → BC438FA4…', () => {
    expect(signParams(vectorParams('hmac'), SECRET, 'hmac')).toBe('BC438FA47645932898EDC68C146D8F74');
  });

  it('md5 → 49908C1A… (base carries sign_methodmd5)', () => {
    expect(signBaseString(vectorParams('md5'))).toContain('sign_methodmd5tid');
    expect(signParams(vectorParams('md5'), SECRET, 'md5')).toBe('49908C1AC99B04C17179AEA2922766DE');
  });

  it('hmac-sha256 → 73310CB5… (64 hex)', () => {
    expect(signParams(vectorParams('hmac-sha256'), SECRET, 'hmac-sha256')).toBe(
      '73310CB5D5020523F8B339906DF6A8CF4E1B18A224B1AA43A2413707AC5C3B8C',
    );
  });

  it('ignores an existing sign param and empty values', () => {
    const params = { ...vectorParams('hmac'), sign: 'WHATEVER', supplierCompanyId: '' };
    expect(signParams(params, SECRET, 'hmac')).toBe('BC438FA47645932898EDC68C146D8F74');
  });

  it('md5 differs from hmac over the same base (the secret wraps the base)', () => {
    const base = signBaseString(vectorParams('hmac'));
    expect(signBase(base, SECRET, 'md5')).not.toBe(signBase(base, SECRET, 'hmac'));
  });
});

describe('kuaimai parameter handling', () => {
  it('sorts keys in byte order, not locale order', () => {
    const keys = ['b', 'a_b', 'ab', 'B', '_x', 'A1'];
    expect([...keys].sort(compareAscii)).toEqual(['A1', 'B', '_x', 'a_b', 'ab', 'b']);
    // localeCompare would put '_x' first and mix cases: the reason it must not be used.
    expect([...keys].sort((x, y) => x.localeCompare(y))).not.toEqual(['A1', 'B', '_x', 'a_b', 'ab', 'b']);
    expect(signBaseString({ b: '2', B: '1', a_b: '3', ab: '4' })).toBe('B1a_b3ab4b2');
  });

  it('drops null, undefined and empty strings and stringifies the rest', () => {
    expect(compactParams({ a: null, b: undefined, c: '', d: 0, e: 'x', f: 12n, g: false })).toEqual({ d: '0', e: 'x', f: '12', g: 'false' });
  });

  it('formats the timestamp in GMT+8 from the injected clock', () => {
    expect(kuaimaiTimestamp(Date.UTC(2024, 0, 1, 19, 4, 5))).toBe('2024-01-02 03:04:05');
    expect(kuaimaiTimestamp(Date.UTC(2023, 11, 31, 16, 0, 0, 999))).toBe('2024-01-01 00:00:00');
  });
});
