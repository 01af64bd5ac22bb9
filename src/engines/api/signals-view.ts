import type { Nanos } from '../../domain/time.ts';

export interface VpinPoint {
  tsNs: Nanos;
  vpin: number;
  cdf: number | null;
}
export interface VpinLatest extends VpinPoint {
  symbol: string;
  level: 'normal' | 'warning' | 'critical' | null;
}
export interface FactorView {
  name: string;
  tsNs: Nanos;
  values: Record<string, number>;
}

export const MAX_VPIN_POINTS = 500;
const MAX_FACTOR_RETURNS = 200;

type Payload = Record<string, unknown>;

/** VPIN readings per symbol (`vpin.calculation.*`) and the latest factor values and returns. */
export class SignalsView {
  private readonly vpin = new Map<string, VpinPoint[]>();
  private readonly factors = new Map<string, FactorView>();
  private readonly factorReturns: Payload[] = [];

  /** The vpin engine's defaults until its readings say which levels it uses. */
  private thresholds = { warning: 0.9, critical: 0.99 };

  applyVpin(payload: Payload, tsNs: Nanos): void {
    const symbol = payload.symbol;
    if (typeof symbol !== 'string' || typeof payload.vpin !== 'number') return;
    const levels = payload.thresholds as { warning?: unknown; critical?: unknown } | undefined;
    if (typeof levels?.warning === 'number' && typeof levels.critical === 'number')
      this.thresholds = { warning: levels.warning, critical: levels.critical };
    const series = this.vpin.get(symbol) ?? [];
    series.push({ tsNs, vpin: payload.vpin, cdf: typeof payload.cdf === 'number' ? payload.cdf : null });
    if (series.length > MAX_VPIN_POINTS) series.shift();
    this.vpin.set(symbol, series);
  }

  latestVpin(): VpinLatest[] {
    return [...this.vpin]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([symbol, series]) => {
        const last = series.at(-1)!;
        return { symbol, ...last, level: this.levelOf(last.cdf) };
      });
  }

  vpinSeries(symbol: string, limit: number): VpinPoint[] | undefined {
    return this.vpin.get(symbol)?.slice(-limit);
  }

  applyFactor(payload: Payload, tsNs: Nanos): void {
    const name = payload.factor;
    if (typeof name !== 'string') return;
    const values = payload.values && typeof payload.values === 'object' ? payload.values : {};
    this.factors.set(name, { name, tsNs, values: values as Record<string, number> });
  }

  applyFactorReturn(payload: Payload): void {
    this.factorReturns.push(payload);
    if (this.factorReturns.length > MAX_FACTOR_RETURNS) this.factorReturns.shift();
  }

  factorList(): { factors: FactorView[]; returns: Payload[] } {
    const factors = [...this.factors.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { factors, returns: [...this.factorReturns] };
  }

  get vpinThresholds(): { warning: number; critical: number } {
    return { ...this.thresholds };
  }

  private levelOf(cdf: number | null): VpinLatest['level'] {
    if (cdf === null) return null;
    if (cdf >= this.thresholds.critical) return 'critical';
    return cdf >= this.thresholds.warning ? 'warning' : 'normal';
  }
}
