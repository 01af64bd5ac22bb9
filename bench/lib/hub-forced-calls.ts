import type { Nanos } from '../../src/domain/time.ts';
import type { DataType } from '../../src/marketdata/cache/cache-key.ts';
import type { Trace } from './hub-trace.ts';

export interface ForcedCallsRun {
  startNs: Nanos;
  stepNs: Nanos;
  /** Requests between settlements: every load started in a batch lands at its last request. */
  batch: number;
  count: number;
  ttlNs: Readonly<Record<DataType, Nanos>>;
}

/**
 * The upstream calls the TTL rules force on a trace, counted with nothing but per-key deadlines:
 * a request needs a call when its key has no fresh value and no call in flight. (A stale-safe type
 * serves its stale value meanwhile: that changes what the requester waits for, not the count.) No
 * cache that keeps to the TTLs can make fewer calls; one that makes more loses entries or loads
 * twice. Timing is the concurrent bench run's.
 */
export function forcedUpstreamCalls(trace: Trace, run: ForcedCallsRun): number {
  const keyCount = trace.keys.length;
  const freshUntil = new BigInt64Array(keyCount);
  const inFlight = new Uint8Array(keyCount);
  const flying: number[] = [];
  let nowNs = run.startNs;
  let calls = 0;
  for (let i = 0; i < run.count; i++) {
    nowNs += run.stepNs;
    const key = trace.requests[i]!;
    if (nowNs >= freshUntil[key]! && inFlight[key] === 0) {
      calls++;
      inFlight[key] = 1;
      flying.push(key);
    }
    if ((i + 1) % run.batch === 0 || i === run.count - 1) {
      for (const landed of flying) {
        freshUntil[landed] = nowNs + run.ttlNs[trace.keys[landed]!.dataType];
        inFlight[landed] = 0;
      }
      flying.length = 0;
    }
  }
  return calls;
}
