import type { Command } from 'commander';
import { factorsReturnsCommand } from './returns-command.ts';

/** Adds `factors returns` (the Toraniko factor model on a panel CSV; no config, no bus). */
export function registerFactorsCommands(
  program: Command,
  io: { out: (text: string) => void; err: (text: string) => void },
  setExit: (code: number) => void,
): void {
  const factors = program.command('factors').description('equity factor model (Toraniko)');
  factors
    .command('returns')
    .description('market, sector and style (momentum, size, value) factor returns per date of a long panel')
    .requiredOption(
      '--input <csv>',
      'long panel: date,symbol,return,market_cap,sector[,book_price,sales_price,cf_price]',
    )
    .option('--mode <mode>', 'two-stage (Toraniko: styles on sector residuals, default) or joint')
    .option('--momentum-window <n>', 'returns in the momentum window (default 504)')
    .option('--half-life <n>', 'momentum weight half-life in periods (default 126)')
    .option('--lag <n>', 'periods between the momentum window and the date (default 20)')
    .option(
      '--size-quantiles <lower,upper>',
      'zero size exposures between these quantiles (default 0.3,0.7; none)',
    )
    .option('--returns-winsor <p>', "winsorise each date's returns at p and 1-p (default 0.05; none)")
    .option('--min-assets <n>', 'skip dates with fewer assets (default 3)')
    .option('--json', 'print JSON')
    .action((flags) => setExit(factorsReturnsCommand(flags, io)));
}
