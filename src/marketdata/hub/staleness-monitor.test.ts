import { describe, expect, it } from 'vitest';
import { StalenessMonitor } from './staleness-monitor.ts';

const S = 1_000_000_000n;

describe('StalenessMonitor', () => {
  it('reports one stale edge per silent episode and one live edge when events resume', () => {
    const monitor = new StalenessMonitor(5n * S);
    const last = new Map([
      ['AAPL', 0n],
      ['ES', 0n],
    ]);
    expect(monitor.check(last, 4n * S)).toEqual([]);
    last.set('ES', 4n * S);
    expect(monitor.check(last, 5n * S)).toEqual([
      { symbol: 'AAPL', state: 'stale', lastEventNs: 0n, ageNs: 5n * S },
    ]);
    expect(monitor.check(last, 6n * S)).toEqual([]);
    expect(monitor.isStale('AAPL')).toBe(true);
    last.set('AAPL', 7n * S);
    expect(monitor.check(last, 7n * S)).toEqual([
      { symbol: 'AAPL', state: 'live', lastEventNs: 7n * S, ageNs: 0n },
    ]);
    expect(monitor.check(last, 13n * S).map((change) => `${change.symbol}:${change.state}`)).toEqual([
      'AAPL:stale',
      'ES:stale',
    ]);
    expect(monitor.alerts).toBe(3);
    expect(monitor.staleCount).toBe(2);
  });

  it('refuses a threshold that would flag everything', () => {
    expect(() => new StalenessMonitor(0n)).toThrow(/> 0 ns/);
  });
});
