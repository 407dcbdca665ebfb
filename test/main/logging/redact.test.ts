import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  isSecretKey,
  REDACTED,
  scrubString,
  scrubValue,
  SECRET_MASK,
  secretRedactPaths,
  SecretRegistry,
  serializeError,
} from '../../../src-main/logging/redact.js';

const empty = new SecretRegistry();

describe('isSecretKey', () => {
  it.each(['apikey', 'apiKey', 'API_KEY', 'x-api-key', 'appSecret', 'app_secret', 'client_secret', 'token', 'Token', 'session', 'sid',
    'accessToken', 'refresh_token', 'password', 'card_password', 'cardPassword', 'sign', 'Sign', 'signature', 'Authorization', 'Cookie',
    'headers.token', 'device_token', 'kuaimaiSession', 'hash'])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });
  it.each(['appKey', 'app_key', 'UserId', 'sign_method', 'order_id', 'tokenExpiresAt', 'sessionCount', 'raw', 'message', 'timestamp'])(
    '%s is not secret',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );
});

describe('scrubString', () => {
  const cases: [string, string][] = [
    ['token=abc123&page=2', `token=${SECRET_MASK}&page=2`],
    ['https://gw.superboss.cc/router?method=a&session=S3SS&sign=ABCDEF&page=1', `https://gw.superboss.cc/router?method=a&session=${SECRET_MASK}&sign=${SECRET_MASK}&page=1`],
    ['{"apikey":"k-1","ordersn":"API0919"}', `{"apikey":"${SECRET_MASK}","ordersn":"API0919"}`],
    ['{"apikey": 12345, "n": 1}', `{"apikey": ${SECRET_MASK}, "n": 1}`],
    ['{\\"refreshToken\\":\\"rt-9\\",\\"x\\":1}', `{\\"refreshToken\\":\\"${SECRET_MASK}\\",\\"x\\":1}`],
    ["{ password: 'p@ss', user: 'bob' }", `{ password: '${SECRET_MASK}', user: 'bob' }`],
    ['Authorization: Bearer eyJhbGc.x.y', `Authorization: Bearer ${SECRET_MASK}`],
    ['Sign: 0f1e2d3c order=7', `Sign: ${SECRET_MASK} order=7`],
    ['Cookie: a=1; sid=2\nHost: x', `Cookie: ${SECRET_MASK}\nHost: x`],
    ['url=https://x.test/a?token=tt1&b=2', `url=https://x.test/a?token=${SECRET_MASK}&b=2`],
    ['secrets={"kuaimai":"zz"} tail', `secrets={${SECRET_MASK}} tail`],
    ['sid=0S#720e99', `sid=${SECRET_MASK}`],
    ['sign_method=hmac&appKey=12345678', 'sign_method=hmac&appKey=12345678'],
    ['token expired at 12:30, order 240102', 'token expired at 12:30, order 240102'],
    ['{"token":null,"password":""}', `{"token":null,"password":"${SECRET_MASK}"}`],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(scrubString(input, empty)).toBe(expected);
  });

  it('decodes URL-encoded text when it hides a secret', () => {
    const out = scrubString('buss_data=%7B%22password%22%3A%22pw-secret%22%2C%22username%22%3A%22shop%22%7D', empty);
    expect(out).not.toContain('pw-secret');
    expect(out).toContain('"username":"shop"');
    expect(scrubString('q=%E4%B8%AD%E6%96%87', empty)).toBe('q=%E4%B8%AD%E6%96%87');
  });

  it('masks registered literals in any form, ignoring values shorter than 4 chars', () => {
    const registry = new SecretRegistry();
    registry.register('abc');
    registry.register('p"w d/é');
    registry.register('SECRETLONG');
    registry.register('SECRET');
    expect(registry.size).toBe(3);
    expect(scrubString('x abc SECRETLONG SECRET y', registry)).toBe(`x abc ${SECRET_MASK} ${SECRET_MASK} y`);
    expect(scrubString(JSON.stringify({ v: 'p"w d/é' }), registry)).toBe(`{"v":"${SECRET_MASK}"}`);
    expect(scrubString(`q=${encodeURIComponent('p"w d/é')}`, registry)).toBe(`q=${SECRET_MASK}`);
    registry.clear();
    expect(scrubString('SECRETLONG', registry)).toBe('SECRETLONG');
  });
});

describe('scrubValue / serializeError', () => {
  it('censors secret fields at any depth and scrubs every string', () => {
    const registry = new SecretRegistry();
    registry.register('lit-secret-1');
    const input = {
      orderNo: '240102123456789012345678',
      a: { b: { c: { d: { e: { f: { apiKey: 'deep-key' } } } } } },
      list: [{ card_password: 'cp-1', card_no: 'NO-1' }, 'note lit-secret-1'],
      map: new Map([['token', 'map-token']]),
      buf: Buffer.from('binary-secret'),
      big: 10n,
    };
    const out = JSON.stringify(scrubValue(input, registry));
    for (const secret of ['deep-key', 'cp-1', 'lit-secret-1', 'map-token', 'binary-secret']) expect(out).not.toContain(secret);
    expect(out).toContain('240102123456789012345678');
    expect(out).toContain('NO-1');
    expect(out).toContain(REDACTED);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(scrubValue(a, empty)).toEqual({ name: 'a', self: '[Circular]' });
  });

  it('serializes errors with message, stack, raw and cause scrubbed', () => {
    const cause = new Error('socket closed; token=cause-token');
    const error = Object.assign(new Error('HTTP 401 for ?sign=err-sign', { cause }), { raw: '{"access_token":"raw-token","code":401}', code: 'E401' });
    const out = serializeError(error, empty);
    const text = JSON.stringify(out);
    for (const secret of ['cause-token', 'err-sign', 'raw-token']) expect(text).not.toContain(secret);
    expect(out).toMatchObject({ type: 'Error', code: 'E401' });
    expect(String(out.stack)).toContain('HTTP 401');
    expect(JSON.stringify(out.cause)).toContain('socket closed');
  });
});

describe('pino path redaction (layer a)', () => {
  it('accepts every generated path and censors keys at depth 0..3', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const logger = pino({ redact: { paths: secretRedactPaths(), censor: REDACTED } }, sink);
    logger.info({ apiKey: 'd0', a: { token: 'd1' }, b: { c: { client_secret: 'd2' } }, d: { e: { f: { Sign: 'd3' } } }, headers: { 'x-api-key': 'hx' }, keep: 'ok' });
    const line = lines.join('');
    for (const secret of ['d0', 'd1', 'd2', 'd3', '"hx"']) expect(line).not.toContain(secret);
    expect(line).toContain('"keep":"ok"');
    expect(line.split(REDACTED).length - 1).toBe(5);
  });
});
