import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import type { FileRecord, LayoutName, ReadOptions } from './file-record.ts';
import { readMarketDataFile } from './read-market-data-file.ts';

const DATA = `${SHARED_DATA}/`;

async function firstAndLast(file: string, options: ReadOptions = {}) {
  const reader = readMarketDataFile(DATA + file, options);
  let first: FileRecord | undefined;
  let last: FileRecord | undefined;
  for await (const record of reader) {
    first ??= record;
    last = record;
  }
  return { first, last, stats: reader.stats, badRows: reader.badRows };
}

const bar = (symbol: string, spec: string, ohlcv: number[], startNs: bigint) => {
  const [open, high, low, close, volume] = ohlcv;
  return {
    kind: 'bar',
    symbol,
    spec,
    open,
    high,
    low,
    close,
    volume,
    startNs,
    endNs: startNs + 60_000_000_000n,
  };
};

// Row counts are `wc -l` (zcat for .gz) minus the header; Parquet counts are the files' num_rows.
const cases: Array<[string, LayoutName, number, object, object]> = [
  [
    'usdjpy-m1-bid-2013.csv',
    'ohlc-bars',
    28_761,
    bar('USDJPY', '1m-bid', [91.715, 91.715, 91.653, 91.653, 0], 1359676800000000000n),
    bar('USDJPY', '1m-bid', [92.584, 92.584, 92.533, 92.539, 0], 1362096000000000000n),
  ],
  [
    'gbpusd-m1-ask-2012.csv',
    'ohlc-bars',
    30_117,
    bar('GBPUSD', '1m-ask', [1.57608, 1.5761, 1.57585, 1.57585, 0], 1328054400000000000n),
    bar('GBPUSD', '1m-ask', [1.59217, 1.5922, 1.59201, 1.59216, 0], 1330560000000000000n),
  ],
  [
    'usdjpy-ticks.csv',
    'quotes',
    1000,
    {
      kind: 'quote',
      symbol: 'USDJPY',
      bid: 86.655,
      ask: 86.728,
      bidSize: 0,
      askSize: 0,
      tsNs: 1357077600295000000n,
    },
    {
      kind: 'quote',
      symbol: 'USDJPY',
      bid: 86.836,
      ask: 86.854,
      bidSize: 0,
      askSize: 0,
      tsNs: 1357079713494000000n,
    },
  ],
  [
    'btc-perp-20211231-20220201_1m.csv',
    'ohlcv-bars',
    45_031,
    bar('BTC-PERP', '1m', [46319, 46385, 46319, 46377, 2300413.7295], 1640991660000000000n),
    bar('BTC-PERP', '1m', [38525, 38546, 38525, 38544, 685906.9735], 1643693460000000000n),
  ],
  [
    '6EH4.XCME_1min_bars_20240101_20240131.csv.gz',
    'ohlcv-bars',
    29_996,
    bar('6EH4.XCME', '1m', [1.1076, 1.10785, 1.1076, 1.1078, 205], 1704150060000000000n),
    bar('6EH4.XCME', '1m', [1.08225, 1.0824, 1.08225, 1.0823, 36], 1706745540000000000n),
  ],
  [
    // Alpha Vantage stamps bars with their close in New York time: 09:31 EST is 14:31Z.
    'stocks-1m-2018-11/AAPL.csv',
    'alpha-vantage-intraday',
    3112,
    bar('AAPL', '1m', [198.94, 199.76, 198.81, 199.3745, 0], 1542033000000000000n),
    bar('AAPL', '1m', [177.24, 177.25, 176.77, 176.77, 430073], 1542833940000000000n),
  ],
  [
    'btcusdt-trades.parquet',
    'trades',
    2001,
    {
      kind: 'trade',
      symbol: 'BTCUSDT',
      price: 39432.48,
      size: 0.000263,
      aggressor: 'sell',
      tradeId: '553287559',
      tsNs: 1610064000278000000n,
    },
    { kind: 'trade', symbol: 'BTCUSDT', price: 39491.76, tradeId: '553289559', tsNs: 1610064046355000000n },
  ],
  [
    'btcusdt-quotes.parquet',
    'quotes',
    451,
    {
      kind: 'quote',
      symbol: 'BTC/USDT',
      bid: 39432.99,
      ask: 39433.62,
      bidSize: 0.0031,
      tsNs: 1610064001076000000n,
    },
    { kind: 'quote', symbol: 'BTC/USDT', bid: 39490.97, ask: 39490.98, tsNs: 1610064046674000000n },
  ],
];

describe('readMarketDataFile on the shared data', () => {
  it.each(cases)(
    '%s: layout %s, %i rows, first and last records',
    async (file, layout, rows, first, last) => {
      const read = await firstAndLast(file);
      expect(read.stats).toEqual({ layout, rowsRead: rows, recordsEmitted: rows, badRows: 0, blankLines: 0 });
      expect(read.first).toMatchObject(first);
      expect(read.last).toMatchObject(last);
    },
  );

  it('emits one daily close per listed symbol from the wide table, skipping blanks silently', async () => {
    const read = await firstAndLast('stock_prices.csv');
    // 106,931 non-blank price cells over 7,126 dates (counted with awk).
    expect(read.stats).toEqual({
      layout: 'wide-daily-closes',
      rowsRead: 7126,
      recordsEmitted: 106_931,
      badRows: 0,
      blankLines: 0,
    });
    const day = 86_400_000_000_000n;
    expect(read.first).toEqual({
      ...bar('AAPL', '1d', Array(4).fill(0.117203).concat(0), 630892800000000000n),
      endNs: 630892800000000000n + day,
    });
    expect(read.last).toMatchObject({ symbol: 'SBUX', close: 59.419998, startNs: 1523404800000000000n });
  });

  it('every stocks-1m file is Alpha Vantage intraday with its symbol from the file name', async () => {
    const read = await firstAndLast('stocks-1m-2018-11/QES.csv');
    expect(read.stats).toMatchObject({ layout: 'alpha-vantage-intraday', rowsRead: 174, badRows: 0 });
    expect(read.last).toMatchObject({ symbol: 'QES', endNs: 1542834000000000000n }); // 16:00 EST
  });

  it('options override symbol, spec and bar time label', async () => {
    const read = await firstAndLast('usdjpy-m1-ask-2013.csv', {
      symbol: 'USD/JPY',
      spec: '1m',
      timeLabel: 'close',
    });
    expect(read.first).toMatchObject({ symbol: 'USD/JPY', spec: '1m', endNs: 1359676800000000000n });
  });
});
