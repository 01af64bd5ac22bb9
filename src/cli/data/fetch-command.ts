import { NautilusError } from '../../core/errors.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { resolveEngineConfig } from '../../engines/host/resolve-engine-config.ts';
import { type MarketdataConfig, marketdataManifest } from '../../engines/marketdata/manifest.ts';
import { fetchRequestOf, toJson } from '../../engines/marketdata/request-params.ts';
import { TieredCache } from '../../marketdata/cache/tiered-cache.ts';
import { MarketDataHub } from '../../marketdata/hub/market-data-hub.ts';
import { buildSourceSlots } from '../../marketdata/hub/source-catalog.ts';
import { SourceSlots } from '../../marketdata/hub/source-slot.ts';
import { type ConfigFlags, loadCliConfig } from '../config-flags.ts';

export interface FetchFlags extends ConfigFlags {
  hub?: string;
  asOf?: string;
  allowLookahead?: boolean;
}

/** `key=value` words -> params; a word without `=` is an error that shows the expected form. */
export function parseParams(words: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const word of words) {
    const at = word.indexOf('=');
    if (at <= 0)
      throw new NautilusError('BAD_REQUEST', `parameter "${word}": expected name=value, e.g. id=GDP`);
    params[word.slice(0, at)] = word.slice(at + 1);
  }
  return params;
}

/**
 * `nautilus data fetch <source> <operation> [name=value...]`: asks a running hub over HTTP
 * (--hub URL), else an in-process hub built from the same config (same cache rules, limiter and
 * credentials). Prints the result as JSON.
 */
export async function fetchCommand(
  source: string,
  operation: string,
  words: string[],
  flags: FetchFlags,
  out: (text: string) => void,
): Promise<number> {
  const { config } = loadCliConfig(flags);
  const query: Record<string, unknown> = { ...parseParams(words) };
  if (flags.asOf !== undefined) query.asOf = flags.asOf;
  if (flags.allowLookahead) query.allowLookahead = 'true';
  if (flags.hub) {
    const url = new URL(`/fetch/${encodeURIComponent(source)}/${encodeURIComponent(operation)}`, flags.hub);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    const response = await fetch(url);
    const body = await response.text();
    if (!response.ok) {
      const message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
      throw new NautilusError('UPSTREAM_ERROR', `hub at ${flags.hub}: HTTP ${response.status}: ${message}`);
    }
    out(`${JSON.stringify(JSON.parse(body), null, 2)}\n`);
    return 0;
  }
  const settings = resolveEngineConfig(marketdataManifest, config.engineConfig) as MarketdataConfig;
  const clock = new LiveClock();
  const slots = new SourceSlots(buildSourceSlots(settings.sources, clock));
  const hub = new MarketDataHub({ clock, slots, cache: new TieredCache(clock), prefetch: false });
  try {
    const result = await hub.fetch(fetchRequestOf(source, operation, query), 'cli');
    out(`${JSON.stringify(JSON.parse(toJson(result)), null, 2)}\n`);
    return 0;
  } finally {
    await slots.close();
  }
}
