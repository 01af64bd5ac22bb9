import type { Nanos } from '../../domain/time.ts';
import type { Dynamics } from './dynamics.ts';
import { GarchVariance } from './garch-variance.ts';
import { HawkesArrivals } from './hawkes-arrivals.ts';
import { type InstrumentSpec, onGrid } from './instruments.ts';
import { bookEvent, type MarketDataEvent, quoteEvent, type TopOfBook } from './market-event.ts';
import { Prng } from './prng.ts';
import { type RegimeState, RegimeSwitcher, type Side } from './regime.ts';

export interface SymbolDiagnostics {
  regime: RegimeState;
  /** Current trade arrival intensity per second (baseline plus self-excitation). */
  intensity: number;
  /** Current GARCH volatility relative to its long-run level. */
  volRatio: number;
}

/** GARCH runs on a one-second clock so clustering shows at the horizons risk engines watch. */
const VOL_CLOCK_NS = 1e9;

interface Pending {
  atNs: number;
  event: MarketDataEvent;
}

/** One symbol's price, flow and book process; emits its own events in time order. */
export class SymbolSimulator {
  private readonly rng: Prng;
  private readonly arrivals: HawkesArrivals;
  private readonly garch: GarchVariance;
  private readonly regimes: RegimeSwitcher;
  private readonly baseRate: number;
  private readonly meanRate: number;
  private readonly impact: number;
  private readonly pending: Pending[] = [];
  private logPrice: number;
  private top: TopOfBook;
  private lastTradeNs = 0;
  private nextTradeNs = 0;
  private nextBookNs = 0;
  private nextVolTickNs = VOL_CLOCK_NS;
  private volClockReturn = 0;
  private tradeCount = 0;

  constructor(
    private readonly spec: InstrumentSpec,
    private readonly dynamics: Dynamics,
    seed: number,
    private readonly startNs: Nanos,
    private readonly bookLevels: number,
    private readonly bookIntervalNs: number,
  ) {
    this.rng = new Prng(seed);
    this.arrivals = new HawkesArrivals(dynamics.hawkesAlpha, dynamics.hawkesBeta, this.rng);
    this.regimes = new RegimeSwitcher(dynamics, this.rng);
    this.baseRate = spec.baseTradeRate * dynamics.rateScale;
    this.meanRate = this.baseRate / (1 - dynamics.hawkesAlpha / dynamics.hawkesBeta);
    this.garch = new GarchVariance(spec.volPerSqrtSecond ** 2, dynamics.garchAlpha, dynamics.garchBeta);
    this.impact = dynamics.impactPerTrade * spec.volPerSqrtSecond * Math.sqrt(1 / this.meanRate);
    this.logPrice = Math.log(spec.startPrice);
    this.top = this.quoteAroundFairPrice();
    this.pending.push({ atNs: 0, event: quoteEvent(spec, this.top, startNs) });
    this.scheduleNextTrade();
  }

  /** Offset (ns since start) of this symbol's next event. */
  peekNs(): number {
    return this.pending[0]?.atNs ?? Math.min(this.nextTradeNs, this.nextBookNs);
  }

  pop(): MarketDataEvent {
    if (this.pending.length === 0) {
      if (this.nextBookNs <= this.nextTradeNs) this.emitBook();
      else this.emitTrade();
    }
    return this.pending.shift()!.event;
  }

  diagnostics(): SymbolDiagnostics {
    return {
      regime: this.regimes.state,
      intensity: this.arrivals.intensity(this.currentBaseRate()),
      volRatio: this.garch.volRatio,
    };
  }

  private emitBook(): void {
    const at = this.nextBookNs;
    const depthLots = (level: number) => this.drawLots(this.spec.meanTradeLots * (2 + level));
    const book = bookEvent(this.spec, this.top, this.bookLevels, depthLots, this.ts(at));
    this.pending.push({ atNs: at, event: book });
    this.nextBookNs += this.bookIntervalNs;
  }

  private emitTrade(): void {
    const at = this.nextTradeNs;
    const regime = this.regimes.state;
    const buyShare = regime.kind === 'toxic' ? this.toxicBuyShare(regime.side) : 0.5;
    const side: Side = this.rng.uniform() < buyShare ? 'buy' : 'sell';
    // Informed flow trades bigger clips.
    const meanLots = this.spec.meanTradeLots * (regime.kind === 'toxic' ? 2 : 1);
    this.tradeCount += 1;
    this.pending.push({
      atNs: at,
      event: {
        kind: 'trade',
        symbol: this.spec.symbol,
        price: onGrid(side === 'buy' ? this.top.askTicks : this.top.bidTicks, this.spec.tickSize),
        size: onGrid(this.drawLots(meanLots), this.spec.lotSize),
        aggressor: side,
        tradeId: `${this.spec.symbol}-${this.tradeCount}`,
        tsNs: this.ts(at),
      },
    });
    this.movePrice(side, at);
    this.top = this.quoteAroundFairPrice();
    this.pending.push({ atNs: at, event: quoteEvent(this.spec, this.top, this.ts(at)) });
    this.lastTradeNs = at;
    this.scheduleNextTrade();
  }

  private movePrice(side: Side, atNs: number): void {
    this.advanceVolClock(atNs);
    // Per-second variance spread over the expected trade count: bursts of trades move price more.
    const innovation = Math.sqrt(this.garch.variance / this.meanRate) * this.rng.normal();
    this.volClockReturn += innovation;
    let ret = innovation + (side === 'buy' ? this.impact : -this.impact);
    const jumpChance = 1 - Math.exp((-this.dynamics.jumpRatePerSecond * (atNs - this.lastTradeNs)) / 1e9);
    if (this.rng.uniform() < jumpChance) {
      ret += this.dynamics.jumpSizeVols * this.spec.volPerSqrtSecond * this.rng.normal();
    }
    this.logPrice += ret;
  }

  /** Feeds each completed one-second diffusive return into GARCH (zero for silent seconds). */
  private advanceVolClock(atNs: number): void {
    while (atNs >= this.nextVolTickNs) {
      this.garch.update(this.volClockReturn);
      this.volClockReturn = 0;
      this.nextVolTickNs += VOL_CLOCK_NS;
    }
  }

  private quoteAroundFairPrice(): TopOfBook {
    const base = this.spec.baseSpreadTicks;
    // Market makers widen when volatility clusters up.
    const spreadTicks = Math.max(base, Math.min(10 * base, Math.round(base * this.garch.volRatio)));
    const midTicks = Math.exp(this.logPrice) / this.spec.tickSize;
    const bidTicks = Math.max(1, Math.round(midTicks - spreadTicks / 2));
    const regime = this.regimes.state;
    const quoteLots = this.spec.meanTradeLots * 3;
    // The side being swept by toxic flow is thinner.
    const thin = (side: Side) => (regime.kind === 'toxic' && regime.side === side ? 0.3 : 1);
    return {
      bidTicks,
      askTicks: bidTicks + spreadTicks,
      bidLots: this.drawLots(quoteLots * thin('sell')),
      askLots: this.drawLots(quoteLots * thin('buy')),
    };
  }

  private scheduleNextTrade(): void {
    for (;;) {
      const at = this.arrivals.next(this.currentBaseRate(), this.regimes.switchAtNs);
      if (at !== undefined) {
        this.nextTradeNs = at;
        return;
      }
      this.regimes.switchNow();
    }
  }

  private currentBaseRate(): number {
    const toxic = this.regimes.state.kind === 'toxic';
    return this.baseRate * (toxic ? this.dynamics.toxicRateMultiplier : 1);
  }

  private toxicBuyShare(side: Side): number {
    return side === 'buy' ? this.dynamics.toxicAggressorShare : 1 - this.dynamics.toxicAggressorShare;
  }

  /** Positive whole lots with a geometric-like spread around the mean. */
  private drawLots(mean: number): number {
    return Math.max(1, Math.round(this.rng.exponential(1 / mean)));
  }

  private ts(offsetNs: number): Nanos {
    return this.startNs + BigInt(offsetNs);
  }
}
