import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { BarInput, SymbolVpin, TradeInput, VpinReading } from './symbol-vpin.ts';

export interface VpinSnapshot {
  symbol: string;
  bucketVolume: number | null;
  latest: VpinReading | null;
  recent: VpinReading[];
}

/** Pipelines per symbol, created on first sight, with the last `recentLimit` readings of each. */
export class VpinBook {
  private readonly pipelines = new Map<string, SymbolVpin>();
  private readonly recent = new Map<string, VpinReading[]>();
  buckets = 0;
  alerts = 0;

  constructor(
    private readonly create: (symbol: string) => SymbolVpin,
    private readonly recentLimit: number,
  ) {}

  onBar(symbol: string, bar: BarInput): VpinReading[] {
    return this.keep(symbol, this.pipeline(symbol).onBar(bar));
  }

  onTrade(symbol: string, trade: TradeInput): VpinReading[] {
    return this.keep(symbol, this.pipeline(symbol).onTrade(trade));
  }

  /**
   * One market-data payload: bars of `barSpec` and trades of the followed symbols (all when
   * `symbols` is empty) feed their symbol's pipeline; anything else gives no reading.
   */
  onMarketData(
    data: MarketDataPayload,
    follow: { symbols: readonly string[]; barSpec: string },
  ): VpinReading[] {
    if (follow.symbols.length > 0 && !follow.symbols.includes(data.symbol)) return [];
    if (data.kind === 'bar' && data.spec === follow.barSpec) return this.onBar(data.symbol, data);
    if (data.kind === 'trade') return this.onTrade(data.symbol, data);
    return [];
  }

  symbols(): string[] {
    return [...this.pipelines.keys()].sort();
  }

  snapshot(symbol: string): VpinSnapshot | undefined {
    const pipeline = this.pipelines.get(symbol);
    if (!pipeline) return undefined;
    const recent = this.recent.get(symbol) ?? [];
    return {
      symbol,
      bucketVolume: pipeline.bucketVolume ?? null,
      latest: recent.at(-1) ?? null,
      recent: [...recent],
    };
  }

  private pipeline(symbol: string): SymbolVpin {
    let pipeline = this.pipelines.get(symbol);
    if (!pipeline) {
      pipeline = this.create(symbol);
      this.pipelines.set(symbol, pipeline);
    }
    return pipeline;
  }

  private keep(symbol: string, readings: VpinReading[]): VpinReading[] {
    if (readings.length === 0) return readings;
    let kept = this.recent.get(symbol);
    if (!kept) {
      kept = [];
      this.recent.set(symbol, kept);
    }
    for (const reading of readings) {
      kept.push(reading);
      this.buckets++;
      if (reading.alert) this.alerts++;
    }
    if (kept.length > this.recentLimit) kept.splice(0, kept.length - this.recentLimit);
    return readings;
  }
}
