import { availableParallelism, loadavg } from 'node:os';
import { formatTable, progress, type Row } from './report.ts';

export type Phase = (quick: boolean) => Promise<{ rows: Row[]; json: Record<string, number> }>;

/** Runs phases in order, prints one table of their rows and, last, one JSON object of their figures. */
export async function runPhases(
  phases: ReadonlyArray<readonly [string, Phase]>,
  args: string[],
): Promise<void> {
  const quick = args.includes('--quick');
  const loadBefore = loadavg()[0]!;
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  for (const [name, run] of phases) {
    progress(name);
    const result = await run(quick);
    rows.push(...result.rows);
    Object.assign(figures, result.json);
  }
  const loadAfter = loadavg()[0]!;
  rows.push({
    metric: `machine: ${availableParallelism()} cores, load avg 1 min`,
    value: `${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
  });
  console.log(formatTable(rows));
  console.log(
    JSON.stringify({
      ...figures,
      quick,
      cores: availableParallelism(),
      load_avg_1m: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
    }),
  );
}
