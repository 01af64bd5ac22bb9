import type { Command } from 'commander';
import { featuresCommand } from './features-command.ts';

/** Adds `features` (the features engine's computation over a market-data file; no config, no bus). */
export function registerSignalsFeaturesCommands(
  program: Command,
  io: { out: (text: string) => void; err: (text: string) => void },
  setExit: (code: number) => void,
): void {
  program
    .command('features')
    .description(
      'rolling returns, volatilities, z-scores, flow, indicators (and spread/microprice for quotes) of a file',
    )
    .requiredOption('--input <file>', 'market-data CSV/Parquet file (bars, quotes or trades of one symbol)')
    .option('--symbol <symbol>', 'symbol for the records (default: from the file or its name)')
    .option(
      '--window <bars>',
      'bars in the volatility, z-score, flow and volume-profile windows (default 20)',
    )
    .option('--horizons <list>', 'return horizons in bars, e.g. 1,5,20 (default)')
    .option('--periods-per-year <n>', 'bars per year to annualise (default: from the bar spec, 252 for 1d)')
    .option('--every <bars>', 'also print every feature each this many bars')
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await featuresCommand(flags, io)));
}
