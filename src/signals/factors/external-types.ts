/**
 * The hub's answers this library reads (src/marketdata/sources/source-types.ts), restated so the
 * pure factor code does not import the market-data layer. Timestamps are ns (bigint in process,
 * decimal strings over JSON transports: the engine normalises them before evaluation).
 */
export interface Observation {
  periodNs: bigint;
  value: number | null;
}

export interface CompanyFact {
  concept: string;
  unit: string;
  value: number;
  periodStartNs?: bigint;
  periodEndNs: bigint;
  filedNs: bigint;
  form: string;
  fiscalPeriod?: string;
}
