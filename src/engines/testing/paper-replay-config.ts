import type { ConfigEntry } from '../../core/config/config-entries.ts';
import type { NautilusConfig } from '../../core/config/config-schema.ts';
import { parseConfig } from '../../core/config/load-config.ts';

/** The EMA cross both paper-trading tests run: USD/JPY bid minute bars, quick crosses. */
export const PAPER_STRATEGY = {
  strategies: [{ name: 'ema-cross', params: { symbol: 'USDJPY', quantity: 100_000, fast: 3, slow: 8 } }],
  barSpec: '1m-bid',
};

const entry = (path: string, value: unknown): ConfigEntry => ({
  path: path.split('.'),
  value,
  source: 'test',
});

/**
 * The paper-trading engines (marketdata, risk, execution, portfolio, strategy) replaying `file`
 * in lockstep: each record waits until the order path of the previous one has settled on the bus,
 * so the asynchronous paper run cannot be outrun by its own feed, however loaded the machine.
 */
export function paperReplayConfig(file: string, extra: ConfigEntry[] = []): NautilusConfig {
  return parseConfig([
    entry('engines', ['marketdata', 'risk', 'execution', 'portfolio', 'strategy']),
    entry('engineConfig.marketdata.feed', 'replay'),
    entry('engineConfig.marketdata.replay', {
      files: [file],
      speed: 'max',
      symbol: 'USDJPY',
      lockstep: true,
    }),
    entry('engineConfig.strategy', PAPER_STRATEGY),
    ...extra,
  ]);
}
