import { existsSync } from 'node:fs';
import { NautilusError } from '../../core/errors.ts';
import { nsToIso } from '../../domain/time.ts';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';
import { DEFAULT_FEATURES, FeatureSet, type FeatureSnapshot } from '../../signals/features/feature-set.ts';
import { periodsPerYearOf } from '../../signals/features/periods-per-year.ts';
import { fmt, numberOption, toJson, usage } from '../analytics/shared.ts';
import { renderTable } from '../table.ts';

export interface FeaturesFlags {
  input: string;
  symbol?: string;
  window?: string;
  horizons?: string;
  periodsPerYear?: string;
  every?: string;
  json?: boolean;
}

interface Row {
  time: string;
  values: FeatureSnapshot['values'];
}

function horizonsOption(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_FEATURES.returnHorizons];
  const horizons = text
    .split(',')
    .map((part) => numberOption('--horizons', part, { integer: true, min: 1 })!);
  if (horizons.length === 0) throw usage('--horizons: expected bar counts such as 1,5,20');
  return horizons;
}

/**
 * `nautilus features --input <file>`: the features engine's computation over a market-data file
 * (bars, quotes or trades; one symbol), the last snapshot and, with --every n, one row per n bars.
 */
export async function featuresCommand(
  flags: FeaturesFlags,
  io: { out: (text: string) => void },
): Promise<number> {
  const window = numberOption('--window', flags.window, { integer: true, min: 2 }) ?? DEFAULT_FEATURES.window;
  const every = numberOption('--every', flags.every, { integer: true, min: 1 });
  const configuredPeriods = numberOption('--periods-per-year', flags.periodsPerYear, { above: 0 }) ?? 0;
  const returnHorizons = horizonsOption(flags.horizons);
  if (!existsSync(flags.input)) throw usage(`--input: no such file ${flags.input}`);
  const reader = readMarketDataFile(flags.input, flags.symbol ? { symbol: flags.symbol } : {});
  let set: FeatureSet | undefined;
  let spec: string | undefined;
  const rows: Row[] = [];
  for await (const batch of reader.batches())
    for (const record of batch) {
      if (set && record.symbol !== set.symbol)
        throw usage(`${flags.input}: holds ${set.symbol} and ${record.symbol}; pick one with --symbol`);
      if (record.kind === 'bar' && spec === undefined) spec = record.spec;
      set ??= new FeatureSet(record.symbol, {
        ...DEFAULT_FEATURES,
        window,
        returnHorizons,
        periodsPerYear: periodsPerYearOf(spec ?? '1m', configuredPeriods),
      });
      if (record.kind === 'bar') {
        set.onBar(record);
        if (every !== undefined && set.bars % every === 0)
          rows.push({ time: nsToIso(record.endNs), values: set.snapshot().values });
      } else if (record.kind === 'quote') set.onQuote(record);
      else set.onTrade(record);
    }
  if (!set)
    throw new NautilusError(
      'BAD_REQUEST',
      `${flags.input}: no market-data records (bad rows: ${reader.stats.badRows})`,
    );
  const last = set.snapshot();
  const summary = {
    file: flags.input,
    symbol: last.symbol,
    spec: spec ?? null,
    layout: reader.stats.layout,
    records: reader.stats.recordsEmitted,
    badRows: reader.stats.badRows,
    bars: last.bars,
    window,
    periodsPerYear: set.settings.periodsPerYear,
    last: last.values,
    pointOfControl: last.values.volume_poc,
    ...(every !== undefined ? { rows } : {}),
  };
  if (flags.json) {
    io.out(`${toJson(summary)}\n`);
    return 0;
  }
  const lines = [
    `${summary.symbol} ${summary.spec ?? ''} from ${summary.file}: ${summary.records} records, ${summary.bars} bars, window ${window}`,
  ];
  const names = Object.keys(last.values);
  const cell = (value: number | null | undefined) => fmt(value ?? undefined);
  if (every !== undefined)
    lines.push(
      renderTable(
        ['time', ...names],
        rows.map((row) => [row.time, ...names.map((n) => cell(row.values[n]))]),
      ),
      '',
    );
  lines.push(
    renderTable(
      ['feature', 'last'],
      names.map((name) => [name, cell(last.values[name])]),
    ),
  );
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
