/**
 * Client Portal Web API replies in the shapes IBKR documents. AAPL's conid is 265598; prices sit
 * around AAPL's 11 Dec 2023 close (193.18) and are illustrative, not a recording.
 */

export const AAPL_CONID = 265598;

/** GET /iserver/secdef/search?symbol=AAPL: the NASDAQ listing plus a foreign one (MEXI). */
export const SEARCH_AAPL = [
  {
    conid: '265598',
    companyHeader: 'APPLE INC - NASDAQ',
    companyName: 'APPLE INC',
    symbol: 'AAPL',
    description: 'NASDAQ',
    restricted: null,
    fop: null,
    opt: '20231215;20231222;20231229',
    war: null,
    sections: [{ secType: 'STK' }, { secType: 'OPT', months: 'DEC23;JAN24', exchange: 'SMART' }],
  },
  {
    conid: '38708077',
    companyHeader: 'APPLE INC - MEXI',
    companyName: 'APPLE INC',
    symbol: 'AAPL',
    description: 'MEXI',
    restricted: null,
    fop: null,
    opt: null,
    war: null,
    sections: [{ secType: 'STK' }],
  },
];

/** An unknown symbol: IBKR answers with an empty list. */
export const SEARCH_EMPTY: unknown[] = [];

/** The first snapshot for a conid: IBKR's "pre-flight" reply, no fields yet. */
export const SNAPSHOT_PREFLIGHT = [{ conid: AAPL_CONID, conidEx: '265598' }];

/** GET /iserver/marketdata/snapshot?conids=265598&fields=31,84,85,86,88,87,7059 after the pre-flight. */
export const SNAPSHOT_AAPL = [
  {
    '31': 'C193.18',
    '84': '193.16',
    '85': '4',
    '86': '193.20',
    '87': '42.27M',
    '88': '1,200',
    '7059': '100',
    '6119': 'q0',
    '6509': 'DPB',
    _updated: 1702328400123,
    conid: AAPL_CONID,
    conidEx: '265598',
    server_id: 'q0',
  },
];

/** GET /iserver/marketdata/history?conid=265598&period=1d&bar=1min&outsideRth=false (first bars). */
export const HISTORY_AAPL_1MIN = {
  serverId: '20477',
  symbol: 'AAPL',
  text: 'APPLE INC',
  priceFactor: 100,
  startTime: '20231211-14:30:00',
  high: '19349/10234/2',
  low: '19311/7021/0',
  timePeriod: '1d',
  barLength: 60,
  mdAvailability: 'S',
  mktDataDelay: 0,
  outsideRth: false,
  volumeFactor: 1,
  priceDisplayRule: 1,
  priceDisplayValue: '2',
  negativeCapable: false,
  messageVersion: 2,
  data: [
    { o: 193.11, c: 193.4, h: 193.49, l: 193.11, v: 10234, t: 1702305000000 },
    { o: 193.4, c: 193.25, h: 193.42, l: 193.21, v: 7021, t: 1702305060000 },
    { o: 193.25, c: 193.3, h: 193.33, l: 193.2, v: 5112.5, t: 1702305120000 },
  ],
  points: 2,
  travelTime: 48,
};

/** The gateway session is not logged in (any /iserver endpoint). */
export const ERROR_NOT_AUTHENTICATED = { error: 'not authenticated', statusCode: 401 };

/** History the gateway cannot serve (HTTP 500). */
export const ERROR_CHART_UNAVAILABLE = { error: 'Chart data unavailable' };

/** Pacing violation (HTTP 429): IBKR also puts the client IP in a penalty box. */
export const ERROR_TOO_MANY_REQUESTS = 'Too Many Requests';
