/** Every external source the hub has an adapter for. */
export const SOURCE_NAMES = [
  'ibkr',
  'alphavantage',
  'yahoo',
  'fred',
  'sec-edgar',
  'datagov',
  'tradingeconomics',
  'dbnomics',
] as const;

export type SourceName = (typeof SOURCE_NAMES)[number];
