import { basename } from 'node:path';
import { type Nanos, NS_PER_SECOND } from '../../domain/time.ts';

const EXTENSIONS = /\.(csv|parquet)(\.gz)?$/i;
const INTERVAL_TOKEN = /^(?:([mhd])(\d+)|(\d+)(m|min|h|d))$/i;
/** Tokens after the symbol in names like usdjpy-m1-bid-2013 or btcusdt-trades. */
const NOT_SYMBOL = /^(?:\d+|bid|ask|mid|trades?|quotes?|bars?|ticks?)$/i;
const SPEC_DURATION = /^(\d+)([smhd])(?![a-z])/;
const NS_PER_UNIT: Record<string, Nanos> = {
  s: NS_PER_SECOND,
  m: 60n * NS_PER_SECOND,
  h: 3600n * NS_PER_SECOND,
  d: 86_400n * NS_PER_SECOND,
};

function tokens(path: string): string[] {
  return basename(path).replace(EXTENSIONS, '').split(/[-_]/);
}

function intervalOf(token: string): string | undefined {
  const m = INTERVAL_TOKEN.exec(token);
  if (m === null) return undefined;
  const unit = (m[1] ?? m[4]!).toLowerCase();
  return `${m[2] ?? m[3]}${unit === 'min' ? 'm' : unit}`;
}

/** usdjpy-m1-bid-2013.csv -> USDJPY, btc-perp-..._1m.csv -> BTC-PERP, 6EH4.XCME_1min_... -> 6EH4.XCME. */
export function symbolFromFileName(path: string): string {
  const parts = tokens(path);
  const end = parts.findIndex((t) => NOT_SYMBOL.test(t) || intervalOf(t) !== undefined);
  const kept = parts.slice(0, end === -1 ? parts.length : end);
  return (kept.length > 0 ? kept : parts).join('-').toUpperCase();
}

/** Bar spec implied by the file name: interval token (m1, 1m, 1min) plus a bid/ask side when named. */
export function specFromFileName(path: string): string | undefined {
  const parts = tokens(path);
  const interval = parts.map(intervalOf).find((i) => i !== undefined);
  const side = parts.find((t) => /^(bid|ask)$/i.test(t))?.toLowerCase();
  if (interval === undefined) return undefined;
  return side === undefined ? interval : `${interval}-${side}`;
}

/** Bar length of a spec starting with a duration ('1m', '5m-bid', '1d'); undefined when it has none. */
export function specDurationNs(spec: string): Nanos | undefined {
  const m = SPEC_DURATION.exec(spec);
  return m === null ? undefined : BigInt(m[1]!) * NS_PER_UNIT[m[2]!]!;
}
