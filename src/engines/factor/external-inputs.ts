import { toNautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import type { CompanyFact, Observation } from '../../signals/factors/external-types.ts';
import type { Fetched } from '../../signals/factors/factor-types.ts';
import type { EngineBus } from '../engine-bus.ts';

const DAY_NS = 86_400_000_000_000n;

/** Wire timestamps are bigints in process and decimal strings over JSON: both become bigints. */
const toNs = (value: unknown): bigint => BigInt(value as bigint | string);

/**
 * FRED series and EDGAR facts, asked of the market-data hub over its bus endpoint `fetch` (never
 * directly). Each request is "as of" the start of the UTC day of the event time: point-in-time safe
 * in backtests, and one cache entry per day at the hub. A failure (no network, no credential, no
 * hub) is kept as the reason the dependent factors are unavailable.
 */
export class ExternalInputs {
  private readonly series = new Map<string, Fetched<Observation[]>>();
  private readonly facts = new Map<string, Fetched<CompanyFact[]>>();
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly bus: EngineBus,
    private readonly timeoutMs: number,
  ) {}

  seriesOf(id: string): Fetched<readonly Observation[]> | undefined {
    return this.series.get(id);
  }

  factsOf(symbol: string): Fetched<readonly CompanyFact[]> | undefined {
    return this.facts.get(symbol);
  }

  /** Fetches everything again; a refresh still running is joined rather than doubled. */
  refresh(seriesIds: readonly string[], symbols: readonly string[], nowNs: Nanos): Promise<void> {
    this.inFlight ??= this.load(seriesIds, symbols, (nowNs / DAY_NS) * DAY_NS).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(seriesIds: readonly string[], symbols: readonly string[], asOfNs: Nanos): Promise<void> {
    const series = seriesIds.map(async (id) => {
      const result = await this.fetch<{ observations: Array<Record<string, unknown>> }>(
        { source: 'fred', operation: 'series', params: { id } },
        asOfNs,
      );
      this.series.set(
        id,
        result.ok
          ? {
              ok: true,
              data: result.data.observations.map((row) => ({
                periodNs: toNs(row.periodNs),
                value: row.value as number | null,
              })),
            }
          : result,
      );
    });
    const facts = symbols.map(async (symbol) => {
      const taxonomies = await Promise.all(
        ['us-gaap', 'dei'].map((taxonomy) =>
          this.fetch<{ facts: Array<Record<string, unknown>> }>(
            { source: 'sec-edgar', operation: 'facts', params: { symbol, taxonomy } },
            asOfNs,
          ),
        ),
      );
      const failed = taxonomies.find((t) => !t.ok);
      if (failed && !failed.ok) {
        this.facts.set(symbol, failed);
        return;
      }
      const merged = taxonomies.flatMap((t) => (t.ok ? t.data.facts : [])).map(normaliseFact);
      this.facts.set(symbol, { ok: true, data: merged });
    });
    await Promise.all([...series, ...facts]);
  }

  private async fetch<T>(request: Record<string, unknown>, asOfNs: Nanos): Promise<Fetched<T>> {
    try {
      const data = await this.bus.request(
        'fetch',
        { ...request, asOfNs: String(asOfNs) },
        { timeoutMs: this.timeoutMs },
      );
      return { ok: true, data: data as T };
    } catch (error) {
      return { ok: false, reason: toNautilusError(error).message };
    }
  }
}

function normaliseFact(row: Record<string, unknown>): CompanyFact {
  return {
    concept: String(row.concept),
    unit: String(row.unit),
    value: Number(row.value),
    ...(row.periodStartNs !== undefined ? { periodStartNs: toNs(row.periodStartNs) } : {}),
    periodEndNs: toNs(row.periodEndNs),
    filedNs: toNs(row.filedNs),
    form: String(row.form),
    ...(row.fiscalPeriod !== undefined ? { fiscalPeriod: String(row.fiscalPeriod) } : {}),
  };
}
