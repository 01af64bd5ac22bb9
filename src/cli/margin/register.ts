import type { Command } from 'commander';
import { marginCommand } from './margin-command.ts';

/** Adds `nautilus margin` (Reg T / FINRA 4210 or stress margin of a positions CSV; no bus). */
export function registerMarginCommand(
  program: Command,
  io: { out: (text: string) => void; err: (text: string) => void },
  setExit: (code: number) => void,
): void {
  program
    .command('margin')
    .description('margin of a positions CSV: equity, requirement, excess or deficit, the call and its cure')
    .requiredOption(
      '--positions <csv>',
      'CSV with columns symbol,quantity,price,cost_basis (quantity < 0: short)',
    )
    .option('--cash <balance>', 'cash balance, negative for a debit (default 0)')
    .option('--method <method>', 'regt (Reg T + FINRA 4210(c), default) or stress (±15% in 10 points)')
    .option('--json', 'print JSON (amounts as exact decimal strings)')
    .action((flags) => setExit(marginCommand(flags, io)));
}
