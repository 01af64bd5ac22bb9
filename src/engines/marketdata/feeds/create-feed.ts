import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import type { MarketdataConfig } from '../manifest.ts';
import { IbkrFeed } from './ibkr-feed.ts';
import type { LiveFeed } from './live-feed.ts';
import { NoFeed } from './no-feed.ts';
import { ReplayFeed } from './replay-feed.ts';
import { SyntheticFeed } from './synthetic-feed.ts';

export function createFeed(
  config: MarketdataConfig,
  deps: { clock: Clock; logger: Logger; instanceId: string; settle?: () => Promise<void> },
): LiveFeed {
  const { clock, logger, instanceId, settle } = deps;
  switch (config.feed) {
    case 'synthetic':
      return new SyntheticFeed({
        clock,
        logger,
        seed: config.seed,
        tickMs: config.tickMs,
        rateScale: config.rateScale,
        symbols: config.symbols,
        timerName: `marketdata.tick.${instanceId}`,
      });
    case 'replay':
      return new ReplayFeed({ clock, logger, ...config.replay, settle });
    case 'ibkr':
      return new IbkrFeed({ clock, logger, ...config.ibkr, baseUrl: config.sources.ibkr?.baseUrl });
    case 'none':
      return new NoFeed(clock);
  }
}
