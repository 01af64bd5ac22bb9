import {
  type HorizonScaling,
  historicalVar,
  monteCarloVar,
  parametricVar,
  type VarMethod,
  type VarResult,
} from '../../analytics/index.ts';
import { renderTable } from '../table.ts';
import { type CsvTable, fileError, findColumn, readCsv, returnsColumn } from './csv.ts';
import { compute, fmt, numberOption, oneOf, pct, toJson, usage } from './shared.ts';

export const VAR_METHODS: readonly VarMethod[] = ['historical', 'parametric', 'monte-carlo'];
const SCALINGS: readonly HorizonScaling[] = ['sqrt-time', 'overlapping'];

export interface RiskVarFlags {
  input: string;
  method: string;
  confidence?: string;
  horizon?: string;
  weights?: string;
  paths?: string;
  seed?: string;
  scaling?: string;
  json?: boolean;
}

/** `a=0.5,b=0.5` against the file's columns (names case-insensitive, or 1-based numbers). */
function parseWeights(table: CsvTable, text: string): Map<number, number> {
  const weights = new Map<number, number>();
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    if (eq <= 0) throw usage(`--weights: expected name=weight pairs such as a=0.5,b=0.5, got ${part}`);
    const column = findColumn(table, part.slice(0, eq), '--weights');
    if (weights.has(column)) throw usage(`--weights: ${table.columns[column]} is given twice`);
    weights.set(column, numberOption(`--weights ${part.slice(0, eq).trim()}`, part.slice(eq + 1))!);
  }
  if (weights.size === 0) throw usage('--weights: no weights given');
  return weights;
}

/**
 * `nautilus risk var --input <csv> --method <m>`: Value at Risk and Expected Shortfall (positive
 * numbers = losses, as a fraction of portfolio value) of a return series, or of a weighted
 * portfolio of the return columns of a multi-column file.
 */
export function riskVarCommand(
  flags: RiskVarFlags,
  io: { out: (text: string) => void; err: (text: string) => void },
): number {
  const method = oneOf('--method', flags.method, VAR_METHODS, 'method');
  const confidence = numberOption('--confidence', flags.confidence, { above: 0, below: 1 }) ?? 0.95;
  const horizonDays = numberOption('--horizon', flags.horizon, { integer: true, min: 1 }) ?? 1;
  const paths = numberOption('--paths', flags.paths, { integer: true, min: 1 });
  const seed = numberOption('--seed', flags.seed, { integer: true });
  const scaling =
    flags.scaling === undefined ? undefined : oneOf('--scaling', flags.scaling, SCALINGS, 'scaling');
  if (method !== 'monte-carlo' && (paths !== undefined || seed !== undefined))
    throw usage('--paths and --seed apply to --method monte-carlo only');
  if (method !== 'historical' && scaling !== undefined)
    throw usage('--scaling applies to --method historical only');
  const table = readCsv(flags.input);
  const valueColumns = table.columns.map((_, i) => i).slice(1);
  let weights: Map<number, number>;
  if (flags.weights !== undefined) weights = parseWeights(table, flags.weights);
  else if (valueColumns.length === 1) weights = new Map([[1, 1]]);
  else
    throw fileError(
      table.file,
      `${valueColumns.length} return columns (${table.columns.slice(1).join(', ')}): pass --weights, e.g. ` +
        `${table.columns
          .slice(1, 3)
          .map((c) => `${c}=0.5`)
          .join(',')}`,
    );
  const columns = [...weights.keys()];
  const w = columns.map((c) => weights.get(c)!);
  const total = w.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9)
    io.err(
      `nautilus: warning: --weights sum to ${total}, not 1; VaR is a fraction of the capital they imply\n`,
    );
  const matrixByColumn = columns.map((c) => returnsColumn(table, c));
  const matrix = table.rows.map((_, t) => matrixByColumn.map((series) => series[t]!));
  const portfolio = matrix.map((row) => row.reduce((s, r, j) => s + w[j]! * r, 0));
  const result: VarResult = compute(flags.input, () => {
    if (method === 'historical') return historicalVar(portfolio, { confidence, horizonDays, scaling });
    if (method === 'parametric') return parametricVar(portfolio, { confidence, horizonDays });
    return monteCarloVar(w, matrix, { confidence, horizonDays, paths, seed });
  });
  const summary = {
    input: flags.input,
    method,
    confidence,
    horizonDays,
    observations: portfolio.length,
    weights: Object.fromEntries(columns.map((c, j) => [table.columns[c]!, w[j]!])),
    ...(method === 'historical' ? { scaling: scaling ?? 'sqrt-time' } : {}),
    ...(method === 'monte-carlo' ? { paths: paths ?? 10_000, seed: seed ?? 42 } : {}),
    var: result.var,
    es: result.es,
  };
  if (flags.json) {
    io.out(`${toJson(summary)}\n`);
    return 0;
  }
  const settings = [
    `${method} VaR/ES of ${portfolio.length} returns`,
    `confidence ${confidence}`,
    `horizon ${horizonDays} day${horizonDays === 1 ? '' : 's'}`,
    ...(summary.scaling ? [`scaling ${summary.scaling}`] : []),
    ...(summary.paths ? [`${summary.paths} paths, seed ${summary.seed}`] : []),
  ];
  io.out(`${settings.join(', ')}\n`);
  if (columns.length > 1 || flags.weights !== undefined)
    io.out(`weights: ${columns.map((c, j) => `${table.columns[c]}=${w[j]}`).join(', ')}\n`);
  io.out(
    `${renderTable(
      ['MEASURE', 'LOSS', '%'],
      [
        ['VaR', fmt(result.var), pct(result.var)],
        ['ES', fmt(result.es), pct(result.es)],
      ],
    )}\n`,
  );
  return 0;
}
