import { describe, expect, it } from 'vitest';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { resolvePolicies } from './cache-policy.ts';

const S = NS_PER_SECOND;

describe('resolvePolicies', () => {
  it('uses the documented defaults, with grace equal to TTL only for stale-safe types', () => {
    const p = resolvePolicies();
    expect(p.tick).toEqual({ ttlNs: S, graceNs: 0n });
    expect(p.quote).toEqual({ ttlNs: 2n * S, graceNs: 0n });
    expect(p.level2).toEqual({ ttlNs: S, graceNs: 0n });
    expect(p.bar).toEqual({ ttlNs: 60n * S, graceNs: 60n * S });
    expect(p.news).toEqual({ ttlNs: 3_600n * S, graceNs: 3_600n * S });
    expect(p.fundamentals).toEqual({ ttlNs: 86_400n * S, graceNs: 86_400n * S });
    expect(p.economic).toEqual({ ttlNs: 86_400n * S, graceNs: 86_400n * S });
  });

  it('applies overrides per type; grace follows an overridden TTL', () => {
    const p = resolvePolicies({ ttlNs: { bar: 5n * S, tick: 3n * S }, graceNs: { news: 7n } });
    expect(p.bar).toEqual({ ttlNs: 5n * S, graceNs: 5n * S });
    expect(p.tick).toEqual({ ttlNs: 3n * S, graceNs: 0n });
    expect(p.news.graceNs).toBe(7n);
  });

  it('rejects bad config', () => {
    expect(() => resolvePolicies({ ttlNs: { bar: 0n } })).toThrow(RangeError);
    expect(() => resolvePolicies({ graceNs: { bar: -1n } })).toThrow(RangeError);
    expect(() => resolvePolicies({ graceNs: { quote: S } })).toThrow(/never served stale/);
  });
});
