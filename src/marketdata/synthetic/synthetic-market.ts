import type { Nanos } from '../../domain/time.ts';
import { DEFAULT_DYNAMICS, type Dynamics } from './dynamics.ts';
import { DEFAULT_INSTRUMENTS, type InstrumentSpec } from './instruments.ts';
import type { MarketDataEvent } from './market-event.ts';
import { deriveSeed } from './prng.ts';
import { type SymbolDiagnostics, SymbolSimulator } from './symbol-simulator.ts';

export interface SyntheticMarketConfig {
  instruments?: readonly InstrumentSpec[];
  dynamics?: Partial<Dynamics>;
  /** Event time of the first event; defaults to 2024-01-01T00:00:00Z. */
  startNs?: Nanos;
  /** Levels per side in L2 snapshots. */
  bookLevels?: number;
  /** Snapshot period per symbol. */
  bookIntervalMs?: number;
}

const DEFAULT_START_NS = 1_704_067_200_000_000_000n;

/**
 * The embedded default data source: a pure, seeded, deterministic multi-asset market. Events are
 * produced lazily in event-time order; no wall clock or global randomness is ever consulted, so the
 * same config and seed always replay the same tape.
 */
export class SyntheticMarket {
  readonly startNs: Nanos;
  private readonly simulators: SymbolSimulator[];
  private readonly bySymbol = new Map<string, SymbolSimulator>();

  constructor(config: SyntheticMarketConfig = {}, seed = 1) {
    const instruments = config.instruments ?? DEFAULT_INSTRUMENTS;
    if (instruments.length === 0) throw new RangeError('SyntheticMarket needs at least one instrument');
    const dynamics = { ...DEFAULT_DYNAMICS, ...config.dynamics };
    const bookIntervalNs = Math.round((config.bookIntervalMs ?? 100) * 1e6);
    if (bookIntervalNs < 1) throw new RangeError('bookIntervalMs must be positive');
    this.startNs = config.startNs ?? DEFAULT_START_NS;
    this.simulators = instruments.map(
      (spec) =>
        new SymbolSimulator(
          spec,
          dynamics,
          deriveSeed(seed, spec.symbol),
          this.startNs,
          config.bookLevels ?? 10,
          bookIntervalNs,
        ),
    );
    instruments.forEach((spec, i) => {
      if (this.bySymbol.has(spec.symbol)) throw new RangeError(`SyntheticMarket: duplicate ${spec.symbol}`);
      this.bySymbol.set(spec.symbol, this.simulators[i]!);
    });
  }

  get symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  /** The next event across all symbols; ties in time go to the earlier-configured symbol. */
  next(): MarketDataEvent {
    let earliest = this.simulators[0]!;
    for (const simulator of this.simulators) {
      if (simulator.peekNs() < earliest.peekNs()) earliest = simulator;
    }
    return earliest.pop();
  }

  /** All events with tsNs <= tNs not yet returned. */
  eventsUntil(tNs: Nanos): MarketDataEvent[] {
    const limit = Number(tNs - this.startNs);
    const events: MarketDataEvent[] = [];
    while (this.simulators.some((s) => s.peekNs() <= limit)) events.push(this.next());
    return events;
  }

  /** Current regime, intensity and volatility state of a symbol, for tests and diagnostics. */
  diagnostics(symbol: string): SymbolDiagnostics {
    const simulator = this.bySymbol.get(symbol);
    if (!simulator) throw new RangeError(`SyntheticMarket: unknown symbol ${symbol}`);
    return simulator.diagnostics();
  }
}
