import { describe, expect, it } from 'vitest';
import { duomaiSignBase, signDuomai } from '../../../../src-main/providers/duomai/sign.js';

// providers.md §5.1 vectors.
const params = { app_key: '2312521', service: 'cps-mesh.open.orders.settlement.get', timestamp: '1596592757' };
const secret = 'test_hash_secret';

describe('duomai signature', () => {
  it('builds the ASCII-sorted base string (sign excluded)', () => {
    expect(duomaiSignBase(params)).toBe('app_key2312521servicecps-mesh.open.orders.settlement.gettimestamp1596592757');
  });

  it('sorts by key regardless of the order the params are given in', () => {
    const reordered = { timestamp: '1596592757', service: params.service, app_key: '2312521' };
    expect(duomaiSignBase(reordered)).toBe(duomaiSignBase(params));
  });

  it('matches vector 0E86E138… for the numeric body', () => {
    const body = '{"stime":1700000000,"etime":1700086399,"page":1,"page_size":200}';
    expect(signDuomai(secret, params, body)).toBe('0E86E138D4A97F3A947441915D6B52BA');
  });

  it('matches vector E1736542… for the JSON.stringify body with a slash', () => {
    const body = JSON.stringify({ order_sn: 'a/b', stime: '1700000000', etime: '1700086399' });
    expect(body).toBe('{"order_sn":"a/b","stime":"1700000000","etime":"1700086399"}');
    expect(signDuomai(secret, params, body)).toBe('E173654267B41B852987F6337FF90D5C');
  });

  it('matches vector 573DCAFB… for the PHP-escaped body (the exact bytes are signed)', () => {
    const body = '{"order_sn":"a\\/b","stime":"1700000000","etime":"1700086399"}';
    expect(signDuomai(secret, params, body)).toBe('573DCAFB9ED9F7B8B4C4C0B38763176F');
  });

  it('is 32 upper-case hex digits and depends on the secret', () => {
    const body = '{"page":1}';
    const a = signDuomai(secret, params, body);
    expect(a).toMatch(/^[0-9A-F]{32}$/);
    expect(signDuomai('other', params, body)).not.toBe(a);
  });

  it('refuses an empty body', () => {
    expect(() => signDuomai(secret, params, '')).toThrow(/non-empty/);
  });
});
