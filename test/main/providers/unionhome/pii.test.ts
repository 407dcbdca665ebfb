import { describe, expect, it } from 'vitest';
import { maskObject, maskPii } from '../../../../src-main/providers/unionhome/pii.js';

describe('maskPii', () => {
  it.each([
    ['13800000000', '138****0000'],
    ['电话：15768868260。', '电话：157****8260。'],
    ['+86 13912345678', '+86 139****5678'],
    ['8613912345678', '86139****5678'],
    ['0755-12345678', '0755-****5678'],
    ['alice@x.com', 'a***@x.com'],
    ['1482418657@qq.com', '1***@qq.com'],
    ['13912345678@163.com', '1***@163.com'],
    ['a.b+c@mail.example.com.cn', 'a***@mail.example.com.cn'],
  ])('%s → %s', (input, masked) => {
    expect(maskPii(input)).toBe(masked);
  });

  it('leaves order numbers, dates, prices and plain text alone', () => {
    for (const text of ['202007110940097797825832', '2020-07-11 09:40:09', '¥20800', '广东省深圳市龙岗区', '12345678901']) {
      expect(maskPii(text)).toBe(text);
    }
  });
});

describe('maskObject', () => {
  it('masks every value, turns numbers into text and keeps keys', () => {
    expect(maskObject({ phone: 15768868260, name: '高海龙', nested: { mail: 'x@y.cn' }, empty: null })).toEqual({
      phone: '157****8260',
      name: '高海龙',
      nested: '{"mail":"x***@y.cn"}',
      empty: '',
    });
  });
});
