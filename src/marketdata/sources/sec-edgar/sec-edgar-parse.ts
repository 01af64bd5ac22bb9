import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { Nanos } from '../../../domain/time.ts';
import {
  type CompanyFact,
  type CompanyFacts,
  type CompanyFilings,
  dateToNs,
  type Filing,
} from '../source-types.ts';

const SOURCE = 'sec-edgar';
const NS_PER_DAY = 86_400_000_000_000n;

/**
 * A filing date is a day, not an instant. Filings accepted after 17:30 ET carry the NEXT business
 * day's date and the rest are accepted before 22:30 UTC of their date, so the start of the day
 * after the filing date (UTC) is never earlier than the real acceptance: conservative, no leak.
 */
function knownBy(filedNs: Nanos, asOfNs: Nanos | undefined): boolean {
  return asOfNs === undefined || filedNs + NS_PER_DAY <= asOfNs;
}

/** Zero-padded 10-digit CIK, the form the EDGAR JSON paths use. */
export function padCik(cik: string | number): string {
  return String(cik).padStart(10, '0');
}

const tickerMap = z.record(
  z.string(),
  z.looseObject({ cik_str: z.number().int().positive(), ticker: z.string(), title: z.string() }),
);

/** company_tickers.json as ticker (upper case) -> 10-digit CIK. */
export function parseTickerMap(json: unknown): Map<string, string> {
  const entries = check(tickerMap, json, 'company_tickers.json');
  const map = new Map<string, string>();
  for (const entry of Object.values(entries)) map.set(entry.ticker.toUpperCase(), padCik(entry.cik_str));
  return map;
}

const factPoint = z.looseObject({
  start: z.string().optional(),
  end: z.string(),
  val: z.number(),
  accn: z.string(),
  fy: z.number().int().nullish(),
  fp: z.string().nullish(),
  form: z.string(),
  filed: z.string(),
});
const concept = z.looseObject({ units: z.record(z.string(), z.array(factPoint)) });
const companyFacts = z.looseObject({
  cik: z.union([z.number(), z.string()]),
  entityName: z.string(),
  facts: z.record(z.string(), z.record(z.string(), concept)),
});

export interface FactsQuery {
  taxonomy: string;
  concept?: string;
  asOfNs?: Nanos;
}

/** companyfacts JSON -> one CompanyFact per reported value, filtered to what was filed by asOf. */
export function parseCompanyFacts(json: unknown, query: FactsQuery): CompanyFacts {
  const body = check(companyFacts, json, 'companyfacts');
  const cik = padCik(body.cik);
  const taxonomy = body.facts[query.taxonomy];
  if (!taxonomy) throw new NautilusError('NOT_FOUND', `${SOURCE}: CIK ${cik} has no ${query.taxonomy} facts`);
  const names = query.concept ? [query.concept] : Object.keys(taxonomy);
  const facts: CompanyFact[] = [];
  for (const name of names) {
    const entry = taxonomy[name];
    if (!entry)
      throw new NautilusError('NOT_FOUND', `${SOURCE}: CIK ${cik} has no ${query.taxonomy} concept ${name}`);
    for (const [unit, points] of Object.entries(entry.units))
      for (const point of points) {
        const field = `companyfacts ${name} ${unit}`;
        const filedNs = dateToNsOrFail(point.filed, `${field} filed`);
        if (!knownBy(filedNs, query.asOfNs)) continue;
        facts.push({
          concept: name,
          unit,
          value: point.val,
          ...(point.start ? { periodStartNs: dateToNsOrFail(point.start, `${field} start`) } : {}),
          periodEndNs: dateToNsOrFail(point.end, `${field} end`),
          filedNs,
          form: point.form,
          ...(point.fy != null ? { fiscalYear: point.fy } : {}),
          ...(point.fp != null ? { fiscalPeriod: point.fp } : {}),
          accession: point.accn,
        });
      }
  }
  return { source: SOURCE, cik, entityName: body.entityName, facts };
}

const submissions = z.looseObject({
  cik: z.union([z.number(), z.string()]),
  name: z.string(),
  tickers: z.array(z.string()).default([]),
  filings: z.looseObject({
    recent: z.looseObject({
      accessionNumber: z.array(z.string()),
      filingDate: z.array(z.string()),
      reportDate: z.array(z.string()),
      form: z.array(z.string()),
      primaryDocument: z.array(z.string()),
    }),
  }),
});

export interface FilingsQuery {
  form?: string;
  asOfNs?: Nanos;
}

/** submissions JSON (column arrays) -> rows, filtered by form and by what was filed by asOf. */
export function parseCompanyFilings(json: unknown, query: FilingsQuery): CompanyFilings {
  const body = check(submissions, json, 'submissions');
  const recent = body.filings.recent;
  const count = recent.accessionNumber.length;
  for (const column of ['filingDate', 'reportDate', 'form', 'primaryDocument'] as const)
    if (recent[column].length !== count)
      throw new NautilusError(
        'UPSTREAM_ERROR',
        `${SOURCE}: submissions filings.recent.${column} has ${recent[column].length} rows, accessionNumber ${count}`,
      );
  const filings: Filing[] = [];
  for (let i = 0; i < count; i++) {
    const form = recent.form[i]!;
    if (query.form && form !== query.form) continue;
    const filingDateNs = dateToNsOrFail(recent.filingDate[i]!, `submissions filingDate[${i}]`);
    if (!knownBy(filingDateNs, query.asOfNs)) continue;
    const reportDate = recent.reportDate[i]!;
    const primaryDocument = recent.primaryDocument[i]!;
    filings.push({
      accession: recent.accessionNumber[i]!,
      form,
      filingDateNs,
      ...(reportDate ? { reportDateNs: dateToNsOrFail(reportDate, `submissions reportDate[${i}]`) } : {}),
      ...(primaryDocument ? { primaryDocument } : {}),
    });
  }
  return { source: SOURCE, cik: padCik(body.cik), name: body.name, tickers: body.tickers, filings };
}

function dateToNsOrFail(date: string, what: string): Nanos {
  try {
    return dateToNs(date, what);
  } catch (error) {
    throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${(error as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new NautilusError(
    'UPSTREAM_ERROR',
    `${SOURCE}: unexpected ${what} response at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
  );
}
