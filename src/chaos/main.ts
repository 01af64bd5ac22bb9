import { resolve } from 'node:path';
import { Command } from 'commander';
import { runCampaign } from './campaign.ts';
import { renderCampaign } from './report.ts';

/** `npm run chaos [-- --quick] [--only a,b] [--processes N] [--dir d] [--keep]`: exit 0 only when every scenario passes. */
const program = new Command('chaos')
  .description('fault campaign over a local cluster: prints a table, then one JSON line')
  .option('--dir <dir>', 'cluster directory (wiped first)', './data/chaos')
  .option('--processes <n>', 'engine processes (default 6)', (v) => Number(v))
  .option('--only <names>', 'comma-separated scenario names')
  .option('--quick', 'halve the hold times between faults (fault durations stay)')
  .option('--keep', 'leave the cluster running')
  .action(
    async (opts: { dir: string; processes?: number; only?: string; quick?: boolean; keep?: boolean }) => {
      const report = await runCampaign({
        dir: resolve(opts.dir),
        processes: opts.processes,
        only: opts.only?.split(',').map((s) => s.trim()),
        quick: opts.quick,
        keep: opts.keep,
        say: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(renderCampaign(report));
      process.exitCode = report.passed ? 0 : 1;
    },
  );

await program.parseAsync();
