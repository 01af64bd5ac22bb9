import type { Command } from 'commander';
import { OPTIMISATION_METHODS } from '../../analytics/optimisation/optimisers.ts';
import { analyzeReturnsCommand } from './analyze-command.ts';
import { optimizeCommand } from './optimize-command.ts';
import { riskVarCommand, VAR_METHODS } from './risk-command.ts';

/** Adds `analyze returns`, `optimize` and `risk var` (pure analytics on CSV files; no config, no bus). */
export function registerAnalyticsCommands(
  program: Command,
  io: { out: (text: string) => void; err: (text: string) => void },
  setExit: (code: number) => void,
): void {
  const analyze = program.command('analyze').description('performance analytics of return series');
  analyze
    .command('returns')
    .description('every performance metric of a date,return CSV (Sharpe, Sortino, drawdown, alpha/beta, ...)')
    .requiredOption('--input <csv>', 'CSV with a date column and a return column (decimals: 0.0123 = 1.23%)')
    .option('--column <name>', 'the returns (or prices) column (default: "return", or the only one)')
    .option('--benchmark <column>', 'benchmark return column in the same file, for alpha and beta')
    .option('--from-prices', 'the file holds prices (date,price): use simple returns p_t / p_{t-1} - 1')
    .option('--period <period>', 'frequency of the returns: daily (252/year, default), weekly or monthly')
    .option(
      '--risk-free <rate>',
      'annual risk-free rate, e.g. 0.02 (default 0); per period: rate / periods-per-year',
    )
    .option('--rolling <window>', 'also print rolling Sharpe, volatility (and beta) over this many periods')
    .option('--json', 'print JSON')
    .action((flags) => setExit(analyzeReturnsCommand(flags, io)));
  program
    .command('optimize')
    .description('long-only portfolio weights from a wide daily price CSV (date, then one column per asset)')
    .requiredOption('--method <method>', `${OPTIMISATION_METHODS.join(', ')}`)
    .requiredOption(
      '--prices <csv>',
      'wide price CSV such as stock_prices.csv (blank leading prices allowed)',
    )
    .option('--assets <names>', 'comma-separated subset of the asset columns (default: all)')
    .option('--period <period>', 'frequency of the prices: daily (252/year, default), weekly or monthly')
    .option('--risk-free <rate>', 'annual risk-free rate for max-sharpe and the Sharpe ratio (default 0)')
    .option('--json', 'print JSON')
    .action((flags) => setExit(optimizeCommand(flags, io)));
  const risk = program.command('risk').description('portfolio risk measures');
  risk
    .command('var')
    .description('Value at Risk and Expected Shortfall of a return series or a weighted portfolio of columns')
    .requiredOption('--input <csv>', 'CSV with a date column and one or more return columns (decimals)')
    .requiredOption('--method <method>', `${VAR_METHODS.join(', ')}`)
    .option('--confidence <level>', 'confidence level in (0, 1) (default 0.95)')
    .option('--horizon <days>', 'holding period in days (default 1)')
    .option('--weights <pairs>', 'portfolio weights for a multi-column file, e.g. a=0.5,b=0.5')
    .option('--scaling <scaling>', 'historical: sqrt-time (default) or overlapping h-day returns')
    .option('--paths <n>', 'monte-carlo: simulated paths (default 10000)')
    .option('--seed <n>', 'monte-carlo: PRNG seed (default 42)')
    .option('--json', 'print JSON')
    .action((flags) => setExit(riskVarCommand(flags, io)));
}
