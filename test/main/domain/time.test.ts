import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
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

  it('reads wall times since 1992 (fixed UTC+8) exactly as the zone rules do, rolling over and refusing alike', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const viaZoneRules = (y: number, mo: number, d: number, h: number, mi: number, s: number): number | null => {
      const date = new TZDate(y, mo - 1, d, h, mi, s, 'Asia/Shanghai');
      return date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : null;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1992, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, mo, d, h, mi, s) => {
          const text = `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}`;
          const expected = viaZoneRules(y, mo, d, h, mi, s);
          if (expected === null) expect(() => parseShanghaiWallTime(text)).toThrow(TimeParseError);
          else expect(parseShanghaiWallTime(text)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the zone rules before 1992 (Shanghai observed daylight saving 1986–1991)', () => {
    expect(parseShanghaiWallTime('1990-07-01 12:00:00')).toBe(Date.UTC(1990, 6, 1, 3));
    expect(parseShanghaiWallTime('1991-12-31 23:59:59')).toBe(Date.UTC(1991, 11, 31, 15, 59, 59));
    expect(parseShanghaiWallTime('1992-01-01 00:00:00')).toBe(Date.UTC(1991, 11, 31, 16));
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
