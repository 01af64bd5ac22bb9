import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleValue } from '../../testing/prometheus-text.ts';
import { type DelaySamples, EventLoopLag, lagSummary, registerEventLoopMetrics } from './event-loop-lag.ts';

const fake = (values: Record<number, number>, mean: number, max: number, count = 100): DelaySamples => ({
  count,
  mean,
  max,
  percentile: (p) => values[p]!,
});

describe('lagSummary', () => {
  it('reports the excess over the sampling interval in seconds, never negative', () => {
    // Interval 20 ms: p50 21 ms -> 1 ms, p99 70 ms -> 50 ms, max 220 ms -> 200 ms, mean 19.5 ms -> 0.
    const summary = lagSummary(fake({ 50: 21e6, 99: 70e6 }, 19.5e6, 220e6), 20);
    expect(summary.p50).toBeCloseTo(0.001, 12);
    expect(summary.p99).toBeCloseTo(0.05, 12);
    expect(summary.max).toBeCloseTo(0.2, 12);
    expect(summary.mean).toBe(0);
  });

  it('is all zero before any sample (an empty histogram reports a huge min and NaN mean)', () => {
    expect(lagSummary(fake({ 50: 0, 99: 0 }, Number.NaN, 0, 0), 20)).toEqual({
      p50: 0,
      p99: 0,
      max: 0,
      mean: 0,
    });
  });
});

describe('EventLoopLag', () => {
  const lags: EventLoopLag[] = [];
  afterEach(() => {
    for (const lag of lags.splice(0)) lag.stop();
  });

  it('exports nautilus_event_loop_lag_seconds by stat, and keeps the last window between rotations', async () => {
    const lag = new EventLoopLag();
    lags.push(lag);
    lag.start();
    const registry = new Registry();
    registerEventLoopMetrics(registry, lag);
    const text = await registry.metrics();
    for (const stat of ['p50', 'p99', 'max', 'mean'])
      expect(sampleValue(text, 'nautilus_event_loop_lag_seconds', { stat })).toBeGreaterThanOrEqual(0);
    // A read 10 s after the window start closes the window; reads before the next close repeat it.
    const closed = lag.read(performance.now() + 10_000);
    expect(lag.read(performance.now() + 10_001)).toBe(closed);
  });
});
