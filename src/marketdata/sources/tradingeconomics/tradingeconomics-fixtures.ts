/** Replies in the shapes api.tradingeconomics.com documents (US data as published in 2023). */

export const US_GDP_GROWTH = [
  {
    Country: 'United States',
    Category: 'GDP Growth Rate',
    DateTime: '2022-12-31T00:00:00',
    Value: 2.6,
    Frequency: 'Quarterly',
    HistoricalDataSymbol: 'GDP CQOQ',
    LastUpdate: '2023-09-28T12:30:00',
  },
  {
    Country: 'United States',
    Category: 'GDP Growth Rate',
    DateTime: '2023-03-31T00:00:00',
    Value: 2.2,
    Frequency: 'Quarterly',
    HistoricalDataSymbol: 'GDP CQOQ',
    LastUpdate: '2023-09-28T12:30:00',
  },
];

export const US_INDICATORS = [
  {
    Country: 'United States',
    Category: 'Unemployment Rate',
    Title: 'United States Unemployment Rate',
    LatestValueDate: '2023-04-30T00:00:00',
    LatestValue: 3.4,
    Source: 'U.S. Bureau of Labor Statistics',
    SourceURL: 'https://www.bls.gov/',
    Unit: 'percent',
    URL: '/united-states/unemployment-rate',
    CategoryGroup: 'Labour',
    Adjustment: 'Seasonally Adjusted',
    Frequency: 'Monthly',
    HistoricalDataSymbol: 'USURTOT',
    CreateDate: '2011-04-28T00:00:00',
    FirstValueDate: '1948-01-31T00:00:00',
    PreviousValue: 3.5,
    PreviousValueDate: '2023-03-31T00:00:00',
  },
  {
    Country: 'United States',
    Category: 'Inflation Rate',
    Title: 'United States Inflation Rate',
    LatestValueDate: '2023-04-30T00:00:00',
    LatestValue: 4.9,
    Source: 'U.S. Bureau of Labor Statistics',
    SourceURL: 'https://www.bls.gov/',
    Unit: 'percent',
    URL: '/united-states/inflation-cpi',
    CategoryGroup: 'Prices',
    Adjustment: 'NSA',
    Frequency: 'Monthly',
    HistoricalDataSymbol: 'CPI YOY',
    CreateDate: '2011-04-28T00:00:00',
    FirstValueDate: '1914-01-31T00:00:00',
    PreviousValue: 5,
    PreviousValueDate: '2023-03-31T00:00:00',
  },
];

/** Plain-text refusals TE sends with HTTP 403 / 401. */
export const NO_ACCESS_TEXT = 'No Access to this country as free user.';
export const WRONG_CREDENTIALS_TEXT = 'Wrong credentials';
export const TOO_MANY_REQUESTS_TEXT = 'Too Many Requests';
