import { NautilusError } from '../../core/errors.ts';
import { nsToIso } from '../../domain/time.ts';
import { parseBarSpec } from '../../marketdata/bars/bar-spec.ts';
import { averageDailyVolume } from '../../signals/vpin/bucket-size.ts';
import {
  CLASSIFICATIONS,
  type Classification,
  DEFAULT_SIGMA_WINDOW,
} from '../../signals/vpin/classifiers.ts';
import { SymbolVpin, type VpinClock, type VpinReading } from '../../signals/vpin/symbol-vpin.ts';
import { DEFAULT_GATE, evaluateToxicityGate, type GateDecision } from '../../signals/vpin/toxicity-gate.ts';
import { fmt, numberOption, oneOf, toJson } from '../analytics/shared.ts';
import { renderTable } from '../table.ts';
import { loadFile, timeBars } from './observations.ts';

export interface VpinFlags {
  input: string;
  symbol?: string;
  bars?: string;
  bucketVolume?: string;
  bucketsPerDay?: string;
  window?: string;
  classification?: string;
  clock?: string;
  sigmaWindow?: string;
  dof?: string;
  cdfWindow?: string;
  horizon?: string;
  k?: string;
  gateThreshold?: string;
  json?: boolean;
}

function usage(message: string): NautilusError {
  return new NautilusError('BAD_REQUEST', message);
}

function options(flags: VpinFlags) {
  if (flags.bucketVolume !== undefined && flags.bucketsPerDay !== undefined)
    throw usage('--bucket-volume and --buckets-per-day exclude each other: give one');
  const barSpec = flags.bars ?? '1m';
  let intervalNs: bigint;
  try {
    const spec = parseBarSpec(barSpec);
    if (spec.kind !== 'time') throw new RangeError(`"${barSpec}" is not a time bar spec`);
    intervalNs = spec.intervalNs;
  } catch (error) {
    throw usage(`--bars: ${(error as Error).message} (time bars such as 1m, 5m, 30s)`);
  }
  const int = { integer: true, min: 1 };
  const cdfWindow = numberOption('--cdf-window', flags.cdfWindow, int) ?? 250;
  return {
    barSpec,
    intervalNs,
    bucketVolume: numberOption('--bucket-volume', flags.bucketVolume, { above: 0 }),
    bucketsPerDay: numberOption('--buckets-per-day', flags.bucketsPerDay, { above: 0 }) ?? 50,
    window: numberOption('--window', flags.window, int) ?? 50,
    classification: oneOf(
      '--classification',
      flags.classification ?? 'bvc',
      CLASSIFICATIONS,
      'classification',
    ),
    clock: oneOf<VpinClock>('--clock', flags.clock ?? 'volume', ['volume', 'time'], 'clock'),
    sigmaWindow:
      numberOption('--sigma-window', flags.sigmaWindow, { integer: true, min: 2 }) ?? DEFAULT_SIGMA_WINDOW,
    degreesOfFreedom: numberOption('--dof', flags.dof, { above: 0 }),
    cdfWindow,
    cdfMinHistory: Math.min(50, cdfWindow),
    gate: {
      ...DEFAULT_GATE,
      threshold:
        numberOption('--gate-threshold', flags.gateThreshold, { above: 0, max: 1 }) ?? DEFAULT_GATE.threshold,
      horizon: numberOption('--horizon', flags.horizon, int) ?? DEFAULT_GATE.horizon,
      k: numberOption('--k', flags.k, { above: 0 }) ?? DEFAULT_GATE.k,
    },
  };
}

/** One observation the classifier sees: a bar (BVC, tick rule on closes) or a trade (tick, aggressor). */
interface Series {
  kind: 'bars' | 'trades';
  times: bigint[];
  volumes: number[];
  closes: number[];
  feed: (pipeline: SymbolVpin, i: number) => VpinReading[];
}

async function series(
  flags: VpinFlags,
  classification: Classification,
  intervalNs: bigint,
): Promise<Series & { symbol: string }> {
  const file = await loadFile(flags.input, flags.symbol);
  const useTrades = file.trades.length > 0 && (classification === 'tick' || classification === 'aggressor');
  if (classification === 'aggressor') {
    if (!useTrades)
      throw usage(
        `--classification aggressor: ${flags.input} holds bars; aggressor classification needs trades with a side`,
      );
    if (!file.trades.some((t) => t.aggressor !== undefined))
      throw usage(
        `--classification aggressor: no trade in ${flags.input} carries an aggressor side (try tick)`,
      );
  }
  if (useTrades) {
    const trades = file.trades;
    return {
      symbol: file.symbol,
      kind: 'trades',
      times: trades.map((t) => t.tsNs),
      volumes: trades.map((t) => t.size),
      closes: trades.map((t) => t.price),
      feed: (pipeline, i) => pipeline.onTrade(trades[i]!),
    };
  }
  const bars = timeBars(file, intervalNs, '--bars');
  return {
    symbol: file.symbol,
    kind: 'bars',
    times: bars.map((b) => b.endNs),
    volumes: bars.map((b) => b.volume),
    closes: bars.map((b) => b.close),
    feed: (pipeline, i) => pipeline.onBar(bars[i]!),
  };
}

/** `nautilus vpin`: VPIN and its CDF per bucket of a market-data file, plus the toxicity gate's score. */
export async function vpinCommand(flags: VpinFlags, io: { out: (text: string) => void }): Promise<number> {
  const o = options(flags);
  const data = await series(flags, o.classification, o.intervalNs);
  const adv = averageDailyVolume(data.times, data.volumes);
  if (o.bucketVolume === undefined && !(adv > 0))
    throw usage(`${flags.input}: no traded volume, so no volume buckets (VPIN needs a volume column)`);
  const bucketVolume = o.bucketVolume ?? adv / o.bucketsPerDay;
  const pipeline = new SymbolVpin(data.symbol, {
    classification: o.classification,
    clock: o.clock,
    intervalNs: o.intervalNs,
    window: o.window,
    bucketVolume,
    sigmaWindow: o.sigmaWindow,
    degreesOfFreedom: o.degreesOfFreedom,
    cdfWindow: o.cdfWindow,
    cdfMinHistory: o.cdfMinHistory,
  });
  const readings: VpinReading[] = [];
  const decisions: GateDecision[] = [];
  for (let i = 0; i < data.times.length; i++)
    for (const reading of data.feed(pipeline, i)) {
      readings.push(reading);
      if (reading.cdf !== null) decisions.push({ bar: i, cdf: reading.cdf });
    }
  const gate = evaluateToxicityGate(data.closes, decisions, { ...o.gate, sigmaWindow: o.sigmaWindow });
  const buckets = readings.map((r) => ({
    bucket: r.index,
    time: nsToIso(r.endNs),
    endNs: r.endNs.toString(),
    vpin: r.vpin,
    full: r.full,
    cdf: r.cdf,
  }));
  const summary = {
    input: flags.input,
    symbol: data.symbol,
    observations: { kind: data.kind, count: data.times.length },
    classification: o.classification,
    clock: o.clock,
    bars: data.kind === 'bars' ? o.barSpec : null,
    averageDailyVolume: adv,
    bucketVolume: o.clock === 'volume' ? bucketVolume : null,
    window: o.window,
    sigmaWindow: o.sigmaWindow,
    cdfWindow: o.cdfWindow,
  };
  if (flags.json) {
    io.out(`${toJson({ ...summary, buckets, gate })}\n`);
    return 0;
  }
  const lines = [
    `${summary.symbol}: ${summary.observations.count} ${data.kind}, ${o.classification} on the ${o.clock} clock, window ${o.window}`,
    o.clock === 'volume'
      ? `bucket volume ${fmt(bucketVolume, 4)} (average daily volume ${fmt(adv, 2)}${o.bucketVolume === undefined ? ` / ${o.bucketsPerDay}` : ''})`
      : `intervals of ${o.barSpec}`,
    '',
    renderTable(
      ['bucket', 'time', 'vpin', 'cdf'],
      buckets.map((b) => [
        String(b.bucket),
        b.time,
        `${fmt(b.vpin)}${b.full ? '' : '*'}`,
        b.cdf === null ? '-' : fmt(b.cdf, 4),
      ]),
    ),
    '* window not yet full',
    '',
    `toxicity gate (CDF >= ${gate.threshold}, move > ${gate.k}·σ·√${gate.horizon} within ${gate.horizon} ${data.kind}): ` +
      `hit rate ${fmt(gate.hitRate, 4)}, false-alarm rate ${fmt(gate.falseAlarmRate, 4)}, precision ${fmt(gate.precision, 4)}, base rate ${fmt(gate.baseRate, 4)} over ${gate.decisions} decisions`,
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
