import { Command, CommanderError } from 'commander';
import { toNautilusError } from '../core/errors.ts';
import { registerAnalyticsCommands } from './analytics/register.ts';
import { backtestCommand } from './backtest-command.ts';
import { registerClusterCommands } from './cluster/register.ts';
import { configCommand } from './config-command.ts';
import { addConfigFlags } from './config-flags.ts';
import { fetchCommand } from './data/fetch-command.ts';
import { importCommand } from './data/import-command.ts';
import { registerDbCommands } from './db/register.ts';
import { registerFactorsCommands } from './factors/register.ts';
import { registerMarginCommand } from './margin/register.ts';
import { registerSecurityCommands } from './security-command.ts';
import { registerSignalsFeaturesCommands } from './signals/register.ts';
import { startCommand } from './start-command.ts';
import { statusCommand } from './status-command.ts';
import { registerVpinCommand } from './vpin/register.ts';

/** Bad config or usage: the operator must change the command line or the config. */
const EXIT_USAGE = 2;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('nautilus')
    .description('Event-driven trading platform: engines over a message bus')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  addConfigFlags(program.command('start').description('run engines until SIGINT/SIGTERM')).action(
    async (flags) => setExit(await startCommand(flags, io.out)),
  );
  addConfigFlags(
    program.command('status').description('show every engine instance: state, heartbeat, bus lag'),
  )
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await statusCommand(flags, io.out)));
  addConfigFlags(program.command('config').description('print the effective config (secrets masked)'))
    .option('--describe', 'list every option with env variable, default and description')
    .option('--json', 'print JSON')
    .action((flags) => setExit(configCommand(flags, io.out)));
  registerSecurityCommands(program, io.out, setExit);
  const data = program.command('data').description('market data: import files, fetch through the hub');
  addConfigFlags(data.command('import').description('import CSV/Parquet market-data files (layout detected)'))
    .argument('<files...>', 'CSV (.csv, .csv.gz) or Parquet files')
    .option('--format <layout>', 'require this detected layout (ohlcv-bars, quotes, trades, ...)')
    .option('--symbol <symbol>', 'symbol for every record (default: from the file or its name)')
    .option('--spec <spec>', 'bar spec such as 1m (default: from the file name)')
    .option('--time-zone <zone>', 'IANA zone of timestamps without an offset (default UTC)')
    .option(
      '--columns <json>',
      'column mapping for other layouts, e.g. {"time":"ts","price":"px","size":"qty"}',
    )
    .option('--bad-rows <policy>', 'skip (report and continue, default) or fail')
    .option('--out <dir>', 'output directory (default: <dataDir>/marketdata)')
    .action(async (files: string[], flags) =>
      setExit(await importCommand(files, flags, { ...io, tty: Boolean(process.stderr.isTTY) })),
    );
  addConfigFlags(data.command('fetch').description('fetch from an external source through the hub'))
    .argument('<source>', 'ibkr, alphavantage, yahoo, fred, sec-edgar, datagov, tradingeconomics, dbnomics')
    .argument('<operation>', 'e.g. quote, bars, series, facts, filings, search')
    .argument('[params...]', 'name=value pairs, e.g. id=GDP')
    .option('--hub <url>', 'ask a running hub, e.g. http://127.0.0.1:8800 (default: in-process hub)')
    .option('--as-of <time>', 'point in time (ISO or ns): only what was known then; refuses unsafe sources')
    .option('--allow-lookahead', 'with --as-of, allow sources that are not point-in-time safe')
    .action(async (source: string, operation: string, params: string[], flags) =>
      setExit(await fetchCommand(source, operation, params, flags, io.out)),
    );
  registerAnalyticsCommands(program, io, setExit);
  registerVpinCommand(program, io, setExit);
  registerFactorsCommands(program, io, setExit);
  registerSignalsFeaturesCommands(program, io, setExit);
  registerMarginCommand(program, io, setExit);
  registerDbCommands(program, io, setExit);
  registerClusterCommands(program, io, setExit);
  program
    .command('backtest')
    .description('replay market-data files through the strategy, risk, execution and portfolio engines')
    .requiredOption('--strategy <name>', 'ema-cross, mean-reversion or vpin-aware')
    .requiredOption(
      '--data <file>',
      'CSV/Parquet data file (repeatable)',
      (value, all: string[]) => [...all, value],
      [],
    )
    .option(
      '--param <name=value>',
      'strategy parameter (repeatable), e.g. fast=10',
      (value, all: string[]) => [...all, value],
      [],
    )
    .option('--symbol <symbol>', 'instrument (default: from the first file name)')
    .option('--bar-spec <spec>', 'bars the strategy trades on (default: from the file name, else 1m)')
    .option('--capital <amount>', 'starting capital in USD', '100000')
    .option('--json', 'print the deterministic JSON result')
    .option('--report <file>', 'write a self-contained HTML report')
    .option(
      '--sweep <name=v1,v2>',
      'sweep a parameter over values (repeatable; the grid is their cartesian product, at most 10,000 runs)',
      (value, all: string[]) => [...all, value],
      [],
    )
    .option('--workers <n>', 'worker threads for --sweep (default: one per core)')
    .option('--objective <name>', 'rank --sweep runs by sharpe (default), total-return, calmar or sortino')
    .option('--walk-forward <folds>', 'with --sweep: optimise on segment i, trade segment i+1, for N folds')
    .action(async (flags) =>
      setExit(await backtestCommand(flags, { ...io, tty: Boolean(process.stderr.isTTY) })),
    );
  return program;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 bad config or usage. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (exit) => {
    code = exit;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    // Commander has already printed its own one-line message (or the help text).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    const fault = toNautilusError(error);
    io.err(`nautilus: ${fault.message}\n`);
    return fault.code === 'CONFIG_INVALID' || fault.code === 'BAD_REQUEST' ? EXIT_USAGE : 1;
  }
}
