import type { Nanos } from '../../../domain/time.ts';
import type { Bar } from '../types.ts';

export const MINUTE_NS = 60_000_000_000n;

/**
 * One-minute bars of `symbol` with the given closes (open = previous close, high/low around
 * them), bar i spanning [start + i*step, start + (i+1)*step).
 */
export function barsFromCloses(
  symbol: string,
  closes: readonly number[],
  opts: { startNs?: Nanos; stepNs?: Nanos; spec?: string } = {},
): Bar[] {
  const start = opts.startNs ?? 0n;
  const step = opts.stepNs ?? MINUTE_NS;
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return {
      kind: 'bar',
      symbol,
      spec: opts.spec ?? '1-MINUTE-LAST',
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
      volume: 100,
      startNs: start + BigInt(i) * step,
      endNs: start + BigInt(i + 1) * step,
    };
  });
}
