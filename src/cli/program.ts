import { Command, CommanderError } from 'commander';
import { toNautilusError } from '../core/errors.ts';
import { configCommand } from './config-command.ts';
import { addConfigFlags } from './config-flags.ts';
import { startCommand } from './start-command.ts';
import { statusCommand } from './status-command.ts';

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
