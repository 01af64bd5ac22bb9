import { NautilusError } from '../../core/errors.ts';
import { specFromFileName, symbolFromFileName } from '../../marketdata/files/file-name.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { strategyNames } from '../../trading/strategy/strategies/registry.ts';
import type { Params } from './param-grid.ts';

export interface SpecInput {
  strategy: string;
  dataFiles: readonly string[];
  symbol?: string;
  barSpec?: string;
  params: Params;
}

/**
 * What `nautilus backtest` and the backtesting engine both fill in: the symbol from the first file
 * name, a quantity of one lot of that instrument, the bar spec from the file name (else 1m).
 */
export function specDefaults(input: SpecInput): { params: Params; barSpec: string } {
  if (!strategyNames().includes(input.strategy))
    throw new NautilusError(
      'BAD_REQUEST',
      `strategy: unknown strategy ${input.strategy} (strategies: ${strategyNames().join(', ')})`,
    );
  const first = input.dataFiles[0];
  if (first === undefined)
    throw new NautilusError('BAD_REQUEST', 'data: give at least one CSV or Parquet file');
  const symbol = input.symbol ?? symbolFromFileName(first);
  const registry = defaultInstrumentRegistry();
  const instrument = registry.find(symbol);
  if (!instrument)
    throw new NautilusError(
      'BAD_REQUEST',
      `symbol: no instrument ${symbol} (known: ${registry
        .list()
        .map((i) => i.symbol)
        .join(', ')})`,
    );
  return {
    params: { symbol, quantity: instrument.lotSize.toNumber(), ...input.params },
    barSpec: input.barSpec ?? specFromFileName(first) ?? '1m',
  };
}
