/** Alpha Vantage replies in their documented shapes (numbers as strings, one-key error bodies). */

export const GLOBAL_QUOTE_IBM = {
  'Global Quote': {
    '01. symbol': 'IBM',
    '02. open': '160.3500',
    '03. high': '161.2800',
    '04. low': '159.5000',
    '05. price': '160.1900',
    '06. volume': '3852621',
    '07. latest trading day': '2024-01-05',
    '08. previous close': '160.1000',
    '09. change': '0.0900',
    '10. change percent': '0.0562%',
  },
};

/** What GLOBAL_QUOTE answers for a symbol it does not know. */
export const GLOBAL_QUOTE_EMPTY = { 'Global Quote': {} };

/** Keys deliberately out of order: Alpha Vantage lists newest first. */
export const INTRADAY_IBM_5MIN = {
  'Meta Data': {
    '1. Information': 'Intraday (5min) open, high, low, close prices and volume',
    '2. Symbol': 'IBM',
    '3. Last Refreshed': '2024-01-05 19:55:00',
    '4. Interval': '5min',
    '5. Output Size': 'Compact',
    '6. Time Zone': 'US/Eastern',
  },
  'Time Series (5min)': {
    '2024-01-05 19:55:00': {
      '1. open': '159.9800',
      '2. high': '160.0000',
      '3. low': '159.9800',
      '4. close': '160.0000',
      '5. volume': '102',
    },
    '2024-01-05 19:50:00': {
      '1. open': '159.9500',
      '2. high': '159.9800',
      '3. low': '159.9500',
      '4. close': '159.9800',
      '5. volume': '25',
    },
  },
};

/** Spans the 2024-03-10 switch from EST (UTC-5) to EDT (UTC-4). */
export const INTRADAY_IBM_60MIN_MARCH = {
  'Meta Data': {
    '1. Information': 'Intraday (60min) open, high, low, close prices and volume',
    '2. Symbol': 'IBM',
    '3. Last Refreshed': '2024-03-11 04:00:00',
    '4. Interval': '60min',
    '5. Output Size': 'Full size',
    '6. Time Zone': 'US/Eastern',
  },
  'Time Series (60min)': {
    '2024-03-11 04:00:00': {
      '1. open': '195.0100',
      '2. high': '195.5000',
      '3. low': '194.9000',
      '4. close': '195.2000',
      '5. volume': '1210',
    },
    '2024-03-08 19:00:00': {
      '1. open': '195.9500',
      '2. high': '196.1000',
      '3. low': '195.9000',
      '4. close': '195.9500',
      '5. volume': '845',
    },
  },
};

export const DAILY_IBM = {
  'Meta Data': {
    '1. Information': 'Daily Prices (open, high, low, close) and Volumes',
    '2. Symbol': 'IBM',
    '3. Last Refreshed': '2024-01-05',
    '4. Output Size': 'Compact',
    '5. Time Zone': 'US/Eastern',
  },
  'Time Series (Daily)': {
    '2024-01-05': {
      '1. open': '160.3500',
      '2. high': '161.2800',
      '3. low': '159.5000',
      '4. close': '160.1900',
      '5. volume': '3852621',
    },
    '2024-01-04': {
      '1. open': '160.3000',
      '2. high': '161.1200',
      '3. low': '159.5900',
      '4. close': '160.1000',
      '5. volume': '4137245',
    },
    '2024-01-03': {
      '1. open': '161.0000',
      '2. high': '161.7300',
      '3. low': '160.0800',
      '4. close': '160.6400',
      '5. volume': '4086058',
    },
  },
};

export const INVALID_CALL = {
  'Error Message':
    'Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY.',
};

export const INVALID_KEY = {
  'Error Message':
    'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
};

export const RATE_LIMIT_NOTE = {
  Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.',
};

/** The newer daily-limit reply; it quotes the caller's key back, which must never reach an error. */
export function rateLimitInformation(apiKey: string): { Information: string } {
  return {
    Information: `We have detected your API key as ${apiKey} and our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.`,
  };
}
