import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDay,
  businessDayRange,
  parseEpochMillis,
  parseShanghaiWallTime,
  parseUnixSeconds,
  TimeParseError,
  toShanghaiIso,
  toShanghaiWallTime,
} from '../../../src-main/domain/time.js';

describe('provider time formats', () => {
  it('reads Asia/Shanghai wall time as UTC+8', () => {
    expect(parseShanghaiWallTime('2020-12-04 10:33:02')).toBe(Date.UTC(2020, 11, 4, 2, 33, 2));
    expect(parseShanghaiWallTime('2023-11-15 16:13:12')).toBe(Date.UTC(2023, 10, 15, 8, 13, 12));
    expect(parseShanghaiWallTime('2024-01-01')).toBe(Date.UTC(2023, 11, 31, 16));
  });

  it('reads Unix seconds (itboye create_time, union-home pay_at) as number or string', () => {
    expect(parseUnixSeconds('1607049182')).toBe(1_607_049_182_000);
    expect(parseUnixSeconds(1594432311)).toBe(1_594_432_311_000);
    expect(parseUnixSeconds('0')).toBeNull();
    expect(parseUnixSeconds('')).toBeNull();
  });

  it('reads 13-digit milliseconds', () => {
    expect(parseEpochMillis('1695072521534')).toBe(1_695_072_521_534);
  });

  it.each(['2020-13-01 00:00:00', '2020-02-30 00:00:00', 'yesterday', '10:33:02'])('refuses %j', (text) => {
    expect(() => parseShanghaiWallTime(text)).toThrow(TimeParseError);
  });

  it('refuses non-integer timestamps', () => {
    expect(() => parseUnixSeconds('16070.5')).toThrow(TimeParseError);
    expect(() => parseEpochMillis({})).toThrow(TimeParseError);
  });
});

describe('display and business days', () => {
  it('formats in Shanghai with the offset', () => {
    expect(toShanghaiIso(1_607_049_182_000)).toBe('2020-12-04T10:33:02+08:00');
    expect(toShanghaiWallTime(1_607_049_182_000)).toBe('2020-12-04 10:33:02');
  });

  it('puts 23:59 UTC on the next Shanghai day', () => {
    expect(businessDay(Date.UTC(2024, 0, 1, 16, 0, 0))).toBe('2024-01-02');
    expect(businessDay(Date.UTC(2024, 0, 1, 15, 59, 59))).toBe('2024-01-01');
  });

  it('gives half-open day ranges and calendar arithmetic', () => {
    expect(businessDayRange('2024-02-28')).toEqual({ start: Date.UTC(2024, 1, 27, 16), end: Date.UTC(2024, 1, 28, 16) });
    expect(addBusinessDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addBusinessDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('round-trips wall time', () => {
    const ms = parseShanghaiWallTime('2031-07-09 23:59:59')!;
    expect(toShanghaiWallTime(ms)).toBe('2031-07-09 23:59:59');
  });
});
