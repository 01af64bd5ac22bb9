/**
 * Test vectors from empyrical's own test suite (empyrical/tests/test_stats.py), in fractions.
 * Reference values quoted in the tests are the ones that suite asserts to 8 decimals.
 */
export const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
export const simpleBenchmark = [0, 1, 0, 1, 0, 1, 0, 1, 0].map((x) => x / 100);
export const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
export const positiveReturns = [1, 2, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 100);
export const flatLine1 = new Array<number>(9).fill(0.01);
export const weeklyReturns = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
