import { z } from 'zod';
import type { Nanos } from '../../domain/time.ts';
import { DEFAULT_SIGMA_WINDOW } from './classifiers.ts';
import type { SymbolVpinOptions, VpinReading } from './symbol-vpin.ts';

const S = 1_000_000_000n;
const int = (min: number) => z.number().int().min(min);

/** Options both VPIN engines take (each manifest adds its own classification and clock). */
export const commonVpinOptions = {
  barSpec: z
    .string()
    .regex(/^\d+(s|m|h)$/, 'a time bar spec such as 1m')
    .default('1m')
    .describe('Time bars classified by BVC (market_data.bar.<symbol>.<spec>)'),
  window: int(1).default(50).describe('Buckets in the VPIN window (n)'),
  bucketVolume: z
    .record(z.string(), z.number().positive())
    .default({})
    .describe('Fixed bucket volume V per symbol, e.g. {"AAPL": 50000}; others are estimated after a warm-up'),
  warmupSeconds: int(1)
    .default(60)
    .describe('Event time over which the volume rate is measured before V is set'),
  bucketSeconds: int(1)
    .default(60)
    .describe('Estimated V = volume rate x this: a bucket fills in about this much typical activity'),
  sigmaWindow: int(2)
    .default(DEFAULT_SIGMA_WINDOW)
    .describe('BVC: bar price changes in the rolling standard deviation'),
  cdfWindow: int(1).default(250).describe('Full-window VPIN values the empirical CDF ranks against'),
  cdfMinHistory: int(1).default(50).describe('VPIN values needed before CDFs and alerts are reported'),
  warning: z.number().gt(0).max(1).default(0.9).describe('CDF(VPIN) threshold of a warning toxicity alert'),
  critical: z
    .number()
    .gt(0)
    .max(1)
    .default(0.99)
    .describe('CDF(VPIN) threshold of a critical toxicity alert (sent with FLASH_CRASH priority)'),
  symbols: z.array(z.string().min(1)).default([]).describe('Symbols to follow (empty: every symbol seen)'),
  recent: int(1).default(100).describe('Readings per symbol kept for GET /vpin/:symbol'),
};

type Common = { [K in keyof typeof commonVpinOptions]: z.output<(typeof commonVpinOptions)[K]> };

/** The per-symbol pipeline options a config describes. */
export function pipelineOptions(
  config: Common,
  symbol: string,
  extra: Pick<SymbolVpinOptions, 'classification'> & Partial<SymbolVpinOptions>,
): SymbolVpinOptions {
  if (config.warning > config.critical)
    throw new RangeError(`warning (${config.warning}) must not exceed critical (${config.critical})`);
  return {
    window: config.window,
    bucketVolume: config.bucketVolume[symbol],
    warmupNs: BigInt(config.warmupSeconds) * S,
    bucketNs: BigInt(config.bucketSeconds) * S,
    sigmaWindow: config.sigmaWindow,
    cdfWindow: config.cdfWindow,
    cdfMinHistory: config.cdfMinHistory,
    thresholds: { warning: config.warning, critical: config.critical },
    ...extra,
  };
}

/** `vpin.calculation` / `vpin.enhanced` payload of one reading. */
export function readingPayload(reading: VpinReading, extra: Record<string, unknown>) {
  return {
    symbol: reading.symbol,
    vpin: reading.vpin,
    tsNs: reading.endNs,
    bucket: reading.index,
    full: reading.full,
    cdf: reading.cdf,
    buyVolume: reading.buyVolume,
    sellVolume: reading.sellVolume,
    imbalance: reading.imbalance,
    ...extra,
  };
}

/** `toxicity.alert` payload; a critical alert travels with FLASH_CRASH priority, a warning HIGH. */
export function alertMessage(reading: VpinReading, source: string) {
  const level = reading.alert!;
  return {
    priority: level === 'critical' ? ('FLASH_CRASH' as const) : ('HIGH' as const),
    payload: {
      symbol: reading.symbol,
      level,
      vpin: reading.vpin,
      cdf: reading.cdf,
      bucket: reading.index,
      source,
      tsNs: reading.endNs as Nanos,
    },
  };
}
