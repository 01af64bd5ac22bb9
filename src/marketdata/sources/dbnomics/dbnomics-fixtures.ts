/** Replies in the shape of api.db.nomics.world/v22 (observation arrays trimmed to a few years). */

const doc = (period: string[], value: (number | 'NA')[]) => ({
  '@frequency': 'annual',
  provider_code: 'AMECO',
  dataset_code: 'ZUTN',
  dataset_name: 'Unemployment rate: total :- Member States: definition EUROSTAT',
  series_code: 'EA19.1.0.0.0.ZUTN',
  series_name:
    'Euro area (19 countries) – Unemployment rate: total :- Member States: definition EUROSTAT (Percentage of civilian labor force)',
  indexed_at: '2023-05-16T05:53:27.474Z',
  period,
  period_start_day: period.map((year) => `${year}-01-01`),
  value,
});

const envelope = <T>(docs: T[]) => ({
  series: { docs, limit: 1000, num_found: docs.length, offset: 0 },
  provider: {
    code: 'AMECO',
    name: 'Annual macro-economic database of the European Commission',
    region: 'EU',
    website:
      'https://economy-finance.ec.europa.eu/economic-research-and-databases/economic-databases/ameco-database_en',
  },
  dataset: { code: 'ZUTN', name: 'Unemployment rate: total :- Member States: definition EUROSTAT' },
});

export const EA19_UNEMPLOYMENT = envelope([doc(['2019', '2020', '2021'], [7.6, 8, 7.7])]);

/** Early years of the same series, before euro-area aggregates exist: "NA". */
export const EA19_UNEMPLOYMENT_EARLY = envelope([doc(['1960', '1961'], ['NA', 'NA'])]);

export const NO_SERIES = envelope([]);

export const SERIES_NOT_FOUND = {
  message: 'Series not found',
  errors: [
    { message: 'Series not found', provider_code: 'AMECO', dataset_code: 'ZUTN', series_code: 'XX.9' },
  ],
};
