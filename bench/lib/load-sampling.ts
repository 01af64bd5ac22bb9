import { readFileSync } from 'node:fs';
import type { BusStatus } from '../../src/bus/message-bus.ts';
import { NautilusError } from '../../src/core/errors.ts';
import { type Lane, laneOf, type MessageType } from '../../src/domain/message-types.ts';

/**
 * A process whose live heap (after each major GC) grows by less than this per minute counts as
 * flat. Why 1 MB/min: at the default 500 trades/s it is ~33 bytes per message, well below any
 * per-message leak (an envelope kept alive is ~1 KB). RSS is reported but not judged: its GC
 * sawtooth moved the fitted slope of 5-minute runs by -36 to +31 MB/min (measured).
 */
export const FLAT_MB_PER_MIN = 1;

export interface LaneCounts {
  market_data: number;
  engine_logic: number;
}

/** Resident set size of a live process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    throw new NautilusError('NOT_FOUND', `process ${pid} is gone: its RSS cannot be sampled`, {
      cause: error,
    });
  }
  const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1]);
  if (!Number.isFinite(kb)) throw new NautilusError('INTERNAL', `process ${pid}: no VmRSS in /proc status`);
  return kb / 1024;
}

/**
 * Least-squares slope in MB/min of the samples in the second half of the run: start-up (JIT,
 * caches filling, streams reaching maxLen) is over by then, so what is left is growth.
 */
export function growthMbPerMin(samples: ReadonlyArray<{ atS: number; mb: number }>): number {
  if (samples.length === 0) return Number.NaN;
  const end = samples.at(-1)!.atS;
  return slopePerMin(samples.filter((s) => s.atS >= end / 2));
}

function slopePerMin(points: ReadonlyArray<{ atS: number; mb: number }>): number {
  if (points.length < 3) return Number.NaN;
  const meanT = points.reduce((sum, s) => sum + s.atS, 0) / points.length;
  const meanM = points.reduce((sum, s) => sum + s.mb, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const s of points) {
    num += (s.atS - meanT) * (s.mb - meanM);
    den += (s.atS - meanT) ** 2;
  }
  return (num / den) * 60;
}

/** The bus status of the process serving `engineUrl` (one bus per process, whichever engine answers). */
export async function fetchBusStatus(engineUrl: string): Promise<BusStatus> {
  const response = await fetch(`${engineUrl}/messagebus/status`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw new NautilusError('UPSTREAM_ERROR', `${engineUrl}/messagebus/status answered ${response.status}`);
  }
  return (await response.json()) as BusStatus;
}

/** Messages published per lane, from a process's count per message type (the type decides the lane). */
export function publishedPerLane(status: Pick<BusStatus, 'publishedByType'>): LaneCounts {
  const counts: LaneCounts = { market_data: 0, engine_logic: 0 };
  for (const [type, count] of Object.entries(status.publishedByType)) {
    counts[laneOf(type as MessageType) as Lane] += count;
  }
  return counts;
}

export function addLanes(a: LaneCounts, b: LaneCounts, sign = 1): LaneCounts {
  return {
    market_data: a.market_data + sign * b.market_data,
    engine_logic: a.engine_logic + sign * b.engine_logic,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
