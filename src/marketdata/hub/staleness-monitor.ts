import type { Nanos } from '../../domain/time.ts';

export interface StalenessChange {
  symbol: string;
  state: 'stale' | 'live';
  lastEventNs: Nanos;
  ageNs: Nanos;
}

/**
 * Turns "time since the last event" per subscription into edges: one `stale` when a symbol has
 * been silent past the threshold (a silent broker disconnect looks exactly like this) and one
 * `live` when events resume, so alerts fire once per episode rather than on every check.
 */
export class StalenessMonitor {
  private readonly stale = new Set<string>();
  alerts = 0;

  constructor(private readonly thresholdNs: Nanos) {
    if (thresholdNs <= 0n) throw new RangeError(`stale threshold must be > 0 ns, got ${thresholdNs}`);
  }

  check(lastEventBySymbol: Iterable<readonly [string, Nanos]>, nowNs: Nanos): StalenessChange[] {
    const changes: StalenessChange[] = [];
    for (const [symbol, lastEventNs] of lastEventBySymbol) {
      const ageNs = nowNs - lastEventNs;
      const isStale = ageNs >= this.thresholdNs;
      if (isStale === this.stale.has(symbol)) continue;
      if (isStale) {
        this.stale.add(symbol);
        this.alerts++;
      } else this.stale.delete(symbol);
      changes.push({ symbol, state: isStale ? 'stale' : 'live', lastEventNs, ageNs });
    }
    return changes;
  }

  isStale(symbol: string): boolean {
    return this.stale.has(symbol);
  }

  get staleCount(): number {
    return this.stale.size;
  }
}
