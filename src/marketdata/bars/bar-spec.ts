import type { Nanos } from '../../domain/time.ts';

export type BarSpecKind = 'time' | 'tick' | 'volume';

/** Largest unit first so 60s prints as '1m', not '60s'. */
const TIME_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['d', 86_400_000_000_000n],
  ['h', 3_600_000_000_000n],
  ['m', 60_000_000_000n],
  ['s', 1_000_000_000n],
  ['ms', 1_000_000n],
  ['us', 1_000n],
  ['ns', 1n],
];

/** The `spec` string of a bar: '1m' (time), '100t' (ticks), '1000v' (volume). */
export function specOf(kind: 'time', intervalNs: Nanos): string;
export function specOf(kind: 'tick' | 'volume', size: number): string;
export function specOf(kind: BarSpecKind, size: Nanos | number): string {
  if (kind === 'time') {
    const ns = BigInt(size);
    if (ns <= 0n) throw new RangeError(`bar interval must be > 0 ns, got ${ns}`);
    const [unit, unitNs] = TIME_UNITS.find(([, unitNs]) => ns % unitNs === 0n)!;
    return `${ns / unitNs}${unit}`;
  }
  return `${size}${kind === 'tick' ? 't' : 'v'}`;
}

export type ParsedBarSpec =
  | { kind: 'time'; intervalNs: Nanos }
  | { kind: 'tick'; size: number }
  | { kind: 'volume'; size: number };

const SPEC_TEXT = /^(\d+)(ns|us|ms|s|m|h|d|t|v)$/;

/** '1m' | '15s' | '1h' -> time bars, '100t' -> tick bars, '5000v' -> volume bars. */
export function parseBarSpec(spec: string): ParsedBarSpec {
  const match = SPEC_TEXT.exec(spec);
  const size = match ? Number(match[1]) : 0;
  if (!match || !Number.isSafeInteger(size) || size <= 0)
    throw new RangeError(
      `bar spec "${spec}": expected <n><unit> with unit ns, us, ms, s, m, h, d (time), t (ticks) or v (volume), e.g. 1m, 100t, 5000v`,
    );
  const unit = match[2]!;
  if (unit === 't') return { kind: 'tick', size };
  if (unit === 'v') return { kind: 'volume', size };
  const unitNs = TIME_UNITS.find(([name]) => name === unit)![1];
  return { kind: 'time', intervalNs: BigInt(size) * unitNs };
}
