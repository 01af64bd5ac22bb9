import { Counter, Gauge, type Registry } from 'prom-client';
import type { HubView } from './hub-routes.ts';
import type { MarketPublisher } from './market-publisher.ts';

type Sample = [labels: Record<string, string>, value: number];

/**
 * The hub's /metrics, read from the hub when Prometheus scrapes: cache hit rate, upstream calls
 * vs requests served from cache, coalesced requests, prefetch, per-source budget, staleness of
 * every live subscription. Returns an unregister function for engine stop.
 */
export function registerHubMetrics(
  registry: Registry,
  view: () => HubView | undefined,
  publisher: () => MarketPublisher | undefined,
): () => void {
  const names: string[] = [];
  const counter = (name: string, help: string, labelNames: string[], read: (hub: HubView) => Sample[]) => {
    names.push(name);
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        const current = view();
        if (current) for (const [labels, value] of read(current)) this.inc(labels, value);
      },
    });
  };
  const gauge = (name: string, help: string, labelNames: string[], read: (hub: HubView) => Sample[]) => {
    names.push(name);
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        const current = view();
        if (current) for (const [labels, value] of read(current)) this.set(labels, value);
      },
    });
  };

  counter('nautilus_marketdata_requests_total', 'Requests to the hub (bus, HTTP, CLI)', [], ({ hub }) => [
    [{}, hub.stats.requests],
  ]);
  counter(
    'nautilus_marketdata_upstream_calls_total',
    'Calls the hub made to a source',
    ['source'],
    ({ hub }) => Object.entries(hub.stats.upstreamCalls).map(([source, value]) => [{ source }, value]),
  );
  counter('nautilus_marketdata_upstream_errors_total', 'Source calls that failed', ['source'], ({ hub }) =>
    Object.entries(hub.stats.upstreamErrors).map(([source, value]) => [{ source }, value]),
  );
  counter(
    'nautilus_marketdata_cache_served_total',
    'Requests answered without an upstream call, by how',
    ['how'],
    ({ hub }) => {
      const stats = hub.cache.stats();
      return [
        [{ how: 'fresh' }, stats.hits],
        [{ how: 'stale_while_revalidate' }, stats.staleServed],
        [{ how: 'coalesced' }, stats.coalesced],
      ];
    },
  );
  gauge(
    'nautilus_marketdata_cache_hit_rate',
    'Share of cache reads answered from the cache',
    [],
    ({ hub }) => [[{}, hub.cache.hitRate()]],
  );
  gauge('nautilus_marketdata_cache_entries', 'Entries in the hub cache', [], ({ hub }) => [
    [{}, hub.cache.stats().size],
  ]);
  counter('nautilus_marketdata_cache_evictions_total', 'LRU evictions', [], ({ hub }) => [
    [{}, hub.cache.stats().evictions],
  ]);
  counter(
    'nautilus_marketdata_prefetch_total',
    'Prefetches started from learned access sequences',
    [],
    ({ hub }) => [[{}, hub.stats.prefetches]],
  );
  counter(
    'nautilus_marketdata_prefetch_hits_total',
    'Requests served by a prefetched entry',
    [],
    ({ hub }) => [[{}, hub.stats.prefetchHits]],
  );
  counter(
    'nautilus_marketdata_lookahead_refused_total',
    'Backtest requests refused: source not point-in-time safe',
    [],
    ({ hub }) => [[{}, hub.stats.refusedLookahead]],
  );
  gauge(
    'nautilus_marketdata_source_budget_remaining',
    'Rate-limit tokens left per source',
    ['source'],
    ({ hub }) =>
      hub.slots.builtSources().map((source) => [{ source: source.name }, source.limiter.bucket.remaining()]),
  );
  gauge(
    'nautilus_marketdata_source_queued',
    'Calls waiting for rate-limit tokens per source',
    ['source'],
    ({ hub }) => hub.slots.builtSources().map((source) => [{ source: source.name }, source.limiter.queued]),
  );
  gauge(
    'nautilus_marketdata_subscription_staleness_seconds',
    'Seconds since the last event of each live subscription',
    ['feed', 'symbol'],
    ({ live, feed, nowNs }) =>
      live
        .symbols()
        .map((symbol) => [{ feed, symbol }, Number(nowNs() - live.quote(symbol)!.receivedNs) / 1e9]),
  );
  gauge(
    'nautilus_marketdata_subscriptions_stale',
    'Live subscriptions currently stale',
    ['feed'],
    ({ staleness, feed }) => [[{ feed }, staleness.staleCount]],
  );
  counter(
    'nautilus_marketdata_stale_alerts_total',
    'Stale-subscription alerts raised',
    [],
    ({ staleness }) => [[{}, staleness.alerts]],
  );
  counter('nautilus_marketdata_published_total', 'Live stream messages published, by kind', ['kind'], () => {
    const current = publisher();
    return current ? Object.entries(current.published).map(([kind, value]) => [{ kind }, value]) : [];
  });

  return () => {
    for (const name of names) registry.removeSingleMetric(name);
  };
}
