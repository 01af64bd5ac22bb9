import { Registry } from 'prom-client';
import { MemoryBus } from '../../src/bus/memory/memory-bus.ts';
import { parseConfig } from '../../src/core/config/load-config.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createMetricsRegistry } from '../../src/core/metrics.ts';
import { EngineHost } from '../../src/engines/host/engine-host.ts';
import { RiskMetrics } from '../../src/engines/risk/risk-metrics.ts';
import { ms, progress, type Row, rate } from './report.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const millis = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const REASONS = ['MAX_POSITION', 'PRICE_BAND', 'HALTED', 'MAX_ORDER_RATE'];

/** /metrics of a host running every engine (what Prometheus pays per scrape of one port), in ms. */
async function scrapeMs(scrapes: number): Promise<{ perScrape: number; bytes: number }> {
  const config = parseConfig([{ path: ['engines'], value: ['all'], source: 'bench' }]);
  const clock = new LiveClock();
  const host = new EngineHost({
    config,
    bus: new MemoryBus({ clock }),
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
  });
  await host.start();
  try {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < scrapes; i++) {
      const started = process.hrtime.bigint();
      const response = await host.http('risk').inject({ method: 'GET', url: '/metrics' });
      times.push(millis(started));
      bytes = response.body.length;
    }
    return { perScrape: median(times), bytes };
  } finally {
    await host.stop();
  }
}

/** Baseline: the process metrics alone (prom-client defaults), serialised the same way. */
async function defaultsMs(scrapes: number): Promise<number> {
  const registry = createMetricsRegistry({ instance: 'bench' });
  const times: number[] = [];
  for (let i = 0; i < scrapes; i++) {
    const started = process.hrtime.bigint();
    await registry.metrics();
    times.push(millis(started));
  }
  return median(times);
}

/** Risk's per-decision metric update (the only metric work on the order path), updates/s. */
function riskUpdatesPerS(n: number): number {
  const metrics = new RiskMetrics(new Registry(), () => 'ACTIVE');
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    if (i % 4 === 0) metrics.approved();
    else metrics.rejected(REASONS[i & 3]!);
  return n / (millis(started) / 1e3);
}

/** Baseline: the same counts kept in a plain Map. */
function mapUpdatesPerS(n: number): number {
  const counts = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const key = i % 4 === 0 ? 'approved' : REASONS[i & 3]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const perS = n / (millis(started) / 1e3);
  if (counts.size === 0) throw new Error('unreachable');
  return perS;
}

/**
 * Monitoring: the cost of one /metrics scrape with every engine registered (vs the prom-client
 * process metrics alone), and of risk's per-decision counter update (vs a plain Map count).
 */
export async function runMonitoringPhase(
  quick: boolean,
): Promise<{ rows: Row[]; json: Record<string, number> }> {
  progress('monitoring: /metrics scrape with every engine, risk counter updates');
  const scrapes = quick ? 20 : 100;
  const scrape = await scrapeMs(scrapes);
  const baseline = await defaultsMs(scrapes);
  const n = quick ? 200_000 : 2_000_000;
  const updates: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    bare.push(mapUpdatesPerS(n));
    updates.push(riskUpdatesPerS(n));
  }
  const perS = median(updates);
  const mapPerS = median(bare);
  return {
    rows: [
      {
        metric: `/metrics scrape, every engine (${Math.round(scrape.bytes / 1024)} KiB)`,
        value: ms(scrape.perScrape),
        baseline: ms(baseline),
        ratio: `${(scrape.perScrape / baseline).toFixed(1)}x`,
        target: '',
        verdict: '',
      },
      {
        metric: 'risk decision counter updates/s',
        value: rate(perS),
        baseline: rate(mapPerS),
        ratio: `${(mapPerS / perS).toFixed(1)}x slower`,
        target: '',
        verdict: '',
      },
    ],
    json: {
      metrics_scrape_ms: Number(scrape.perScrape.toFixed(3)),
      metrics_scrape_defaults_ms: Number(baseline.toFixed(3)),
      metrics_scrape_bytes: scrape.bytes,
      risk_metric_updates_per_s: Math.round(perS),
      risk_metric_updates_map_per_s: Math.round(mapPerS),
    },
  };
}
