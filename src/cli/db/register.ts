import type { Command } from 'commander';
import { addConfigFlags } from '../config-flags.ts';
import { dbMigrateCommand, dbStatusCommand } from './db-command.ts';

/** Adds `db migrate` and `db status` (the store named by `store.url`). */
export function registerDbCommands(
  program: Command,
  io: { out: (text: string) => void; err: (text: string) => void },
  setExit: (code: number) => void,
): void {
  const db = program.command('db').description('the store (PGlite or PostgreSQL): schema migrations');
  addConfigFlags(db.command('migrate').description('apply pending migrations and prepare time partitions'))
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await dbMigrateCommand(flags, io.out)));
  addConfigFlags(db.command('status').description('list migrations: applied (with time), pending, changed'))
    .option('--json', 'print JSON')
    .action(async (flags) => setExit(await dbStatusCommand(flags, io.out)));
}
