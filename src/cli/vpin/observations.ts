import { existsSync, statSync } from 'node:fs';
import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import { TimeBarAggregator } from '../../marketdata/bars/time-bar-aggregator.ts';
import type { FileRecord } from '../../marketdata/files/file-record.ts';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';

type BarRecord = Extract<FileRecord, { kind: 'bar' }>;
type TradeRecord = Extract<FileRecord, { kind: 'trade' }>;

export interface LoadedFile {
  symbol: string;
  bars: BarRecord[];
  trades: TradeRecord[];
  badRows: number;
}

function usage(message: string): NautilusError {
  return new NautilusError('BAD_REQUEST', message);
}

/** Bars and trades of one market-data file (any layout the reader detects), in file order. */
export async function loadFile(path: string, symbol: string | undefined): Promise<LoadedFile> {
  if (!existsSync(path)) throw usage(`--input: no such file: ${path}`);
  if (!statSync(path).isFile()) throw usage(`--input: not a file: ${path}`);
  const reader = readMarketDataFile(path, symbol === undefined ? {} : { symbol });
  const bars: BarRecord[] = [];
  const trades: TradeRecord[] = [];
  let quotes = 0;
  let name: string | undefined;
  for await (const batch of reader.batches())
    for (const record of batch) {
      name ??= record.symbol;
      if (record.kind === 'bar') bars.push(record);
      else if (record.kind === 'trade') trades.push(record);
      else quotes++;
    }
  if (bars.length === 0 && trades.length === 0)
    throw usage(
      `${path}: no bars or trades to classify (${quotes > 0 ? `${quotes} quotes` : `${reader.stats.badRows} bad rows, nothing readable`})`,
    );
  return { symbol: name!, bars, trades, badRows: reader.stats.badRows };
}

/**
 * Bars of `intervalNs` from a file's bars (epoch-aligned groups: open of the first, close of the
 * last, volumes summed) or from its trades (the project's time-bar aggregator). Bars already at
 * the interval pass through; bars longer than it cannot be split.
 */
export function timeBars(file: LoadedFile, intervalNs: Nanos, flag: string): BarRecord[] {
  if (file.bars.length === 0) {
    const aggregator = new TimeBarAggregator(file.symbol, intervalNs);
    const bars: BarRecord[] = [];
    for (const trade of file.trades) bars.push(...aggregator.add(trade));
    const last = file.trades.at(-1)!.tsNs;
    bars.push(...aggregator.flush(last + intervalNs));
    return bars;
  }
  const length = file.bars[0]!.endNs - file.bars[0]!.startNs;
  if (length > intervalNs)
    throw usage(
      `${flag}: the file's bars are ${length / 1_000_000_000n} s long; they cannot be cut into shorter bars`,
    );
  if (length === intervalNs) return file.bars;
  const out: BarRecord[] = [];
  let group: BarRecord | undefined;
  for (const bar of file.bars) {
    const startNs = bar.startNs - (((bar.startNs % intervalNs) + intervalNs) % intervalNs);
    if (group && group.startNs === startNs) {
      group.high = Math.max(group.high, bar.high);
      group.low = Math.min(group.low, bar.low);
      group.close = bar.close;
      group.volume += bar.volume;
      continue;
    }
    if (group) out.push(group);
    group = { ...bar, startNs, endNs: startNs + intervalNs };
  }
  out.push(group!);
  return out;
}
