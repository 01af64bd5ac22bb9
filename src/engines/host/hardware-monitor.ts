import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const NS_PER_MS = 1e6;
const RESOLUTION_MS = 20;

export interface HardwareStatus {
  cores: number;
  cpuModel: string;
  loadAvg: { m1: number; m5: number; m15: number };
  memory: {
    totalBytes: number;
    freeBytes: number;
    rssBytes: number;
    heapUsedBytes: number;
    heapTotalBytes: number;
  };
  /** Event-loop delay beyond the 20 ms sampling interval, since the host started. */
  eventLoopLagMs: { mean: number; p50: number; p99: number; max: number };
  /** No engine runs worker threads yet: every pool figure is honestly zero. */
  workerPools: { pools: number; threads: number; busy: number };
}

/** The /hardware/status figures of the host process. */
export class HardwareMonitor {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  start(): void {
    this.loop.enable();
  }

  stop(): void {
    this.loop.disable();
  }

  status(): HardwareStatus {
    const [m1 = 0, m5 = 0, m15 = 0] = loadavg();
    const memory = process.memoryUsage();
    // The histogram records whole timer intervals (measured: ~20 ms when idle): the lag is the excess.
    const ms = (ns: number) =>
      Number.isFinite(ns) ? Math.max(0, Math.round((ns / NS_PER_MS - RESOLUTION_MS) * 1000) / 1000) : 0;
    return {
      cores: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAvg: { m1, m5, m15 },
      memory: {
        totalBytes: totalmem(),
        freeBytes: freemem(),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
      },
      eventLoopLagMs: {
        mean: ms(this.loop.mean),
        p50: ms(this.loop.percentile(50)),
        p99: ms(this.loop.percentile(99)),
        max: ms(this.loop.max),
      },
      workerPools: { pools: 0, threads: 0, busy: 0 },
    };
  }
}
