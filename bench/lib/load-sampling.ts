import { readFileSync } from 'node:fs';
import type { BusStatus } from '../../src/bus/message-bus.ts';
import { NautilusError } from '../../src/core/errors.ts';
import { type Lane, laneOf, type MessageType } from '../../src/domain/message-types.ts';

/**
 * A process whose JS heap floor grows by less than this per minute counts as flat. Why 1 MB/min:
 * at the default 500 trades/s it is ~33 bytes per message, well below any per-message leak (an
 * envelope kept alive is ~1 KB). RSS is reported but not judged: its GC sawtooth moved the fitted
 * slope of 5-minute runs by -36 to +31 MB/min (measured) with no leak behind it.
 */
export const FLAT_MB_PER_MIN = 1;
/** Heap floor: the least heap used in each window of this length (what survived the last GCs). */
export const FLOOR_WINDOW_S = 30;
/** The first minute (JIT, caches and streams filling) is left out of the fit. */
export const SETTLE_S = 60;
/** Below this much fitted time no verdict is given. */
export const MIN_FIT_S = 120;

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

/**
 * Slope in MB/min of the heap floor after SETTLE_S: the minimum of each FLOOR_WINDOW_S window,
 * fitted by least squares against the window's middle. NaN with fewer than 3 windows.
 */
export function heapFloorGrowthMbPerMin(samples: ReadonlyArray<{ atS: number; mb: number }>): number {
  const floors: Array<{ atS: number; mb: number }> = [];
  for (const sample of samples) {
    if (sample.atS < SETTLE_S) continue;
    const window = Math.floor((sample.atS - SETTLE_S) / FLOOR_WINDOW_S);
    const atS = SETTLE_S + (window + 0.5) * FLOOR_WINDOW_S;
    const floor = floors.find((f) => f.atS === atS);
    if (!floor) floors.push({ atS, mb: sample.mb });
    else floor.mb = Math.min(floor.mb, sample.mb);
  }
  return slopePerMin(floors);
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

/** JS heap used by the process serving `engineUrl`, in MB (its /hardware/status). */
export async function heapUsedMb(engineUrl: string): Promise<number> {
  const response = await fetch(`${engineUrl}/hardware/status`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw new NautilusError('UPSTREAM_ERROR', `${engineUrl}/hardware/status answered ${response.status}`);
  }
  const body = (await response.json()) as { memory: { heapUsedBytes: number } };
  return body.memory.heapUsedBytes / 2 ** 20;
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
