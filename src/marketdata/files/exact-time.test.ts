import { describe, expect, it } from 'vitest';
import { parseEpochNanos, parseIsoNanos } from './exact-time.ts';
import { ZoneClock } from './zone-clock.ts';

describe('parseIsoNanos', () => {
  it('keeps all nine fraction digits exactly', () => {
    expect(parseIsoNanos('2013-01-01 22:00:00.295000+00:00')).toBe(1357077600295000000n);
    expect(parseIsoNanos('2021-12-31T23:01:00.123456789Z')).toBe(1640991660123456789n);
    expect(parseIsoNanos('2021-12-31 23:01:00.000000001')).toBe(1640991660000000001n);
  });

  it('applies explicit offsets and treats zone-less times as UTC by default', () => {
    expect(parseIsoNanos('2024-01-01 18:01:00-05:00')).toBe(parseIsoNanos('2024-01-01 23:01:00'));
    expect(parseIsoNanos('1989-12-29')).toBe(630892800000000000n);
  });

  it('rejects malformed and impossible times', () => {
    for (const text of ['', '2013-02-30 00:00:00', '2013-13-01', '2013-01-01 24:00:00', 'noon', '1.0']) {
      expect(() => parseIsoNanos(text)).toThrow(RangeError);
    }
  });

  it('converts New York wall-clock time across DST', () => {
    const ny = new ZoneClock('America/New_York').toUtc;
    expect(parseIsoNanos('2018-07-02 09:31:00', ny)).toBe(parseIsoNanos('2018-07-02T13:31:00Z'));
    expect(parseIsoNanos('2018-11-12 09:31:00', ny)).toBe(parseIsoNanos('2018-11-12T14:31:00Z'));
    // The repeated hour resolves to the earlier (EDT) instant; the skipped hour does not exist.
    expect(parseIsoNanos('2018-11-04 01:30:00', ny)).toBe(parseIsoNanos('2018-11-04T05:30:00Z'));
    expect(parseIsoNanos('2018-03-11 03:00:00', ny)).toBe(parseIsoNanos('2018-03-11T07:00:00Z'));
    expect(() => parseIsoNanos('2018-03-11 02:30:00', ny)).toThrow(/does not exist/);
  });
});

describe('parseEpochNanos', () => {
  it('scales each unit exactly, fractions included', () => {
    expect(parseEpochNanos('1610064000', 'epoch-s')).toBe(1610064000000000000n);
    expect(parseEpochNanos('1610064000.000000001', 'epoch-s')).toBe(1610064000000000001n);
    expect(parseEpochNanos('1610064000278', 'epoch-ms')).toBe(1610064000278000000n);
    expect(parseEpochNanos('1610064000278123', 'epoch-us')).toBe(1610064000278123000n);
    expect(parseEpochNanos('1610064000278123456', 'epoch-ns')).toBe(1610064000278123456n);
  });

  it('rejects text that is not an unsigned count or finer than 1 ns', () => {
    expect(() => parseEpochNanos('-1', 'epoch-s')).toThrow(RangeError);
    expect(() => parseEpochNanos('1.5', 'epoch-ns')).toThrow(/finer than 1 ns/);
  });
});
