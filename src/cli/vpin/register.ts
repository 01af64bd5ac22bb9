import type { Command } from 'commander';
import { vpinCommand } from './vpin-command.ts';

/** Adds `nautilus vpin` (VPIN of a market-data file; no config, no bus). */
export function registerVpinCommand(
  program: Command,
  io: { out: (text: string) => void },
  setExit: (code: number) => void,
): void {
  program
    .command('vpin')
    .description('VPIN per volume bucket of a bar or trade file, its CDF, and the toxicity gate score')
    .requiredOption('--input <file>', 'CSV (.csv, .csv.gz) or Parquet bars or trades, layout detected')
    .option('--symbol <symbol>', 'symbol (default: from the file or its name)')
    .option('--bars <spec>', 'time bars for BVC (trades are aggregated, finer bars resampled), default 1m')
    .option('--bucket-volume <V>', 'bucket volume V (default: average daily volume / --buckets-per-day)')
    .option('--buckets-per-day <n>', 'buckets per average day when V is not given (default 50)')
    .option('--window <n>', 'buckets in the VPIN window (default 50)')
    .option(
      '--classification <kind>',
      'bvc (default), tick, aggressor (trades with a side) or bvc-t (Student t)',
    )
    .option('--clock <clock>', 'volume (default) or time (VPIN over --bars intervals)')
    .option('--sigma-window <n>', 'BVC: bar price changes in the rolling σ (default 1000)')
    .option('--dof <nu>', 'bvc-t: degrees of freedom (default 0.25)')
    .option('--cdf-window <n>', 'VPIN values the empirical CDF ranks against (default 250)')
    .option('--gate-threshold <cdf>', 'toxicity gate: alert when CDF >= this (default 0.9)')
    .option(
      '--horizon <n>',
      'toxicity gate: bars (or trades) after an alert in which a move counts (default 30)',
    )
    .option('--k <k>', 'toxicity gate: a move counts when |return| > k·σ·√horizon (default 3)')
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await vpinCommand(flags, io)));
}
