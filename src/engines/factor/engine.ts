import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { bigintAsText, msToNs, type Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import {
  FACTOR_LIBRARY,
  factorByName,
  fredSeriesOf,
  needsEdgar,
} from '../../signals/factors/factor-library.ts';
import type { FactorDefinition, FactorInputs } from '../../signals/factors/factor-types.ts';
import { InstrumentHistory } from '../../signals/factors/instrument-history.ts';
import type { Levels, TopOfBook } from '../../signals/features/order-book.ts';
import { periodsPerYearOf } from '../../signals/features/periods-per-year.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { ExternalInputs } from './external-inputs.ts';
import type { FactorConfig } from './manifest.ts';

/** What `factor.calculation.<factor>` carries: per-symbol values (instrument) or one value (market). */
export interface FactorCalculation {
  factor: string;
  category: FactorDefinition['category'];
  scope: FactorDefinition['scope'];
  tsNs: Nanos;
  /** Instrument scope: value by symbol, and why a symbol has none. */
  values?: Record<string, number>;
  unavailable?: Record<string, string>;
  /** Market scope: the value, or null and the reason. */
  value?: number | null;
  reason?: string;
}

interface Instrument {
  history: InstrumentHistory;
  quote?: TopOfBook;
  book?: { bids: Levels; asks: Levels };
}

/**
 * Evaluates the factor library once per `everyMs` of event time (a clock timer) over every
 * instrument it has seen, publishing one `factor.calculation.<factor>` per factor. Macro and
 * fundamental inputs come from the market-data hub's `fetch` endpoint, refreshed every
 * `refreshMs`; while they are missing the factor says why. GET /factors, GET /factors/:name.
 */
export class FactorEngine extends Engine<FactorConfig> {
  private readonly definitions: readonly FactorDefinition[];
  private readonly instruments = new Map<string, Instrument>();
  private readonly latest = new Map<string, FactorCalculation>();
  private readonly external: ExternalInputs;
  private readonly periodsPerYear: number;
  private readonly timers: string[];
  private evaluations = 0;

  constructor(ctx: EngineContext<FactorConfig>) {
    super(ctx);
    const { config } = ctx;
    const unknown = config.factors.filter((name) => !factorByName(name));
    if (unknown.length > 0)
      throw new NautilusError(
        'CONFIG_INVALID',
        `factor.factors: unknown ${unknown.join(', ')} (factors: ${FACTOR_LIBRARY.map((d) => d.name).join(', ')})`,
      );
    this.definitions =
      config.factors.length === 0
        ? FACTOR_LIBRARY
        : FACTOR_LIBRARY.filter((d) => config.factors.includes(d.name));
    this.periodsPerYear = periodsPerYearOf(config.barSpec, config.periodsPerYear);
    this.external = new ExternalInputs(ctx.bus, config.fetchTimeoutMs);
    this.timers = [`factor.evaluate.${ctx.instanceId}`, `factor.refresh.${ctx.instanceId}`];
  }

  async onStart(): Promise<void> {
    const { bus, clock, config } = this.ctx;
    await bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope));
    clock.setTimer(this.timers[0]!, msToNs(config.everyMs), (event) => this.evaluate(event.scheduledNs));
    clock.setTimer(this.timers[1]!, msToNs(config.refreshMs), (event) => {
      void this.refreshExternal(event.scheduledNs);
    });
    void this.refreshExternal(clock.nowNs());
  }

  override onStop(): void {
    for (const timer of this.timers) this.ctx.clock.cancel(timer);
  }

  /** Fetches the FRED series and EDGAR facts the enabled factors read (through the hub). */
  refreshExternal(nowNs: Nanos): Promise<void> {
    const symbols = needsEdgar(this.definitions) ? this.ctx.config.fundamentalSymbols : [];
    return this.external.refresh(fredSeriesOf(this.definitions), symbols, nowNs);
  }

  /** Evaluates every enabled factor now and publishes the results. */
  evaluate(tsNs: Nanos): FactorCalculation[] {
    this.evaluations++;
    const inputs = [...this.instruments.keys()].sort().map((symbol) => this.inputsOf(symbol));
    const series = (id: string) => this.external.seriesOf(id);
    const out: FactorCalculation[] = [];
    for (const definition of this.definitions) {
      const base = { factor: definition.name, category: definition.category, scope: definition.scope, tsNs };
      let calculation: FactorCalculation;
      if (definition.scope === 'market') {
        const result = definition.evaluate({ series });
        calculation = result.ok
          ? { ...base, value: result.value }
          : { ...base, value: null, reason: result.reason };
      } else {
        const values: Record<string, number> = {};
        const unavailable: Record<string, string> = {};
        for (const input of inputs) {
          const result = definition.evaluate(input);
          if (result.ok) values[input.symbol!] = result.value;
          else unavailable[input.symbol!] = result.reason;
        }
        calculation = { ...base, values, unavailable };
      }
      this.latest.set(definition.name, calculation);
      this.ctx.bus.publish({
        topic: topics.factor.calculation(definition.name),
        payload: calculation,
        eventTimeNs: tsNs,
      });
      out.push(calculation);
    }
    return out;
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    const running = () => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the factor engine is not running');
    };
    app.get('/factors', async () => {
      running();
      return { count: FACTOR_LIBRARY.length, factors: FACTOR_LIBRARY.map((d) => this.describe(d)) };
    });
    app.get<{ Params: { name: string } }>('/factors/:name', async (request) => {
      running();
      const definition = factorByName(request.params.name);
      if (!definition)
        throw new NautilusError(
          'NOT_FOUND',
          `unknown factor ${request.params.name} (factors: ${FACTOR_LIBRARY.map((d) => d.name).join(', ')})`,
        );
      const latest = this.latest.get(definition.name) ?? null;
      return JSON.parse(JSON.stringify({ ...this.describe(definition), latest }, bigintAsText));
    });
  }

  override healthFields(): Record<string, unknown> {
    return {
      factors: this.definitions.length,
      instruments: this.instruments.size,
      evaluations: this.evaluations,
    };
  }

  private describe(d: FactorDefinition) {
    const { name, category, scope, formula, description, inputs } = d;
    return { name, category, scope, formula, description, inputs, enabled: this.definitions.includes(d) };
  }

  private inputsOf(symbol: string): FactorInputs {
    const instrument = this.instruments.get(symbol)!;
    return {
      symbol,
      bars: instrument.history.view(),
      periodsPerYear: this.periodsPerYear,
      quote: instrument.quote,
      book: instrument.book,
      facts: this.ctx.config.fundamentalSymbols.includes(symbol)
        ? (this.external.factsOf(symbol) ?? { ok: false, reason: 'not fetched yet' })
        : undefined,
    };
  }

  private instrumentOf(symbol: string): Instrument {
    let instrument = this.instruments.get(symbol);
    if (!instrument) {
      instrument = { history: new InstrumentHistory(this.ctx.config.history) };
      this.instruments.set(symbol, instrument);
    }
    return instrument;
  }

  private onMarketData(envelope: Envelope): void {
    const payload = envelope.payload as MarketDataPayload;
    switch (payload.kind) {
      case 'trade':
        this.instrumentOf(payload.symbol).history.onTrade(payload);
        return;
      case 'quote':
        this.instrumentOf(payload.symbol).quote = payload;
        return;
      case 'book':
        this.instrumentOf(payload.symbol).book = { bids: payload.bids, asks: payload.asks };
        return;
      case 'bar':
        if (payload.spec === this.ctx.config.barSpec)
          this.instrumentOf(payload.symbol).history.onBar(payload);
        return;
      default:
    }
  }
}
