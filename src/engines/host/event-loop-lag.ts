import { type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

const RESOLUTION_MS = 20;
const WINDOW_MS = 10_000;
const STATS = ['p50', 'p99', 'max', 'mean'] as const;

export type LagSummary = Record<(typeof STATS)[number], number>;

/** What a lag summary reads from a delay histogram (node's IntervalHistogram has these). */
export interface DelaySamples {
  count: number;
  mean: number;
  max: number;
  percentile(p: number): number;
}

/**
 * Event-loop lag in seconds from a delay histogram sampled every `resolutionMs`: the histogram
 * records whole timer intervals, so the lag is the excess over the interval (0 when idle).
 */
export function lagSummary(samples: DelaySamples, resolutionMs: number): LagSummary {
  if (samples.count === 0) return { p50: 0, p99: 0, max: 0, mean: 0 };
  const excess = (ns: number) => Math.max(0, ns / 1e9 - resolutionMs / 1e3);
  return {
    p50: excess(samples.percentile(50)),
    p99: excess(samples.percentile(99)),
    max: excess(samples.max),
    mean: excess(samples.mean),
  };
}

/**
 * Event-loop lag over rolling windows of 10 s, for alerting (the /hardware/status figures are
 * since start, which never recover from one bad minute). Scrapes report the last complete
 * window, so every engine port of the process scraped at any time gives the same figures.
 */
export class EventLoopLag {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private windowStartMs = performance.now();
  private last: LagSummary | undefined;

  start(): void {
    this.histogram.enable();
    this.windowStartMs = performance.now();
  }

  stop(): void {
    this.histogram.disable();
  }

  /** The last complete window; before the first one ends, the figures so far. */
  read(nowMs = performance.now()): LagSummary {
    if (nowMs - this.windowStartMs >= WINDOW_MS) {
      this.last = lagSummary(this.histogram, RESOLUTION_MS);
      this.histogram.reset();
      this.windowStartMs = nowMs;
    }
    return this.last ?? lagSummary(this.histogram, RESOLUTION_MS);
  }
}

export function registerEventLoopMetrics(registry: Registry, lag: EventLoopLag): void {
  new Gauge({
    name: 'nautilus_event_loop_lag_seconds',
    help: 'Event-loop lag of the process over the last 10 s window, by stat (p50, p99, max, mean)',
    labelNames: ['stat'],
    registers: [registry],
    collect() {
      const summary = lag.read();
      for (const stat of STATS) this.set({ stat }, summary[stat]);
    },
  });
}
