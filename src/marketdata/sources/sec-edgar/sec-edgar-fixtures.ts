/** Responses in the shapes data.sec.gov and www.sec.gov serve (Apple's real filings, trimmed). */

export const TICKERS = {
  '0': { cik_str: 320193, ticker: 'AAPL', title: 'Apple Inc.' },
  '1': { cik_str: 789019, ticker: 'MSFT', title: 'MICROSOFT CORP' },
  '2': { cik_str: 1067983, ticker: 'BRK-B', title: 'BERKSHIRE HATHAWAY INC' },
};

export const APPLE_FACTS = {
  cik: 320193,
  entityName: 'Apple Inc.',
  facts: {
    dei: {
      EntityCommonStockSharesOutstanding: {
        label: 'Entity Common Stock, Shares Outstanding',
        description:
          "Indicate number of shares or other units outstanding of each of registrant's classes...",
        units: {
          shares: [
            {
              end: '2009-10-16',
              val: 895816758,
              accn: '0001193125-09-214859',
              fy: 2009,
              fp: 'FY',
              form: '10-K',
              filed: '2009-10-27',
              frame: 'CY2009Q3I',
            },
          ],
        },
      },
    },
    'us-gaap': {
      AccountsPayableCurrent: {
        label: 'Accounts Payable, Current',
        description: 'Carrying value as of the balance sheet date of liabilities incurred...',
        units: {
          USD: [
            {
              end: '2009-09-26',
              val: 5520000000,
              accn: '0001193125-09-214859',
              fy: 2009,
              fp: 'FY',
              form: '10-K',
              filed: '2009-10-27',
              frame: 'CY2009Q3I',
            },
            {
              end: '2010-09-25',
              val: 12015000000,
              accn: '0001193125-10-238044',
              fy: 2010,
              fp: 'FY',
              form: '10-K',
              filed: '2010-10-27',
              frame: 'CY2010Q3I',
            },
          ],
        },
      },
      SalesRevenueNet: {
        label: 'Revenue, Net',
        description: 'Amount of revenue recognized from goods sold, services rendered...',
        units: {
          USD: [
            {
              start: '2009-09-27',
              end: '2010-09-25',
              val: 65225000000,
              accn: '0001193125-10-238044',
              fy: 2010,
              fp: 'FY',
              form: '10-K',
              filed: '2010-10-27',
              frame: 'CY2010',
            },
          ],
        },
      },
    },
  },
};

export const APPLE_SUBMISSIONS = {
  cik: '320193',
  entityType: 'operating',
  sic: '3571',
  sicDescription: 'Electronic Computers',
  name: 'Apple Inc.',
  tickers: ['AAPL'],
  exchanges: ['Nasdaq'],
  filings: {
    recent: {
      accessionNumber: ['0000320193-24-000006', '0000320193-23-000106', '0000320193-23-000077'],
      filingDate: ['2024-02-02', '2023-11-03', '2023-08-04'],
      reportDate: ['2023-12-30', '2023-09-30', '2023-07-01'],
      acceptanceDateTime: [
        '2024-02-02T18:01:30.000Z',
        '2023-11-02T18:08:27.000Z',
        '2023-08-04T18:04:42.000Z',
      ],
      form: ['10-Q', '10-K', '10-Q'],
      primaryDocument: ['aapl-20231230.htm', 'aapl-20230930.htm', 'aapl-20230701.htm'],
    },
    files: [
      {
        name: 'CIK0000320193-submissions-001.json',
        filingCount: 1234,
        filingFrom: '1994-01-26',
        filingTo: '2014-06-04',
      },
    ],
  },
};

/** SEC's HTML page for requests without a declared User-Agent (served with HTTP 403). */
export const UNDECLARED_TOOL_PAGE = `<!DOCTYPE html>
<html><head><title>SEC.gov | Your Request Originates from an Undeclared Automated Tool</title></head>
<body><h1>Your Request Originates from an Undeclared Automated Tool</h1>
<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from
undeclared automated tools. Please declare your traffic by updating your user agent to include company
specific information.</p></body></html>`;

/** SEC's HTML page once a caller exceeds 10 requests/second (HTTP 403 or 429). */
export const RATE_THRESHOLD_PAGE = `<!DOCTYPE html>
<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>
<body><h1>Your Request Rate Threshold Exceeded</h1>
<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from
undeclared automated tools. Current max request rate: 10 requests/second.</p></body></html>`;
