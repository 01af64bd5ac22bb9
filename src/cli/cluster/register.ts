import type { Command } from 'commander';
import { clusterDownCommand, clusterStatusCommand, clusterUpCommand } from './cluster-command.ts';

/** Adds `cluster up`, `cluster down` and `cluster status`: the distributed topology on this machine. */
export function registerClusterCommands(
  program: Command,
  io: { out: (text: string) => void; err: (text: string) => void },
  setExit: (code: number) => void,
): void {
  const cluster = program
    .command('cluster')
    .description('the distributed topology as local processes: Redis x3, PostgreSQL, engine groups');
  const dir = '--dir <dir>';
  const dirHelp = 'cluster directory: state, configs, logs, data (default <dataDir>/cluster)';
  cluster
    .command('up')
    .description('start Redis, PostgreSQL and the engine processes; returns once every engine is alive')
    .option('--processes <n>', 'engine processes including the replicas (2-17, default 6: one per group)')
    .option(dir, dirHelp)
    .option(
      '--set <key.path=value>',
      'config option for every process (repeatable)',
      (value, all: string[]) => [...all, value],
      [],
    )
    .option('--port-offset <n>', 'added to every engine HTTP port (default 0; replicas add 20000)')
    .option('--store-url <url>', 'use this PostgreSQL instead of starting one')
    .option('--prefix <prefix>', 'bus.prefix of every process (default nautilus)')
    .option('--main-port <port>', 'main Redis (default 16379)')
    .option('--market-data-port <port>', 'MarketData bus Redis (default 16380)')
    .option('--engine-logic-port <port>', 'engine-logic bus Redis (default 16381)')
    .option('--postgres-port <port>', 'PostgreSQL (default 15432)')
    .action(async (flags) => setExit(await clusterUpCommand(flags, io.out)));
  cluster
    .command('down')
    .description('stop the engine processes (SIGTERM), then Redis, then PostgreSQL')
    .option(dir, dirHelp)
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await clusterDownCommand(flags, io.out)));
  cluster
    .command('status')
    .description('the processes and every engine instance of the running cluster')
    .option(dir, dirHelp)
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await clusterStatusCommand(flags, io.out)));
}
