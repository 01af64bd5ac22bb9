import { describe, expect, it } from 'vitest';
import { parseBarSpec, specOf } from './bar-spec.ts';

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

  it('parses specs back, round-tripping with specOf', () => {
    expect(parseBarSpec('1m')).toEqual({ kind: 'time', intervalNs: 60_000_000_000n });
    expect(parseBarSpec('250ms')).toEqual({ kind: 'time', intervalNs: 250_000_000n });
    expect(parseBarSpec('100t')).toEqual({ kind: 'tick', size: 100 });
    expect(parseBarSpec('5000v')).toEqual({ kind: 'volume', size: 5000 });
    for (const spec of ['15s', '1h', '1d', '7t', '10v']) {
      const parsed = parseBarSpec(spec);
      expect(
        parsed.kind === 'time' ? specOf('time', parsed.intervalNs) : specOf(parsed.kind, parsed.size),
      ).toBe(spec);
    }
  });

  it('names the expected form when a spec is malformed', () => {
    for (const bad of ['', '1', 'm', '0m', '1.5m', '1w', '-1m'])
      expect(() => parseBarSpec(bad), bad).toThrow(/expected <n><unit>/);
  });
});
