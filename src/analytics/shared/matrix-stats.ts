/** Column statistics of an observations-by-assets matrix (rows = time, columns = assets). */
import { assertNonEmpty, assertSameLength } from './validate.ts';

/** Checks a rectangular, non-empty matrix of finite numbers and returns its column count. */
export function assertObservations(name: string, rows: readonly (readonly number[])[]): number {
  assertNonEmpty(name, rows);
  const k = rows[0]!.length;
  if (k === 0) throw new RangeError(`${name} must have at least one column`);
  rows.forEach((row, t) => {
    if (row.length !== k) throw new RangeError(`${name} row ${t} has ${row.length} columns, expected ${k}`);
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError(`${name} row ${t} contains ${v}`);
  });
  return k;
}

/** Mean of each column. */
export function meanVector(rows: readonly (readonly number[])[]): number[] {
  const k = assertObservations('returns', rows);
  const mu = new Array<number>(k).fill(0);
  for (const row of rows) for (let j = 0; j < k; j++) mu[j]! += row[j]!;
  return mu.map((s) => s / rows.length);
}

/** Sample covariance matrix of the columns (ddof = 1 by default); needs more than `ddof` rows. */
export function covarianceMatrix(rows: readonly (readonly number[])[], ddof = 1): number[][] {
  const mu = meanVector(rows);
  const k = mu.length;
  if (rows.length - ddof <= 0) throw new RangeError(`returns needs more than ${ddof} observations`);
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of rows) {
    for (let i = 0; i < k; i++) {
      const di = row[i]! - mu[i]!;
      for (let j = i; j < k; j++) cov[i]![j]! += di * (row[j]! - mu[j]!);
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      cov[i]![j]! /= rows.length - ddof;
      cov[j]![i] = cov[i]![j]!;
    }
  }
  return cov;
}

/** Portfolio return per observation: sum_j w_j * r_tj (weights held constant, i.e. rebalanced). */
export function portfolioReturns(weights: readonly number[], rows: readonly (readonly number[])[]): number[] {
  const k = assertObservations('returns', rows);
  assertSameLength('weights', weights, 'returns columns', { length: k });
  return rows.map((row) => row.reduce((s, r, j) => s + weights[j]! * r, 0));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** m * v for a square matrix. */
export function matVec(m: readonly (readonly number[])[], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

/** w' S w. */
export function quadForm(m: readonly (readonly number[])[], w: readonly number[]): number {
  return dot(w, matVec(m, w));
}
