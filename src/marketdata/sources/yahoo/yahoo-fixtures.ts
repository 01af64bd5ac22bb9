/** Yahoo Finance v8 chart replies in their documented shape (prices are float32-rounded, as Yahoo sends). */

const AAPL_META = {
  currency: 'USD',
  symbol: 'AAPL',
  exchangeName: 'NMS',
  fullExchangeName: 'NasdaqGS',
  instrumentType: 'EQUITY',
  firstTradeDate: 345479400,
  regularMarketTime: 1704488401,
  hasPrePostMarketData: true,
  gmtoffset: -18000,
  timezone: 'EST',
  exchangeTimezoneName: 'America/New_York',
  regularMarketPrice: 181.18,
  regularMarketVolume: 62303300,
  chartPreviousClose: 192.53,
  priceHint: 2,
};

/** interval=1d, period1=2024-01-02 05:00Z, period2=2024-01-06 05:00Z; bars start at the 09:30 open. */
export const CHART_AAPL_DAILY = {
  chart: {
    result: [
      {
        meta: { ...AAPL_META, dataGranularity: '1d', range: '' },
        timestamp: [1704205800, 1704292200, 1704378600, 1704465000],
        indicators: {
          quote: [
            {
              open: [187.14999389648438, 184.22000122070312, 182.14999389648438, 181.99000549316406],
              high: [188.44000244140625, 185.8800048828125, 183.08999633789062, 182.75999450683594],
              low: [183.88999938964844, 183.42999267578125, 180.8800048828125, 180.1699981689453],
              close: [185.63999938964844, 184.25, 181.91000366210938, 181.17999267578125],
              volume: [82488700, 58414500, 71983600, 62303300],
            },
          ],
          adjclose: [{ adjclose: [184.7389, 183.3562, 181.0272, 180.3007] }],
        },
      },
    ],
    error: null,
  },
};

/** interval=1m: the 09:31 minute had no trade, so Yahoo sends nulls for it. */
export const CHART_AAPL_MINUTES = {
  chart: {
    result: [
      {
        meta: { ...AAPL_META, dataGranularity: '1m', range: '1d' },
        timestamp: [1704465000, 1704465060, 1704465120],
        indicators: {
          quote: [
            {
              open: [181.99000549316406, null, 181.6300048828125],
              high: [182.1999969482422, null, 181.77000427246094],
              low: [181.5500030517578, null, 181.5],
              close: [181.6199951171875, null, 181.72000122070312],
              volume: [1953102, null, 401377],
            },
          ],
        },
      },
    ],
    error: null,
  },
};

export const CHART_NOT_FOUND = {
  chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } },
};

export const CHART_BAD_INTERVAL = {
  chart: {
    result: null,
    error: {
      code: 'Bad Request',
      description:
        'Invalid input - interval=7m is not supported. Valid intervals: [1m, 2m, 5m, 15m, 30m, 60m, 90m, 1h, 1d, 5d, 1wk, 1mo, 3mo]',
    },
  },
};

/** Yahoo's throttling reply is plain text. */
export const TOO_MANY_REQUESTS = 'Too Many Requests\r\n';
