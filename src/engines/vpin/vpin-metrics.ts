import { Counter, Gauge, type Registry } from 'prom-client';
import type { VpinBook } from '../../signals/vpin/vpin-book.ts';

type Sample = [labels: Record<string, string>, value: number];

/** Toxicity zone of a CDF value: 0 below `warning`, 1 from `warning`, 2 from `critical`. */
export function toxicityLevel(cdf: number, thresholds: { warning: number; critical: number }): number {
  return cdf >= thresholds.critical ? 2 : cdf >= thresholds.warning ? 1 : 0;
}

/**
 * VPIN's /metrics, read from the book when Prometheus scrapes: the latest VPIN and CDF per symbol
 * (no series until a symbol has a CDF), the toxicity zone of that CDF against the configured
 * thresholds (alert on `>= 2` without repeating the thresholds in the rules), and bucket and
 * alert counts. A new engine on the same registry replaces the previous one's series.
 */
export function registerVpinMetrics(
  registry: Registry,
  book: VpinBook,
  thresholds: { warning: number; critical: number },
): void {
  const latest = () =>
    book.symbols().flatMap((symbol) => {
      const reading = book.snapshot(symbol)?.latest;
      return reading ? [reading] : [];
    });
  const gauge = (name: string, help: string, read: () => Sample[]) => {
    registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      labelNames: ['symbol'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [labels, value] of read()) this.set(labels, value);
      },
    });
  };
  gauge('nautilus_vpin_value', 'Latest VPIN per symbol (last completed bucket)', () =>
    latest().map((r) => [{ symbol: r.symbol }, r.vpin]),
  );
  gauge('nautilus_vpin_cdf', 'Empirical CDF of the latest VPIN among recent values, per symbol', () =>
    latest().flatMap((r): Sample[] => (r.cdf === null ? [] : [[{ symbol: r.symbol }, r.cdf]])),
  );
  gauge(
    'nautilus_vpin_toxicity_level',
    'Toxicity zone of the latest VPIN CDF per symbol: 0 normal, 1 warning, 2 critical',
    () =>
      latest().flatMap((r): Sample[] =>
        r.cdf === null ? [] : [[{ symbol: r.symbol }, toxicityLevel(r.cdf, thresholds)]],
      ),
  );
  const counter = (name: string, help: string, read: () => number) => {
    registry.removeSingleMetric(name);
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  };
  counter('nautilus_vpin_buckets_total', 'Volume buckets completed over all symbols', () => book.buckets);
  counter(
    'nautilus_vpin_toxicity_alerts_total',
    'Toxicity alerts published (warning and critical)',
    () => book.alerts,
  );
}
