/** Input guards shared by the analytics modules. Every failure is a RangeError naming the argument. */

export function assertNonEmpty(name: string, values: ArrayLike<unknown>): void {
  if (values.length === 0) throw new RangeError(`${name} must not be empty`);
}

export function assertSameLength(
  nameA: string,
  a: ArrayLike<unknown>,
  nameB: string,
  b: ArrayLike<unknown>,
): void {
  if (a.length !== b.length) {
    throw new RangeError(`${nameA} and ${nameB} must have the same length (got ${a.length} and ${b.length})`);
  }
}

/** Confidence (or cutoff) must lie strictly inside (0, 1). */
export function assertProbability(name: string, p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${name} must be in (0, 1), got ${p}`);
}

export function assertPositiveInteger(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
}

export function assertFinite(name: string, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
}

/** Square, symmetric (to 1e-12 relative), finite matrix of the given size (if provided). */
export function assertCovariance(name: string, m: readonly (readonly number[])[], size?: number): void {
  const n = m.length;
  if (n === 0) throw new RangeError(`${name} must not be empty`);
  if (size !== undefined && n !== size)
    throw new RangeError(`${name} must be ${size}x${size}, got ${n} rows`);
  for (let i = 0; i < n; i++) {
    const row = m[i]!;
    if (row.length !== n)
      throw new RangeError(`${name} must be square (row ${i} has ${row.length} columns, expected ${n})`);
    for (let j = 0; j < n; j++) {
      const v = row[j]!;
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}][${j}] must be finite, got ${v}`);
      const w = m[j]![i]!;
      if (Math.abs(v - w) > 1e-12 * Math.max(1, Math.abs(v), Math.abs(w))) {
        throw new RangeError(`${name} must be symmetric ([${i}][${j}] != [${j}][${i}])`);
      }
    }
    if (row[i]! < 0) throw new RangeError(`${name}[${i}][${i}] (a variance) must be >= 0`);
  }
}
