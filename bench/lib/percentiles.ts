/**
 * Percentiles by nearest rank over every sample (sorted copy): exact, like an HDR histogram with
 * unlimited precision, and affordable at benchmark sizes.
 */
export function percentiles(samples: Float64Array, quantiles: readonly number[]): number[] {
  if (samples.length === 0) return quantiles.map(() => Number.NaN);
  const sorted = Float64Array.from(samples).sort();
  return quantiles.map(
    (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!,
  );
}
