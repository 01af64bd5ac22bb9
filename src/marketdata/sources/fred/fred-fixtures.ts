/** FRED API replies (file_type=json) in their documented shapes, after the examples in FRED's docs. */

export function gnpcaSeries(realtime: string) {
  return {
    realtime_start: realtime,
    realtime_end: realtime,
    seriess: [
      {
        id: 'GNPCA',
        realtime_start: realtime,
        realtime_end: realtime,
        title: 'Real Gross National Product',
        observation_start: '1929-01-01',
        observation_end: '2012-01-01',
        frequency: 'Annual',
        frequency_short: 'A',
        units: 'Billions of Chained 2009 Dollars',
        units_short: 'Bil. of Chn. 2009 $',
        seasonal_adjustment: 'Not Seasonally Adjusted',
        seasonal_adjustment_short: 'NSA',
        last_updated: '2013-07-31 09:26:16-05',
        popularity: 39,
        notes: 'BEA Account Code: A001RX1',
      },
    ],
  };
}

/** FRED clips each observation's real-time period to the one asked for (default: today). */
export function gnpcaObservations(realtime: string) {
  const row = (date: string, value: string) => ({
    realtime_start: realtime,
    realtime_end: realtime,
    date,
    value,
  });
  return {
    realtime_start: realtime,
    realtime_end: realtime,
    observation_start: '1776-07-04',
    observation_end: '9999-12-31',
    units: 'lin',
    output_type: 1,
    file_type: 'json',
    order_by: 'observation_date',
    sort_order: 'asc',
    count: 3,
    offset: 0,
    limit: 100000,
    observations: [row('1929-01-01', '1065.9'), row('1930-01-01', '975.5'), row('1931-01-01', '912.1')],
  };
}

/** A daily series: "." marks a day without a value (the New Year holiday). */
export const DGS10_OBSERVATIONS = {
  realtime_start: '2024-01-10',
  realtime_end: '2024-01-10',
  observation_start: '2024-01-01',
  observation_end: '2024-01-03',
  units: 'lin',
  output_type: 1,
  file_type: 'json',
  order_by: 'observation_date',
  sort_order: 'asc',
  count: 3,
  offset: 0,
  limit: 100000,
  observations: [
    { realtime_start: '2024-01-10', realtime_end: '2024-01-10', date: '2024-01-01', value: '.' },
    { realtime_start: '2024-01-10', realtime_end: '2024-01-10', date: '2024-01-02', value: '3.95' },
    { realtime_start: '2024-01-10', realtime_end: '2024-01-10', date: '2024-01-03', value: '3.91' },
  ],
};

export const DGS10_SERIES = {
  realtime_start: '2024-01-10',
  realtime_end: '2024-01-10',
  seriess: [
    {
      id: 'DGS10',
      realtime_start: '2024-01-10',
      realtime_end: '2024-01-10',
      title:
        'Market Yield on U.S. Treasury Securities at 10-Year Constant Maturity, Quoted on an Investment Basis',
      observation_start: '1962-01-02',
      observation_end: '2024-01-08',
      frequency: 'Daily',
      frequency_short: 'D',
      units: 'Percent',
      units_short: '%',
      seasonal_adjustment: 'Not Seasonally Adjusted',
      seasonal_adjustment_short: 'NSA',
      last_updated: '2024-01-09 15:18:03-06',
      popularity: 98,
      notes: '',
    },
  ],
};

export const GNPCA_VINTAGE_DATES = {
  realtime_start: '1776-07-04',
  realtime_end: '9999-12-31',
  order_by: 'vintage_date',
  sort_order: 'asc',
  count: 5,
  offset: 0,
  limit: 10000,
  vintage_dates: ['1958-12-21', '1959-02-19', '1959-07-19', '1960-02-16', '1960-07-22'],
};

export const SERIES_DOES_NOT_EXIST = {
  error_code: 400,
  error_message: 'Bad Request.  The series does not exist.',
};

export const API_KEY_NOT_REGISTERED = {
  error_code: 400,
  error_message:
    'Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information.',
};

export const TOO_MANY_REQUESTS = {
  error_code: 429,
  error_message: 'Too Many Requests.  Exceeded Rate Limit',
};
