import { NautilusError } from '../../core/errors.ts';

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** One swept parameter and the values it takes, in the order given. */
export interface GridAxis {
  name: string;
  values: ParamValue[];
}

/** A sweep bigger than this is almost always a typo (a missing comma makes 10 runs 10,000). */
export const MAX_GRID_RUNS = 10_000;

/** `10` -> 10, `true` -> true, anything else stays text (the strategy's schema has the last word). */
export function parseParamValue(text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** `name=value` words -> params, for `--param`. */
export function parseParams(words: readonly string[], flag = '--param'): Params {
  const params: Params = {};
  for (const word of words) {
    const at = word.indexOf('=');
    if (at <= 0) throw new NautilusError('BAD_REQUEST', `${flag} ${word}: expected name=value, e.g. fast=10`);
    params[word.slice(0, at)] = parseParamValue(word.slice(at + 1));
  }
  return params;
}

/** `name=v1,v2,...` words -> axes, for `--sweep`. */
export function parseGrid(words: readonly string[]): GridAxis[] {
  return words.map((word) => {
    const at = word.indexOf('=');
    if (at <= 0)
      throw new NautilusError('BAD_REQUEST', `--sweep ${word}: expected name=v1,v2,..., e.g. fast=5,10,20`);
    const values = word
      .slice(at + 1)
      .split(',')
      .filter((text) => text !== '')
      .map(parseParamValue);
    return { name: word.slice(0, at), values };
  });
}

/** Refuses an empty grid, a repeated name or value, an axis with no values, or more than MAX_GRID_RUNS runs. */
export function checkGrid(grid: readonly GridAxis[]): number {
  if (grid.length === 0) throw new NautilusError('BAD_REQUEST', 'sweep: the grid is empty (give name=v1,v2)');
  const seen = new Set<string>();
  let runs = 1;
  for (const { name, values } of grid) {
    if (seen.has(name)) throw new NautilusError('BAD_REQUEST', `sweep: ${name} is swept twice`);
    seen.add(name);
    if (values.length === 0) throw new NautilusError('BAD_REQUEST', `sweep: ${name} has no values`);
    if (new Set(values).size !== values.length)
      throw new NautilusError('BAD_REQUEST', `sweep: ${name} repeats a value (${values.join(',')})`);
    runs *= values.length;
  }
  if (runs > MAX_GRID_RUNS)
    throw new NautilusError(
      'BAD_REQUEST',
      `sweep: ${runs.toLocaleString('en-US')} runs (${grid.map((a) => a.values.length).join(' x ')}) is over the limit of ${MAX_GRID_RUNS.toLocaleString('en-US')}`,
    );
  return runs;
}

/**
 * Every combination, the first axis varying slowest: the position in this list is the tie-break
 * of a ranking, so equal objectives come out in the order the grid was written.
 */
export function expandGrid(grid: readonly GridAxis[]): Params[] {
  checkGrid(grid);
  let combos: Params[] = [{}];
  for (const { name, values } of grid)
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  return combos;
}
