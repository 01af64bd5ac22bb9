/** Integer nanoseconds since the UNIX epoch. Never a float: 2^53 ns is only ~104 days. */
export type Nanos = bigint;

export const NS_PER_MS = 1_000_000n;
export const NS_PER_SECOND = 1_000_000_000n;

export function msToNs(ms: number): Nanos {
  if (!Number.isFinite(ms)) throw new RangeError(`msToNs: not a finite number: ${ms}`);
  const whole = Math.trunc(ms);
  return BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

/** Lossy by design: for display, rates and latencies, never for accounting or ordering. */
export function nsToMs(ns: Nanos): number {
  return Number(ns / NS_PER_MS) + Number(ns % NS_PER_MS) / 1e6;
}

export function nsToIso(ns: Nanos): string {
  const ms = ns / NS_PER_MS;
  const iso = new Date(Number(ms)).toISOString();
  const sub = (ns % NS_PER_SECOND).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${sub}Z`;
}

const NANOS_TEXT = /^-?\d{1,20}$/;

/** Parses the wire form of a timestamp (decimal string or safe integer). */
export function parseNanos(value: unknown): Nanos {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && NANOS_TEXT.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`not an integer-nanosecond timestamp: ${JSON.stringify(String(value))}`);
}

/** JSON.stringify replacer: bigint timestamps as decimal text, their wire form. */
export function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
