import { parseBarSpec } from './bar-spec.ts';
import type { BarAggregator } from './bar-types.ts';
import { TickBarAggregator } from './tick-bar-aggregator.ts';
import { TimeBarAggregator } from './time-bar-aggregator.ts';
import { VolumeBarAggregator } from './volume-bar-aggregator.ts';

/** The aggregator a bar spec names, for one symbol. */
export function createBarAggregator(symbol: string, spec: string): BarAggregator {
  const parsed = parseBarSpec(spec);
  switch (parsed.kind) {
    case 'time':
      return new TimeBarAggregator(symbol, parsed.intervalNs);
    case 'tick':
      return new TickBarAggregator(symbol, parsed.size);
    case 'volume':
      return new VolumeBarAggregator(symbol, parsed.size);
  }
}
