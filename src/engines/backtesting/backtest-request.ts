import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { NautilusError } from '../../core/errors.ts';
import type { BacktestSpec } from './backtest-spec.ts';
import { OBJECTIVES, type Objective } from './objective.ts';
import { checkGrid, type GridAxis } from './param-grid.ts';
import { specDefaults } from './spec-defaults.ts';
import { MAX_FOLDS } from './walk-forward-folds.ts';

const paramValue = z.union([z.number(), z.string(), z.boolean()]);

/** The body of `POST /backtests`. */
export const backtestBodySchema = z
  .strictObject({
    strategy: z.string().min(1),
    params: z.record(z.string(), paramValue).default({}),
    dataFiles: z.array(z.string().min(1)).min(1),
    symbol: z.string().min(1).optional(),
    barSpec: z.string().min(1).optional(),
    capital: z.number().positive().default(100_000),
    /** Parameter name -> values; the grid is their cartesian product, in the order given. */
    sweep: z.record(z.string(), z.array(paramValue).min(1)).optional(),
    objective: z.enum(OBJECTIVES).default('sharpe'),
    walkForward: z.int().min(1).max(MAX_FOLDS).optional(),
  })
  .refine((body) => body.walkForward === undefined || body.sweep !== undefined, {
    message: 'walkForward needs a sweep grid to optimise',
    path: ['walkForward'],
  });

export type BacktestKind = 'backtest' | 'sweep' | 'walk-forward';

export interface BacktestRequest {
  kind: BacktestKind;
  spec: BacktestSpec;
  grid?: GridAxis[];
  objective: Objective;
  folds?: number;
}

/**
 * Checks a body field by field (the error names the field) and resolves its data files inside
 * `dataRoot`: a path that escapes it, by `..`, an absolute path or a symlink, is refused, and a
 * missing file is named now rather than failing the run later.
 */
export async function parseBacktestBody(body: unknown, dataRoot: string): Promise<BacktestRequest> {
  const parsed = backtestBodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new NautilusError('BAD_REQUEST', `backtest body: ${problems.join('; ')}`, {
      details: { issues: problems },
    });
  }
  const input = parsed.data;
  const dataFiles = await Promise.all(input.dataFiles.map((file, i) => insideRoot(dataRoot, file, i)));
  const grid = input.sweep && Object.entries(input.sweep).map(([name, values]) => ({ name, values }));
  if (grid) {
    checkGrid(grid);
    for (const { name } of grid)
      if (name in input.params) throw new NautilusError('BAD_REQUEST', `sweep.${name}: also given in params`);
  }
  const { params, barSpec } = specDefaults({ ...input, dataFiles });
  return {
    kind: input.walkForward ? 'walk-forward' : grid ? 'sweep' : 'backtest',
    spec: {
      strategy: input.strategy,
      params,
      dataFiles,
      symbol: input.symbol,
      barSpec,
      capital: input.capital,
    },
    grid,
    objective: input.objective,
    folds: input.walkForward,
  };
}

/** Runs a request makes: 1, the grid's size, or per fold the grid plus one out-of-sample run. */
export function runsOf(request: BacktestRequest): number {
  if (!request.grid) return 1;
  const grid = checkGrid(request.grid);
  return request.folds ? request.folds * (grid + 1) : grid;
}

async function insideRoot(dataRoot: string, file: string, index: number): Promise<string> {
  const field = `dataFiles.${index}`;
  const root = await realpath(resolve(dataRoot)).catch(() => {
    throw new NautilusError('CONFIG_INVALID', `backtesting dataRoot ${dataRoot} does not exist`);
  });
  const escapes = (path: string) => {
    const rel = relative(root, path);
    return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  };
  const lexical = resolve(root, file);
  if (escapes(lexical))
    throw new NautilusError('BAD_REQUEST', `${field}: ${file} is outside the data root ${dataRoot}`);
  const real = await realpath(lexical).catch(() => {
    throw new NautilusError('BAD_REQUEST', `${field}: no such file ${file} under the data root ${dataRoot}`);
  });
  if (escapes(real))
    throw new NautilusError('BAD_REQUEST', `${field}: ${file} links outside the data root ${dataRoot}`);
  return real;
}
