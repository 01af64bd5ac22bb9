import { describe, expect, it } from 'vitest';
import { specOf } from './bar-spec.ts';

describe('specOf', () => {
  it('names time bars by the largest exact unit', () => {
    expect(specOf('time', 60_000_000_000n)).toBe('1m');
    expect(specOf('time', 90_000_000_000n)).toBe('90s');
    expect(specOf('time', 3_600_000_000_000n)).toBe('1h');
    expect(specOf('time', 86_400_000_000_000n)).toBe('1d');
    expect(specOf('time', 250_000_000n)).toBe('250ms');
    expect(specOf('time', 1_500n)).toBe('1500ns');
  });

  it('names tick and volume bars', () => {
    expect(specOf('tick', 100)).toBe('100t');
    expect(specOf('volume', 1000)).toBe('1000v');
    expect(specOf('volume', 2.5)).toBe('2.5v');
  });

  it('rejects a non-positive interval', () => {
    expect(() => specOf('time', 0n)).toThrow(/must be > 0/);
  });
});
