import { describe, expect, it } from 'vitest';
import { specDurationNs, specFromFileName, symbolFromFileName } from './file-name.ts';

describe('file names', () => {
  it('yield the symbol', () => {
    expect(symbolFromFileName('/d/usdjpy-m1-bid-2013.csv')).toBe('USDJPY');
    expect(symbolFromFileName('/d/usdjpy-ticks.csv')).toBe('USDJPY');
    expect(symbolFromFileName('btc-perp-20211231-20220201_1m.csv')).toBe('BTC-PERP');
    expect(symbolFromFileName('6EH4.XCME_1min_bars_20240101_20240131.csv.gz')).toBe('6EH4.XCME');
    expect(symbolFromFileName('stocks-1m-2018-11/AAPL.csv')).toBe('AAPL');
    expect(symbolFromFileName('btcusdt-trades.parquet')).toBe('BTCUSDT');
  });

  it('yield the bar spec with its price side', () => {
    expect(specFromFileName('gbpusd-m1-ask-2012.csv')).toBe('1m-ask');
    expect(specFromFileName('6EH4.XCME_1min_bars.csv.gz')).toBe('1m');
    expect(specFromFileName('AAPL.csv')).toBeUndefined();
  });

  it('give bar lengths for specs', () => {
    expect(specDurationNs('1m-bid')).toBe(60_000_000_000n);
    expect(specDurationNs('1d')).toBe(86_400_000_000_000n);
    expect(specDurationNs('tick')).toBeUndefined();
  });
});
