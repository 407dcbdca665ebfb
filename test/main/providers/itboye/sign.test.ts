import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_VERSION, md5FormSigner, signVariantA, type ItboyeSignInput } from '../../../../src-main/providers/itboye/sign.js';

const VECTOR: ItboyeSignInput = {
  appRequestTime: '1607049182123',
  clientSecret: 'test_client_secret',
  serviceType: 'by_KjdsOrder_query',
  serviceVersion: '100',
  bussData: '{"status":"all","username":"dachui3"}',
};

describe('itboye sign (Variant A)', () => {
  it('matches the providers.md §1.2 test vector', () => {
    expect(signVariantA(VECTOR)).toBe('30e42b02d169fa80c548b0251f55a1d0');
  });

  it('is the pluggable default signer and defaults service_version to 100', () => {
    expect(md5FormSigner.sign(VECTOR)).toBe('30e42b02d169fa80c548b0251f55a1d0');
    expect(DEFAULT_SERVICE_VERSION).toBe('100');
  });

  it('emits lowercase 32-digit hex', () => {
    expect(signVariantA({ ...VECTOR, bussData: '{"username":"测试"}' })).toMatch(/^[0-9a-f]{32}$/);
  });

  it('hashes the fields in order time + secret + type + version + buss_data, UTF-8', () => {
    const input = { ...VECTOR, bussData: '{"status":"wait","username":"王芳"}' };
    const expected = createHash('md5')
      .update(Buffer.from(`${input.appRequestTime}${input.clientSecret}${input.serviceType}${input.serviceVersion}${input.bussData}`, 'utf8'))
      .digest('hex');
    expect(signVariantA(input)).toBe(expected);
  });

  it('changes when any signed byte changes (buss_data is signed as sent, not re-serialized)', () => {
    const spaced = { ...VECTOR, bussData: '{"status": "all","username":"dachui3"}' };
    const reordered = { ...VECTOR, bussData: '{"username":"dachui3","status":"all"}' };
    expect(signVariantA(spaced)).not.toBe(signVariantA(VECTOR));
    expect(signVariantA(reordered)).not.toBe(signVariantA(VECTOR));
    expect(signVariantA({ ...VECTOR, appRequestTime: '1607049182124' })).not.toBe(signVariantA(VECTOR));
  });
});
