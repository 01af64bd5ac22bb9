import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { commission, type Liquidity } from '../instruments/instrument-math.ts';
import type { InstrumentRegistry } from '../instruments/registry.ts';
import type { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import type { OmsType } from '../positions/position-book.ts';
import type { MarketDataKind } from './venue-types.ts';

export type LimitRule = 'strict' | 'touch';

export interface FillModelConfig {
  /** Data kinds that produce fills and triggers; others are ignored. Default: all four. */
  kinds?: readonly MarketDataKind[];
  /** Resting limits vs trades: 'strict' (default) needs a trade through the limit, 'touch' also at it. */
  tradeLimitRule?: LimitRule;
  /** Resting limits vs bars: 'touch' (default) fills a buy when low <= limit, 'strict' needs low < limit. */
  barLimitRule?: LimitRule;
}

export type FeeModel = (
  instrument: Instrument,
  quantity: Quantity,
  price: Price,
  liquidity: Liquidity,
) => Money;

export interface VenueConfig {
  instruments: InstrumentRegistry;
  /** Prefix of venue order ids ("SIM-1", "SIM-2", ...). Default "SIM". */
  venueName?: string;
  fill?: FillModelConfig;
  /** Taker fills are moved this many ticks against the taker (capped at a limit price). Default 0. */
  slippageTicks?: number;
  /** Commands (submit, cancel, modify) reach the matching engine at nowNs + latencyNs. Default 0. */
  latencyNs?: Nanos;
  /** Default: the instrument's maker/taker rates (instrument-math commission()). */
  fees?: FeeModel;
  /** Default NETTING. Reduce-only uses the venue's net position per instrument under both. */
  oms?: OmsType;
  /** DAY orders expire at this UTC time of day (ns after midnight). Default 0 = 00:00 UTC. */
  sessionEndUtcNs?: Nanos;
}

export interface ResolvedConfig {
  instruments: InstrumentRegistry;
  venueName: string;
  kinds: ReadonlySet<MarketDataKind>;
  tradeLimitRule: LimitRule;
  barLimitRule: LimitRule;
  slippageTicks: bigint;
  latencyNs: Nanos;
  fees: FeeModel;
  oms: OmsType;
  sessionEndUtcNs: Nanos;
}

export function resolveConfig(config: VenueConfig): ResolvedConfig {
  const ticks = config.slippageTicks ?? 0;
  if (!Number.isSafeInteger(ticks) || ticks < 0) throw new RangeError(`bad slippageTicks: ${ticks}`);
  const latencyNs = config.latencyNs ?? 0n;
  if (latencyNs < 0n) throw new RangeError(`latencyNs must not be negative: ${latencyNs}`);
  return {
    instruments: config.instruments,
    venueName: config.venueName ?? 'SIM',
    kinds: new Set(config.fill?.kinds ?? ['trade', 'quote', 'bar', 'book']),
    tradeLimitRule: config.fill?.tradeLimitRule ?? 'strict',
    barLimitRule: config.fill?.barLimitRule ?? 'touch',
    slippageTicks: BigInt(ticks),
    latencyNs,
    fees: config.fees ?? commission,
    oms: config.oms ?? 'NETTING',
    sessionEndUtcNs: config.sessionEndUtcNs ?? 0n,
  };
}
