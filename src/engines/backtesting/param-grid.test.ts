import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../../analytics/performance/equity-metrics.ts';
import { objectiveValue, parseObjective, rankRuns } from './objective.ts';
import { expandGrid, MAX_GRID_RUNS, parseGrid, parseParams } from './param-grid.ts';

describe('parameter grid', () => {
  it('parses name=v1,v2 with numbers as numbers and expands the cartesian product, first axis slowest', () => {
    const grid = parseGrid(['fast=5,10', 'slow=20,50', 'mode=a']);
    expect(grid).toEqual([
      { name: 'fast', values: [5, 10] },
      { name: 'slow', values: [20, 50] },
      { name: 'mode', values: ['a'] },
    ]);
    expect(expandGrid(grid)).toEqual([
      { fast: 5, slow: 20, mode: 'a' },
      { fast: 5, slow: 50, mode: 'a' },
      { fast: 10, slow: 20, mode: 'a' },
      { fast: 10, slow: 50, mode: 'a' },
    ]);
    expect(parseParams(['fast=10', 'flag=true', 'name=x'])).toEqual({ fast: 10, flag: true, name: 'x' });
  });

  it('refuses an empty grid, a bad word, repeats and more than 10,000 runs', () => {
    expect(() => expandGrid([])).toThrow(/grid is empty/);
    expect(() => parseGrid(['fast'])).toThrow(/--sweep fast: expected name=v1,v2/);
    expect(() => expandGrid(parseGrid(['fast=']))).toThrow(/fast has no values/);
    expect(() => expandGrid(parseGrid(['fast=1', 'fast=2']))).toThrow(/fast is swept twice/);
    expect(() => expandGrid(parseGrid(['fast=1,1']))).toThrow(/fast repeats a value/);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1).join(',');
    expect(expandGrid(parseGrid([`a=${hundred}`, `b=${hundred}`]))).toHaveLength(MAX_GRID_RUNS);
    expect(() => expandGrid(parseGrid([`a=${hundred}`, `b=${hundred}`, 'c=1,2']))).toThrow(
      /20,000 runs \(100 x 100 x 2\) is over the limit of 10,000/,
    );
  });
});

describe('objective ranking', () => {
  const metrics = (sharpe: number, totalReturn = 0) => ({ sharpe, totalReturn }) as RunMetrics;

  it('ranks best first, NaN last, ties in grid order whatever the completion order', () => {
    const runs = [
      { index: 3, metrics: metrics(1) },
      { index: 0, metrics: metrics(Number.NaN) },
      { index: 2, metrics: metrics(2) },
      { index: 1, metrics: metrics(1) },
    ];
    const ranked = rankRuns(runs, 'sharpe');
    expect(ranked.map((run) => [run.rank, run.index])).toEqual([
      [1, 2],
      [2, 1],
      [3, 3],
      [4, 0],
    ]);
    expect(ranked.at(-1)!.objective).toBeNaN();
    expect(rankRuns([...runs].reverse(), 'sharpe')).toEqual(ranked);
    expect(objectiveValue(metrics(0, 0.05), 'total-return')).toBe(0.05);
  });

  it('names the objectives on a typo', () => {
    expect(parseObjective(undefined)).toBe('sharpe');
    expect(parseObjective('calmar')).toBe('calmar');
    expect(() => parseObjective('pnl')).toThrow(
      /unknown objective pnl \(objectives: sharpe, total-return, calmar, sortino\)/,
    );
  });
});
